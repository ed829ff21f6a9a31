package io.inlearning.spark.warehouse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.warehouse.Table.Columns;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code courses} table, the catalogue. An ingest merges the hour's course records by {@code course_id}:
 * a new course is inserted; a known one is updated only when one of its catalogue fields changed, so running
 * an hour again changes nothing. A changed title or content clears the course's prediction, which was made
 * from the old text.
 */
public final class CoursesTable {
  /** The catalogue fields an ingest brings, in the table's order. */
  static final List<String> CATALOGUE = List.of(Columns.TITLE, Columns.CONTENT, Columns.LANGUAGE,
      Columns.DIFFICULTY, Columns.CATEGORY);

  private CoursesTable() {}

  /**
   * Merges accepted course records (the batch course record's columns; one per {@code course_id}) as of
   * {@code hour}.
   */
  public static MergeCounts merge(SparkSession spark, Warehouse warehouse, Dataset<Row> courses, Hour hour) {
    Dataset<Row> offer = courses.select(
            col(Columns.COURSE_ID), col(Columns.TITLE), col(Columns.CONTENT), col(Columns.LANGUAGE),
            col(Columns.DIFFICULTY), col(Columns.CATEGORY),
            lit(Timestamp.from(hour.start())).cast(DataTypes.TimestampType).as(Columns.UPDATED_AT))
        .cache();
    try {
      long offered = offer.count();
      String changed = CATALOGUE.stream().map(c -> "NOT (t." + c + " <=> s." + c + ")")
          .reduce((a, b) -> a + " OR " + b).orElseThrow();
      String sameText = "t.title <=> s.title AND t.content <=> s.content";
      Map<String, String> update = new LinkedHashMap<>();
      CATALOGUE.forEach(c -> update.put(c, "s." + c));
      update.put(Columns.UPDATED_AT, "s." + Columns.UPDATED_AT);
      for (String prediction : List.of(Columns.PREDICTED_CATEGORY, Columns.PROBABILITY, Columns.MODEL_VERSION)) {
        update.put(prediction, "CASE WHEN " + sameText + " THEN t." + prediction + " ELSE NULL END");
      }
      Map<String, String> insert = new LinkedHashMap<>();
      insert.put(Columns.COURSE_ID, "s." + Columns.COURSE_ID);
      update.forEach((column, value) -> insert.put(column, value.startsWith("CASE") ? "NULL" : value));
      Row metrics = DeltaTables.open(spark, warehouse, Table.COURSES).as("t")
          .merge(offer.as("s"), DeltaTables.sameKey(Table.COURSES))
          .whenMatched(changed).updateExpr(update)
          .whenNotMatched().insertExpr(insert)
          .execute().first();
      return MergeCounts.of(offered, 0, metrics);
    } finally {
      offer.unpersist();
    }
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.read(spark, warehouse, Table.COURSES);
  }

  /**
   * Each course's id, title and the category the platform shows: the given one, else the classifier's
   * prediction.
   */
  public static Dataset<Row> shown(SparkSession spark, Warehouse warehouse) {
    return read(spark, warehouse).select(col(Columns.COURSE_ID), col(Columns.TITLE),
        coalesce(col(Columns.CATEGORY), col(Columns.PREDICTED_CATEGORY)).as(Columns.CATEGORY));
  }

  /** Whether the warehouse has a catalogue yet. */
  public static boolean exists(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.exists(spark, warehouse, Table.COURSES);
  }

  /**
   * The courses whose prediction is not from {@code modelVersion}: never classified, classified by an older
   * model, or changed since (an ingest clears a changed course's prediction).
   */
  public static Dataset<Row> notClassifiedBy(SparkSession spark, Warehouse warehouse, String modelVersion) {
    return records(read(spark, warehouse).filter(col(Columns.MODEL_VERSION).eqNullSafe(modelVersion).unary_$bang()));
  }

  /** Every course as a course record (the columns the classifier reads) with its {@code updated_at}. */
  public static Dataset<Row> courseRecords(SparkSession spark, Warehouse warehouse) {
    return records(read(spark, warehouse));
  }

  private static Dataset<Row> records(Dataset<Row> courses) {
    return courses.select(col(Columns.COURSE_ID), col(Columns.TITLE), col(Columns.CONTENT), col(Columns.CATEGORY),
        col(Columns.DIFFICULTY), col(Columns.LANGUAGE), col(Columns.UPDATED_AT));
  }

  /**
   * Writes {@code offered} predictions (course_id, predicted_category, probability, and the updated_at of the row
   * they were made from) into the catalogue. A course changed by an ingest since it was read keeps its cleared
   * prediction: the next run classifies its new text.
   */
  public static MergeCounts mergePredictions(SparkSession spark, Warehouse warehouse, Dataset<Row> predictions,
                                             long offered, String modelVersion) {
    Dataset<Row> offer = predictions.select(col(Columns.COURSE_ID), col(Columns.PREDICTED_CATEGORY),
        col(Columns.PROBABILITY), col(Columns.UPDATED_AT), lit(modelVersion).as(Columns.MODEL_VERSION));
    Row metrics = DeltaTables.open(spark, warehouse, Table.COURSES).as("t")
        .merge(offer.as("s"), DeltaTables.sameKey(Table.COURSES) + " AND t.updated_at <=> s.updated_at")
        .whenMatched().updateExpr(Map.of(
            Columns.PREDICTED_CATEGORY, "s." + Columns.PREDICTED_CATEGORY,
            Columns.PROBABILITY, "s." + Columns.PROBABILITY,
            Columns.MODEL_VERSION, "s." + Columns.MODEL_VERSION))
        .execute().first();
    return MergeCounts.of(offered, 0, metrics);
  }

  /** The courses an ingest of {@code hour} inserted or changed. */
  public static Dataset<Row> updatedIn(SparkSession spark, Warehouse warehouse, Hour hour) {
    return read(spark, warehouse).filter(col(Columns.UPDATED_AT).equalTo(lit(Timestamp.from(hour.start()))));
  }

  /** Whether the catalogue holds at least one course with a category, something to train on. */
  public static boolean hasCategorised(SparkSession spark, Warehouse warehouse) {
    return exists(spark, warehouse) && !read(spark, warehouse).filter(col(Columns.CATEGORY).isNotNull()).isEmpty();
  }
}
