package io.inlearning.spark.bench;

import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.sink.WindowSink;
import io.inlearning.spark.analytics.window.WindowAggregation;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import io.inlearning.spark.warehouse.WindowTables;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench window-sink}: the warehouse's window sink's write time per batch (a Delta {@code MERGE}) as its
 * table's history grows. Batch d updates every hourly window of day d for {@code keys} categories, so the
 * table ends with days x keys x 24 rows; the first and last batches' medians show whether a batch's cost
 * follows the table.
 */
public final class WindowSinkBenchmark {
  public record Options(int days, int keys, Path work) {}

  private WindowSinkBenchmark() {}

  public static Map<String, Object> run(SparkSession spark, Options options) {
    Warehouse warehouse = new Warehouse(options.work().resolve("window-sink-" + System.currentTimeMillis())
        .toString());
    WindowSink sink = new SinkTarget.Delta(warehouse).open();
    double[] seconds = new double[options.days()];
    for (int d = 0; d < options.days(); d++) {
      List<Row> rows = new ArrayList<>();
      Instant day = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(d));
      for (int key = 0; key < options.keys(); key++) {
        for (int hour = 0; hour < 24; hour++) {
          Instant start = day.plus(Duration.ofHours(hour));
          rows.add(RowFactory.create("category-" + key, Timestamp.from(start), Timestamp.from(start.plusSeconds(3600)),
              (long) (hour + key), 2.5, (long) (hour + key), 0L));
        }
      }
      long start = System.nanoTime();
      sink.write(spark.createDataFrame(rows, WindowAggregation.SCHEMA), d);
      seconds[d] = (System.nanoTime() - start) / 1e9;
    }
    int n = Math.max(1, Math.min(10, options.days() / 2));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("days", options.days());
    row.put("keys", options.keys());
    row.put("rows_in_table", WindowTables.read(spark, warehouse, Table.CATEGORY_WINDOWS).count());
    row.put("first_batches_median_seconds", Phases.round(median(Arrays.copyOfRange(seconds, 0, n))));
    row.put("last_batches_median_seconds", Phases.round(median(Arrays.copyOfRange(seconds, options.days() - n,
        options.days()))));
    row.put("total_seconds", Phases.round(Arrays.stream(seconds).sum()));
    System.out.printf("window sink (Delta MERGE): %d batches, %,d rows at the end: median write %.3f s over the first %d batches, "
            + "%.3f s over the last %d%n", options.days(), (long) row.get("rows_in_table"),
        row.get("first_batches_median_seconds"), n, row.get("last_batches_median_seconds"), n);
    return row;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
