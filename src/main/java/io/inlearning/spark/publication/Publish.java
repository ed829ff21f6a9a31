package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.errors.Failures;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What each job publishes into Elasticsearch once its model has passed the gate and the warehouse holds its
 * results: the recommender's lists and similar courses (new indices behind the aliases), the courses it
 * classified (upserts); and everything current at once ({@code publish}, to publish again after a failure).
 */
public final class Publish {
  private Publish() {}

  /** The recommendations table and the similar courses of recommender {@code version}. */
  public static List<Publication> recommendations(SparkSession spark, Warehouse warehouse, String version,
                                                  ServingTarget target) {
    try (Publisher publisher = Publisher.open(target)) {
      return List.of(publisher.recommendations(spark, warehouse, version),
          publisher.similarCourses(spark, warehouse, version));
    } catch (RuntimeException e) {
      throw failed(warehouse, "recommender " + version, target, e);
    }
  }

  /**
   * The catalogue's courses with a {@code course_id} in {@code changed}; the whole catalogue when the courses
   * index does not exist yet.
   */
  public static Publication courses(SparkSession spark, Warehouse warehouse, Dataset<Row> changed,
                                    ServingTarget target) {
    try (Publisher publisher = Publisher.open(target)) {
      Dataset<Row> catalogue = CoursesTable.read(spark, warehouse);
      return publisher.courses(publisher.hasCourses()
          ? catalogue.join(changed.select(col(Table.Columns.COURSE_ID)).distinct(), Table.Columns.COURSE_ID, "left_semi")
          : catalogue);
    } catch (RuntimeException e) {
      throw failed(warehouse, "the classified courses", target, e);
    }
  }

  /** Everything current: the whole catalogue, and the current recommender's lists and similar courses. */
  public static List<Publication> current(SparkSession spark, Warehouse warehouse, ServingTarget target) {
    List<Publication> published = new ArrayList<>();
    try (Publisher publisher = Publisher.open(target)) {
      if (CoursesTable.exists(spark, warehouse)) {
        published.add(publisher.courses(CoursesTable.read(spark, warehouse)));
      }
      Optional<String> recommender = ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
          ModelRegistry.Kind.RECOMMENDER);
      if (recommender.isPresent() && RecommendationsTable.exists(spark, warehouse)) {
        published.add(publisher.recommendations(spark, warehouse, recommender.get()));
        published.add(publisher.similarCourses(spark, warehouse, recommender.get()));
      }
    }
    return published;
  }

  /**
   * The failure in one line that says the warehouse is ahead and how to publish again; the Elasticsearch error
   * is kept as suppressed (printed with --verbose) rather than as the cause, whose message would be shown alone.
   */
  private static RuntimeException failed(Warehouse warehouse, String what, ServingTarget target, RuntimeException e) {
    if (e instanceof ElasticsearchConnection.AccessRefused) {
      return e;
    }
    IllegalStateException failure = new IllegalStateException("the warehouse holds " + what + " but publishing it"
        + " to " + target.describe() + " failed (" + Failures.rootMessage(e) + "); 'inlearning publish --warehouse "
        + warehouse.root() + " --to elasticsearch:" + target.url()
        + (target.prefix().equals(ServingTarget.DEFAULT_PREFIX) ? "" : " --publish-prefix " + target.prefix())
        + "' publishes it again");
    failure.addSuppressed(e);
    return failure;
  }
}
