package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.records.Feedback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Accepted interactions made ready for ALS: one row per (learner, course), and the string ids mapped to
 * dense ints (0..n-1, in id order, so the mapping does not depend on partitioning). Repeated pairs are
 * aggregated: explicit ratings by their mean, implicit strengths by their sum (a missing strength is 1).
 */
final class IndexedInteractions implements AutoCloseable {
  static final String USER = "user";
  static final String COURSE = "course";
  static final String RATING = "rating";

  /** (user int, course int, rating double), one row per pair; cached. */
  final Dataset<Row> ratings;
  /** (user_id string, user int). */
  final Dataset<Row> users;
  /** (course_id string, course int). */
  final Dataset<Row> courses;
  /** course_id by course index. */
  final String[] courseIds;
  final long userCount;
  final long pairs;
  final long duplicatesAggregated;

  private IndexedInteractions(Dataset<Row> ratings, Dataset<Row> users, Dataset<Row> courses, String[] courseIds,
                              long userCount, long pairs, long duplicatesAggregated) {
    this.ratings = ratings;
    this.users = users;
    this.courses = courses;
    this.courseIds = courseIds;
    this.userCount = userCount;
    this.pairs = pairs;
    this.duplicatesAggregated = duplicatesAggregated;
  }

  static IndexedInteractions of(Dataset<Row> accepted, long acceptedCount, Feedback feedback) {
    SparkSession spark = accepted.sparkSession();
    boolean implicit = feedback == Feedback.IMPLICIT;
    Column strength = implicit
        ? coalesce(col(InteractionSchema.RATING), lit(1.0))
        : col(InteractionSchema.RATING);
    Dataset<Row> pairs = accepted
        .groupBy(col(InteractionSchema.USER_ID), col(InteractionSchema.COURSE_ID))
        .agg((implicit ? sum(strength) : avg(strength)).as(RATING), count(lit(1)).as("n"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    String[] userIds = sortedDistinct(pairs, InteractionSchema.USER_ID);
    String[] courseIds = sortedDistinct(pairs, InteractionSchema.COURSE_ID);
    Dataset<Row> users = mapping(spark, userIds, InteractionSchema.USER_ID, USER);
    Dataset<Row> courses = mapping(spark, courseIds, InteractionSchema.COURSE_ID, COURSE);
    Dataset<Row> ratings = pairs
        .join(broadcast(users), InteractionSchema.USER_ID)
        .join(broadcast(courses), InteractionSchema.COURSE_ID)
        .select(col(USER), col(COURSE), col(RATING))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long pairCount = ratings.count();
    pairs.unpersist();
    return new IndexedInteractions(ratings, users, courses, courseIds, userIds.length, pairCount,
        acceptedCount - pairCount);
  }

  /**
   * The distinct ids, sorted: their positions are the ints ALS sees. Like Spark's StringIndexer, the labels
   * are gathered on the driver (a million ids take tens of MiB), which is far cheaper than a distributed
   * sort and zipWithIndex at the scales this job targets.
   */
  private static String[] sortedDistinct(Dataset<Row> pairs, String idColumn) {
    List<Row> rows = pairs.select(idColumn).distinct().collectAsList();
    String[] ids = new String[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).getString(0);
    }
    Arrays.sort(ids);
    return ids;
  }

  private static Dataset<Row> mapping(SparkSession spark, String[] ids, String idColumn, String indexColumn) {
    List<Row> rows = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      rows.add(RowFactory.create(ids[i], i));
    }
    StructType type = new StructType()
        .add(idColumn, DataTypes.StringType, false)
        .add(indexColumn, DataTypes.IntegerType, false);
    return spark.createDataFrame(rows, type);
  }

  long courseCount() {
    return courseIds.length;
  }

  /** (user, seen array<int>): the courses each learner interacted with. */
  static Dataset<Row> seen(Dataset<Row> ratings) {
    return ratings.groupBy(col(USER)).agg(org.apache.spark.sql.functions.collect_list(col(COURSE)).as("seen"));
  }

  @Override
  public void close() {
    ratings.unpersist();
  }
}
