package io.inlearning.spark.analytics;

import io.inlearning.spark.errors.Failures;
import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.monitoring.CpuTime;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.output.LocalFiles;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.report.SparkInfo;
import io.inlearning.spark.session.SessionScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code analytics}: the streaming consumer. One query reads the source, parses and validates each event
 * once, and hands every micro-batch to {@link EventBatch}, which counts it, quarantines the rejected events,
 * adds the accepted ones to their category and event-time window and writes the updated windows to the
 * sink. Under {@code --checkpoint}: Spark's checkpoint of the query ({@code events/}) and the open windows
 * after each batch ({@code open-windows/}). Beside it: {@code progress.json} (updated every batch),
 * {@code quarantine/}, and {@code metrics.json} and {@code report.html} when the query stops.
 */
public final class StreamingAnalytics {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  private StreamingAnalytics() {}

  /** The figures, and where metrics.json went (null without --checkpoint: nothing is written). */
  public record Result(AnalyticsMetrics metrics, Path metricsFile) {}

  /** Starts and waits: until the input is drained (available-now), or until the queries stop or fail. */
  public static Result run(SparkSession spark, AnalyticsOptions options) {
    Running running = start(spark, options);
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
  public static Running start(SparkSession spark, AnalyticsOptions options) {
    return SessionScope.run(spark, () -> new Running(spark, options));
  }

  /** The running query, its listener and where it reports. */
  public static final class Running {
    private final SparkSession spark;
    private final AnalyticsOptions options;
    private final WindowSink sink;
    private final Path jobFolder;
    private final Path checkpoint;
    private final AnalyticsListener listener;
    private final StreamingQuery query;
    private final long startNanos = System.nanoTime();
    private final long startCpu = CpuTime.processNanos();
    private final String shufflePartitions;

    Running(SparkSession spark, AnalyticsOptions options) {
      this.spark = spark;
      this.options = options;
      this.sink = options.windowSink();
      checkpoint = checkpointFolder(options);
      jobFolder = checkpoint.getParent();
      refuseTwoQueryCheckpoint(checkpoint);
      String queryName = "inlearning-analytics-" + INSTANCES.incrementAndGet();
      EventSource source = options.eventSource();
      SkippedOffsets skipped = source instanceof EventSource.Kafka kafka && !kafka.settings().failOnDataLoss()
          ? new SkippedOffsets(kafka) : null;
      listener = new AnalyticsListener(queryName,
          options.checkpoint() == null ? null : jobFolder.resolve("progress.json"), options.settings(), skipped);
      shufflePartitions = shufflePartitions(spark);
      batchSettings(spark);

      // Both ends are checked before anything is written: refused credentials stop the job here.
      Dataset<Row> checked = RecordReader.check(source.lines(spark), EventSchema.EVENTS, false,
          options.maxRecordBytes(), false);
      sink.prepare(spark);
      spark.streams().addListener(listener);
      EventBatch eachBatch = new EventBatch(options.window(), options.watermark(), checkpoint.resolve("open-windows"),
          new Quarantine(jobFolder.resolve("quarantine").toString()), sink, listener, options.perCourse());
      query = start(checked.writeStream(), queryName, eachBatch);
    }

    /**
     * Earlier versions ran two queries, checkpointed in {@code windows/} and {@code quarantine/}; this one
     * cannot resume from them and would read the source again from --starting-offsets.
     */
    private static void refuseTwoQueryCheckpoint(Path checkpoint) {
      if (Files.isDirectory(checkpoint.resolve("windows")) && !Files.isDirectory(checkpoint.resolve("events"))) {
        throw new UsageException(checkpoint + " was written by an earlier version of analytics (two queries);"
            + " start on a new --checkpoint");
      }
    }

    /** --checkpoint, or without it a fresh folder of this run's own for a throw-away checkpoint and the quarantine. */
    private static Path checkpointFolder(AnalyticsOptions options) {
      if (options.checkpoint() != null) {
        return Path.of(options.checkpoint()).toAbsolutePath();
      }
      try {
        Path folder = Files.createTempDirectory("inlearning-analytics-");
        System.out.println("analytics: no --checkpoint: rejected events go to " + folder.resolve("quarantine")
            + " (kept; the checkpoint beside it is deleted at the end)");
        return folder.resolve("checkpoint");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Each batch's partial sums are one small shuffle: Spark's default of 200 partitions costs more than the
     * work. One per core (at least 2) unless --conf set it; a checkpoint keeps the value of its first run.
     */
    private static String shufflePartitions(SparkSession spark) {
      if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
        spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, spark.sparkContext().defaultParallelism()));
      }
      return spark.conf().get(SHUFFLE_PARTITIONS);
    }

    /**
     * A default that costs CPU on every micro-batch (BENCHMARKS.md, "Per-course figures"), changed unless
     * --conf set it: the cached batch is read two or three times and then dropped, so compressing it only
     * costs (Spark's dictionary encoder hashes every string to gather its statistics).
     */
    private static void batchSettings(SparkSession spark) {
      if (!spark.sparkContext().getConf().contains(CACHE_COMPRESSED)) {
        spark.conf().set(CACHE_COMPRESSED, false);
      }
    }

    private StreamingQuery start(DataStreamWriter<Row> writer, String name, VoidFunction2<Dataset<Row>, Long> eachBatch) {
      Trigger trigger = options.trigger() == null ? Trigger.AvailableNow()
          : Trigger.ProcessingTime(options.trigger().toMillis());
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
              + " read yet (" + Failures.rootMessage(e) + "); --on-data-loss skip goes on from the earliest offset still held"
              + " and counts what was skipped");
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
      spark.streams().removeListener(listener);
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      long inSink = sink.totalCourseCount(spark);
      AnalyticsMetrics.Late late = new AnalyticsMetrics.Late(listener.lateEventsDropped(),
          inSink >= 0 ? inSink : null, inSink >= 0 ? listener.totalCounts().accepted() - inSink : null);
      Map<String, Long> skipped = listener.skippedOffsets();
      AnalyticsMetrics.KafkaDataLoss dataLoss = skipped == null ? null : new AnalyticsMetrics.KafkaDataLoss("skip",
          SkippedOffsets.sum(skipped), skipped);
      AnalyticsMetrics metrics = new AnalyticsMetrics("analytics", options.source(), sink.describe(),
          SparkInfo.of(spark), listener.totalCounts(), listener.thisRunCounts(), late, listener.batchesThisRun(),
          listener.watermark(), dataLoss, sink.connection(), timings(listener.phaseSeconds(), seconds),
          Phases.round((CpuTime.processNanos() - startCpu) / 1e9),
          Phases.perSecond(listener.thisRunCounts().read(), seconds),
          jobFolder.resolve("quarantine").toString(), options.settings());
      Map<String, SortedMap<Instant, Long>> countsOverTime = options.checkpoint() == null ? Map.of()
          : sink.countsOverTime(spark);
      List<CourseTotals> topCourses = options.checkpoint() == null || !options.perCourse() ? List.of()
          : sink.topCourses(spark);
      sink.close();
      if (options.checkpoint() == null) {
        LocalFiles.deleteRecursively(checkpoint);
        return new Result(metrics, null);
      }
      Path file = jobFolder.resolve("metrics.json");
      Json.writeAtomically(file, metrics);
      Json.writeTextAtomically(jobFolder.resolve("report.html"), AnalyticsReportPage.render(metrics, countsOverTime,
          topCourses));
      return new Result(metrics, file);
    }
  }

}
