package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RankingEvaluationTest {
  private final SparkSession spark = TestSpark.session();

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * k = 3. Learner 1: top [1, 2, 3], relevant {1, 3, 5}: hits at ranks 1 and 3. Learner 2: top [4, 5, 6],
   * relevant {6}: a hit at rank 3. Learner 3: top [7, 8] (only two), relevant {9, 10}: no hit. Learner 4:
   * relevant {11}, no recommendation at all: scores 0 and still counts in the means.
   */
  @Test
  void metricsEqualTheHandComputedOnes() {
    Dataset<Row> topK = spark.createDataFrame(List.of(
        RowFactory.create(1, TopK.seq(List.of(1, 2, 3)), TopK.seq(List.of(3f, 2f, 1f))),
        RowFactory.create(2, TopK.seq(List.of(4, 5, 6)), TopK.seq(List.of(3f, 2f, 1f))),
        RowFactory.create(3, TopK.seq(List.of(7, 8)), TopK.seq(List.of(2f, 1f)))), TopK.TYPE);
    StructType testType = new StructType()
        .add(IndexedInteractions.USER, DataTypes.IntegerType)
        .add(IndexedInteractions.COURSE, DataTypes.IntegerType)
        .add(IndexedInteractions.RATING, DataTypes.DoubleType);
    Dataset<Row> test = spark.createDataFrame(List.of(
        RowFactory.create(1, 1, 1.0), RowFactory.create(1, 3, 1.0), RowFactory.create(1, 5, 1.0),
        RowFactory.create(2, 6, 1.0),
        RowFactory.create(3, 9, 1.0), RowFactory.create(3, 10, 1.0),
        RowFactory.create(4, 11, 1.0)), testType);

    RecommendMetrics.Ranking metrics = RankingEvaluation.evaluate(topK, RankingEvaluation.relevant(test), 3);

    // precision: 2/3, 1/3, 0, 0
    assertEquals((2.0 / 3 + 1.0 / 3) / 4, metrics.precisionAtK(), 1e-12);
    // recall: 2/3, 1/1, 0, 0
    assertEquals((2.0 / 3 + 1.0) / 4, metrics.recallAtK(), 1e-12);
    // NDCG: learner 1 (1 + 1/log2 4) / (1 + 1/log2 3 + 1/log2 4); learner 2 (1/log2 4) / 1
    double ndcg1 = (1 + 1 / log2(4)) / (1 + 1 / log2(3) + 1 / log2(4));
    double ndcg2 = 1 / log2(4);
    assertEquals((ndcg1 + ndcg2) / 4, metrics.ndcgAtK(), 1e-12);
    // AP@3: learner 1 (1/1 + 2/3) / min(3, 3); learner 2 (1/3) / min(1, 3)
    assertEquals(((1 + 2.0 / 3) / 3 + 1.0 / 3) / 4, metrics.mapAtK(), 1e-12);
  }
}
