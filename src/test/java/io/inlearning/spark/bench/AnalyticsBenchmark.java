package io.inlearning.spark.bench;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.inlearning.spark.analytics.AnalyticsRequest;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.analytics.source.OnDataLoss;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.EventPublisher;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.monitoring.CpuTime;
import io.inlearning.spark.monitoring.Phases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench analytics}: events sent to Kafka at a steady rate while the analytics query runs into
 * Elasticsearch. Every 100 ms the sum of course_count over the index (what a reader sees) is read; an event
 * counts as visible once that sum reaches its position in the stream (all events are valid and on time, so
 * the sum is the number of events processed). Latency = visible - sent, per block of 1,000 events.
 *
 * <p>The query is warmed up first: {@code warmup} events are sent at once and timing starts when they are
 * all visible. A streaming job runs for hours, and a cold JVM's first few hundred thousand events run 3 to 4
 * times slower while the JIT compiles Spark's and Kafka's hot paths (one run: 19k events/s in the second batch,
 * 62k events/s in the fourth); without a warm-up, a short run measures that start rather than the sustained
 * rate.
 */
public final class AnalyticsBenchmark {
  private static final int BLOCK = 1_000;

  public record Options(long events, long warmup, int rate, String kafka, String elasticsearch, Duration trigger,
                        Path work, long seed, boolean perCourse, int partitions, long maxOffsetsPerTrigger,
                        Keep keep) {}

  /** Whether the windows and events are also kept in a warehouse's Delta tables (written before Elasticsearch). */
  public enum Keep { NONE, WAREHOUSE }

  private AnalyticsBenchmark() {}

  public static Map<String, Object> run(SparkSession spark, Options options) throws Exception {
    String run = "bench-" + System.currentTimeMillis();
    // One stream in event-time order: the warm-up events, then the measured ones.
    long total = options.warmup() + options.events();
    EventGenerator generator = new EventGenerator(EventGenerator.Options.builder(total, options.seed()).files(1)
        .arrivals(Instant.parse("2026-05-01T00:00:00Z"), Duration.ofHours(6)).lateFraction(0).malformedFraction(0)
        .build());
    List<String> warmup = new ArrayList<>((int) options.warmup());
    for (long i = 0; i < options.warmup(); i++) {
      warmup.add(generator.event(i).line());
    }
    List<String> lines = new ArrayList<>((int) options.events());
    for (long i = options.warmup(); i < total; i++) {
      lines.add(generator.event(i).line());
    }
    KafkaTopic topic = KafkaTopic.parse("kafka", options.kafka() + "/" + run);
    SinkTarget live = new SinkTarget.Elasticsearch(options.elasticsearch(), run,
        SinkTarget.Elasticsearch.DEFAULT_RETRY, ElasticsearchSecurity.NONE);
    SinkTarget sink = options.keep() == Keep.WAREHOUSE ? new SinkTarget.Both(live,
        new SinkTarget.Delta(new Warehouse(options.work().resolve(run + "/warehouse").toString()))) : live;
    AnalyticsRequest analytics = AnalyticsRequest.of(
        new EventSource.Kafka(topic, "earliest", options.maxOffsetsPerTrigger(), KafkaSettings.NONE, OnDataLoss.FAIL),
        sink,
        Optional.of(options.work().resolve(run + "/checkpoint").toString()))
        .withTrigger(new AnalyticsRequest.MicroBatches.Every(options.trigger()))
        .withPerCourse(options.perCourse() ? AnalyticsRequest.PerCourse.ON : AnalyticsRequest.PerCourse.OFF);
    if (options.partitions() > 0) {
      createTopic(options.kafka(), run, options.partitions());
    }
    long blocks = (options.events() + BLOCK - 1) / BLOCK;
    long[] sentNanos = new long[(int) blocks];
    long[] visibleNanos = new long[(int) blocks];
    try (EventPublisher publisher = new EventPublisher(topic);
         ElasticsearchConnection es = ElasticsearchConnection.open(options.elasticsearch())) {
      // Creates the topic before the query subscribes; the stream's first event, so that it moves no watermark.
      publisher.send((warmup.isEmpty() ? lines : warmup).get(0));
      publisher.flush();
      long cpuStart = CpuTime.processNanos();
      StreamingAnalytics.Running running = StreamingAnalytics.start(spark, analytics);
      // Timing starts once the topic-creating event and the warm-up events are visible.
      warmup.forEach(publisher::send);
      publisher.flush();
      long warmupStart = System.nanoTime();
      while (visibleEvents(es, run) < 1 + options.warmup()) {
        if (System.nanoTime() - warmupStart > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException("the warm-up events were not all visible after 10 minutes");
        }
        Thread.sleep(100);
      }
      double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
      long start = System.nanoTime();
      Thread producer = new Thread(() -> send(lines, publisher, options.rate(), sentNanos), "bench-producer");
      producer.start();
      int seen = 0;
      long deadline = start + Duration.ofMinutes(10).toNanos();
      while (seen < blocks && System.nanoTime() < deadline) {
        Thread.sleep(100);
        long visible = visibleEvents(es, run) - 1 - options.warmup(); // minus the topic-creating and warm-up events
        long now = System.nanoTime();
        while (seen < blocks && visible >= Math.min(options.events(), (seen + 1L) * BLOCK)) {
          visibleNanos[seen++] = now;
        }
      }
      producer.join();
      long end = System.nanoTime();
      running.stopQuietly();
      running.finish();
      double cpu = (CpuTime.processNanos() - cpuStart) / 1e9;
      double[] latencies = new double[seen];
      for (int b = 0; b < seen; b++) {
        latencies[b] = (visibleNanos[b] - sentNanos[b]) / 1e9;
      }
      Arrays.sort(latencies);
      double seconds = (visibleNanos[Math.max(0, seen - 1)] - start) / 1e9;
      // The rate at which events became visible, from the first batch that showed some to the last: what the
      // job keeps up with, without the first latency that the rate "to all visible" also counts.
      int firstShown = 0;
      while (firstShown < seen && visibleNanos[firstShown] == visibleNanos[0]) {
        firstShown++;
      }
      double sustainedSeconds = seen == 0 ? 0 : (visibleNanos[seen - 1] - visibleNanos[0]) / 1e9;
      long sustainedEvents = Math.min(options.events(), (long) seen * BLOCK) - (long) firstShown * BLOCK;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", run);
      row.put("events", options.events());
      row.put("warmup_events", options.warmup());
      row.put("warmup_seconds", Phases.round(warmupSeconds));
      row.put("target_rate", options.rate());
      row.put("trigger", options.trigger().toString());
      row.put("per_course", options.perCourse());
      row.put("warehouse", options.keep() == Keep.WAREHOUSE);
      row.put("all_visible", seen == blocks);
      row.put("send_seconds", Phases.round((sentNanos[(int) blocks - 1] - start) / 1e9));
      row.put("seconds_to_all_visible", Phases.round(seconds));
      row.put("events_per_second", Phases.perSecond(options.events(), seconds));
      row.put("sustained_events_per_second", sustainedSeconds > 0 ? Phases.perSecond(sustainedEvents, sustainedSeconds) : null);
      row.put("latency_p50_seconds", Phases.round(percentile(latencies, 0.50)));
      row.put("latency_p95_seconds", Phases.round(percentile(latencies, 0.95)));
      row.put("latency_max_seconds", Phases.round(percentile(latencies, 1.0)));
      row.put("cpu_seconds", Phases.round(cpu));
      row.put("shuffle_partitions", running.shufflePartitions());
      row.put("kafka_partitions", options.partitions() > 0 ? options.partitions() : null);
      row.put("max_offsets_per_trigger", options.maxOffsetsPerTrigger() > 0 ? options.maxOffsetsPerTrigger() : null);
      System.out.printf("%,d events at %,d/s: all visible after %.1f s (%,.0f events/s; sustained %,.0f events/s); "
              + "latency p50 %.2f s, p95 %.2f s, max %.2f s; %.0f CPU-s%n", options.events(), options.rate(), seconds,
          options.events() / seconds, sustainedSeconds > 0 ? sustainedEvents / sustainedSeconds : Double.NaN,
          percentile(latencies, 0.5), percentile(latencies, 0.95), percentile(latencies, 1.0), cpu);
      return row;
    }
  }

  /** Sends at a steady rate, 1 ms at a time, and notes when each block of events was sent. */
  private static void send(List<String> lines, EventPublisher publisher, int rate, long[] sentNanos) {
    long start = System.nanoTime();
    for (int i = 0; i < lines.size(); i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      publisher.send(lines.get(i));
      if ((i + 1) % BLOCK == 0 || i == lines.size() - 1) {
        sentNanos[i / BLOCK] = System.nanoTime();
      }
    }
    publisher.flush();
  }

  /** The run's topic with {@code partitions} partitions, instead of the broker's default. */
  private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(1, TimeUnit.MINUTES);
    }
  }

  private static long visibleEvents(ElasticsearchConnection es, String index) throws IOException {
    try {
      var response = es.client().search(s -> s.index(index).size(0)
          .aggregations("total", a -> a.sum(sum -> sum.field("course_count"))), Void.class);
      return Math.round(response.aggregations().get("total").sum().value());
    } catch (ElasticsearchException e) {
      return 0; // the index does not exist until the first batch
    }
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1 < 0 ? 0 : Math.ceil(p * sorted.length) - 1)];
  }

}
