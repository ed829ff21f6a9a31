package io.inlearning.spark.courses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Held-out quality of a classifier, from Spark's {@link MulticlassMetrics}: accuracy, macro F1 (the
 * unweighted mean over categories, so small categories count as much as big ones), per-category
 * precision/recall/F1/support and the confusion matrix (rows: actual, columns: predicted).
 */
public record ClassificationReport(double accuracy, double macroF1, double weightedF1,
                                   Map<String, Map<String, Object>> perClass, List<String> labels,
                                   long[][] confusion, long support) {

  /** Null when the scored set is empty. {@code scored} holds (label, prediction) as doubles. */
  public static ClassificationReport of(Dataset<Row> scored, String[] labels) {
    if (scored.isEmpty()) {
      return null;
    }
    var pairs = scored.toJavaRDD()
        .map(row -> new Tuple2<Object, Object>(row.getDouble(1), row.getDouble(0)))
        .rdd();
    MulticlassMetrics metrics = new MulticlassMetrics(pairs);
    long support = sum(metrics);
    int n = labels.length;
    long[][] confusion = new long[n][n];
    Matrix matrix = metrics.confusionMatrix();
    double[] present = metrics.labels();
    for (int i = 0; i < present.length; i++) {
      for (int j = 0; j < present.length; j++) {
        confusion[(int) present[i]][(int) present[j]] = Math.round(matrix.apply(i, j));
      }
    }
    Map<String, Map<String, Object>> perClass = new LinkedHashMap<>();
    double f1Sum = 0;
    for (int k = 0; k < n; k++) {
      long actual = 0;
      long predicted = 0;
      for (int j = 0; j < n; j++) {
        actual += confusion[k][j];
        predicted += confusion[j][k];
      }
      double precision = predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
      double recall = actual == 0 ? 0 : (double) confusion[k][k] / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      f1Sum += f1;
      Map<String, Object> scores = new LinkedHashMap<>();
      scores.put("precision", round(precision));
      scores.put("recall", round(recall));
      scores.put("f1", round(f1));
      scores.put("support", actual);
      perClass.put(labels[k], scores);
    }
    return new ClassificationReport(round(metrics.accuracy()), round(f1Sum / n),
        round(metrics.weightedFMeasure()), perClass, List.of(labels), confusion, support);
  }

  private static long sum(MulticlassMetrics metrics) {
    double total = 0;
    for (double value : metrics.confusionMatrix().toArray()) {
      total += value;
    }
    return Math.round(total);
  }

  /** The metrics.json fields: accuracy, macro_f1, weighted_f1, per_class, confusion_matrix, test_count. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("accuracy", accuracy);
    map.put("macro_f1", macroF1);
    map.put("weighted_f1", weightedF1);
    map.put("per_class", perClass);
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : confusion) {
      rows.add(java.util.Arrays.stream(row).boxed().toList());
    }
    Map<String, Object> matrix = new LinkedHashMap<>();
    matrix.put("labels", labels);
    matrix.put("rows", "actual");
    matrix.put("columns", "predicted");
    matrix.put("matrix", rows);
    map.put("confusion_matrix", matrix);
    map.put("evaluated_courses", support);
    return map;
  }

  static double round(double value) {
    return Math.round(value * 10_000.0) / 10_000.0;
  }
}
