package io.inlearning.spark.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.analytics.source.SkippedOffsets;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.records.RecordCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Follows the analytics query: prints one line per micro-batch (input rows, rows/s, duration, watermark, late
 * events, accepted/rejected) on stdout, sums the time of each phase of the batches, and keeps
 * {@code progress.json} up to date with the latest progress and running totals. The batch function hands over
 * each batch's counts ({@link #measured}); they join the totals when Spark reports the batch's progress, that
 * is once the batch is committed. Totals survive restarts: they are read back from progress.json, and a batch
 * id already counted (a batch replayed after a crash) is not counted twice.
 */
public final class AnalyticsListener extends StreamingQueryListener {
  private static final Logger LOG = LogManager.getLogger(AnalyticsListener.class);

  private final String queryName;
  private final Optional<Path> progressFile;
  private final AnalyticsMetrics.Settings settings;
  private final Optional<SkippedOffsets> skippedOffsets;
  private RecordCounts totals = RecordCounts.none();
  private RecordCounts thisRun = RecordCounts.none();
  private long lateEventsDropped;
  private long lastCountedBatch = -1;
  private long batchesThisRun;
  private String watermark;
  private LatestBatch latest;
  /** The timestamp of the last progress of this query delivered to the listener. */
  private String lastDelivered = "";
  private final Map<String, Long> phaseMillis = new TreeMap<>();
  private final Map<Long, BatchFigures> measured = new ConcurrentHashMap<>();

  /** One batch's counts, late events and the watermark after it (null before the first event). */
  record BatchFigures(RecordCounts counts, long lateEvents, String watermark) {}

  /** progress.json: when it was written, the request, the totals on this checkpoint, the latest batch. */
  public record ProgressFile(String updatedAt, AnalyticsMetrics.Settings settings, Totals totals,
                             LatestBatch latestBatch) {}

  /**
   * Every run on this checkpoint: records, late events dropped, the last batch counted, the watermark after
   * it, and the Kafka offsets skipped per partition (when the source skips lost offsets).
   */
  public record Totals(RecordCounts records, long lateEventsDropped, long lastBatchId, String watermark,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> kafkaSkippedOffsets) {}

  /** The latest batch: its figures, and Spark's own {@code StreamingQueryProgress} as it wrote it. */
  public record LatestBatch(long batchId, String timestamp, @JsonUnwrapped Rates rates, String watermark,
                            long lateEventsDropped, RecordCounts records, JsonNode sparkProgress) {}

  /** A batch's input rows, its rates (null when Spark has none to give) and its duration. */
  public record Rates(long inputRows, Double inputRowsPerSecond, Double processedRowsPerSecond,
                      long batchDurationMs) {}

  AnalyticsListener(String queryName, Optional<Path> progressFile, AnalyticsMetrics.Settings settings,
                    Optional<SkippedOffsets> skippedOffsets) {
    this.queryName = queryName;
    this.progressFile = progressFile;
    this.settings = settings;
    this.skippedOffsets = skippedOffsets;
    progressFile.ifPresent(this::restore);
  }

  private void restore(Path file) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      // Only the totals are read: they are what carries over, whatever else an older progress.json held.
      Totals saved = Json.mapper().treeToValue(Json.mapper().readTree(file.toFile()).path("totals"), Totals.class);
      totals = saved.records();
      lateEventsDropped = saved.lateEventsDropped();
      watermark = saved.watermark();
      lastCountedBatch = saved.lastBatchId();
      if (saved.kafkaSkippedOffsets() != null) {
        skippedOffsets.ifPresent(skipped -> skipped.restore(saved.kafkaSkippedOffsets()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
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
      lastDelivered = progress.timestamp();
      notifyAll();
      writeProgress();
    }
  }

  /**
   * Waits, at most {@code timeout}, until this listener has been given {@code progress}: the query records its
   * progress, then Spark's listener bus delivers it on its own thread, so a query that has just ended may still
   * have its last batch's figures on the way. False when the time ran out.
   */
  public synchronized boolean awaitDelivered(StreamingQueryProgress progress, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!progress.timestamp().equals(lastDelivered)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
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
    if (skippedOffsets.isEmpty() || progress.sources().length == 0) {
      return;
    }
    Map<String, Long> lost = skippedOffsets.get().count(progress.sources()[0]);
    if (!lost.isEmpty()) {
      System.err.println(String.format(Locale.ROOT,
          "analytics: batch %d: Kafka data loss: skipped %,d offsets that were gone before they were read %s",
          progress.batchId(), SkippedOffsets.sum(lost), lost));
    }
  }

  private LatestBatch describe(StreamingQueryProgress progress, RecordCounts batch, long late) {
    JsonNode spark;
    try {
      spark = Json.mapper().readTree(progress.json());
    } catch (IOException e) {
      spark = Json.mapper().getNodeFactory().textNode(progress.json());
    }
    return new LatestBatch(progress.batchId(), progress.timestamp(), new Rates(progress.numInputRows(),
        finite(progress.inputRowsPerSecond()), finite(progress.processedRowsPerSecond()), progress.batchDuration()),
        watermark, late, batch, spark);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** Running totals on this checkpoint (all runs), for progress.json. */
  private synchronized Totals totals() {
    return new Totals(totals, lateEventsDropped, lastCountedBatch, watermark,
        skippedOffsets.map(SkippedOffsets::totals).orElse(null));
  }

  /** Kafka offsets skipped on this checkpoint, per partition, when the source skips lost offsets. */
  public synchronized Optional<Map<String, Long>> skippedOffsets() {
    return skippedOffsets.map(SkippedOffsets::totals);
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
    progressFile.ifPresent(file -> Json.writeAtomically(file,
        new ProgressFile(Instant.now().toString(), settings, totals(), latest)));
  }
}
