package io.inlearning.spark.analytics;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Upserts each micro-batch's updated windows into Elasticsearch with bulk requests, one document per
 * (category, window start) in the index, and one per (course id, window start) in {@code INDEX-courses}, each
 * with a deterministic id ({@link DocumentIds}) and the window's full figures, so a replayed batch writes the
 * same documents again: exactly-once across restarts. Operations that fail
 * (connection refused, 429, 5xx) are retried with exponential backoff; when they still fail after
 * {@code retryFor}, the batch throws and is not committed, so the restarted query writes it again. A batch
 * is never acknowledged with documents missing.
 */
public final class ElasticsearchSink implements WindowSink {
  public static final String UPDATED_AT = "updated_at";
  public static final String BATCH_ID = "batch_id";
  /** Appended to the index name for the per-course index. */
  public static final String COURSES_SUFFIX = "-courses";
  private static final Logger LOG = LogManager.getLogger(ElasticsearchSink.class);
  private static final int BULK_SIZE = 2_000;

  private final String url;
  private final String index;
  private final Duration retryFor;
  private final ElasticsearchSecurity security;
  private ElasticsearchIndex es;

  public ElasticsearchSink(String url, String index, Duration retryFor, ElasticsearchSecurity security) {
    this.url = url;
    this.index = index;
    this.retryFor = retryFor;
    this.security = security;
  }

  @Override
  public void prepare(SparkSession spark) {
    if (security.sendsCredentials() && url.startsWith("http:")) {
      LOG.warn("Elasticsearch: credentials are sent over plain http to {}; use https off loopback", url);
    }
    es = new ElasticsearchIndex(url, index, security);
    retrying("create index " + index, () -> {
      es.checkAccess();
      es.create();
      es.createCourseIndex(index + COURSES_SUFFIX);
      return List.of();
    });
  }

  @Override
  public void write(Dataset<Row> windows, long batchId) {
    // Update mode hands over only the windows this batch touched: a few per category and hour of events.
    upsert(index, windows, 1, ElasticsearchSink::document, batchId);
  }

  @Override
  public void writeCourses(Dataset<Row> courseWindows, long batchId) {
    upsert(index + COURSES_SUFFIX, courseWindows, 2, ElasticsearchSink::courseDocument, batchId);
  }

  /** Indexes each row as a document whose id is its first column (the key) and its window start. */
  private void upsert(String target, Dataset<Row> rows, int windowStartColumn, DocumentBuilder builder, long batchId) {
    String updatedAt = Instant.now().toString();
    List<BulkOperation> pending = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      Map<String, Object> doc = builder.build(row, updatedAt, batchId);
      String id = DocumentIds.of(row.getString(0), row.getTimestamp(windowStartColumn).toInstant());
      pending.add(BulkOperation.of(op -> op.index(i -> i.index(target).id(id).document(doc))));
    }
    bulk(pending, batchId);
  }

  private interface DocumentBuilder {
    Map<String, Object> build(Row row, String updatedAt, long batchId);
  }

  private void bulk(List<BulkOperation> pending, long batchId) {
    for (int from = 0; from < pending.size(); from += BULK_SIZE) {
      List<BulkOperation> chunk = pending.subList(from, Math.min(pending.size(), from + BULK_SIZE));
      retrying("bulk of " + chunk.size() + " documents (batch " + batchId + ")", new Bulk(chunk));
    }
  }

  static Map<String, Object> document(Row row, String updatedAt, long batchId) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(WindowAggregation.CATEGORY, row.getString(0));
    doc.put(WindowAggregation.WINDOW_START, row.getTimestamp(1).toInstant().toString());
    doc.put(WindowAggregation.WINDOW_END, row.getTimestamp(2).toInstant().toString());
    doc.put(WindowAggregation.COURSE_COUNT, row.getLong(3));
    doc.put(WindowAggregation.AVG_DIFFICULTY, row.isNullAt(4) ? null : row.getDouble(4));
    doc.put(WindowAggregation.DIFFICULTY_COUNT, row.getLong(5));
    doc.put(WindowAggregation.MISSING_DIFFICULTY, row.getLong(6));
    doc.put(UPDATED_AT, updatedAt);
    doc.put(BATCH_ID, batchId);
    return doc;
  }

  static Map<String, Object> courseDocument(Row row, String updatedAt, long batchId) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : CourseActivity.SCHEMA.fieldNames()) {
      Object value = row.getAs(field);
      doc.put(field, value instanceof Timestamp t ? t.toInstant().toString() : value);
    }
    doc.put(UPDATED_AT, updatedAt);
    doc.put(BATCH_ID, batchId);
    return doc;
  }

  /** One bulk request; returns the operations to try again (failed with a retryable status). */
  private final class Bulk implements Attempt {
    private List<BulkOperation> operations;

    Bulk(List<BulkOperation> operations) {
      this.operations = operations;
    }

    @Override
    public List<String> run() throws IOException {
      BulkResponse response = es.client().bulk(BulkRequest.of(b -> b.operations(operations)));
      if (!response.errors()) {
        operations = List.of();
        return List.of();
      }
      List<BulkOperation> retry = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        if (item.error() == null) {
          continue;
        }
        String problem = item.id() + ": " + item.status() + " " + item.error().type() + " " + item.error().reason();
        if (item.status() != 429 && item.status() < 500) {
          throw new IllegalStateException("Elasticsearch rejected a document: " + problem);
        }
        retry.add(operations.get(i));
        problems.add(problem);
      }
      operations = retry;
      return problems;
    }
  }

  interface Attempt {
    /** Does the work, or the part still to do; returns what failed in a retryable way (empty: done). */
    List<String> run() throws IOException;
  }

  private void retrying(String what, Attempt attempt) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    long backoffMillis = 500;
    int attempts = 0;
    while (true) {
      String failure;
      attempts++;
      try {
        List<String> problems = attempt.run();
        if (problems.isEmpty()) {
          if (attempts > 1) {
            LOG.warn("Elasticsearch: {} succeeded after {} attempts", what, attempts);
          }
          return;
        }
        failure = problems.size() + " failed, e.g. " + problems.get(0);
      } catch (IOException | ElasticsearchException e) {
        String refusal = ElasticsearchIndex.refusal(url, e);
        if (refusal != null) {
          throw new ElasticsearchIndex.AccessRefused(refusal);
        }
        if (e instanceof ElasticsearchException es && es.status() != 429 && es.status() < 500) {
          throw es;
        }
        failure = e instanceof IOException ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
      }
      if (System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
        throw new IllegalStateException("Elasticsearch at " + url + ": " + what + " still failing after "
            + attempts + " attempts over " + retryFor.toSeconds() + " s: " + failure);
      }
      LOG.warn("Elasticsearch: {} failed (attempt {}), retrying in {} ms: {}", what, attempts, backoffMillis, failure);
      sleep(backoffMillis);
      backoffMillis = Math.min(30_000, backoffMillis * 2);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }

  @Override
  public long totalCourseCount(SparkSession spark) {
    try {
      es.client().indices().refresh(r -> r.index(index));
      var response = es.client().search(s -> s.index(index).size(0)
          .aggregations("total", a -> a.sum(sum -> sum.field(WindowAggregation.COURSE_COUNT))), Void.class);
      return Math.round(response.aggregations().get("total").sum().value());
    } catch (IOException | ElasticsearchException e) {
      LOG.warn("Elasticsearch: cannot sum course_count: {}", e.getMessage());
      return -1;
    }
  }

  @Override
  public Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    try {
      var response = es.client().search(s -> s.index(index).size(AnalyticsReportPage.WINDOWS)
          .source(src -> src.filter(f -> f.includes(WindowAggregation.CATEGORY, WindowAggregation.WINDOW_START,
              WindowAggregation.COURSE_COUNT)))
          .sort(sort -> sort.field(f -> f.field(WindowAggregation.WINDOW_START).order(SortOrder.Desc))),
          JsonNode.class);
      List<Row> rows = new ArrayList<>();
      for (var hit : response.hits().hits()) {
        JsonNode doc = hit.source();
        rows.add(RowFactory.create(doc.get(WindowAggregation.CATEGORY).asText(),
            Instant.parse(doc.get(WindowAggregation.WINDOW_START).asText()),
            doc.get(WindowAggregation.COURSE_COUNT).asLong()));
      }
      return AnalyticsReportPage.byCategory(rows);
    } catch (IOException | ElasticsearchException e) {
      LOG.warn("Elasticsearch: cannot read the windows back for the report: {}", e.getMessage());
      return Map.of();
    }
  }

  @Override
  public List<CourseTotals> topCourses(SparkSession spark) {
    String courses = index + COURSES_SUFFIX;
    try {
      es.client().indices().refresh(r -> r.index(courses));
      var response = es.client().search(s -> s.index(courses).size(AnalyticsReportPage.WINDOWS)
          .sort(sort -> sort.field(f -> f.field(CourseActivity.WINDOW_START).order(SortOrder.Desc))), JsonNode.class);
      List<CourseTotals> windows = new ArrayList<>();
      for (var hit : response.hits().hits()) {
        JsonNode doc = hit.source();
        windows.add(CourseTotals.of(doc.path(CourseActivity.COURSE_ID).asText(),
            doc.path(CourseActivity.CATEGORY).asText(null), doc.path(CourseActivity.EVENTS).asLong(),
            doc.path(CourseActivity.LEARNERS).asLong(), doc.path(CourseActivity.ENROLMENTS).asLong(),
            doc.path(CourseActivity.COMPLETIONS).asLong()));
      }
      return CourseTotals.top(windows);
    } catch (IOException | ElasticsearchException e) {
      LOG.warn("Elasticsearch: cannot read the course windows back for the report: {}", e.getMessage());
      return List.of();
    }
  }

  @Override
  public String describe() {
    return "elasticsearch:" + url + "/" + index + " (per course: " + index + COURSES_SUFFIX + ")";
  }

  @Override
  public AnalyticsMetrics.SinkConnection connection() {
    return security.describe();
  }

  @Override
  public void close() {
    if (es != null) {
      es.close();
    }
  }
}
