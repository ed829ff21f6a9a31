package io.inlearning.spark.analytics.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.WindowAggregation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Window figures as Parquet, for a sink that cannot upsert. Spark's file sink only appends, so each batch:
 * <ol>
 *   <li>writes its updated windows to {@code updates/batch_id=N/} (replaced if the batch is replayed);</li>
 *   <li>rewrites the days of {@code windows/} it touched ({@code window_day=YYYY-MM-DD}, the UTC day of the
 *   window start): that day's rows plus this batch's updates, the row of the highest batch id winning. Each
 *   day is written to a hidden folder and swapped in by renames, so a reader sees a day's old or new rows,
 *   never a partial day; a replayed batch gives the same table.</li>
 * </ol>
 * Days the batch did not touch are neither read nor written: a batch costs what it changed, not the table's
 * history (the watermark keeps the changed windows to the last hours). Read {@code DIR/windows} for the
 * figures; {@code DIR/updates} is the history of every batch's changes. The per-course figures go the same
 * way to {@code DIR/course-windows} and {@code DIR/course-updates}, keyed by course id and window start.
 */
public final class ParquetWindowSink implements WindowSink {
  static final String DAY = "window_day";
  private static final String BATCH_ID = "batch_id";

  /** A table of windows, where each batch's changes go, and the column that names a window with its start. */
  private record Table(String name, String updates, String key) {}

  private static final Table WINDOWS = new Table("windows", "updates", WindowAggregation.CATEGORY);
  private static final Table COURSES = new Table("course-windows", "course-updates", CourseActivity.COURSE_ID);

  private final String folder;

  ParquetWindowSink(String folder) {
    this.folder = folder;
  }

  @Override
  public void prepare(SparkSession spark) {
    Path table = new Path(folder, WINDOWS.name());
    try {
      partitionByDay(spark, table.getFileSystem(spark.sparkContext().hadoopConfiguration()), table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
  }

  @Override
  public void write(Dataset<Row> windows, long batchId) {
    update(WINDOWS, windows, batchId);
  }

  @Override
  public void writeCourses(Dataset<Row> courseWindows, long batchId) {
    update(COURSES, courseWindows, batchId);
  }

  private void update(Table target, Dataset<Row> windows, long batchId) {
    SparkSession spark = windows.sparkSession();
    String updates = folder + "/" + target.updates() + "/batch_id=" + batchId;
    windows.coalesce(1).write().mode("overwrite").parquet(updates);
    Dataset<Row> changed = spark.read().parquet(updates).withColumn(BATCH_ID, lit(batchId)).withColumn(DAY, day());
    Path table = new Path(folder, target.name());
    try {
      FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<String> days = new ArrayList<>();
      List<String> existing = new ArrayList<>();
      for (Row day : changed.select(col(DAY).cast("string")).distinct().collectAsList()) {
        days.add(day.getString(0));
        Path part = dayFolder(table, day.getString(0));
        if (fs.exists(part)) {
          existing.add(part.toString());
        }
      }
      Dataset<Row> all = existing.isEmpty() ? changed : spark.read().option("basePath", table.toString())
          .parquet(existing.toArray(String[]::new)).unionByName(changed);
      Path staging = new Path(folder, "." + target.name() + ".tmp-" + UUID.randomUUID());
      latestPerWindow(all, target.key()).repartition(col(DAY)).write().partitionBy(DAY).parquet(staging.toString());
      fs.mkdirs(table);
      for (String day : days) {
        swap(fs, dayFolder(staging, day), dayFolder(table, day));
      }
      fs.delete(staging, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + table, e);
    }
  }

  private static Dataset<Row> latestPerWindow(Dataset<Row> rows, String key) {
    return rows
        .withColumn("_rank", row_number().over(Window
            .partitionBy(col(key), col(WindowAggregation.WINDOW_START))
            .orderBy(col(BATCH_ID).desc())))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /** The UTC day of the window start, counted from the epoch rather than formatted in the session's time zone. */
  private static Column day() {
    return expr("date_from_unix_date(cast(floor(unix_seconds(" + WindowAggregation.WINDOW_START + ") / 86400) as int))");
  }

  private static Path dayFolder(Path table, String day) {
    return new Path(table, DAY + "=" + day);
  }

  /**
   * A {@code windows/} written before tables were split by day holds its Parquet files directly: rewritten
   * once by day, and swapped in whole.
   */
  private void partitionByDay(SparkSession spark, FileSystem fs, Path table) throws IOException {
    if (!fs.exists(table)) {
      return;
    }
    boolean flat = false;
    for (FileStatus child : fs.listStatus(table)) {
      flat |= child.isFile() && child.getPath().getName().endsWith(".parquet");
    }
    if (!flat) {
      return;
    }
    Path staging = new Path(folder, ".windows.tmp-" + UUID.randomUUID());
    spark.read().parquet(table.toString())
        .withColumn(DAY, day())
        .repartition(col(DAY)).write().partitionBy(DAY).parquet(staging.toString());
    swap(fs, staging, table);
  }

  /** Puts {@code staging} where {@code current} is, by renames; the replaced folder is deleted. */
  private void swap(FileSystem fs, Path staging, Path current) throws IOException {
    Path old = new Path(folder, ".windows.old-" + UUID.randomUUID());
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
    try {
      return windowsTable(spark).map(table -> CategorySeries.of(table
          .select(WindowAggregation.CATEGORY, WindowAggregation.WINDOW_START, WindowAggregation.COURSE_COUNT)
          .orderBy(col(WindowAggregation.WINDOW_START).desc()).limit(RECENT_WINDOWS).collectAsList()))
          .orElse(Map.of());
    } catch (IOException e) {
      return Map.of();
    }
  }

  @Override
  public Optional<Long> totalCourseCount(SparkSession spark) {
    try {
      return Optional.of(windowsTable(spark).map(table -> {
        Row sum = table.agg(sum(WindowAggregation.COURSE_COUNT)).first();
        return sum.isNullAt(0) ? 0 : sum.getLong(0);
      }).orElse(0L));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<CourseTotals> topCourses(SparkSession spark) {
    try {
      return table(spark, COURSES).map(CourseTotals::top).orElse(List.of());
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The current windows table, or empty before any batch has written it. */
  private Optional<Dataset<Row>> windowsTable(SparkSession spark) throws IOException {
    return table(spark, WINDOWS);
  }

  private Optional<Dataset<Row>> table(SparkSession spark, Table table) throws IOException {
    Path current = new Path(folder, table.name());
    if (!current.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(current)) {
      return Optional.empty();
    }
    return Optional.of(spark.read().parquet(current.toString()));
  }

  @Override
  public String describe() {
    return "parquet:" + folder;
  }
}
