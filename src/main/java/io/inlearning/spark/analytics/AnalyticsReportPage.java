package io.inlearning.spark.analytics;

import io.inlearning.spark.report.Charts;
import io.inlearning.spark.report.HtmlReport;
import io.inlearning.spark.report.JobSections;
import io.inlearning.spark.report.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** report.html of the analytics job: courses per category over time, late events, data quality, timings. */
final class AnalyticsReportPage {
  /** The most recent windows drawn: enough for weeks of hourly windows of a few dozen categories. */
  static final int WINDOWS = 5_000;

  private AnalyticsReportPage() {}

  static String render(AnalyticsMetrics metrics, Map<String, SortedMap<Instant, Long>> countsByCategory) {
    HtmlReport page = HtmlReport.titled("InLearning: course analytics", metrics.input() + " -> " + metrics.output());
    page.section("Courses per category over time");
    if (countsByCategory.isEmpty()) {
      page.paragraph("The sink holds no window yet (or cannot be read back: console).");
    } else {
      page.chart(Charts.timeSeries("Courses per category per window", "courses", countsByCategory));
    }
    AnalyticsMetrics.Late late = metrics.late();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("rows_dropped_by_watermark", JobSections.count(late.rowsDroppedByWatermark())));
    if (late.eventsInWindows() != null) {
      rows.add(List.of("events_in_windows", JobSections.count(late.eventsInWindows())));
      rows.add(List.of("late_events_dropped", JobSections.count(late.lateEventsDropped())));
    }
    page.section("Late events");
    page.table(new Table(List.of("figure", "value"), rows));
    return JobSections.addStandard(page, metrics.records(), metrics.timingsSeconds()).render();
  }

  /** category -> window start -> course count, from rows of (category, window_start, course_count). */
  static Map<String, SortedMap<Instant, Long>> byCategory(List<Row> rows) {
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
