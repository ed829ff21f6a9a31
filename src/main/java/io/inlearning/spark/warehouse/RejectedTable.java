package io.inlearning.spark.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.warehouse.Table.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code rejected} table: every record an ingest refused, with its reason, detail and source file.
 * An ingest replaces its own slice (one kind of record, one hour) in one commit, so running an hour again
 * leaves that hour's rejects once.
 */
public final class RejectedTable {
  private RejectedTable() {}

  /** Replaces the rejects of {@code kind} in {@code hour} by {@code rejected} (raw, reason, detail, source). */
  public static void replace(SparkSession spark, Warehouse warehouse, RawArea.Kind kind, Hour hour,
                             Dataset<Row> rejected) {
    DeltaTables.open(spark, warehouse, Table.REJECTED);
    rejected.select(lit(kind.folder()).as(Columns.KIND), lit(hour.toString()).as(Columns.HOUR),
            col("raw"), col("reason"), col("detail"), col("source"))
        .write().format("delta").mode("overwrite")
        .option("replaceWhere", Columns.KIND + " = '" + kind.folder() + "' AND " + Columns.HOUR + " = '" + hour + "'")
        .save(warehouse.location(Table.REJECTED));
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.read(spark, warehouse, Table.REJECTED);
  }
}
