package io.inlearning.spark.recommendations;

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

class EaseTrainingTest {
  /** Learner x course, binary; course 4 never taken. Repeated strengths must not change the Gram matrix. */
  private static final int[][] TAKEN = {{0, 1, 2}, {0, 1}, {1, 2, 3}, {0, 3}, {2}, {0, 1, 2, 3}};
  private static final int COURSES = 5;

  private static Dataset<Row> ratings() {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < TAKEN.length; user++) {
      for (int course : TAKEN[user]) {
        rows.add(RowFactory.create(user, course, 1.0 + user));
      }
    }
    return TestSpark.session().createDataFrame(rows, new StructType()
        .add(IndexedInteractions.USER, DataTypes.IntegerType)
        .add(IndexedInteractions.COURSE, DataTypes.IntegerType)
        .add(IndexedInteractions.RATING, DataTypes.DoubleType));
  }

  private static float[] expectedGram() {
    float[] g = new float[COURSES * COURSES];
    for (int[] courses : TAKEN) {
      for (int i : courses) {
        for (int j : courses) {
          g[j * COURSES + i] += 1;
        }
      }
    }
    return g;
  }

  @Test
  void gramIsTheSumOfEachLearnersBinaryOuterProduct() {
    EaseTraining.Gram gram = EaseTraining.gram(ratings(), COURSES);
    assertArrayEquals(expectedGram(), gram.values());
    assertArrayEquals(new boolean[] {true, true, true, true, false}, gram.known());
  }

  /**
   * EASE's optimality conditions, checked without inverting anything: B has a zero diagonal, and each column
   * b_j of B solves (G + λI) b_j = G e_j - μ_j e_j for some μ_j, i.e. the residual is zero off row j.
   */
  @Test
  void weightsSatisfyEasesClosedFormConditions() {
    double lambda = 2.5;
    EaseTraining.Gram gram = new EaseTraining.Gram(COURSES, expectedGram(), new boolean[COURSES]);
    float[] b = EaseTraining.weights(gram, lambda);
    float[] g = gram.values();
    for (int j = 0; j < COURSES; j++) {
      assertEquals(0f, b[j * COURSES + j], "diagonal");
      for (int row = 0; row < COURSES; row++) {
        if (row == j) {
          continue;
        }
        double residual = -g[j * COURSES + row];
        for (int i = 0; i < COURSES; i++) {
          residual += (g[i * COURSES + row] + (i == row ? lambda : 0)) * b[i * COURSES + j];
        }
        assertEquals(0, residual, 1e-5, "row " + row + " of column " + j);
      }
    }
    // Courses 0 and 1 are taken together more than 0 and 2: taking 0 adds more to 1 than to 2.
    assertTrue(b[1] > b[2], "B[0][1] " + b[1] + " > B[0][2] " + b[2]);
    // A course nobody took neither gives nor gets weight.
    for (int i = 0; i < COURSES; i++) {
      assertEquals(0f, b[4 * COURSES + i], 1e-7);
      assertEquals(0f, b[i * COURSES + 4], 1e-7);
    }
  }

  @Test
  void lambdaWalksInRoundPowersOfTen() {
    assertEquals(316, EaseTraining.lambda(EaseTraining.START_EXPONENT));
    assertEquals(562, EaseTraining.lambda(2.75));
    assertEquals(1000, EaseTraining.lambda(3));
    assertEquals(1780, EaseTraining.lambda(3.25));
    assertEquals(31.6, EaseTraining.lambda(1.5));
  }

  @Test
  void tooLargeSaysHowMuchMemoryItWouldNeed() {
    long fourGiB = 4L << 30;
    assertTrue(EaseTraining.tooLarge(3_000, fourGiB).isEmpty());
    String reason = EaseTraining.tooLarge(20_000, fourGiB).orElseThrow();
    assertTrue(reason.contains("23.8 GiB") && reason.contains("20,000 courses") && reason.contains("4.0 GiB"), reason);
    assertTrue(EaseTraining.tooLarge(70_000, 1L << 50).orElseThrow().contains("at most 65,535"));
    assertFalse(reason.contains("\n"));
  }

  @Test
  void foldsAreInvertedSideBySideOnlyWhileTheirInversesFit() {
    long fourGiB = 4L << 30;
    assertEquals(2, EaseTraining.inversionsAtOnce(1_000, fourGiB, 2, 3));
    assertEquals(3, EaseTraining.inversionsAtOnce(1_000, fourGiB, 16, 3));
    assertEquals(1, EaseTraining.inversionsAtOnce(1_000, fourGiB, 1, 3));
    // 6,000 courses: 2.15 GiB alone, 2.41 GiB with a second inverse, 2.68 GiB with a third; EASE may take 60 %
    // of the heap: 2.4 GiB of 4, 2.55 GiB of 4.25.
    assertTrue(EaseTraining.tooLarge(6_000, fourGiB).isEmpty());
    assertEquals(1, EaseTraining.inversionsAtOnce(6_000, fourGiB, 16, 3));
    assertEquals(2, EaseTraining.inversionsAtOnce(6_000, 17L << 28, 16, 3));
  }
}
