package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

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

/**
 * "Learners who took this also took": {@code course_id}, {@code similar} (array of {@code {course_id, score}},
 * best first, never the course itself) for every course of the model; written as Parquet and JSON lines.
 */
final class SimilarCourses implements AutoCloseable {
  static final StructType TYPE = new StructType()
      .add(InteractionSchema.COURSE_ID, DataTypes.StringType, false)
      .add("similar", DataTypes.createArrayType(new StructType()
          .add(InteractionSchema.COURSE_ID, DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false), false), false);

  private final Dataset<Row> rows;
  final long courses;
  final long coursesWithFewerThanK;

  private SimilarCourses(Dataset<Row> rows, long courses, long coursesWithFewerThanK) {
    this.rows = rows;
    this.courses = courses;
    this.coursesWithFewerThanK = coursesWithFewerThanK;
  }

  /** Maps TopK rows whose "user" is a course index back to course ids, and materialises them. */
  static SimilarCourses of(Dataset<Row> topK, String[] courseIds, int k) {
    Broadcast<String[]> ids = JavaSparkContext.fromSparkContext(topK.sparkSession().sparkContext())
        .broadcast(courseIds);
    MapFunction<Row, Row> toIds = row -> {
      String[] id = ids.value();
      List<Integer> items = row.getList(1);
      List<Float> scores = row.getList(2);
      List<Row> similar = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        similar.add(RowFactory.create(id[items.get(i)], (double) scores.get(i)));
      }
      return RowFactory.create(id[row.getInt(0)], TopK.seq(similar));
    };
    Dataset<Row> rows = topK.select(col(IndexedInteractions.USER), col(TopK.ITEMS), col(TopK.SCORES))
        .map(toIds, Encoders.row(TYPE))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = rows.selectExpr("count(*)", "coalesce(sum(cast(size(similar) < " + k + " as long)), 0)").first();
    return new SimilarCourses(rows, counts.getLong(0), counts.getLong(1));
  }

  void write(String folder) {
    Recommendations.writeBoth(rows, folder);
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
