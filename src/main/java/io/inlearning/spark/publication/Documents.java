package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.inlearning.spark.warehouse.Table.Columns;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The serving documents, as (id, JSON as UTF-8 bytes) rows that Spark writes from the warehouse's rows in its tasks: the
 * driver only wraps each in a bulk operation. The field names are the mappings' and the API's.
 */
final class Documents {
  static final String ID = "_id";
  static final String SOURCE_JSON = "_source";
  static final String LEARNER_ID = "learner_id";
  static final String COURSE_ID = Columns.COURSE_ID;
  static final String RECOMMENDATIONS = Columns.RECOMMENDATIONS;
  static final String SIMILAR = "similar";
  static final String RANK = Columns.RANK;
  static final String TITLE = Columns.TITLE;
  static final String CATEGORY = Columns.CATEGORY;
  static final String PREDICTED_CATEGORY = Columns.PREDICTED_CATEGORY;
  static final String PROBABILITY = Columns.PROBABILITY;
  static final String SCORE = Columns.SCORE;
  static final String SOURCE = Columns.SOURCE;
  static final String MODEL_VERSION = Columns.MODEL_VERSION;
  static final String RUN = "run";
  static final String UPDATED_AT = Columns.UPDATED_AT;
  static final String PUBLISHED_AT = "published_at";
  /** ISO-8601 in UTC, as Elasticsearch's date fields read it; a null field is left out. */
  private static final Map<String, String> JSON = Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
      "timeZone", "UTC");

  private Documents() {}

  /** What every document of one run carries: the model version, the run (its index), when it was published. */
  record Stamp(String modelVersion, String run, String publishedAt) {}

  /**
   * Rows of the recommendations table (user_id, recommendations: rank, course_id, title, category, score,
   * source) as learner documents.
   */
  static Dataset<Row> learners(Dataset<Row> lists, Stamp stamp) {
    return json(lists, col(Columns.USER_ID), col(Columns.USER_ID).as(LEARNER_ID), col(RECOMMENDATIONS),
        lit(stamp.modelVersion()).as(MODEL_VERSION), lit(stamp.run()).as(RUN),
        lit(stamp.publishedAt()).as(PUBLISHED_AT));
  }

  /** Courses (course_id, title, category) with their similar courses (rank, course_id, title, category, score). */
  static Dataset<Row> similar(Dataset<Row> courses, Stamp stamp) {
    return json(courses, col(COURSE_ID), col(COURSE_ID), col(TITLE), col(CATEGORY), col(SIMILAR),
        lit(stamp.modelVersion()).as(MODEL_VERSION), lit(stamp.run()).as(RUN),
        lit(stamp.publishedAt()).as(PUBLISHED_AT));
  }

  /** Rows of the courses table: given and predicted category, the classifier's version. */
  static Dataset<Row> courses(Dataset<Row> courses, String publishedAt) {
    return json(courses, col(COURSE_ID), col(COURSE_ID), col(TITLE), col(CATEGORY), col(PREDICTED_CATEGORY),
        col(PROBABILITY), col(MODEL_VERSION), col(UPDATED_AT), lit(publishedAt).as(PUBLISHED_AT));
  }

  private static Dataset<Row> json(Dataset<Row> rows, Column id, Column... fields) {
    // As UTF-8 bytes, the string's own: the bulk body takes them as they are, with no detour through a Java String.
    return rows.select(id.as(ID), to_json(struct(fields), JSON).cast(DataTypes.BinaryType).as(SOURCE_JSON));
  }
}
