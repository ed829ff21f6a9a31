package io.inlearning.spark.analytics.sink;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** The windows a sink read back for report.html, as one time series per category. */
final class CategorySeries {
  private CategorySeries() {}

  /** category -> window start -> course count, from rows of (category, window_start, course_count). */
  static Map<String, SortedMap<Instant, Long>> of(List<Row> rows) {
    Map<String, SortedMap<Instant, Long>> series = new TreeMap<>();
    for (Row row : rows) {
      Object start = row.get(1);
      Instant instant = start instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
          : start instanceof Instant value ? value : Instant.parse(start.toString());
      series.computeIfAbsent(row.getString(0), category -> new TreeMap<>()).put(instant, row.getLong(2));
    }
    return series;
  }
}
