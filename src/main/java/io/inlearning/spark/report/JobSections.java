package io.inlearning.spark.report;

import io.inlearning.spark.records.RecordCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sections every job's report has: data quality ({@code records}: read, accepted, rejected by reason) and
 * timings per phase ({@code timings_seconds}).
 */
public final class JobSections {
  private JobSections() {}

  /** Data quality, then timings: call after the job's own sections. */
  public static HtmlReport addStandard(HtmlReport page, RecordCounts records, Map<String, Double> timings) {
    dataQuality(page, records);
    timings(page, timings);
    return page;
  }

  public static void dataQuality(HtmlReport page, RecordCounts records) {
    page.section("Data quality");
    page.table(new Table(List.of("records", "count"), List.of(
        List.of("read", count(records.read())),
        List.of("accepted", count(records.accepted())),
        List.of("rejected", count(records.rejected())))));
    if (records.rejectedByReason().isEmpty()) {
      page.paragraph("No record was rejected.");
      return;
    }
    page.table(new Table(List.of("rejected because", "count"), records.rejectedByReason().entrySet().stream()
        .map(entry -> List.of(entry.getKey(), count(entry.getValue()))).toList()));
    page.chart(Charts.bar("Rejected records by reason", "reason", "records",
        new LinkedHashMap<String, Number>(records.rejectedByReason())));
  }

  public static void timings(HtmlReport page, Map<String, Double> timings) {
    timings(page, timings, null);
  }

  /** Timings per phase, with a sentence on what the phases are ({@code note}; may be null). */
  public static void timings(HtmlReport page, Map<String, Double> timings, String note) {
    page.section("Timings per phase");
    if (note != null) {
      page.paragraph(note);
    }
    Map<String, Number> phases = new LinkedHashMap<>();
    timings.forEach((phase, seconds) -> {
      if (!phase.equals("total")) {
        phases.put(phase, seconds);
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

  public static String count(Object value) {
    return value instanceof Number number ? String.format(Locale.ROOT, "%,d", number.longValue()) : "-";
  }

  /** A share as a percentage with one decimal: 0.4567 -> 45.7 %. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  public static String decimal(Object value, int digits) {
    return value instanceof Number number ? String.format(Locale.ROOT, "%." + digits + "f", number.doubleValue()) : "-";
  }
}
