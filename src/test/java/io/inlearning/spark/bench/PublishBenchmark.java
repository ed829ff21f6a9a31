package io.inlearning.spark.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;

import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.publication.Publication;
import io.inlearning.spark.publication.Publisher;
import io.inlearning.spark.publication.ServingTarget;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench publish}: learner documents per second that {@link Publisher} writes into a new recommendations
 * index, from a recommendations table of {@code learners} rows (10 courses each, with titles and categories, as
 * {@code recommend --warehouse} writes and reads it back), from the publication's start to the alias move. Each run publishes into a
 * prefix of its own and deletes its indices after.
 */
public final class PublishBenchmark {
  public record Options(String url, int learners, Path work) {}

  private PublishBenchmark() {}

  public static Map<String, Object> run(SparkSession spark, Options options) {
    Warehouse warehouse = new Warehouse(options.work().resolve("publish-" + System.currentTimeMillis()).toString());
    Column[] courses = new Column[10];
    for (int rank = 0; rank < 10; rank++) {
      Column course = pmod(col("id").multiply(31).plus(rank * 977), lit(20_000));
      courses[rank] = struct(lit(rank + 1).as(Table.Columns.RANK),
          format_string("crs-%09d", course).as(Table.Columns.COURSE_ID),
          concat(lit("Practical course number "), course.cast("string"), lit(" for working data engineers"))
              .as(Table.Columns.TITLE),
          format_string("category-%02d", pmod(course, lit(24))).as(Table.Columns.CATEGORY),
          lit(1.0 - rank * 0.05).as(Table.Columns.SCORE), lit("model").as(Table.Columns.SOURCE));
    }
    String version = ModelRegistry.newVersion(Instant.now());
    spark.range(options.learners()).select(format_string("lrn-%08d", col("id")).as(Table.Columns.USER_ID),
            array(courses).as(Table.Columns.RECOMMENDATIONS), lit(version).as(Table.Columns.MODEL_VERSION),
            current_timestamp().as(Table.Columns.UPDATED_AT))
        .write().format("delta").save(warehouse.location(Table.RECOMMENDATIONS));
    // recommend --warehouse reads the table back after writing it (RecommendationsTable.replace counts the
    // learners), which leaves Delta's snapshot of it computed before the publication starts: the same here.
    RecommendationsTable.read(spark, warehouse).count();
    String prefix = "bench-publish-" + System.currentTimeMillis();
    ServingTarget target = new ServingTarget(options.url(), ElasticsearchSecurity.NONE, prefix,
        Duration.ofMinutes(2));
    Publication published;
    try (Publisher publisher = Publisher.open(target)) {
      published = publisher.recommendations(spark, warehouse, version);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("learners", options.learners());
    row.put("documents", published.documents());
    row.put("seconds", published.seconds());
    row.put("documents_per_second", Phases.round(published.documentsPerSecond()));
    row.put("bulk_seconds", published.bulkSeconds());
    row.put("bulk_documents_per_second", Phases.round(published.bulkDocumentsPerSecond()));
    System.out.printf("publish: %,d learner documents into %s in %.1f s: %,.0f documents/s; the bulk requests "
            + "%.1f s: %,.0f documents/s%n", published.documents(), published.index(), published.seconds(),
        published.documentsPerSecond(), published.bulkSeconds(), published.bulkDocumentsPerSecond());
    deleteIndices(options.url(), prefix);
    return row;
  }

  private static void deleteIndices(String url, String prefix) {
    try (var es = io.inlearning.spark.elasticsearch.ElasticsearchConnection.open(url)) {
      es.client().indices().delete(d -> d.index(prefix + "-*"));
    } catch (Exception e) {
      System.err.println("bench publish: could not delete " + prefix + "-*: " + e.getMessage());
    }
  }
}
