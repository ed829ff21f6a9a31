package io.inlearning.spark.recommendations;

import static io.inlearning.spark.report.JobSections.count;
import static io.inlearning.spark.report.JobSections.decimal;
import static io.inlearning.spark.report.JobSections.map;

import io.inlearning.spark.report.Charts;
import io.inlearning.spark.report.HtmlReport;
import io.inlearning.spark.report.JobSections;
import io.inlearning.spark.report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html of {@code recommend}, from its metrics.json: the model against the most-popular baseline on
 * each ranking metric, the model selection's candidates, the distribution of the recommendation scores, then
 * data quality and timings.
 */
final class RecommendReportPage {
  private static final Map<String, String> RANKING_METRICS = Map.of("precision_at_k", "precision@k",
      "recall_at_k", "recall@k", "ndcg_at_k", "NDCG@k", "map_at_k", "MAP@k");
  private static final List<String> ORDER = List.of("precision_at_k", "recall_at_k", "ndcg_at_k", "map_at_k");

  private RecommendReportPage() {}

  static String render(Map<String, Object> metrics) {
    HtmlReport page = HtmlReport.titled("InLearning: recommend",
        "interactions " + metrics.get("input") + ", output " + metrics.get("output") + ", Spark application "
            + map(metrics.get("spark")).get("application_id"));
    Map<String, Object> written = map(metrics.get("recommendations"));
    page.section("Recommendations");
    page.table(new Table(List.of("learners", "courses", "distinct interactions", "recommendations", "k"), List.of(
        List.of(count(metrics.get("users")), count(metrics.get("courses")), count(metrics.get("interactions")),
            count(written.get("recommendations")), count(metrics.get("k"))))));
    versusBaseline(page, metrics);
    selection(page, map(metrics.get("model_selection")));
    scores(page, map(metrics.get("score_distribution")));
    return JobSections.addStandard(page, metrics).render();
  }

  private static void versusBaseline(HtmlReport page, Map<String, Object> metrics) {
    page.section("Model against the most-popular baseline (k = " + metrics.get("k") + ")");
    Map<String, Object> baseline = map(metrics.get("baseline"));
    if (!(metrics.get("ndcg_at_k") instanceof Number) || baseline.isEmpty()) {
      page.paragraph("Not evaluated (" + map(metrics.get("evaluation")).getOrDefault("skipped", "no metrics") + ").");
      return;
    }
    List<String> names = new ArrayList<>();
    List<Number> model = new ArrayList<>();
    List<Number> popular = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (String metric : ORDER) {
      names.add(RANKING_METRICS.get(metric));
      model.add((Number) metrics.get(metric));
      popular.add((Number) baseline.get(metric));
      rows.add(List.of(RANKING_METRICS.get(metric), decimal(metrics.get(metric), 4), decimal(baseline.get(metric), 4)));
    }
    if (metrics.get("rmse") instanceof Number rmse) {
      rows.add(List.of("RMSE (ratings)", decimal(rmse, 4), "-"));
    }
    Map<String, List<Number>> series = new LinkedHashMap<>();
    String algorithm = String.valueOf(map(metrics.get("settings")).getOrDefault("algorithm", "model"));
    series.put(algorithm, model);
    series.put("most popular", popular);
    page.chart(Charts.groupedBar(algorithm + " against most popular", "metric", "value", names, series));
    page.table(new Table(List.of("metric", algorithm, "most popular"), rows));
    if (Boolean.FALSE.equals(metrics.get("beats_baseline"))) {
      page.paragraph("This model ranks below the most-popular baseline on NDCG.");
    }
  }

  /** Every candidate tried on the validation split, and why the chosen one won. */
  private static void selection(HtmlReport page, Map<String, Object> selection) {
    page.section("Model selection");
    if (selection.isEmpty()) {
      page.paragraph("Nothing to choose: the algorithm and its settings were given.");
      return;
    }
    page.paragraph(String.valueOf(selection.getOrDefault("reason", selection.get("skipped"))));
    List<List<String>> rows = new ArrayList<>();
    if (selection.get("candidates") instanceof List<?> candidates) {
      for (Object candidate : candidates) {
        Map<String, Object> c = map(candidate);
        List<String> settings = new ArrayList<>();
        c.forEach((key, value) -> {
          if (!key.equals("algorithm") && !key.equals("validation_ndcg_at_k")) {
            settings.add(key + " " + value);
          }
        });
        rows.add(List.of(String.valueOf(c.get("algorithm")), String.join(", ", settings),
            decimal(c.get("validation_ndcg_at_k"), 4)));
      }
    }
    if (!rows.isEmpty()) {
      page.table(new Table(List.of("algorithm", "settings", "validation NDCG@k"), rows));
    }
  }

  private static void scores(HtmlReport page, Map<String, Object> distribution) {
    page.section("Score distribution");
    if (distribution.isEmpty()) {
      page.paragraph("No recommendation was written.");
      return;
    }
    page.chart(Charts.histogram("Scores of all recommendations", "score (bin centre)",
        doubles(distribution.get("edges")), longs(distribution.get("counts"))));
  }

  /** metrics.json read back holds lists; the job's own map holds arrays. */
  private static double[] doubles(Object values) {
    if (values instanceof double[] array) {
      return array;
    }
    return ((List<?>) values).stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
  }

  private static long[] longs(Object values) {
    if (values instanceof long[] array) {
      return array;
    }
    return ((List<?>) values).stream().mapToLong(value -> ((Number) value).longValue()).toArray();
  }
}
