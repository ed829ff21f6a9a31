package io.inlearning.spark.bench;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.inlearning.spark.analytics.AnalyticsOptions;
import io.inlearning.spark.analytics.ElasticsearchIndex;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.EventPublisher;
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
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench analytics}: events sent to Kafka at a steady rate while the analytics query runs into
 * Elasticsearch. Every 100 ms the sum of course_count over the index (what a reader sees) is read; an event
 * counts as visible once that sum reaches its position in the stream (all events are valid and on time, so
 * the sum is the number of events processed). Latency = visible - sent, per block of 1,000 events.
 */
public final class AnalyticsBenchmark {
  private static final int BLOCK = 1_000;

  public record Options(long events, int rate, String kafka, String elasticsearch, Duration trigger, Path work,
                        long seed) {}

  private AnalyticsBenchmark() {}

  public static Map<String, Object> run(SparkSession spark, Options options) throws Exception {
    String run = "bench-" + System.currentTimeMillis();
    EventGenerator generator = new EventGenerator(new EventGenerator.Options(options.events(), options.seed(), 1,
        Instant.parse("2026-05-01T00:00:00Z"), Duration.ofHours(6), 0, 0, 8));
    List<String> lines = new ArrayList<>((int) options.events());
    for (long i = 0; i < options.events(); i++) {
      lines.add(generator.event(i).line());
    }
    AnalyticsOptions analytics = AnalyticsOptions.of("kafka:" + options.kafka() + "/" + run,
        "elasticsearch:" + options.elasticsearch() + "/" + run, options.work().resolve(run + "/checkpoint").toString())
        .withTrigger(options.trigger());
    long blocks = (options.events() + BLOCK - 1) / BLOCK;
    long[] sentNanos = new long[(int) blocks];
    long[] visibleNanos = new long[(int) blocks];
    try (EventPublisher publisher = new EventPublisher(options.kafka() + "/" + run);
         ElasticsearchIndex es = new ElasticsearchIndex(options.elasticsearch(), run)) {
      publisher.send(lines.get(0)); // creates the topic before the query subscribes
      publisher.flush();
      long cpuStart = CpuTime.processNanos();
      StreamingAnalytics.Running running = StreamingAnalytics.start(spark, analytics);
      // Timing starts once the first batch (the one topic-creating event) is through: plan and JIT warm.
      while (running.listener().batchesThisRun() < 1) {
        Thread.sleep(100);
      }
      long start = System.nanoTime();
      Thread producer = new Thread(() -> send(lines, publisher, options.rate(), sentNanos), "bench-producer");
      producer.start();
      int seen = 0;
      long deadline = start + Duration.ofMinutes(10).toNanos();
      while (seen < blocks && System.nanoTime() < deadline) {
        Thread.sleep(100);
        long visible = visibleEvents(es) - 1; // minus the topic-creating event
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
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", run);
      row.put("events", options.events());
      row.put("target_rate", options.rate());
      row.put("trigger", options.trigger().toString());
      row.put("all_visible", seen == blocks);
      row.put("send_seconds", Phases.round((sentNanos[(int) blocks - 1] - start) / 1e9));
      row.put("seconds_to_all_visible", Phases.round(seconds));
      row.put("events_per_second", Phases.perSecond(options.events(), seconds));
      row.put("latency_p50_seconds", Phases.round(percentile(latencies, 0.50)));
      row.put("latency_p95_seconds", Phases.round(percentile(latencies, 0.95)));
      row.put("latency_max_seconds", Phases.round(percentile(latencies, 1.0)));
      row.put("cpu_seconds", Phases.round(cpu));
      row.put("shuffle_partitions", running.shufflePartitions());
      row.put("state_store", spark.conf().get("spark.sql.streaming.stateStore.providerClass", "default (HDFS-backed)"));
      System.out.printf("%,d events at %,d/s: all visible after %.1f s (%,.0f events/s); latency p50 %.2f s, p95 %.2f s, "
              + "max %.2f s; %.0f CPU-s%n", options.events(), options.rate(), seconds, options.events() / seconds,
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

  private static long visibleEvents(ElasticsearchIndex es) throws IOException {
    try {
      var response = es.client().search(s -> s.index(es.index()).size(0)
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
