package io.inlearning.spark.analytics;

import io.inlearning.spark.analytics.sink.CourseTotals;
import io.inlearning.spark.analytics.sink.WindowSink;
import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.analytics.source.OnDataLoss;
import io.inlearning.spark.analytics.source.SkippedOffsets;
import io.inlearning.spark.errors.Failures;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.LocalFiles;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.monitoring.CpuTime;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordValidator;
import io.inlearning.spark.report.JobRun;
import io.inlearning.spark.report.SparkInfo;
import io.inlearning.spark.session.SessionScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code analytics}: the streaming consumer. One query reads the source, parses and validates each event
 * once, and hands every micro-batch to {@link EventBatch}, which counts it, quarantines the rejected events,
 * adds the accepted ones to their category and event-time window and writes the updated windows to the
 * sink. Under the checkpoint folder: Spark's checkpoint of the query ({@code events/}) and the open windows
 * after each batch ({@code open-windows/}). Beside it: {@code progress.json} (updated every batch),
 * {@code quarantine/}, and {@code metrics.json} and {@code report.html} when the query stops.
 */
public final class StreamingAnalytics {
  private static final Logger LOG = LogManager.getLogger(StreamingAnalytics.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** How long a finished query's last progress may take to reach the listener. */
  private static final Duration PROGRESS_DELIVERY = Duration.ofSeconds(30);
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  private StreamingAnalytics() {}

  /** The figures, and where metrics.json went (nowhere without a checkpoint: nothing is kept). */
  public record Result(AnalyticsMetrics metrics, Optional<Path> metricsFile) {}

  /** Starts and waits: until the input is drained (available-now), or until the queries stop or fail. */
  public static Result run(SparkSession spark, AnalyticsRequest request) {
    Running running = start(spark, request);
    try {
      running.await();
    } finally {
      running.stopQuietly();
    }
    return running.finish();
  }

  /**
   * Each query runs on its own copy of the session's settings, taken when it starts, so the settings set here
   * for the queries are restored as soon as they run ({@link SessionScope}).
   */
  public static Running start(SparkSession spark, AnalyticsRequest request) {
    return SessionScope.run(spark, () -> new Running(spark, request));
  }

  /** The running query, its listener and where it reports. */
  public static final class Running {
    private final SparkSession spark;
    private final AnalyticsRequest request;
    private final WindowSink sink;
    private final Path jobFolder;
    private final Path checkpoint;
    private final AnalyticsListener listener;
    private final StreamingQuery query;
    private final long startNanos = System.nanoTime();
    private final long startCpu = CpuTime.processNanos();
    private final String shufflePartitions;

    Running(SparkSession spark, AnalyticsRequest request) {
      this.spark = spark;
      this.request = request;
      this.sink = request.sink().open();
      checkpoint = checkpointFolder(request);
      jobFolder = checkpoint.getParent();
      refuseTwoQueryCheckpoint(checkpoint);
      String queryName = "inlearning-analytics-" + INSTANCES.incrementAndGet();
      EventSource source = request.source();
      Optional<SkippedOffsets> skipped = source instanceof EventSource.Kafka kafka
          && kafka.onDataLoss() == OnDataLoss.SKIP ? Optional.of(new SkippedOffsets(kafka)) : Optional.empty();
      listener = new AnalyticsListener(queryName, request.checkpoint().map(c -> jobFolder.resolve("progress.json")),
          request.settings(), skipped);
      shufflePartitions = shufflePartitions(spark);
      batchSettings(spark);

      // Both ends are checked before anything is written: refused credentials stop the job here.
      Dataset<Row> checked = RecordReader.check(source.lines(spark), EventSchema.EVENTS, RecordValidator.Numbers.TYPED,
          request.maxRecordBytes(), RecordReader.RawText.REJECTED_ONLY);
      sink.prepare(spark);
      spark.streams().addListener(listener);
      EventBatch eachBatch = new EventBatch(request.windows(), checkpoint.resolve("open-windows"),
          new Quarantine(jobFolder.resolve("quarantine").toString()), sink, listener, request.perCourse());
      query = start(checked.writeStream(), queryName, eachBatch);
    }

    /**
     * Earlier versions ran two queries, checkpointed in {@code windows/} and {@code quarantine/}; this one
     * cannot resume from them and would read the source again from its starting offsets.
     */
    private static void refuseTwoQueryCheckpoint(Path checkpoint) {
      if (Files.isDirectory(checkpoint.resolve("windows")) && !Files.isDirectory(checkpoint.resolve("events"))) {
        throw InvalidRequestException.setting("checkpoint", checkpoint + " was written by an earlier version of "
            + "analytics (two queries): start on a new one");
      }
    }

    /** The checkpoint, or without one a fresh folder of this run's own for a throw-away one and the quarantine. */
    private static Path checkpointFolder(AnalyticsRequest request) {
      if (request.checkpoint().isPresent()) {
        return Path.of(request.checkpoint().get()).toAbsolutePath();
      }
      try {
        Path folder = Files.createTempDirectory("inlearning-analytics-");
        System.out.println("analytics: no checkpoint: rejected events go to " + folder.resolve("quarantine")
            + " (kept; the checkpoint beside it is deleted at the end)");
        return folder.resolve("checkpoint");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Each batch's partial sums are one small shuffle: Spark's default of 200 partitions costs more than the
     * work. One per core (at least 2) unless the configuration set it; a checkpoint keeps its first run's value.
     */
    private static String shufflePartitions(SparkSession spark) {
      if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
        spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, spark.sparkContext().defaultParallelism()));
      }
      return spark.conf().get(SHUFFLE_PARTITIONS);
    }

    /**
     * A default that costs CPU on every micro-batch (BENCHMARKS.md, "Analytics"), changed unless the session's
     * configuration set it: the cached batch is read two or three times and then dropped, so compressing it
     * only costs (Spark's dictionary encoder hashes every string to gather its statistics).
     */
    private static void batchSettings(SparkSession spark) {
      if (!spark.sparkContext().getConf().contains(CACHE_COMPRESSED)) {
        spark.conf().set(CACHE_COMPRESSED, false);
      }
    }

    private StreamingQuery start(DataStreamWriter<Row> writer, String name, VoidFunction2<Dataset<Row>, Long> eachBatch) {
      Trigger trigger = request.trigger() instanceof AnalyticsRequest.MicroBatches.Every every
          ? Trigger.ProcessingTime(every.interval().toMillis()) : Trigger.AvailableNow();
      try {
        return writer.queryName(name)
            .trigger(trigger)
            .option("checkpointLocation", checkpoint.resolve("events").toString())
            .foreachBatch(eachBatch)
            .start();
      } catch (TimeoutException e) {
        throw new IllegalStateException("the streaming query " + name + " did not start", e);
      }
    }

    /** Waits until the query ends; its failure is thrown. */
    public void await() {
      try {
        query.awaitTermination();
      } catch (StreamingQueryException e) {
        if (lostKafkaOffsets(e)) {
          // No cause, so that the command line's error line is this one; the stack goes along as suppressed.
          IllegalStateException lost = new IllegalStateException("Kafka no longer holds offsets this query has not"
              + " read yet (" + Failures.rootMessage(e) + "); skipping lost offsets goes on from the earliest offset"
              + " still held and counts what was skipped");
          lost.addSuppressed(e);
          throw lost;
        }
        throw new IllegalStateException("streaming query failed: " + Failures.rootMessage(e), e);
      }
    }

    private static boolean lostKafkaOffsets(Throwable error) {
      return Failures.chain(error).stream().anyMatch(t ->
          t instanceof org.apache.kafka.clients.consumer.OffsetOutOfRangeException
              || String.valueOf(t.getMessage()).contains("Some data may have been lost"));
    }

    /** The shuffle partitions the query runs with (fixed by a checkpoint's first run). */
    public String shufflePartitions() {
      return shufflePartitions;
    }

    public AnalyticsListener listener() {
      return listener;
    }

    public StreamingQuery query() {
      return query;
    }

    /** Stops the query (a batch in flight is abandoned, and replayed by the next run). */
    public void stopQuietly() {
      try {
        query.stop();
      } catch (TimeoutException | RuntimeException e) {
        // stopping: the checkpoint is consistent whatever happens here
      }
    }

    /** Lets the listener count the query's last batch before the figures are read. */
    private void awaitLastProgress() {
      StreamingQueryProgress last = query.lastProgress();
      try {
        if (last != null && !listener.awaitDelivered(last, PROGRESS_DELIVERY)) {
          LOG.warn("analytics: the progress of batch {} had not reached the listener after {} s; its figures are"
              + " left out of metrics.json", last.batchId(), PROGRESS_DELIVERY.toSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The micro-batches' phases (Spark's names, in snake case), then the wall time of the whole run. */
    private static Map<String, Double> timings(Map<String, Double> phases, double totalSeconds) {
      Map<String, Double> timings = new LinkedHashMap<>();
      phases.forEach((phase, seconds) -> timings.put(
          phase.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT), Phases.round(seconds)));
      timings.put("total", Phases.round(totalSeconds));
      return timings;
    }

    /** Writes metrics.json beside the checkpoint and returns the figures. */
    public Result finish() {
      awaitLastProgress();
      spark.streams().removeListener(listener);
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      Optional<Long> inSink = sink.totalCourseCount(spark);
      AnalyticsMetrics.Late late = new AnalyticsMetrics.Late(listener.lateEventsDropped(), inSink.orElse(null),
          inSink.map(events -> listener.totalCounts().accepted() - events).orElse(null));
      AnalyticsMetrics.KafkaDataLoss dataLoss = listener.skippedOffsets()
          .map(skipped -> new AnalyticsMetrics.KafkaDataLoss("skip", SkippedOffsets.sum(skipped), skipped))
          .orElse(null);
      AnalyticsMetrics metrics = new AnalyticsMetrics(
          new JobRun("analytics", request.source().describe(), sink.describe(), SparkInfo.of(spark)),
          new AnalyticsMetrics.Counts(listener.totalCounts(), listener.thisRunCounts(), late,
              listener.batchesThisRun(), listener.watermark()),
          dataLoss, sink.connection().orElse(null),
          new AnalyticsMetrics.Performance(timings(listener.phaseSeconds(), seconds),
              Phases.round((CpuTime.processNanos() - startCpu) / 1e9),
              Phases.perSecond(listener.thisRunCounts().read(), seconds)),
          jobFolder.resolve("quarantine").toString(), request.settings());
      boolean kept = request.checkpoint().isPresent();
      Map<String, SortedMap<Instant, Long>> countsOverTime = kept ? sink.countsOverTime(spark) : Map.of();
      List<CourseTotals> topCourses = kept && request.perCourseFigures() ? sink.topCourses(spark) : List.of();
      sink.close();
      if (!kept) {
        LocalFiles.deleteRecursively(checkpoint);
        return new Result(metrics, Optional.empty());
      }
      Path file = jobFolder.resolve("metrics.json");
      Json.writeAtomically(file, metrics);
      Json.writeTextAtomically(jobFolder.resolve("report.html"), AnalyticsReportPage.render(metrics, countsOverTime,
          topCourses));
      return new Result(metrics, Optional.of(file));
    }
  }

}
