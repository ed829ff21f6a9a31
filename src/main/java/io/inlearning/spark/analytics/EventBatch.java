package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.analytics.sink.WindowSink;
import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.CourseWindow;
import io.inlearning.spark.analytics.window.OpenWindows;
import io.inlearning.spark.analytics.window.WindowAggregation;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.Rejection;
import io.inlearning.spark.warehouse.EventsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the analytics query does with each micro-batch of checked events (parsed and validated once):
 * <ol>
 *   <li>one Spark job reduces the batch to partial sums per verdict, category and window
 *   ({@link WindowAggregation#partials}), which also count the batch;</li>
 *   <li>when the batch has rejected events, they go to the quarantine, read from the cached batch;</li>
 *   <li>with a warehouse, the accepted events are appended to its {@code events} table, once per batch
 *   ({@link EventsTable});</li>
 *   <li>the partial sums are added to the open windows ({@link OpenWindows}), late events counted apart,
 *   and the state after the batch is saved;</li>
 *   <li>a second job counts the batch per course and window in each task ({@link CourseActivity#partials}),
 *   unless per-course figures are off;</li>
 *   <li>the windows the batch updated, per category and per course, go to the sink with their figures so far;</li>
 *   <li>the batch's counts go to the listener, which adds them to the totals once Spark commits the batch.</li>
 * </ol>
 * A batch that fails anywhere is not committed and runs again, with the same events, from the same state.
 */
final class EventBatch implements VoidFunction2<Dataset<Row>, Long> {
  /**
   * The local property Spark sets to the query's id while it runs a batch: the id is kept in the checkpoint,
   * so a restarted query has the same one, and Delta recognises the batches it already committed.
   */
  private static final String QUERY_ID = "sql.streaming.queryId";
  private final Duration window;
  private final Duration watermarkDelay;
  private final Path stateFolder;
  private final Quarantine quarantine;
  private final WindowSink sink;
  private final AnalyticsListener listener;
  private final boolean perCourse;
  private final Optional<Warehouse> eventsTable;
  /** The state the latest batch saved, read by the next one instead of its file (driver only). */
  private transient OpenWindows lastSaved;

  EventBatch(AnalyticsRequest.Windows windows, Path stateFolder, Quarantine quarantine, WindowSink sink,
             AnalyticsListener listener, AnalyticsRequest.PerCourse perCourse) {
    this.perCourse = perCourse == AnalyticsRequest.PerCourse.ON;
    this.window = windows.length();
    this.watermarkDelay = windows.watermark();
    this.stateFolder = stateFolder;
    this.quarantine = quarantine;
    this.sink = sink;
    this.listener = listener;
    this.eventsTable = sink.warehouse();
  }

  @Override
  public void call(Dataset<Row> checked, Long batchId) {
    OpenWindows state = OpenWindows.before(stateFolder, batchId, window, watermarkDelay, lastSaved);
    lastSaved = null; // this batch changes it: a batch that fails reads the saved file again
    Dataset<Row> batch = checked.select(columns()).persist();
    try {
      Tally tally = new Tally();
      List<OpenWindows.Figures> updated = new ArrayList<>();
      for (Row partial : WindowAggregation.partials(batch, window, state.watermark()).collectAsList()) {
        OpenWindows.Figures figures = tally.add(partial, state);
        if (figures != null) {
          updated.add(figures);
        }
      }
      List<CourseWindow> courses = perCourse ? courseFigures(batch, state) : List.of();
      if (tally.rejected > 0) {
        quarantine.write(batch, batchId);
      }
      if (eventsTable.isPresent() && tally.accepted > 0) {
        SparkSession spark = checked.sparkSession();
        EventsTable.append(spark, eventsTable.get(), batch.filter(col(RecordSchema.REASON).isNull())
                .withColumnRenamed(RecordSchema.SOURCE, Table.Columns.SOURCE),
            spark.sparkContext().getLocalProperty(QUERY_ID), batchId);
      }
      state.advance(tally.maxEventTime());
      state.save(stateFolder, batchId);
      lastSaved = state;
      if (!updated.isEmpty()) {
        List<Row> rows = updated.stream().map(state::row).toList();
        sink.write(checked.sparkSession().createDataFrame(rows, WindowAggregation.SCHEMA), batchId);
      }
      if (!courses.isEmpty()) {
        List<Row> rows = courses.stream().map(c -> c.row(window)).toList();
        sink.writeCourses(checked.sparkSession().createDataFrame(rows, CourseActivity.SCHEMA), batchId);
      }
      Instant watermark = state.watermark();
      listener.measured(batchId, new AnalyticsListener.BatchFigures(tally.counts(), tally.late,
          watermark == null ? null : watermark.toString()));
    } finally {
      batch.unpersist(false);
    }
  }

  /** What the batch's jobs read from the cache: the course columns only when per-course figures are on. */
  private Column[] columns() {
    List<String> names = new ArrayList<>(List.of(RecordSchema.REASON, RecordSchema.DETAIL, RecordSchema.RAW,
        RecordSchema.SOURCE, CourseSchema.CATEGORY, CourseSchema.DIFFICULTY, CourseSchema.TIMESTAMP));
    if (perCourse || eventsTable.isPresent()) {
      names.addAll(List.of(CourseSchema.COURSE_ID, EventSchema.LEARNER_ID, EventSchema.EVENT_TYPE));
    }
    if (eventsTable.isPresent()) {
      names.addAll(List.of(CourseSchema.TITLE, CourseSchema.LANGUAGE));
    }
    return names.stream().map(name -> col(name)).toArray(Column[]::new);
  }

  /** Adds the batch's per-course partial figures to the state; returns the updated courses' figures so far. */
  private List<CourseWindow> courseFigures(Dataset<Row> batch, OpenWindows state) {
    return CourseActivity.partials(batch, window, state.watermark()).stream().map(state::add).toList();
  }

  /** The batch's counts, read off its partial rows. */
  private static final class Tally {
    long accepted;
    long rejected;
    long blank;
    long late;
    long maxEventMicros = Long.MIN_VALUE;
    final Map<String, Long> byReason = new TreeMap<>();

    /** Counts one partial row; adds an on-time one to the state and returns the window's figures so far. */
    OpenWindows.Figures add(Row partial, OpenWindows state) {
      String reason = partial.getAs(RecordSchema.REASON);
      long events = partial.<Long>getAs(WindowAggregation.EVENTS);
      if (Rejection.BLANK.equals(reason)) {
        blank += events;
        return null;
      }
      if (reason != null) {
        rejected += events;
        byReason.merge(reason, events, Long::sum);
        return null;
      }
      accepted += events;
      maxEventMicros = Math.max(maxEventMicros, partial.<Long>getAs(WindowAggregation.MAX_EVENT_MICROS));
      if (partial.<Boolean>getAs(WindowAggregation.LATE)) {
        late += events;
        return null;
      }
      Double difficultySum = partial.getAs(WindowAggregation.DIFFICULTY_SUM);
      return state.add(partial.getAs(CourseSchema.CATEGORY),
          WindowAggregation.instant(partial.getAs(WindowAggregation.START_MICROS)),
          events, difficultySum == null ? 0 : difficultySum, partial.<Long>getAs(WindowAggregation.DIFFICULTY_COUNT));
    }

    Instant maxEventTime() {
      return maxEventMicros == Long.MIN_VALUE ? null : WindowAggregation.instant(maxEventMicros);
    }

    RecordCounts counts() {
      return new RecordCounts(accepted + rejected, accepted, rejected, byReason, blank);
    }
  }
}
