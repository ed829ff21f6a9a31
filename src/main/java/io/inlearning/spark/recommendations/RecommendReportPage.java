package io.inlearning.spark.recommendations;

import static io.inlearning.spark.report.JobSections.count;
import static io.inlearning.spark.report.JobSections.decimal;

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
  private RecommendReportPage() {}

  static String render(RecommendMetrics metrics) {
    HtmlReport page = HtmlReport.titled("InLearning: recommend", "interactions " + metrics.run().input() + ", output "
        + metrics.run().output() + ", Spark application " + metrics.run().spark().applicationId());
    page.section("Recommendations");
    page.table(new Table(List.of("learners", "courses", "distinct interactions", "recommendations", "k"), List.of(
        List.of(count(metrics.data().users()), count(metrics.data().courses()), count(metrics.data().interactions()),
            count(metrics.outputs().recommendations().recommendations()), count(metrics.data().k())))));
    versusBaseline(page, metrics);
    selection(page, metrics.modelSelection());
    scores(page, metrics.outputs().scoreDistribution());
    return JobSections.addStandard(page, metrics.read().records(), metrics.performance().timingsSeconds()).render();
  }

  private static void versusBaseline(HtmlReport page, RecommendMetrics metrics) {
    page.section("Model against the most-popular baseline (k = " + metrics.data().k() + ")");
    if (metrics.quality().ranking() == null || metrics.quality().baseline() == null) {
      page.paragraph("Not evaluated (" + metrics.evaluation().skipped() + ").");
      return;
    }
    List<String> names = List.of("precision@k", "recall@k", "NDCG@k", "MAP@k");
    List<Number> model = values(metrics.quality().ranking());
    List<Number> popular = values(metrics.quality().baseline().ranking());
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(List.of(names.get(i), decimal(model.get(i), 4), decimal(popular.get(i), 4)));
    }
    if (metrics.quality().rmse() != null) {
      rows.add(List.of("RMSE (ratings)", decimal(metrics.quality().rmse(), 4), "-"));
    }
    Map<String, List<Number>> series = new LinkedHashMap<>();
    String algorithm = metrics.settings().algorithm();
    series.put(algorithm, model);
    series.put("most popular", popular);
    page.chart(Charts.groupedBar(algorithm + " against most popular", "metric", "value", names, series));
    page.table(new Table(List.of("metric", algorithm, "most popular"), rows));
    if (Boolean.FALSE.equals(metrics.quality().beatsBaseline())) {
      page.paragraph("This model ranks below the most-popular baseline on NDCG.");
    }
  }

  private static List<Number> values(RecommendMetrics.Ranking ranking) {
    return List.of(ranking.precisionAtK(), ranking.recallAtK(), ranking.ndcgAtK(), ranking.mapAtK());
  }

  /** Every candidate tried on the validation split, and why the chosen one won. */
  private static void selection(HtmlReport page, RecommendMetrics.ModelSelectionReport selection) {
    page.section("Model selection");
    if (selection == null) {
      page.paragraph("Nothing to choose: the algorithm and its settings were given.");
      return;
    }
    page.paragraph(selection.reason() != null ? selection.reason() : selection.skipped());
    if (selection.candidates() == null || selection.candidates().isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (RecommendMetrics.CandidateScore candidate : selection.candidates()) {
      rows.add(List.of(candidate.algorithm(), settings(candidate), decimal(candidate.validationNdcgAtK(), 4)));
    }
    page.table(new Table(List.of("algorithm", "settings", "validation NDCG@k"), rows));
  }

  private static String settings(RecommendMetrics.CandidateScore candidate) {
    List<String> settings = new ArrayList<>();
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("rank", candidate.rank());
    values.put("reg_param", candidate.regParam());
    values.put("alpha", candidate.alpha());
    values.put("ease_lambda", candidate.easeLambda());
    values.put("ease_share", candidate.easeShare());
    values.forEach((name, value) -> {
      if (value != null) {
        settings.add(name + " " + value);
      }
    });
    return String.join(", ", settings);
  }

  private static void scores(HtmlReport page, RecommendMetrics.ScoreDistribution distribution) {
    page.section("Score distribution");
    if (distribution == null) {
      page.paragraph("No recommendation was written.");
      return;
    }
    page.chart(Charts.histogram("Scores of all recommendations", "score (bin centre)", distribution.edges(),
        distribution.counts()));
  }
}
