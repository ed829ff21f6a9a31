package io.inlearning.spark.courses;

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
                                   Map<String, ClassScores> perClass, ConfusionMatrix confusionMatrix,
                                   long evaluatedCourses) {

  public record ClassScores(double precision, double recall, double f1, long support) {}

  /** {@code matrix[actual][predicted]}, in the order of {@code labels}. */
  public record ConfusionMatrix(List<String> labels, String rows, String columns, long[][] matrix) {
    static ConfusionMatrix of(List<String> labels, long[][] matrix) {
      return new ConfusionMatrix(labels, "actual", "predicted", matrix);
    }
  }

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
    Map<String, ClassScores> perClass = new LinkedHashMap<>();
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
      perClass.put(labels[k], new ClassScores(round(precision), round(recall), round(f1), actual));
    }
    return new ClassificationReport(round(metrics.accuracy()), round(f1Sum / n),
        round(metrics.weightedFMeasure()), perClass, ConfusionMatrix.of(List.of(labels), confusion), support);
  }

  private static long sum(MulticlassMetrics metrics) {
    double total = 0;
    for (double value : metrics.confusionMatrix().toArray()) {
      total += value;
    }
    return Math.round(total);
  }

  static double round(double value) {
    return Math.round(value * 10_000.0) / 10_000.0;
  }
}
