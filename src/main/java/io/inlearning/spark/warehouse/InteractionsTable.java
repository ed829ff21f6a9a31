package io.inlearning.spark.warehouse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.warehouse.Table.Columns;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code interactions} table: one row per learner, course and time. A record without a time is taken to
 * be of the hour it arrived in; one without a strength counts 1. Records that share all three within one
 * hour's offer are one record delivered twice: they are folded into one (the larger strength kept) and
 * counted. A record already in the table is left alone unless its strength changed.
 */
public final class InteractionsTable {
  private InteractionsTable() {}

  /** Merges accepted interaction records (user_id, course_id, rating, timestamp) that arrived in {@code hour}. */
  public static MergeCounts merge(SparkSession spark, Warehouse warehouse, Dataset<Row> interactions, Hour hour) {
    Dataset<Row> offer = interactions
        .select(col(Columns.USER_ID), col(Columns.COURSE_ID),
            coalesce(col(Columns.RATING), lit(1.0)).as(Columns.RATING),
            coalesce(col(Columns.TIMESTAMP), lit(Timestamp.from(hour.start())).cast(DataTypes.TimestampType))
                .as(Columns.TIMESTAMP))
        .groupBy(Columns.USER_ID, Columns.COURSE_ID, Columns.TIMESTAMP)
        .agg(max(Columns.RATING).as(Columns.RATING), count(lit(1)).as("_records"))
        .withColumn(Columns.HOUR, lit(hour.toString()))
        .cache();
    try {
      Row sizes = offer.agg(sum("_records"),
          count(lit(1))).first();
      long offered = sizes.isNullAt(0) ? 0 : sizes.getLong(0);
      long distinct = sizes.getLong(1);
      Row metrics = DeltaTables.open(spark, warehouse, Table.INTERACTIONS).as("t")
          .merge(offer.drop("_records").as("s"),
              DeltaTables.sameKey(Table.INTERACTIONS))
          .whenMatched("NOT (t.rating <=> s.rating)")
          .updateExpr(Map.of(Columns.RATING, "s.rating", Columns.HOUR, "s.hour"))
          .whenNotMatched().insertAll()
          .execute().first();
      return MergeCounts.of(offered, offered - distinct, metrics);
    } finally {
      offer.unpersist();
    }
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.read(spark, warehouse, Table.INTERACTIONS);
  }

  public static boolean exists(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.exists(spark, warehouse, Table.INTERACTIONS);
  }

  /**
   * The latest hour any interaction arrived in: the end of the history the recommender reads by default. The
   * arrival hour, not the records' own times, so that a record stamped in the future cannot move it.
   */
  public static Optional<Hour> latestHour(SparkSession spark, Warehouse warehouse) {
    Row latest = read(spark, warehouse).agg(max(Columns.HOUR)).first();
    return latest.isNullAt(0) ? Optional.empty() : Optional.of(Hour.parse(latest.getString(0)));
  }

  /** The interactions (user_id, course_id, rating, timestamp) with {@code from <= timestamp < until}. */
  public static Dataset<Row> between(SparkSession spark, Warehouse warehouse, Instant from, Instant until) {
    return read(spark, warehouse)
        .filter(col(Columns.TIMESTAMP).geq(lit(Timestamp.from(from)))
            .and(col(Columns.TIMESTAMP).lt(lit(Timestamp.from(until)))))
        .select(Columns.USER_ID, Columns.COURSE_ID, Columns.RATING, Columns.TIMESTAMP);
  }
}
