package io.inlearning.spark.courses;

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
 * report.html of the course jobs, from their metrics.json: class distribution, per-class precision, recall
 * and F1, the confusion matrix as a heat map (train, process), predicted categories (classify, process),
 * then data quality and timings.
 */
final class CourseReportPage {
  private CourseReportPage() {}

  static String render(CourseMetrics metrics) {
    HtmlReport page = HtmlReport.titled("InLearning: " + metrics.run().job(), "input " + metrics.run().input() + ", output "
        + metrics.run().output() + ", Spark application " + metrics.run().spark().applicationId());
    if (metrics.evaluation() != null && !metrics.evaluation().perClass().isEmpty()) {
      evaluation(page, metrics.evaluation());
    }
    if (metrics.predictions() != null && !metrics.predictions().byPredictedCategory().isEmpty()) {
      page.section("Predicted categories");
      page.chart(Charts.bar("Courses per predicted category (all accepted courses)", "category", "courses",
          new LinkedHashMap<String, Number>(metrics.predictions().byPredictedCategory())));
    }
    return JobSections.addStandard(page, metrics.records(), metrics.performance().timingsSeconds()).render();
  }

  private static void evaluation(HtmlReport page, ClassificationReport evaluation) {
    List<String> labels = List.copyOf(evaluation.perClass().keySet());
    page.section("Held-out evaluation");
    ClassificationReport.Baseline baseline = evaluation.baseline();
    page.table(new Table(List.of("accuracy", "macro F1", "weighted F1", "evaluated courses",
        "largest category (" + baseline.category() + ") for all"), List.of(List.of(
        decimal(evaluation.accuracy(), 4), decimal(evaluation.macroF1(), 4), decimal(evaluation.weightedF1(), 4),
        count(evaluation.evaluatedCourses()), decimal(baseline.accuracy(), 4)))));
    if (baseline.belowBaseline()) {
      page.paragraph("This model does no better than predicting the largest category for every course.");
    }

    Map<String, Number> support = new LinkedHashMap<>();
    Map<String, List<Number>> scores = new LinkedHashMap<>();
    for (String score : List.of("precision", "recall", "f1")) {
      scores.put(score, new ArrayList<>());
    }
    List<List<String>> rows = new ArrayList<>();
    evaluation.perClass().forEach((label, classScores) -> {
      support.put(label, classScores.support());
      scores.get("precision").add(classScores.precision());
      scores.get("recall").add(classScores.recall());
      scores.get("f1").add(classScores.f1());
      rows.add(List.of(label, decimal(classScores.precision(), 4), decimal(classScores.recall(), 4),
          decimal(classScores.f1(), 4), count(classScores.support())));
    });
    page.chart(Charts.bar("Class distribution of the held-out courses", "category", "courses", support));
    page.chart(Charts.groupedBar("Precision, recall and F1 per category", "category", "score", labels, scores));
    page.table(new Table(List.of("category", "precision", "recall", "F1", "support"), rows));

    ClassificationReport.ConfusionMatrix confusion = evaluation.confusionMatrix();
    if (confusion.matrix().length > 0) {
      page.section("Confusion matrix");
      page.chart(Charts.heatMap("Confusion matrix (rows: actual, columns: predicted)", "predicted",
          confusion.labels(), "actual", confusion.labels(), confusion.matrix()));
    }
  }
}
