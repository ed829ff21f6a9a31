package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The final top k of every learner with the ids of the input: {@code user_id}, {@code recommendations}
 * (array of {@code {course_id, score}}, best first). Computed once, written as Parquet and JSON lines.
 */
final class Recommendations implements AutoCloseable {
  static final StructType ITEM = new StructType()
      .add(InteractionSchema.COURSE_ID, DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false);
  static final StructType TYPE = new StructType()
      .add(InteractionSchema.USER_ID, DataTypes.StringType, false)
      .add("recommendations", DataTypes.createArrayType(ITEM, false), false);

  private final Dataset<Row> rows;
  final long learners;
  final long recommended;
  final long learnersWithFewerThanK;

  private Recommendations(Dataset<Row> rows, long learners, long recommended, long learnersWithFewerThanK) {
    this.rows = rows;
    this.learners = learners;
    this.recommended = recommended;
    this.learnersWithFewerThanK = learnersWithFewerThanK;
  }

  /** Maps (user, items, scores) rows back to the input's ids and materialises them. */
  static Recommendations of(Dataset<Row> topK, IndexedInteractions data, int k) {
    Broadcast<String[]> courseIds = JavaSparkContext.fromSparkContext(topK.sparkSession().sparkContext())
        .broadcast(data.courseIds);
    MapFunction<Row, Row> toIds = row -> {
      String[] ids = courseIds.value();
      List<Integer> items = row.getList(1);
      List<Float> scores = row.getList(2);
      List<Row> best = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        best.add(RowFactory.create(ids[items.get(i)], (double) scores.get(i)));
      }
      return RowFactory.create(row.getString(3), TopK.seq(best));
    };
    Dataset<Row> rows = topK.join(data.users, IndexedInteractions.USER)
        .select(col(IndexedInteractions.USER), col(TopK.ITEMS), col(TopK.SCORES), col(InteractionSchema.USER_ID))
        .map(toIds, Encoders.row(TYPE))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = rows.selectExpr("count(*)", "coalesce(sum(size(recommendations)), 0)",
        "coalesce(sum(cast(size(recommendations) < " + k + " as long)), 0)").first();
    return new Recommendations(rows, counts.getLong(0), counts.getLong(1), counts.getLong(2));
  }

  /**
   * The scores of every recommendation in 20 equal bins: {@code edges} (21 values) and {@code counts}; null
   * when nothing was recommended.
   */
  Map<String, Object> scoreDistribution() {
    if (recommended == 0) {
      return null;
    }
    Tuple2<double[], long[]> histogram = rows.selectExpr("explode(recommendations.score) as score")
        .as(Encoders.DOUBLE()).javaRDD().mapToDouble(Double::doubleValue).histogram(20);
    Map<String, Object> distribution = new LinkedHashMap<>();
    distribution.put("edges", histogram._1());
    distribution.put("counts", histogram._2());
    return distribution;
  }

  void write(String folder) {
    rows.write().parquet(folder + "/parquet");
    rows.write().json(folder + "/json");
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
