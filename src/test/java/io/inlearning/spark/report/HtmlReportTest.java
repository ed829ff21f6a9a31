package io.inlearning.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.ReportImages;
import io.inlearning.spark.records.RecordCounts;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  @Test
  void everyKindOfChartIsDrawn() throws IOException {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("model", List.of(0.4, 0.3));
    series.put("baseline", List.of(0.1, 0.2));
    SortedMap<Instant, Long> programming = new TreeMap<>(Map.of(
        Instant.parse("2026-01-01T10:00:00Z"), 4L, Instant.parse("2026-01-01T11:00:00Z"), 9L));
    SortedMap<Instant, Long> music = new TreeMap<>(Map.of(Instant.parse("2026-01-01T10:00:00Z"), 2L));
    for (ChartImage chart : List.of(
        Charts.bar("bars", "x", "y", Map.of("a", 1, "b", 3)),
        Charts.groupedBar("groups", "metric", "value", List.of("ndcg", "map"), series),
        Charts.histogram("histogram", "score", new double[] {0, 0.5, 1}, new long[] {3, 7}),
        Charts.heatMap("heat", "predicted", List.of("a", "b"), "actual", List.of("a", "b"), new long[][] {{5, 1}, {0, 4}}),
        Charts.timeSeries("courses per category", "courses", Map.of("programming", programming, "music", music)))) {
      ReportImages.assertDrawn(chart.png());
    }
  }

  @Test
  void emptyDataIsRefusedRatherThanDrawnBlank() {
    assertThrows(IllegalArgumentException.class, () -> Charts.bar("none", "x", "y", Map.of()));
  }

  @Test
  void thePageIsSelfContainedAndEscapesText() throws IOException {
    RecordCounts records = new RecordCounts(12, 10, 2, Map.of("malformed_json", 2L), 0);
    Map<String, Double> timings = new LinkedHashMap<>(Map.of("read", 1.5, "total", 2.0));
    String html = JobSections.addStandard(HtmlReport.titled("a <job>", "run & more"), records, timings).render();

    assertTrue(html.contains("<title>a &lt;job&gt;</title>"));
    assertTrue(html.contains("run &amp; more"));
    assertTrue(html.contains("<td>malformed_json</td><td class=\"n\">2</td>"));
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
    List<byte[]> images = ReportImages.in(html);
    assertEquals(2, images.size(), "rejections by reason and seconds per phase");
    for (byte[] png : images) {
      ReportImages.assertDrawn(png);
    }
  }
}
