package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.text.CourseTextVectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Courses of the catalogue that no interaction mentions yet: no model can score them, so
 * they are offered by their text. Each new course keeps its {@link #NEIGHBOURS} most similar taken courses
 * (cosine of {@link CourseTextVectors}, {@link TextNeighbours}); a learner's score for it is the sum of those similarities over the
 * courses the learner took, divided by how many they took (the mean similarity to their history). Each
 * learner's best {@code slots} new courses take the last places of their list, marked {@code content}.
 */
final class NewCourses implements AutoCloseable {
  static final int NEIGHBOURS = 20;
  static final String NEW_ITEMS = "new_items";

  /** (user_id, new_items array&lt;{course_id, score}&gt;), best first; cached. */
  final Dataset<Row> byLearner;
  final long catalogue;
  final long newCourses;
  final long learners;

  private NewCourses(Dataset<Row> byLearner, long catalogue, long newCourses, long learners) {
    this.byLearner = byLearner;
    this.catalogue = catalogue;
    this.newCourses = newCourses;
    this.learners = learners;
  }

  static NewCourses of(Dataset<Row> catalogue, IndexedInteractions data, int slots) {
    Dataset<Row> vectors = CourseTextVectors.of(catalogue).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> taken = vectors.join(data.courses, CourseSchema.COURSE_ID)
        .select(col(IndexedInteractions.COURSE), col(CourseTextVectors.VECTOR).as("taken_vector"));
    Dataset<Row> fresh = vectors.join(data.courses, vectors.col(CourseSchema.COURSE_ID)
            .equalTo(data.courses.col(CourseSchema.COURSE_ID)), "left_anti")
        .select(col(CourseSchema.COURSE_ID).as("new_course"), col(CourseTextVectors.VECTOR).as("new_vector"));
    Dataset<Row> neighbours = TextNeighbours.of(catalogue.sparkSession(), fresh, taken, NEIGHBOURS);
    Dataset<Row> history = data.ratings.groupBy(IndexedInteractions.USER).agg(count(lit(1)).as("taken"));
    Dataset<Row> best = data.ratings.select(IndexedInteractions.USER, IndexedInteractions.COURSE)
        .join(neighbours, IndexedInteractions.COURSE)
        .groupBy(IndexedInteractions.USER, "new_course").agg(sum("similarity").as("total"))
        .join(history, IndexedInteractions.USER)
        .withColumn("score", col("total").divide(col("taken")))
        .withColumn("_rank", row_number().over(Window.partitionBy(IndexedInteractions.USER)
            .orderBy(col("score").desc(), col("new_course"))))
        .filter(col("_rank").leq(slots));
    Dataset<Row> byLearner = best.join(data.users, IndexedInteractions.USER)
        .groupBy(InteractionSchema.USER_ID)
        .agg(collect_list(struct(col("_rank"), col("new_course").as(InteractionSchema.COURSE_ID),
            col("score"))).as("ranked"))
        .selectExpr(InteractionSchema.USER_ID, "transform(array_sort(ranked), r -> named_struct('course_id', "
            + "r.course_id, 'score', r.score)) AS " + NEW_ITEMS)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long catalogueCount = vectors.count();
    long newCount = fresh.count();
    long learners = byLearner.count();
    vectors.unpersist();
    return new NewCourses(byLearner, catalogueCount, newCount, learners);
  }

  @Override
  public void close() {
    byLearner.unpersist();
  }

  /** The {@code new_courses} block of metrics.json. */
  RecommendMetrics.NewCourseOffers offers(RecordCounts catalogueRecords, int slots, long recommendations) {
    return new RecommendMetrics.NewCourseOffers(catalogueRecords, catalogue, newCourses, slots, learners,
        recommendations);
  }
}
