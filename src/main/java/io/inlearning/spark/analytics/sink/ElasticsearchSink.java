package io.inlearning.spark.analytics.sink;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.WindowAggregation;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * same documents again: exactly-once across restarts. Bulks go through {@link ElasticsearchConnection}, which
 * retries what is worth retrying; when a bulk still fails after the target's retry time, the batch throws and
 * is not committed, so the restarted query writes it again. A batch is never acknowledged with documents
 * missing.
 */
public final class ElasticsearchSink implements WindowSink {
  public static final String UPDATED_AT = "updated_at";
  public static final String BATCH_ID = "batch_id";
  /** Appended to the index name for the per-course index. */
  public static final String COURSES_SUFFIX = "-courses";
  private static final Logger LOG = LogManager.getLogger(ElasticsearchSink.class);

  private final SinkTarget.Elasticsearch target;
  private final String index;
  private ElasticsearchConnection es;

  ElasticsearchSink(SinkTarget.Elasticsearch target) {
    this.target = target;
    this.index = target.index();
  }

  @Override
  public void prepare(SparkSession spark) {
    es = new ElasticsearchConnection(target.url(), target.security());
    es.retrying("create index " + index, () -> {
      es.checkAccess(index);
      es.createIndex(index, WindowMappings::windows);
      es.createIndex(index + COURSES_SUFFIX, WindowMappings::courses);
      return List.of();
    }, target.retryFor());
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
  private void upsert(String into, Dataset<Row> rows, int windowStartColumn, DocumentBuilder builder, long batchId) {
    String updatedAt = Instant.now().toString();
    List<BulkOperation> pending = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      Map<String, Object> doc = builder.build(row, updatedAt, batchId);
      String id = DocumentIds.of(row.getString(0), row.getTimestamp(windowStartColumn).toInstant());
      pending.add(BulkOperation.of(op -> op.index(i -> i.index(into).id(id).document(doc))));
    }
    es.bulk(pending, "batch " + batchId, target.retryFor());
  }

  private interface DocumentBuilder {
    Map<String, Object> build(Row row, String updatedAt, long batchId);
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

  @Override
  public Optional<Long> totalCourseCount(SparkSession spark) {
    try {
      es.client().indices().refresh(r -> r.index(index));
      var response = es.client().search(s -> s.index(index).size(0)
          .aggregations("total", a -> a.sum(sum -> sum.field(WindowAggregation.COURSE_COUNT))), Void.class);
      return Optional.of(Math.round(response.aggregations().get("total").sum().value()));
    } catch (IOException | ElasticsearchException e) {
      LOG.warn("Elasticsearch: cannot sum course_count: {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    try {
      var response = es.client().search(s -> s.index(index).size(RECENT_WINDOWS)
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
      return CategorySeries.of(rows);
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
      var response = es.client().search(s -> s.index(courses).size(RECENT_WINDOWS)
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
    return target.describe() + " (per course: " + index + COURSES_SUFFIX + ")";
  }

  @Override
  public Optional<ElasticsearchSecurity.Description> connection() {
    return Optional.of(target.security().describe());
  }

  @Override
  public void close() {
    if (es != null) {
      es.close();
    }
  }
}
