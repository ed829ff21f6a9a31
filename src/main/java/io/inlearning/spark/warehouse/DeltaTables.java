package io.inlearning.spark.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Opens the warehouse's tables by path, creating an empty one with its schema the first time. */
final class DeltaTables {
  private DeltaTables() {}

  static DeltaTable open(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTable.createIfNotExists(spark)
        .location(qualified(spark, warehouse.location(table)))
        .addColumns(table.schema())
        .execute();
  }

  /**
   * The location with its file system and an absolute path: Delta's table builder reads a relative location
   * ({@code warehouse/courses}) as a table name, and refuses it.
   */
  private static String qualified(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + location, e);
    }
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
