package io.inlearning.spark.courses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  private static final String[] LABELS = {"programming", "art", "music", "health"};

  private static Dataset<Row> pairs(double[][] labelAndPrediction) {
    List<Row> rows = new ArrayList<>();
    for (double[] pair : labelAndPrediction) {
      rows.add(RowFactory.create(pair[0], pair[1]));
    }
    return TestSpark.session().createDataFrame(rows, new StructType()
        .add("label", DataTypes.DoubleType).add("prediction", DataTypes.DoubleType));
  }

  /**
   * A course predicted into a category that no held-out course has (health, 3) stays in the matrix and the
   * figures: Spark's MulticlassMetrics left it out (10 of 11 rows, accuracy over 11).
   */
  @Test
  void everyHeldOutCourseIsInTheMatrixAndTheFiguresAgree() {
    double[][] pairs = {{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 1}, {1, 0}, {2, 2}, {2, 3}, {2, 0}, {0, 3}};
    ClassificationReport report = ClassificationReport.of(pairs(pairs), LABELS, 0).orElseThrow();
    long[][] matrix = report.confusionMatrix().matrix();
    assertArrayEquals(new long[] {3, 1, 0, 1}, matrix[0]);
    assertArrayEquals(new long[] {1, 2, 0, 0}, matrix[1]);
    assertArrayEquals(new long[] {1, 0, 1, 1}, matrix[2]);
    assertArrayEquals(new long[] {0, 0, 0, 0}, matrix[3]);
    assertEquals(11, report.evaluatedCourses());
    assertEquals(ClassificationReport.round(6.0 / 11), report.accuracy());
    assertEquals(0, report.perClass().get("health").support());
    assertEquals(0.0, report.perClass().get("health").precision());
    long support = report.perClass().values().stream().mapToLong(ClassificationReport.ClassScores::support).sum();
    assertEquals(11, support);
    // Macro F1 over the four categories present among the courses or their predictions, as scikit-learn.
    double programming = 2 * (3.0 / 5) * (3.0 / 5) / (3.0 / 5 + 3.0 / 5);
    double art = 2 * (2.0 / 3) * (2.0 / 3) / (2.0 / 3 + 2.0 / 3);
    double music = 2 * 1.0 * (1.0 / 3) / (1.0 + 1.0 / 3);
    assertEquals(ClassificationReport.round((programming + art + music + 0) / 4), report.macroF1());
    assertEquals("programming", report.baseline().category());
    assertEquals(ClassificationReport.round(5.0 / 11), report.baseline().accuracy());
    assertFalse(report.baseline().belowBaseline());
  }

  /** A model that only ever predicts the largest category is no better than the baseline, and says so. */
  @Test
  void aModelNoBetterThanTheLargestCategoryIsBelowBaseline() {
    double[][] pairs = {{0, 0}, {0, 0}, {1, 0}, {2, 0}};
    ClassificationReport report = ClassificationReport.of(pairs(pairs), LABELS, 0).orElseThrow();
    assertEquals(0.5, report.accuracy());
    assertEquals(0.5, report.baseline().accuracy());
    assertTrue(report.baseline().belowBaseline());
    // The largest training category may be small among the held-out courses: the baseline is its share here.
    ClassificationReport skewed = ClassificationReport.of(pairs(new double[][] {{1, 1}, {1, 1}, {2, 1}}), LABELS, 0)
        .orElseThrow();
    assertEquals(0.0, skewed.baseline().accuracy());
    assertFalse(skewed.baseline().belowBaseline());
  }

  @Test
  void noHeldOutCourseNoReport() {
    assertTrue(ClassificationReport.of(pairs(new double[0][]), LABELS, 0).isEmpty());
  }
}
