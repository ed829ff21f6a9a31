package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Window figures as Parquet, for a sink that cannot upsert. Spark's file sink only appends, so each batch:
 * <ol>
 *   <li>writes its updated windows to {@code updates/batch_id=N/} (replaced if the batch is replayed);</li>
 *   <li>rebuilds {@code windows/}, the current figures with one row per (category, window start): the
 *   previous {@code windows/} plus this batch's updates, the row of the highest batch id winning. The new
 *   table is written to a hidden folder and swapped in by renames, so readers see the old or the new table,
 *   never a partial one; a replayed batch gives the same table.</li>
 * </ol>
 * Read {@code DIR/windows} for the figures; {@code DIR/updates} is the history of every batch's changes.
 */
public final class ParquetWindowSink implements WindowSink {
  private final String folder;

  public ParquetWindowSink(String folder) {
    this.folder = folder;
  }

  @Override
  public void write(Dataset<Row> windows, long batchId) {
    SparkSession spark = windows.sparkSession();
    String updates = folder + "/updates/batch_id=" + batchId;
    windows.coalesce(1).write().mode("overwrite").parquet(updates);
    Dataset<Row> changed = spark.read().parquet(updates).withColumn("batch_id", lit(batchId));
    Path current = new Path(folder, "windows");
    try {
      FileSystem fs = current.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Dataset<Row> all = fs.exists(current) ? spark.read().parquet(current.toString()).unionByName(changed) : changed;
      Dataset<Row> latest = all
          .withColumn("_rank", row_number().over(Window
              .partitionBy(col(WindowAggregation.CATEGORY), col(WindowAggregation.WINDOW_START))
              .orderBy(col("batch_id").desc())))
          .filter(col("_rank").equalTo(1))
          .drop("_rank");
      Path staging = new Path(folder, ".windows.tmp-" + UUID.randomUUID());
      latest.coalesce(1).write().parquet(staging.toString());
      swap(fs, staging, current);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + current, e);
    }
  }

  private static void swap(FileSystem fs, Path staging, Path current) throws IOException {
    Path old = new Path(current.getParent(), ".windows.old-" + UUID.randomUUID());
    if (fs.exists(current) && !fs.rename(current, old)) {
      throw new IOException("rename failed: " + current + " -> " + old);
    }
    if (!fs.rename(staging, current)) {
      throw new IOException("rename failed: " + staging + " -> " + current);
    }
    fs.delete(old, true);
  }

  @Override
  public Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    Path current = new Path(folder, "windows");
    try {
      if (!current.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(current)) {
        return Map.of();
      }
    } catch (IOException e) {
      return Map.of();
    }
    return AnalyticsReportPage.byCategory(spark.read().parquet(current.toString())
        .select(WindowAggregation.CATEGORY, WindowAggregation.WINDOW_START, WindowAggregation.COURSE_COUNT)
        .orderBy(col(WindowAggregation.WINDOW_START).desc()).limit(AnalyticsReportPage.WINDOWS).collectAsList());
  }

  @Override
  public long totalCourseCount(SparkSession spark) {
    Path current = new Path(folder, "windows");
    try {
      if (!current.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(current)) {
        return 0;
      }
    } catch (IOException e) {
      return -1;
    }
    Row sum = spark.read().parquet(current.toString()).agg(org.apache.spark.sql.functions.sum(WindowAggregation.COURSE_COUNT))
        .first();
    return sum.isNullAt(0) ? 0 : sum.getLong(0);
  }

  @Override
  public String describe() {
    return "parquet:" + folder;
  }
}
