package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Held-out quality of a classifier: accuracy, macro F1 (the unweighted mean over the categories that occur
 * among the held-out courses or their predictions, as scikit-learn computes it, so small categories count as
 * much as big ones), weighted F1, per-category precision/recall/F1/support, the confusion matrix (rows:
 * actual, columns: predicted) over every category of the model, and the largest-category baseline: the
 * accuracy of predicting the training share's most frequent category for every held-out course.
 *
 * <p>Counted here from the (label, prediction) pairs rather than by Spark's {@code MulticlassMetrics}, whose
 * confusion matrix only has rows and columns for the labels that occur among the held-out courses: a course
 * predicted into any other category dropped out of the matrix and of the per-category figures.
 */
public record ClassificationReport(double accuracy, double macroF1, double weightedF1,
                                   Map<String, ClassScores> perClass, ConfusionMatrix confusionMatrix,
                                   long evaluatedCourses, Baseline baseline) {

  public record ClassScores(double precision, double recall, double f1, long support) {}

  /** {@code matrix[actual][predicted]}, in the order of {@code labels}. */
  public record ConfusionMatrix(List<String> labels, String rows, String columns, long[][] matrix) {
    static ConfusionMatrix of(List<String> labels, long[][] matrix) {
      return new ConfusionMatrix(labels, "actual", "predicted", matrix);
    }
  }

  /**
   * Predicting {@code category}, the training share's largest, for every held-out course scores
   * {@code accuracy}; {@code belowBaseline} when the model does no better.
   */
  public record Baseline(String category, double accuracy, boolean belowBaseline) {}

  /**
   * Empty when the scored set is. {@code scored} holds (label, prediction) as doubles, indices into
   * {@code labels}; {@code largest} is the index of the training share's most frequent category.
   */
  public static Optional<ClassificationReport> of(Dataset<Row> scored, String[] labels, int largest) {
    List<Row> pairs = scored.groupBy(col(scored.columns()[0]), col(scored.columns()[1])).count().collectAsList();
    if (pairs.isEmpty()) {
      return Optional.empty();
    }
    long[][] confusion = new long[labels.length][labels.length];
    for (Row pair : pairs) {
      confusion[(int) pair.getDouble(0)][(int) pair.getDouble(1)] += pair.getLong(2);
    }
    return Optional.of(of(confusion, labels, largest));
  }

  /** The report of a confusion matrix ({@code confusion[actual][predicted]}, in the order of {@code labels}). */
  static ClassificationReport of(long[][] confusion, String[] labels, int largest) {
    int n = labels.length;
    long total = 0;
    long correct = 0;
    for (int k = 0; k < n; k++) {
      correct += confusion[k][k];
      for (int j = 0; j < n; j++) {
        total += confusion[k][j];
      }
    }
    Map<String, ClassScores> perClass = new LinkedHashMap<>();
    double f1Sum = 0;
    double weightedF1 = 0;
    int present = 0;
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
      if (actual > 0 || predicted > 0) {
        f1Sum += f1;
        present++;
      }
      weightedF1 += f1 * actual;
      perClass.put(labels[k], new ClassScores(round(precision), round(recall), round(f1), actual));
    }
    double accuracy = (double) correct / total;
    double baseline = (double) sumRow(confusion[largest]) / total;
    return new ClassificationReport(round(accuracy), round(present == 0 ? 0 : f1Sum / present),
        round(weightedF1 / total), perClass, ConfusionMatrix.of(List.of(labels), confusion), total,
        new Baseline(labels[largest], round(baseline), accuracy <= baseline));
  }

  private static long sumRow(long[] row) {
    long sum = 0;
    for (long value : row) {
      sum += value;
    }
    return sum;
  }

  static double round(double value) {
    return Math.round(value * 10_000.0) / 10_000.0;
  }
}
