package io.inlearning.spark.courses;

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
 * report.html of the course jobs, from their metrics.json: class distribution, per-class precision, recall
 * and F1, the confusion matrix as a heat map (train, process), predicted categories (classify, process),
 * then data quality and timings.
 */
final class CourseReportPage {
  private CourseReportPage() {}

  static String render(Map<String, Object> metrics) {
    HtmlReport page = HtmlReport.titled("InLearning: " + metrics.get("job"),
        "input " + metrics.get("input") + ", output " + metrics.get("output") + ", Spark application "
            + map(metrics.get("spark")).get("application_id"));
    Map<String, Object> perClass = map(metrics.get("per_class"));
    if (!perClass.isEmpty()) {
      evaluation(page, metrics, perClass);
    }
    Map<String, Object> predicted = map(map(metrics.get("predictions")).get("by_predicted_category"));
    if (!predicted.isEmpty()) {
      page.section("Predicted categories");
      page.chart(Charts.bar("Courses per predicted category (all accepted courses)", "category", "courses",
          numbers(predicted)));
    }
    return JobSections.addStandard(page, metrics).render();
  }

  private static void evaluation(HtmlReport page, Map<String, Object> metrics, Map<String, Object> perClass) {
    List<String> labels = List.copyOf(perClass.keySet());
    page.section("Held-out evaluation");
    page.table(new Table(List.of("accuracy", "macro F1", "weighted F1", "evaluated courses"), List.of(List.of(
        decimal(metrics.get("accuracy"), 4), decimal(metrics.get("macro_f1"), 4),
        decimal(metrics.get("weighted_f1"), 4), count(metrics.get("evaluated_courses"))))));

    Map<String, Number> support = new LinkedHashMap<>();
    Map<String, List<Number>> scores = new LinkedHashMap<>();
    for (String score : List.of("precision", "recall", "f1")) {
      scores.put(score, new ArrayList<>());
    }
    List<List<String>> rows = new ArrayList<>();
    perClass.forEach((label, value) -> {
      Map<String, Object> classScores = map(value);
      support.put(label, (Number) classScores.get("support"));
      scores.forEach((score, values) -> values.add((Number) classScores.get(score)));
      rows.add(List.of(label, decimal(classScores.get("precision"), 4), decimal(classScores.get("recall"), 4),
          decimal(classScores.get("f1"), 4), count(classScores.get("support"))));
    });
    page.chart(Charts.bar("Class distribution of the held-out courses", "category", "courses", support));
    page.chart(Charts.groupedBar("Precision, recall and F1 per category", "category", "score", labels, scores));
    page.table(new Table(List.of("category", "precision", "recall", "F1", "support"), rows));

    Map<String, Object> confusion = map(metrics.get("confusion_matrix"));
    @SuppressWarnings("unchecked")
    List<List<Number>> matrix = (List<List<Number>>) confusion.getOrDefault("matrix", List.of());
    @SuppressWarnings("unchecked")
    List<String> matrixLabels = (List<String>) confusion.getOrDefault("labels", labels);
    if (!matrix.isEmpty()) {
      long[][] cells = matrix.stream().map(row -> row.stream().mapToLong(Number::longValue).toArray())
          .toArray(long[][]::new);
      page.section("Confusion matrix");
      page.chart(Charts.heatMap("Confusion matrix (rows: actual, columns: predicted)", "predicted", matrixLabels,
          "actual", matrixLabels, cells));
    }
  }

  private static Map<String, Number> numbers(Map<String, Object> values) {
    Map<String, Number> numbers = new LinkedHashMap<>();
    values.forEach((key, value) -> numbers.put(key, (Number) value));
    return numbers;
  }
}
