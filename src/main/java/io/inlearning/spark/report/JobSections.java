package io.inlearning.spark.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sections every job's report has, read from its metrics.json map: timings per phase
 * ({@code timings_seconds}) and data quality ({@code records}: read, accepted, rejected by reason).
 */
public final class JobSections {
  private JobSections() {}

  /** Data quality, then timings: call after the job's own sections. */
  public static HtmlReport addStandard(HtmlReport page, Map<String, Object> metrics) {
    dataQuality(page, map(metrics.get("records")));
    timings(page, map(metrics.get("timings_seconds")));
    return page;
  }

  public static void dataQuality(HtmlReport page, Map<String, Object> records) {
    page.section("Data quality");
    if (records.isEmpty()) {
      page.paragraph("No record counts in metrics.json.");
      return;
    }
    page.table(new Table(List.of("records", "count"), List.of(
        List.of("read", count(records.get("read"))),
        List.of("accepted", count(records.get("accepted"))),
        List.of("rejected", count(records.get("rejected"))))));
    Map<String, Object> byReason = map(records.get("rejected_by_reason"));
    if (byReason.isEmpty()) {
      page.paragraph("No record was rejected.");
      return;
    }
    page.table(new Table(List.of("rejected because", "count"), byReason.entrySet().stream()
        .map(entry -> List.of(entry.getKey(), count(entry.getValue()))).toList()));
    Map<String, Number> counts = new LinkedHashMap<>();
    byReason.forEach((reason, count) -> counts.put(reason, (Number) count));
    page.chart(Charts.bar("Rejected records by reason", "reason", "records", counts));
  }

  public static void timings(HtmlReport page, Map<String, Object> timings) {
    page.section("Timings per phase");
    Map<String, Number> phases = new LinkedHashMap<>();
    timings.forEach((phase, seconds) -> {
      if (!phase.equals("total")) {
        phases.put(phase, (Number) seconds);
      }
    });
    if (phases.isEmpty()) {
      page.paragraph("No phase timings in metrics.json.");
      return;
    }
    page.chart(Charts.bar("Seconds per phase", "phase", "seconds", phases));
    page.table(new Table(List.of("phase", "seconds"), timings.entrySet().stream()
        .map(entry -> List.of(entry.getKey(), decimal(entry.getValue(), 3))).toList()));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  public static String count(Object value) {
    return value instanceof Number number ? String.format(Locale.ROOT, "%,d", number.longValue()) : "-";
  }

  public static String decimal(Object value, int digits) {
    return value instanceof Number number ? String.format(Locale.ROOT, "%." + digits + "f", number.doubleValue()) : "-";
  }
}
