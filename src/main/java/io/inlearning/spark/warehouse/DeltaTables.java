package io.inlearning.spark.warehouse;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Opens the warehouse's tables by path, creating an empty one with its schema the first time. */
final class DeltaTables {
  private DeltaTables() {}

  static DeltaTable open(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.createIfNotExists(spark)
        .location(warehouse.location(table))
        .addColumns(table.schema())
        .execute();
  }

  static boolean exists(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.isDeltaTable(spark, warehouse.location(table));
  }

  /** The table's rows; an empty table of the right schema when it does not exist yet. */
  static Dataset<Row> read(SparkSession spark, Warehouse warehouse, Table table) {
    if (!exists(spark, warehouse, table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").load(warehouse.location(table));
  }

  /** The merge condition of {@code table}'s key, target {@code t} against source {@code s}. */
  static String sameKey(Table table) {
    return table.key().stream().map(column -> "t." + column + " = s." + column)
        .collect(Collectors.joining(" AND "));
  }
}
