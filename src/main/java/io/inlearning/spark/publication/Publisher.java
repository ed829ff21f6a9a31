package io.inlearning.spark.publication;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes the warehouse's results where the learning platform reads them. Recommendations and similar courses:
 * a new index per run, filled by bulk requests with refreshes off, refreshed and counted, then one
 * {@code _aliases} call moves the alias from the old index to the new one, so a reader sees one run or the
 * other, never a mix or a gap; the two newest runs are kept (the one served and the one before, to go back to),
 * older ones deleted. Courses: one index, updated in place by bulk upserts keyed by course id. The documents are
 * written and sent by Spark's tasks ({@link #send}); the driver only manages the indices and the alias.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(Publisher.class);
  /**
   * Bulk requests each task keeps on the wire while it builds the next: enough that Elasticsearch always has one
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
    Dataset<Row> rows = SimilarCourses.titled(spark, warehouse, version);
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
    long sent = send(index, Documents.courses(courses, Instant.now().toString()));
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
    return es.call("look for " + index, () -> es.client().indices().exists(e -> e.index(index)).value(),
        target.retryFor());
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
    long sent = send(index, documents.apply(stamp));
    double bulkSeconds = seconds(bulkStarted);
    long indexed = es.call("refresh " + index, () -> {
      es.client().indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))));
      es.client().indices().refresh(r -> r.index(index));
      return es.client().count(c -> c.index(index)).count();
    }, target.retryFor());
    if (indexed != sent) {
      throw new IllegalStateException("Elasticsearch: " + index + " holds " + indexed + " documents after "
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
    return es.call("read alias " + alias, () -> es.client().indices().existsAlias(e -> e.name(alias)).value()
        ? List.copyOf(es.client().indices().getAlias(g -> g.name(alias)).result().keySet())
        : List.<String>of(), target.retryFor());
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

  /**
   * Sends (id, JSON) rows into {@code index} from Spark's tasks, each through its own connection with this
   * publisher's URL and security: a task's JSON is written while its earlier bulks are on the wire, and the
   * partitions go out side by side, where a driver reading them one at a time would wait for each. Returns the
   * documents sent. A bulk that still fails after its retries comes back to the driver as the task's answer and is
   * thrown here, rather than failing the task: Spark would run the task again, retries and all.
   */
  private long send(String index, Dataset<Row> documents) {
    String url = target.url();
    ElasticsearchSecurity security = target.security();
    Duration retryFor = target.retryFor();
    List<Sent> sent = documents.javaRDD().mapPartitions((FlatMapFunction<Iterator<Row>, Sent>) rows -> {
      try (ElasticsearchConnection connection = new ElasticsearchConnection(url, security)) {
        return List.of(Sent.documents(connection.bulk(operations(index, rows), index, retryFor, IN_FLIGHT)))
            .iterator();
      } catch (ElasticsearchConnection.AccessRefused e) {
        return List.of(Sent.stopped(e.getMessage(), true)).iterator();
      } catch (IllegalStateException | ElasticsearchException e) {
        return List.of(Sent.stopped(String.valueOf(e.getMessage()), false)).iterator();
      }
    }).collect();
    for (Sent task : sent) {
      if (!task.failure.isEmpty()) {
        throw task.refused ? new ElasticsearchConnection.AccessRefused(task.failure)
            : new IllegalStateException(task.failure);
      }
    }
    return sent.stream().mapToLong(task -> task.documents).sum();
  }

  /**
   * What one task sent, or why it stopped (a message: the client's exceptions do not all serialize). A class, not
   * a record: task results go through Spark's serializer, and Kryo cannot set a record's fields.
   */
  private static final class Sent implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long documents;
    private final String failure;
    private final boolean refused;

    private Sent(long documents, String failure, boolean refused) {
      this.documents = documents;
      this.failure = failure;
      this.refused = refused;
    }

    static Sent documents(long documents) {
      return new Sent(documents, "", false);
    }

    static Sent stopped(String failure, boolean refused) {
      return new Sent(0, failure.isEmpty() ? "failed" : failure, refused);
    }
  }

  /** Index operations of (id, JSON) rows, built as the bulks go out. */
  private static Iterator<BulkOperation> operations(String index, Iterator<Row> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public BulkOperation next() {
        Row row = rows.next();
        String id = row.getString(0);
        BinaryData source = BinaryData.of(row.<byte[]>getAs(1), ContentType.APPLICATION_JSON);
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
