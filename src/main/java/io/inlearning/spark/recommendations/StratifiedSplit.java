package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Per-learner random split, like Microsoft Recommenders' python_stratified_split: each learner's
 * interactions are shuffled (by a hash of seed, learner and course, so the split does not depend on
 * partitioning) and the first round(n * (1 - testFraction)) go to training, at least one. A learner with
 * one interaction (or two, at 0.25) is wholly in training: every test learner is known to the model.
 */
final class StratifiedSplit implements AutoCloseable {
  final Dataset<Row> train;
  final Dataset<Row> test;
  final long trainCount;
  final long testCount;
  final long testUsers;
  final long singleInteractionUsers;
  final long usersOnlyInTraining;

  private StratifiedSplit(Dataset<Row> train, Dataset<Row> test, long trainCount, long testCount, long testUsers,
                          long singleInteractionUsers, long usersOnlyInTraining) {
    this.train = train;
    this.test = test;
    this.trainCount = trainCount;
    this.testCount = testCount;
    this.testUsers = testUsers;
    this.singleInteractionUsers = singleInteractionUsers;
    this.usersOnlyInTraining = usersOnlyInTraining;
  }

  static StratifiedSplit of(Dataset<Row> ratings, double testFraction, long seed) {
    Column trainSize = greatest(lit(1L), round(col("_n").multiply(1 - testFraction)).cast("long"));
    return split(ratings, seed, col("_rank").leq(trainSize));
  }

  /**
   * Fold {@code fold} of {@code folds}: each learner with 3 or more interactions holds out the shuffled
   * positions r (0-based) with (floor(r * folds / n) + h) mod folds = fold, h a hash of (seed, learner) that
   * spreads the few interactions of light learners over all folds. The folds of one seed are disjoint, cover
   * every interaction of those learners once, and each keeps at least two of them in training.
   */
  static StratifiedSplit fold(Dataset<Row> ratings, int folds, int fold, long seed) {
    Column position = col("_rank").minus(1).multiply(folds).divide(col("_n")).cast("long")
        .plus(pmod(xxhash64(lit(seed), col(IndexedInteractions.USER)), lit(folds)));
    return split(ratings, seed, col("_n").lt(3).or(pmod(position, lit(folds)).notEqual(fold)));
  }

  private static StratifiedSplit split(Dataset<Row> ratings, long seed, Column inTraining) {
    String user = IndexedInteractions.USER;
    String course = IndexedInteractions.COURSE;
    WindowSpec byUser = Window.partitionBy(col(user));
    WindowSpec shuffled = byUser.orderBy(xxhash64(lit(seed), col(user), col(course)), col(course));
    Dataset<Row> marked = ratings
        .withColumn("_n", count(lit(1)).over(byUser))
        .withColumn("_rank", row_number().over(shuffled))
        .withColumn("_train", inTraining)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> train = marked.filter(col("_train")).select(user, course, IndexedInteractions.RATING)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> test = marked.filter(col("_train").unary_$bang()).select(user, course, IndexedInteractions.RATING)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row perUser = marked.groupBy(col(user)).agg(
            org.apache.spark.sql.functions.max(col("_n")).as("n"),
            org.apache.spark.sql.functions.sum(col("_train").cast("int")).as("in_train"))
        .agg(
            org.apache.spark.sql.functions.sum(col("n").equalTo(1).cast("long")),
            org.apache.spark.sql.functions.sum(col("n").equalTo(col("in_train")).cast("long")),
            org.apache.spark.sql.functions.sum(col("n").notEqual(col("in_train")).cast("long")))
        .first();
    long trainCount = train.count();
    long testCount = test.count();
    marked.unpersist();
    return new StratifiedSplit(train, test, trainCount, testCount, longOrZero(perUser, 2),
        longOrZero(perUser, 0), longOrZero(perUser, 1));
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0 : row.getLong(i);
  }

  RecommendMetrics.Split report() {
    return new RecommendMetrics.Split(trainCount, testCount, testUsers, usersOnlyInTraining, singleInteractionUsers);
  }

  private Dataset<Row> trainSeen;
  private Dataset<Row> relevant;

  /** (user, seen array&lt;int&gt;) of the training part, cached on first use: model selection reads it often. */
  Dataset<Row> trainSeen() {
    if (trainSeen == null) {
      trainSeen = IndexedInteractions.seen(train).persist(StorageLevel.MEMORY_AND_DISK());
    }
    return trainSeen;
  }

  /** (user, relevant array&lt;double&gt;) of the held-out part, cached on first use. */
  Dataset<Row> relevant() {
    if (relevant == null) {
      relevant = RankingEvaluation.relevant(test).persist(StorageLevel.MEMORY_AND_DISK());
    }
    return relevant;
  }

  @Override
  public void close() {
    train.unpersist();
    test.unpersist();
    for (Dataset<Row> cached : java.util.Arrays.asList(trainSeen, relevant)) {
      if (cached != null) {
        cached.unpersist();
      }
    }
  }
}
