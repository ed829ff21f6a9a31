package io.inlearning.spark.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.records.RecordCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Follows the analytics query: prints one line per micro-batch (input rows, rows/s, duration, watermark, late
 * events, accepted/rejected) on stdout, sums the time of each phase of the batches, and keeps {@code progress.json} up to date with the latest progress
 * and running totals. The batch function hands over each batch's counts ({@link #measured}); they join the
 * totals when Spark reports the batch's progress, that is once the batch is committed. Totals survive
 * restarts: they are read back from progress.json, and a batch id already counted (a batch replayed after a
 * crash) is not counted twice.
 */
public final class AnalyticsListener extends StreamingQueryListener {
  private static final Logger LOG = LogManager.getLogger(AnalyticsListener.class);

  private final String queryName;
  private final Path progressFile;
  private final AnalyticsMetrics.Settings settings;
  private final SkippedOffsets skippedOffsets;
  private RecordCounts totals = RecordCounts.none();
  private RecordCounts thisRun = RecordCounts.none();
  private long lateEventsDropped;
  private long lastCountedBatch = -1;
  private long batchesThisRun;
  private String watermark;
  private Map<String, Object> latest = Map.of();
  private final Map<String, Long> phaseMillis = new TreeMap<>();
  private final Map<Long, BatchFigures> measured = new ConcurrentHashMap<>();

  /** One batch's counts, late events and the watermark after it (null before the first event). */
  record BatchFigures(RecordCounts counts, long lateEvents, String watermark) {}

  AnalyticsListener(String queryName, Path progressFile, AnalyticsMetrics.Settings settings,
                    SkippedOffsets skippedOffsets) {
    this.queryName = queryName;
    this.progressFile = progressFile;
    this.settings = settings;
    this.skippedOffsets = skippedOffsets;
    if (progressFile != null) {
      restore();
    }
  }

  private void restore() {
    if (!Files.isRegularFile(progressFile)) {
      return;
    }
    try {
      JsonNode saved = Json.mapper().readTree(progressFile.toFile());
      JsonNode records = saved.path("totals").path("records");
      Map<String, Long> byReason = new TreeMap<>();
      records.path("rejected_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
      totals = new RecordCounts(records.path("read").asLong(), records.path("accepted").asLong(),
          records.path("rejected").asLong(), byReason, records.path("blank_lines_skipped").asLong());
      lateEventsDropped = saved.path("totals").path("late_events_dropped").asLong();
      watermark = saved.path("totals").path("watermark").asText(null);
      lastCountedBatch = saved.path("totals").path("last_batch_id").asLong(-1);
      if (skippedOffsets != null) {
        skippedOffsets.restore(saved.path("totals").path("kafka_skipped_offsets"));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable {}: {}", progressFile, e.getMessage());
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** Called by the batch function when batch {@code batchId} is done, before Spark commits it. */
  void measured(long batchId, BatchFigures figures) {
    measured.put(batchId, figures);
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (!queryName.equals(progress.name())) {
      return;
    }
    BatchFigures figures = measured.remove(progress.batchId());
    RecordCounts batch = figures == null ? null : figures.counts();
    long late = figures == null ? 0 : figures.lateEvents();
    synchronized (this) {
      if (figures != null && figures.watermark() != null) {
        watermark = figures.watermark();
      }
      // A batch replayed after a restart has an id already counted; a progress without figures ran no batch.
      if (batch != null && progress.batchId() > lastCountedBatch) {
        totals = totals.plus(batch);
        thisRun = thisRun.plus(batch);
        lateEventsDropped += late;
        lastCountedBatch = progress.batchId();
        batchesThisRun++;
        addPhases(progress);
        countSkippedOffsets(progress);
      }
      latest = describe(progress, batch, late);
      if (batch != null) {
        System.out.println(String.format(Locale.ROOT,
            "analytics: batch %d: %,d rows, %,.0f rows/s, %,d ms; accepted %,d, rejected %,d; late events dropped %,d; watermark %s",
            progress.batchId(), progress.numInputRows(), progress.processedRowsPerSecond(), progress.batchDuration(),
            batch.accepted(), batch.rejected(), late, watermark));
      }
      writeProgress();
    }
  }

  /**
   * Adds a batch's phases as Spark times them ({@code durationMs}: latestOffset, getBatch, queryPlanning,
   * addBatch, walCommit, commitOffsets...), without triggerExecution, which is their sum.
   */
  private void addPhases(StreamingQueryProgress progress) {
    if (progress.durationMs() == null) {
      return;
    }
    progress.durationMs().forEach((phase, millis) -> {
      if (!"triggerExecution".equals(phase) && millis != null) {
        phaseMillis.merge(phase, millis, Long::sum);
      }
    });
  }

  /** Seconds per phase of Spark's micro-batches (its names), summed over this run's batches. */
  public synchronized Map<String, Double> phaseSeconds() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    phaseMillis.forEach((phase, millis) -> seconds.put(phase, millis / 1000.0));
    return seconds;
  }

  private void countSkippedOffsets(StreamingQueryProgress progress) {
    if (skippedOffsets == null || progress.sources().length == 0) {
      return;
    }
    Map<String, Long> lost = skippedOffsets.count(progress.sources()[0]);
    if (!lost.isEmpty()) {
      System.err.println(String.format(Locale.ROOT,
          "analytics: batch %d: Kafka data loss: skipped %,d offsets that were gone before they were read %s",
          progress.batchId(), SkippedOffsets.sum(lost), lost));
    }
  }

  private Map<String, Object> describe(StreamingQueryProgress progress, RecordCounts batch, long late) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("batch_id", progress.batchId());
    out.put("timestamp", progress.timestamp());
    out.put("input_rows", progress.numInputRows());
    out.put("input_rows_per_second", finite(progress.inputRowsPerSecond()));
    out.put("processed_rows_per_second", finite(progress.processedRowsPerSecond()));
    out.put("batch_duration_ms", progress.batchDuration());
    out.put("watermark", watermark);
    out.put("late_events_dropped", late);
    out.put("records", batch);
    try {
      out.put("spark_progress", Json.mapper().readTree(progress.json()));
    } catch (IOException e) {
      out.put("spark_progress", progress.json());
    }
    return out;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** Running totals on this checkpoint (all runs), for progress.json. */
  private synchronized Map<String, Object> totals() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", totals);
    out.put("late_events_dropped", lateEventsDropped);
    out.put("last_batch_id", lastCountedBatch);
    out.put("watermark", watermark);
    if (skippedOffsets != null) {
      out.put("kafka_skipped_offsets", skippedOffsets.totals());
    }
    return out;
  }

  /** Kafka offsets skipped on this checkpoint, per partition; null unless --on-data-loss skip. */
  public synchronized Map<String, Long> skippedOffsets() {
    return skippedOffsets == null ? null : skippedOffsets.totals();
  }

  public synchronized RecordCounts totalCounts() {
    return totals;
  }

  public synchronized RecordCounts thisRunCounts() {
    return thisRun;
  }

  public synchronized long batchesThisRun() {
    return batchesThisRun;
  }

  /** The event-time watermark after the last batch, as Spark reports it; null before the first event. */
  public synchronized String watermark() {
    return watermark;
  }

  public synchronized long lateEventsDropped() {
    return lateEventsDropped;
  }

  private void writeProgress() {
    if (progressFile == null) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("updated_at", Instant.now().toString());
    out.put("settings", settings);
    out.put("totals", totals());
    out.put("latest_batch", latest);
    Json.writeAtomically(progressFile, out);
  }
}
