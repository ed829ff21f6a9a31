package io.inlearning.spark.warehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The streaming job's window tables, {@code category_windows} and {@code course_windows}: each micro-batch's
 * updated windows, with their figures so far, merged by (category or course, window start). A window's row
 * is replaced by its newer figures, so a replayed batch leaves the tables as they were.
 */
public final class WindowTables {
  private WindowTables() {}

  /** Merges {@code windows} (rows of {@code table}'s schema) into {@code table}. */
  public static void merge(SparkSession spark, Warehouse warehouse, Table table, Dataset<Row> windows) {
    if (table != Table.CATEGORY_WINDOWS && table != Table.COURSE_WINDOWS) {
      throw new IllegalArgumentException(table + " is not a window table");
    }
    DeltaTables.open(spark, warehouse, table).as("t")
        .merge(windows.as("s"), DeltaTables.sameKey(table))
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /** The rows of {@code table}, empty before the first batch. */
  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTables.read(spark, warehouse, table);
  }

  public static boolean exists(SparkSession spark, Warehouse warehouse, Table table) {
    return DeltaTables.exists(spark, warehouse, table);
  }
}
