package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The final top k of every learner with the ids of the input: {@code user_id}, {@code recommendations} (array
 * of {@code {course_id, score, source}}): the model's courses best first ({@code model}); for a learner without
 * history the most popular courses ({@code popular}, score = learners); with a course catalogue, new courses
 * by text similarity in the last places ({@code content}, score = mean cosine to the learner's courses).
 * Computed once, written as Parquet and JSON lines.
 */
final class Recommendations implements AutoCloseable {
  static final String SOURCE = "source";
  static final String FROM_MODEL = "model";
  static final String POPULAR = "popular";
  static final String CONTENT = "content";
  static final StructType ITEM = new StructType()
      .add(InteractionSchema.COURSE_ID, DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add(SOURCE, DataTypes.StringType, false);
  static final StructType TYPE = new StructType()
      .add(InteractionSchema.USER_ID, DataTypes.StringType, false)
      .add("recommendations", DataTypes.createArrayType(ITEM, false), false);

  private final Dataset<Row> rows;
  final long learners;
  final long recommended;
  final long learnersWithFewerThanK;
  final long learnersWithNone;
  final long popularLearners;
  final long contentRecommendations;

  private Recommendations(Dataset<Row> rows, long learners, long recommended, long learnersWithFewerThanK,
                          long learnersWithNone, long popularLearners, long contentRecommendations) {
    this.rows = rows;
    this.learners = learners;
    this.recommended = recommended;
    this.learnersWithFewerThanK = learnersWithFewerThanK;
    this.learnersWithNone = learnersWithNone;
    this.popularLearners = popularLearners;
    this.contentRecommendations = contentRecommendations;
  }

  /**
   * Maps the model's (user, items, scores) rows back to the input's ids, puts each learner's new courses of
   * {@code newCourses} (may be null) in the last places, adds the most popular courses for each learner of
   * {@code withoutHistory} (user_id; may be null), and materialises them.
   */
  static Recommendations of(Dataset<Row> topK, IndexedInteractions data, NewCourses newCourses,
                            Dataset<Row> withoutHistory, int k) {
    Broadcast<String[]> courseIds = JavaSparkContext.fromSparkContext(topK.sparkSession().sparkContext())
        .broadcast(data.courseIds);
    MapFunction<Row, Row> toIds = row -> {
      String[] ids = courseIds.value();
      List<Integer> items = row.getList(1);
      List<Float> scores = row.getList(2);
      List<Row> fresh = row.isNullAt(4) ? List.of() : row.getList(4);
      int fromModel = Math.min(items.size(), k - fresh.size());
      List<Row> best = new ArrayList<>(fromModel + fresh.size());
      for (int i = 0; i < fromModel; i++) {
        best.add(RowFactory.create(ids[items.get(i)], (double) scores.get(i), FROM_MODEL));
      }
      for (Row item : fresh) {
        best.add(RowFactory.create(item.getString(0), item.getDouble(1), CONTENT));
      }
      return RowFactory.create(row.getString(3), TopK.seq(best));
    };
    Dataset<Row> learners = topK.join(data.users, IndexedInteractions.USER);
    learners = newCourses == null
        ? learners.withColumn(NewCourses.NEW_ITEMS, lit(null).cast("array<struct<course_id:string,score:double>>"))
        : learners.join(newCourses.byLearner, InteractionSchema.USER_ID, "left");
    Dataset<Row> rows = learners.select(col(IndexedInteractions.USER), col(TopK.ITEMS), col(TopK.SCORES),
            col(InteractionSchema.USER_ID), col(NewCourses.NEW_ITEMS))
        .map(toIds, Encoders.row(TYPE));
    if (withoutHistory != null) {
      List<Row> popular = mostPopular(data, k);
      MapFunction<Row, Row> toPopular = row -> RowFactory.create(row.getString(0), TopK.seq(popular));
      rows = rows.union(withoutHistory.select(InteractionSchema.USER_ID).map(toPopular, Encoders.row(TYPE)));
    }
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
    // A learner who has taken every course has an empty list: get() reads its missing first entry as null.
    Row counts = rows.selectExpr("count(*)", "coalesce(sum(size(recommendations)), 0)",
        "coalesce(sum(cast(size(recommendations) < " + k + " as long)), 0)",
        "coalesce(sum(cast(size(recommendations) = 0 as long)), 0)",
        "coalesce(sum(cast(get(recommendations, 0).source = '" + POPULAR + "' as long)), 0)",
        "coalesce(sum(size(filter(recommendations, r -> r.source = '" + CONTENT + "'))), 0)").first();
    return new Recommendations(rows, counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3),
        counts.getLong(4), counts.getLong(5));
  }

  /** The k courses with the most learners, as {course_id, score = learners, popular}; ties by course id. */
  private static List<Row> mostPopular(IndexedInteractions data, int k) {
    List<Row> popular = new ArrayList<>(k);
    for (Row row : data.ratings.groupBy(col(IndexedInteractions.COURSE)).count()
        .orderBy(col("count").desc(), col(IndexedInteractions.COURSE)).limit(k).collectAsList()) {
      popular.add(RowFactory.create(data.courseIds[row.getInt(0)], (double) row.getLong(1), POPULAR));
    }
    return popular;
  }

  /**
   * The scores of every recommendation in 20 equal bins: {@code edges} (21 values) and {@code counts}; null
   * when nothing was recommended.
   */
  RecommendMetrics.ScoreDistribution scoreDistribution() {
    if (recommended == 0) {
      return null;
    }
    Tuple2<double[], long[]> histogram = rows.selectExpr("explode(recommendations.score) as score")
        .as(Encoders.DOUBLE()).javaRDD().mapToDouble(Double::doubleValue).histogram(20);
    return new RecommendMetrics.ScoreDistribution(histogram._1(), histogram._2());
  }

  void write(String folder) {
    writeBoth(rows, folder);
  }

  /** {@code folder/parquet} and {@code folder/json} (JSON lines): the two forms of every table of this job. */
  static void writeBoth(Dataset<Row> rows, String folder) {
    rows.write().parquet(folder + "/parquet");
    rows.write().json(folder + "/json");
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
