package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.Table.Columns;
import io.inlearning.spark.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The similar courses a recommender version saved (course ids and scores), titled from today's catalogue as the
 * platform shows them: what the similar-courses index serves and what a lookup in the warehouse prints.
 */
final class SimilarCourses {
  private SimilarCourses() {}

  /**
   * One row per course of the recommender's list: course_id, title, category, similar (rank, course_id, title,
   * category, score, best first); a course the catalogue no longer has keeps its id with no title.
   */
  static Dataset<Row> titled(SparkSession spark, Warehouse warehouse, String version) {
    Dataset<Row> courses = CoursesTable.shown(spark, warehouse);
    Dataset<Row> similar = spark.read().parquet(ModelRegistry.location(warehouse, ModelRegistry.Kind.RECOMMENDER,
        version) + "/similar-courses/parquet");
    Dataset<Row> entries = similar.select(col(Columns.COURSE_ID).as("_of"), posexplode(col(Documents.SIMILAR)));
    Dataset<Row> titled = entries.join(courses, entries.col("col.course_id").equalTo(courses.col(Columns.COURSE_ID)),
        "left");
    // sort_array orders the structs by their first field, the rank.
    Dataset<Row> lists = titled.groupBy(col("_of")).agg(sort_array(collect_list(struct(
            col("pos").plus(1).as(Columns.RANK),
            col("col.course_id").as(Columns.COURSE_ID),
            courses.col(Columns.TITLE).as(Columns.TITLE),
            courses.col(Columns.CATEGORY).as(Columns.CATEGORY),
            col("col.score").as(Columns.SCORE)))).as(Documents.SIMILAR))
        .withColumnRenamed("_of", Columns.COURSE_ID);
    return similar.select(col(Columns.COURSE_ID)).join(lists, Columns.COURSE_ID, "left")
        .join(courses, Columns.COURSE_ID, "left");
  }
}
