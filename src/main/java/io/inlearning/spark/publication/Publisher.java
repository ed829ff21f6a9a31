package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table.Columns;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes the warehouse's results where the learning platform reads them. Recommendations and similar courses:
 * a new index per run, filled by bulk requests with refreshes off, refreshed and counted, then one
 * {@code _aliases} call moves the alias from the old index to the new one, so a reader sees one run or the
 * other, never a mix or a gap; the two newest runs are kept (the one served and the one before, to go back to),
 * older ones deleted. Courses: one index, updated in place by bulk upserts keyed by course id.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(Publisher.class);
  /**
   * Bulk requests on the wire at once while the next is built: enough that Elasticsearch always has one
   * queued behind the two its write threads take on a small node.
   */
  static final int IN_FLIGHT = 3;
  /** Run indices kept per alias: the one served and the one before. */
  static final int KEPT_RUNS = 2;

  private final ServingTarget target;
  private final ElasticsearchConnection es;

  private Publisher(ServingTarget target) {
    this.target = target;
    this.es = new ElasticsearchConnection(target.url(), target.security());
  }

  /** Connects, and stops at once (one line) when the credentials or the certificate are refused. */
  public static Publisher open(ServingTarget target) {
    Publisher publisher = new Publisher(target);
    try {
      publisher.es.retrying("reach Elasticsearch", () -> {
        publisher.es.checkAccess(ServingIndex.COURSES.name(target.prefix()));
        return List.of();
      }, target.retryFor());
      return publisher;
    } catch (RuntimeException e) {
      publisher.close();
      throw e;
    }
  }

  /** The recommendations table, made by recommender {@code version}, as {@code PREFIX-recommendations}. */
  public Publication recommendations(SparkSession spark, Warehouse warehouse, String version) {
    Dataset<Row> lists = RecommendationsTable.read(spark, warehouse);
    return publishRun(ServingIndex.RECOMMENDATIONS, version, stamp -> Documents.learners(lists, stamp));
  }

  /** The similar courses of recommender {@code version}, titled from the catalogue, as {@code PREFIX-similar-courses}. */
  public Publication similarCourses(SparkSession spark, Warehouse warehouse, String version) {
    Dataset<Row> courses = CoursesTable.read(spark, warehouse).select(col(Columns.COURSE_ID), col(Columns.TITLE),
        coalesce(col(Columns.CATEGORY), col(Columns.PREDICTED_CATEGORY)).as(Columns.CATEGORY));
    Dataset<Row> similar = spark.read().parquet(ModelRegistry.location(warehouse, ModelRegistry.Kind.RECOMMENDER,
        version) + "/similar-courses/parquet");
    Dataset<Row> entries = similar.select(col(Columns.COURSE_ID).as("_of"), posexplode(col(Documents.SIMILAR)));
    Dataset<Row> titled = entries.join(courses, entries.col("col.course_id").equalTo(courses.col(Columns.COURSE_ID)),
        "left");
    Dataset<Row> lists = titled.groupBy(col("_of")).agg(sort_array(collect_list(struct(
            col("pos").plus(1).as(Columns.RANK),
            col("col.course_id").as(Columns.COURSE_ID),
            courses.col(Columns.TITLE).as(Columns.TITLE),
            courses.col(Columns.CATEGORY).as(Columns.CATEGORY),
            col("col.score").as(Columns.SCORE)))).as(Documents.SIMILAR))
        .withColumnRenamed("_of", Columns.COURSE_ID);
    Dataset<Row> rows = similar.select(col(Columns.COURSE_ID)).join(lists, Columns.COURSE_ID, "left")
        .join(courses, Columns.COURSE_ID, "left");
    return publishRun(ServingIndex.SIMILAR_COURSES, version, stamp -> Documents.similar(rows, stamp));
  }

  /** Upserts rows of the courses table into {@code PREFIX-courses}. */
  public Publication courses(Dataset<Row> courses) {
    String index = ServingIndex.COURSES.name(target.prefix());
    long started = System.nanoTime();
    es.retrying("create index " + index, () -> {
      es.createIndex(index, ServingMappings.of(ServingIndex.COURSES));
      return List.of();
    }, target.retryFor());
    long bulkStarted = System.nanoTime();
    long sent = es.bulk(operations(index, Documents.courses(courses, Instant.now().toString())), index,
        target.retryFor(), IN_FLIGHT);
    double bulkSeconds = seconds(bulkStarted);
    es.retrying("refresh " + index, () -> {
      es.client().indices().refresh(r -> r.index(index));
      return List.of();
    }, target.retryFor());
    return new Publication(index, index, sent, Optional.empty(), List.of(), seconds(started), bulkSeconds);
  }

  /** Whether the courses index exists: a first publication sends the whole catalogue. */
  public boolean hasCourses() {
    String index = ServingIndex.COURSES.name(target.prefix());
    boolean[] exists = new boolean[1];
    es.retrying("look for " + index, () -> {
      exists[0] = es.client().indices().exists(e -> e.index(index)).value();
      return List.of();
    }, target.retryFor());
    return exists[0];
  }

  private Publication publishRun(ServingIndex kind, String version,
                                 Function<Documents.Stamp, Dataset<Row>> documents) {
    String alias = kind.name(target.prefix());
    String index = kind.runIndex(target.prefix(), version);
    long started = System.nanoTime();
    List<String> served = aliased(alias);
    if (served.contains(index)) {
      LOG.info("Elasticsearch: {} already serves {}", alias, index);
      return new Publication(alias, index, 0, Optional.empty(), List.of(), seconds(started), 0);
    }
    es.retrying("create index " + index, () -> {
      if (es.client().indices().exists(e -> e.index(index)).value()) {
        // Left by an earlier attempt that failed before the alias moved: nobody reads it.
        es.client().indices().delete(d -> d.index(index));
      }
      es.client().indices().create(c -> c.index(index)
          .settings(s -> s.numberOfShards("1").autoExpandReplicas("0-1").refreshInterval(t -> t.time("-1")))
          .mappings(ServingMappings.of(kind)));
      return List.of();
    }, target.retryFor());
    Documents.Stamp stamp = new Documents.Stamp(version, index, Instant.now().toString());
    long bulkStarted = System.nanoTime();
    long sent = es.bulk(operations(index, documents.apply(stamp)), index, target.retryFor(), IN_FLIGHT);
    double bulkSeconds = seconds(bulkStarted);
    long[] indexed = new long[1];
    es.retrying("refresh " + index, () -> {
      es.client().indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))));
      es.client().indices().refresh(r -> r.index(index));
      indexed[0] = es.client().count(c -> c.index(index)).count();
      return List.of();
    }, target.retryFor());
    if (indexed[0] != sent) {
      throw new IllegalStateException("Elasticsearch: " + index + " holds " + indexed[0] + " documents after "
          + sent + " were sent; " + alias + " stays where it was");
    }
    es.retrying("move alias " + alias, () -> {
      es.client().indices().updateAliases(u -> {
        for (String old : served) {
          u.actions(a -> a.remove(r -> r.index(old).alias(alias)));
        }
        return u.actions(a -> a.add(add -> add.index(index).alias(alias)));
      });
      return List.of();
    }, target.retryFor());
    List<String> deleted = prune(kind, index);
    LOG.info("Elasticsearch: {} now serves {} ({} documents){}", alias, index, sent,
        deleted.isEmpty() ? "" : "; deleted " + deleted);
    return new Publication(alias, index, sent, served.stream().findFirst(), deleted, seconds(started), bulkSeconds);
  }

  /** The indices {@code alias} points at now (none before the first run). */
  private List<String> aliased(String alias) {
    List<String> indices = new ArrayList<>();
    es.retrying("read alias " + alias, () -> {
      indices.clear();
      if (es.client().indices().existsAlias(e -> e.name(alias)).value()) {
        indices.addAll(es.client().indices().getAlias(g -> g.name(alias)).result().keySet());
      }
      return List.of();
    }, target.retryFor());
    return indices;
  }

  /**
   * Deletes the run indices older than the newest {@link #KEPT_RUNS} up to {@code published}; a newer one (a run
   * publishing at the same time) is left alone.
   */
  private List<String> prune(ServingIndex kind, String published) {
    List<String> deleted = new ArrayList<>();
    es.retrying("delete old runs of " + kind.name(target.prefix()), () -> {
      TreeSet<String> runs = new TreeSet<>();
      for (String index : es.client().indices().get(g -> g.index(kind.name(target.prefix()) + "-*")
          .allowNoIndices(true)).result().keySet()) {
        if (kind.isRunIndex(target.prefix(), index) && index.compareTo(published) <= 0) {
          runs.add(index);
        }
      }
      List<String> old = new ArrayList<>(runs.descendingSet()).subList(Math.min(KEPT_RUNS, runs.size()), runs.size());
      if (!old.isEmpty()) {
        try {
          es.client().indices().delete(d -> d.index(old));
        } catch (ElasticsearchException e) {
          if (e.status() != 404) {
            throw e;
          }
        }
        deleted.addAll(old);
      }
      return List.of();
    }, target.retryFor());
    return deleted;
  }

  /** Index operations of (id, JSON) rows, read partition by partition as the bulks go out. */
  private static Iterator<BulkOperation> operations(String index, Dataset<Row> documents) {
    Iterator<Row> rows = documents.toLocalIterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public BulkOperation next() {
        Row row = rows.next();
        String id = row.getString(0);
        BinaryData source = BinaryData.of(row.getString(1).getBytes(StandardCharsets.UTF_8),
            ContentType.APPLICATION_JSON);
        return BulkOperation.of(op -> op.index(i -> i.index(index).id(id).document(source)));
      }
    };
  }

  private static double seconds(long started) {
    return Math.round((System.nanoTime() - started) / 1e7) / 100.0;
  }

  public ServingTarget target() {
    return target;
  }

  @Override
  public void close() {
    es.close();
  }
}
