package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.AnalyticsMetrics;
import io.inlearning.spark.analytics.AnalyticsRequest;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.analytics.source.OnDataLoss;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "analytics",
    description = "Streaming course analytics: per category and event-time window, event count and mean difficulty;"
        + " per course, learners, enrolments and completions.")
final class AnalyticsCommand extends JobCommand {
  @Option(names = "--source", required = true, paramLabel = "files:DIR|kafka:HOST:PORT/TOPIC",
      description = "JSON lines files dropped into DIR, or a Kafka topic")
  String source;

  @Option(names = "--sink", paramLabel = "elasticsearch:URL/INDEX|console",
      description = "where the live window figures go")
  String sink;

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "also (or only) keep the events and the window figures as the warehouse's Delta tables: "
          + "events, category_windows, course_windows")
  String warehouse;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "checkpoint folder (required for elasticsearch and the warehouse); progress.json, metrics.json "
          + "and quarantine/ are written beside it")
  String checkpoint;

  @Option(names = "--window", description = "event-time window (default: ${DEFAULT-VALUE})")
  String window = Durations.format(AnalyticsRequest.Windows.DEFAULT.length());

  @Option(names = "--watermark",
      description = "how late an event may be before its window closes (default: ${DEFAULT-VALUE})")
  String watermark = Durations.format(AnalyticsRequest.Windows.DEFAULT.watermark());

  @Option(names = "--trigger", paramLabel = "INTERVAL|available-now",
      description = "micro-batch interval, or available-now: process what is there, then stop (default: ${DEFAULT-VALUE})")
  String trigger = Durations.format(AnalyticsRequest.MicroBatches.DEFAULT_INTERVAL);

  @Option(names = "--max-files-per-trigger", paramLabel = "N",
      description = "files source: at most N new files per micro-batch (default: no limit)")
  int maxFilesPerTrigger;

  @Option(names = "--starting-offsets", paramLabel = "earliest|latest|JSON",
      description = "Kafka source: where a new checkpoint starts (default: ${DEFAULT-VALUE})")
  String startingOffsets = "earliest";

  @Option(names = "--max-offsets-per-trigger", paramLabel = "N",
      description = "Kafka source: at most N messages per micro-batch (default: no limit)")
  long maxOffsetsPerTrigger;

  @Option(names = "--sink-retry", paramLabel = "DURATION",
      description = "Elasticsearch: how long a failing bulk is retried before the batch fails (default: ${DEFAULT-VALUE})")
  String sinkRetry = Durations.format(SinkTarget.Elasticsearch.DEFAULT_RETRY);

  @Option(names = "--max-record-bytes", paramLabel = "N",
      description = "larger events are rejected (default: ${DEFAULT-VALUE})")
  int maxRecordBytes = RecordReader.DEFAULT_MAX_RECORD_BYTES;

  @Mixin
  ElasticsearchOptions elasticsearch;

  @Option(names = "--per-course", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "per-course figures beside the per-category windows: INDEX-courses, the course_windows table "
          + "(default: on; --no-per-course turns them off)")
  boolean perCourse;

  @Mixin
  KafkaClientOptions kafka;

  @Option(names = "--on-data-loss", paramLabel = "fail|skip",
      description = "Kafka offsets gone before they were read: stop the query (default), or skip them and count "
          + "the skipped offsets per partition in metrics.json")
  String onDataLoss = "fail";

  private AnalyticsRequest request;

  @Override
  String appName() {
    return "analytics";
  }

  @Override
  void parse(Locations locations) {
    AnalyticsRequest.Windows windows = new AnalyticsRequest.Windows(Durations.positive("--window", window),
        Durations.parse("--watermark", watermark));
    AnalyticsRequest.MicroBatches batches = trigger.equals("available-now")
        ? new AnalyticsRequest.MicroBatches.AvailableNow()
        : new AnalyticsRequest.MicroBatches.Every(Durations.positive("--trigger", trigger));
    request = new AnalyticsRequest(source(locations), sinks(locations), Optional.ofNullable(checkpoint), windows,
        batches, maxRecordBytes, perCourse ? AnalyticsRequest.PerCourse.ON : AnalyticsRequest.PerCourse.OFF);
    if (request.source() instanceof EventSource.Files files) {
      locations.requireFolder("drop folder", files.folder());
    }
    request.checkpoint().ifPresent(folder -> locations.requireFolderOrCreatable("checkpoint", folder));
    if (warehouse != null) {
      locations.requireFolderOrCreatable("warehouse", warehouse);
    }
  }

  /** The live sink, the warehouse, or both. */
  private SinkTarget sinks(Locations locations) {
    if (sink == null && warehouse == null) {
      throw new UsageException("analytics needs --sink elasticsearch:URL/INDEX or console, --warehouse DIR, or both");
    }
    Optional<SinkTarget.Delta> tables = Optional.ofNullable(warehouse).map(dir -> new SinkTarget.Delta(new Warehouse(dir)));
    if (sink == null) {
      if (elasticsearch.given()) {
        throw new UsageException("the --es-* settings apply to --sink elasticsearch only");
      }
      return tables.get();
    }
    SinkTarget live = sink(locations);
    return tables.<SinkTarget>map(kept -> new SinkTarget.Both(live, kept)).orElse(live);
  }

  /** {@code files:DIR} or {@code kafka:HOST:PORT/TOPIC}, and the options that go with each. */
  private EventSource source(Locations locations) {
    if (source.startsWith("files:") && source.length() > "files:".length()) {
      if (kafka.given() || !onDataLoss.equals("fail")) {
        throw new UsageException("--kafka-option, --kafka-properties and --on-data-loss apply to --source kafka only");
      }
      return new EventSource.Files(source.substring("files:".length()), maxFilesPerTrigger);
    }
    if (source.startsWith("kafka:")) {
      KafkaTopic topic;
      try {
        topic = KafkaTopic.parse("source", source.substring("kafka:".length()));
      } catch (InvalidRequestException e) {
        throw new UsageException("--source kafka must look like kafka:HOST:PORT/TOPIC, got '" + source + "'");
      }
      KafkaSettings client = kafka.settings(locations);
      return new EventSource.Kafka(topic, startingOffsets, maxOffsetsPerTrigger, client,
          Choices.parse(OnDataLoss.class, "--on-data-loss", onDataLoss));
    }
    throw new UsageException("--source must be files:DIR or kafka:HOST:PORT/TOPIC, got '" + source + "'");
  }

  /** {@code elasticsearch:URL/INDEX} or {@code console}, and the options that go with each. */
  private SinkTarget sink(Locations locations) {
    if (sink.startsWith("elasticsearch:")) {
      ElasticsearchSecurity security = elasticsearch.security(locations);
      return SinkTarget.Elasticsearch.at(sink.substring("elasticsearch:".length()),
          Durations.parse("--sink-retry", sinkRetry), security);
    }
    if (elasticsearch.given()) {
      throw new UsageException("the --es-* settings apply to --sink elasticsearch only");
    }
    if (sink.equals("console")) {
      return new SinkTarget.Console();
    }
    if (sink.startsWith("parquet:")) {
      throw new UsageException("--sink parquet:DIR is now --warehouse DIR: the window figures as Delta tables "
          + "updated by MERGE (read them with format delta)");
    }
    throw new UsageException("--sink must be elasticsearch:URL/INDEX or console, got '" + sink + "'");
  }

  @Override
  void run(SparkSession session) {
    StreamingAnalytics.Result result = StreamingAnalytics.run(session, request);
    AnalyticsMetrics.Counts counts = result.metrics().counts();
    System.out.print(Json.pretty(counts.records()));
    AnalyticsMetrics.Late late = counts.late();
    System.out.printf("late: %,d rows dropped by the watermark%s%n", late.rowsDroppedByWatermark(),
        late.lateEventsDropped() == null ? "" : String.format(", %,d accepted events in no window of the sink",
            late.lateEventsDropped()));
    result.metricsFile().ifPresent(file -> System.out.println("metrics: " + file));
  }
}
