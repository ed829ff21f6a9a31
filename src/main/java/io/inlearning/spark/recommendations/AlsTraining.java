package io.inlearning.spark.recommendations;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Trains ALS on (user, course, rating) rows. */
final class AlsTraining {
  /**
   * ALS lineage grows with every iteration; without checkpoints, 20 iterations already overflow the stack
   * when tasks are serialised with a StackOverflowError (docs/recommendations.md). Every ALS run here checkpoints.
   */
  static final int CHECKPOINT_INTERVAL = 5;
  /**
   * The regParam walk of {@link ModelSelection} in powers of ten: from 0.316, within 0.001 to 10. It settled
   * on 0.316 on real MovieLens-100k and Last.fm and on 1 on the generated data of the tests, so it starts
   * between them: three candidates find either.
   */
  static final double REG_START_EXPONENT = -0.5;
  static final double REG_MIN_EXPONENT = -3;
  static final double REG_MAX_EXPONENT = 1;

  private AlsTraining() {}

  static ALSModel train(Dataset<Row> ratings, ModelSettings settings, String checkpointDir) {
    SparkSession spark = ratings.sparkSession();
    spark.sparkContext().setCheckpointDir(checkpointDir);
    // One block per core (2..10): more blocks than cores only added shuffle work (BENCHMARKS.md).
    int blocks = Math.max(2, Math.min(10, spark.sparkContext().defaultParallelism()));
    ALS als = new ALS()
        .setUserCol(IndexedInteractions.USER)
        .setItemCol(IndexedInteractions.COURSE)
        .setRatingCol(IndexedInteractions.RATING)
        .setRank(settings.als().rank())
        .setMaxIter(settings.als().maxIter())
        .setRegParam(settings.als().regParam())
        .setImplicitPrefs(settings.implicit())
        .setAlpha(settings.als().alpha())
        .setSeed(settings.seed())
        .setNumUserBlocks(blocks)
        .setNumItemBlocks(blocks)
        .setCheckpointInterval(CHECKPOINT_INTERVAL)
        .setColdStartStrategy("drop");
    return als.fit(ratings);
  }
}
