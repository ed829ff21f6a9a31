package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.session.SessionScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverFoldTest {
  private static final int USERS = 150;
  private static final int COURSES = 40;
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path checkpoints;

  /** Learners in four interest groups of ten courses, each taking 4 to 15 courses, mostly from their group. */
  private Dataset<Row> ratings() {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      int taken = 4 + random.nextInt(12);
      boolean[] seen = new boolean[COURSES];
      while (taken > 0) {
        int course = random.nextInt(5) > 0 ? (user % 4) * 10 + random.nextInt(10) : random.nextInt(COURSES);
        if (!seen[course]) {
          seen[course] = true;
          rows.add(RowFactory.create(user, course, 1.0 + random.nextInt(4)));
          taken--;
        }
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add(IndexedInteractions.USER, DataTypes.IntegerType)
        .add(IndexedInteractions.COURSE, DataTypes.IntegerType)
        .add(IndexedInteractions.RATING, DataTypes.DoubleType));
  }

  @Test
  void theDriverGivesSparksNdcgForAlsEaseAndTheHybrid() {
    SessionScope.run(spark, () -> {
      try (StratifiedSplit split = StratifiedSplit.fold(ratings(), 10, 0, 1)) {
        ModelSettings settings = RecommendPlan.of(RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT),
            RecommendRequest.EvaluationRequest.DEFAULT).settings(Algorithm.ALS)
            .withAls(new ModelSettings.AlsSettings(5, RecommendRequest.DEFAULT_MAX_ITER, 0.1, 1));
        RecommendationModel als = RecommendationModel.als(
            AlsTraining.train(split.train, settings, checkpoints.toString()), COURSES);
        RecommendationModel ease = RecommendationModel.ease(EaseTraining.gram(split.train, COURSES), 10);
        RecommendationModel hybrid = RecommendationModel.hybrid(als, ease, 0.5);
        DriverFold fold = DriverFold.of(split, COURSES);
        assertNotNull(fold);
        for (RecommendationModel model : List.of(als, ease, hybrid)) {
          for (int k : new int[] {1, 5, 10}) {
            double spark = Evaluation.ndcg(model, split, k);
            assertTrue(spark > 0.2, model.algorithm + " ranks the planted interests: " + spark);
            assertEquals(spark, fold.ndcg(model, k), 1e-12, model.algorithm + " at " + k);
          }
          model.close();
        }
        assertNull(DriverFold.of(split, (int) (DriverFold.MAX_CELLS / split.testUsers) + 1),
            "a fold too large for the driver is left to Spark");
      }
      return null;
    });
  }

  @Test
  void ndcgIsTheDiscountedGainOverTheIdealOne() {
    BoundedTopK best = new BoundedTopK(3, allKnown(5));
    best.select(new float[] {0.1f, 0.5f, 0.9f, 0.2f, 0f}, 0, new int[0]);  // top 3: courses 2, 1, 3
    double gain1 = 1 / Math.log(2);
    double gain2 = 1 / Math.log(3);
    double gain3 = 1 / Math.log(4);
    assertEquals(gain2 / (gain1 + gain2), DriverFold.ndcg(best, new int[] {1, 4}, 3), 1e-12);
    assertEquals(1, DriverFold.ndcg(best, new int[] {1, 2, 3}, 3), 1e-12);
    // More relevant courses than k: the ideal stops at k.
    assertEquals((gain1 + gain3) / (gain1 + gain2 + gain3), DriverFold.ndcg(best, new int[] {0, 2, 3, 4}, 3),
        1e-12);
    assertEquals(0, DriverFold.ndcg(best, new int[] {0}, 3));
  }

  private static boolean[] allKnown(int count) {
    boolean[] known = new boolean[count];
    Arrays.fill(known, true);
    return known;
  }
}
