package io.inlearning.spark.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.inlearning.spark.warehouse.Table.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code recommendations} table: one row per learner with the list the application shows, each course with
 * its title and category (the given one, else the predicted one) from {@code courses}. Each run of the
 * recommender replaces the whole table in one commit, so a reader sees one run's lists, never a mix.
 */
public final class RecommendationsTable {
  private RecommendationsTable() {}

  /**
   * Replaces the table with {@code lists} (user_id, recommendations: array of course_id, score, source, best
   * first), made by recommender {@code modelVersion}; returns the learners written.
   */
  public static long replace(SparkSession spark, Warehouse warehouse, Dataset<Row> lists, String modelVersion) {
    Dataset<Row> courses = CoursesTable.shown(spark, warehouse).select(col(Columns.COURSE_ID).as("_course"),
        col(Columns.TITLE).as("_title"), col(Columns.CATEGORY).as("_category"));
    Dataset<Row> entries = lists.select(col(Columns.USER_ID), posexplode_outer(col(Columns.RECOMMENDATIONS)));
    Dataset<Row> titled = entries.join(courses, entries.col("col.course_id").equalTo(courses.col("_course")),
        "left");
    // sort_array orders the structs by their first field, the rank; a learner with an empty list keeps one row.
    Dataset<Row> rows = titled.groupBy(col(Columns.USER_ID))
        .agg(sort_array(collect_list(when(col("col").isNotNull(), struct(
            col("pos").plus(1).as(Columns.RANK),
            col("col.course_id").as(Columns.COURSE_ID),
            col("_title").as(Columns.TITLE),
            col("_category").as(Columns.CATEGORY),
            col("col.score").as(Columns.SCORE),
            col("col.source").as(Columns.SOURCE))))).as(Columns.RECOMMENDATIONS))
        .withColumn(Columns.MODEL_VERSION, lit(modelVersion))
        .withColumn(Columns.UPDATED_AT, current_timestamp());
    rows.write().format("delta").mode("overwrite").save(warehouse.location(Table.RECOMMENDATIONS));
    return DeltaTables.read(spark, warehouse, Table.RECOMMENDATIONS).count();
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.read(spark, warehouse, Table.RECOMMENDATIONS);
  }

  public static boolean exists(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.exists(spark, warehouse, Table.RECOMMENDATIONS);
  }
}
