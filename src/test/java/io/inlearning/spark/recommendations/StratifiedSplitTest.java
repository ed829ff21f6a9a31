package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> ratings(int... interactionsPerUser) {
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < interactionsPerUser.length; user++) {
      for (int course = 0; course < interactionsPerUser[user]; course++) {
        rows.add(RowFactory.create(user, course, 1.0));
      }
    }
    return spark.createDataFrame(rows, new StructType()
        .add(IndexedInteractions.USER, DataTypes.IntegerType)
        .add(IndexedInteractions.COURSE, DataTypes.IntegerType)
        .add(IndexedInteractions.RATING, DataTypes.DoubleType));
  }

  private static Map<Integer, Long> perUser(Dataset<Row> rows) {
    Map<Integer, Long> counts = new TreeMap<>();
    rows.groupBy(IndexedInteractions.USER).count().collectAsList()
        .forEach(row -> counts.put(row.getInt(0), row.getLong(1)));
    return counts;
  }

  @Test
  void eachLearnerKeepsThreeQuartersInTrainingAndLoneInteractionsStayThere() {
    try (StratifiedSplit split = StratifiedSplit.of(ratings(1, 2, 4, 8, 20), 0.25, 42)) {
      assertEquals(Map.of(0, 1L, 1, 2L, 2, 3L, 3, 6L, 4, 15L), perUser(split.train));
      assertEquals(Map.of(2, 1L, 3, 2L, 4, 5L), perUser(split.test));
      assertEquals(27, split.trainCount);
      assertEquals(8, split.testCount);
      assertEquals(3, split.testUsers);
      assertEquals(1, split.singleInteractionUsers);
      assertEquals(2, split.usersOnlyInTraining);
    }
  }

  @Test
  void theSplitDependsOnTheSeedNotOnPartitioning() {
    Dataset<Row> ratings = ratings(40, 40, 40);
    try (StratifiedSplit a = StratifiedSplit.of(ratings.repartition(1), 0.25, 7);
         StratifiedSplit b = StratifiedSplit.of(ratings.repartition(5), 0.25, 7);
         StratifiedSplit c = StratifiedSplit.of(ratings, 0.25, 8)) {
      List<Row> testA = a.test.orderBy(IndexedInteractions.USER, IndexedInteractions.COURSE).collectAsList();
      assertEquals(testA, b.test.orderBy(IndexedInteractions.USER, IndexedInteractions.COURSE).collectAsList());
      assertEquals(30, testA.size());
      List<Row> testC = c.test.orderBy(IndexedInteractions.USER, IndexedInteractions.COURSE).collectAsList();
      assertEquals(30, testC.size());
      org.junit.jupiter.api.Assertions.assertNotEquals(testA, testC);
    }
  }

  @Test
  void foldsAreDisjointTenthsAndKeepAtLeastTwoInteractionsInTraining() {
    Dataset<Row> ratings = ratings(1, 2, 3, 10, 25);
    Map<Integer, Long> heldOut = new TreeMap<>();
    java.util.Set<Row> seen = new java.util.HashSet<>();
    for (int fold = 0; fold < 10; fold++) {
      try (StratifiedSplit split = StratifiedSplit.fold(ratings, 10, fold, 42)) {
        assertEquals(41, split.trainCount + split.testCount);
        for (Row row : split.test.collectAsList()) {
          org.junit.jupiter.api.Assertions.assertTrue(seen.add(row), "held out twice: " + row);
          heldOut.merge(row.getInt(0), 1L, Long::sum);
        }
        Map<Integer, Long> train = perUser(split.train);
        train.forEach((user, n) -> org.junit.jupiter.api.Assertions.assertTrue(n >= Math.min(2, user + 1)));
        assertEquals(5, train.size(), "every learner keeps training interactions");
      }
    }
    assertEquals(Map.of(2, 3L, 3, 10L, 4, 25L), heldOut, "over the ten folds, every interaction of learners "
        + "with 3 or more is held out exactly once; lone and paired ones never");
  }
}
