package io.inlearning.spark.bench;

import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.recommendations.Algorithm;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench recommend}: for each size, generates interactions (not timed with the job; learners = N/20,
 * courses = min(N/200, 20,000)), runs {@code recommend} on them and reports the training and top-10 times,
 * interactions/s, peak memory and the quality against the most-popular baseline.
 */
public final class RecommendBenchmark {
  public record Options(List<Long> sizes, int repetitions, Path work, long seed, boolean implicit, boolean evaluate) {}

  private RecommendBenchmark() {}

  public static List<Map<String, Object>> run(SparkSession spark, Options options) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (long size : options.sizes()) {
      long users = Math.max(10, size / 20);
      long courses = Math.max(50, Math.min(20_000, size / 200));
      String data = options.work().resolve("interactions-" + size).toString();
      GenerateInteractions.Result generated = GenerateInteractions.run(spark, new InteractionGenerator.Options(
          users, courses, size, options.seed(), options.implicit(), InteractionGenerator.Format.JSON), data, true);
      for (int rep = 1; rep <= options.repetitions(); rep++) {
        PeakMemory.reset();
        // ALS, the model of the implicit peer this suite compares with.
        RecommendSettings settings = RecommendSettings.defaults(options.implicit(), Algorithm.ALS)
            .withEvaluation(options.evaluate());
        Recommend.Result result = Recommend.run(spark, Recommend.Options.of(data,
            options.work().resolve("recommend-out-" + size).toString(), settings).overwriting());
        RecommendMetrics metrics = result.metrics();
        Map<String, Double> timings = metrics.timingsSeconds();
        double train = timings.getOrDefault(options.evaluate() ? "train final" : "train", 0.0);
        double recommend = timings.getOrDefault("recommend", 0.0);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("interactions", size);
        row.put("learners", metrics.users());
        row.put("courses", metrics.courses());
        row.put("repetition", rep);
        row.put("settings", metrics.settings());
        row.put("generate_seconds", Phases.round(generated.seconds()));
        row.put("train_all_seconds", train);
        row.put("top10_for_all_seconds", recommend);
        row.put("train_plus_top10_seconds", Phases.round(train + recommend));
        row.put("timings_seconds", timings);
        row.put("interactions_per_second", metrics.interactionsPerSecond());
        Map<String, Object> quality = new LinkedHashMap<>();
        if (metrics.rmse() != null) {
          quality.put("rmse", metrics.rmse());
        }
        if (metrics.ranking() != null) {
          quality.put("precision_at_k", metrics.ranking().precisionAtK());
          quality.put("recall_at_k", metrics.ranking().recallAtK());
          quality.put("ndcg_at_k", metrics.ranking().ndcgAtK());
          quality.put("map_at_k", metrics.ranking().mapAtK());
          quality.put("baseline", metrics.baseline());
        }
        row.put("quality", quality);
        row.putAll(PeakMemory.read());
        results.add(row);
        System.out.printf("%,d interactions (run %d): train on all %.1f s, top 10 for %,d learners %.1f s, "
                + "end to end %.1f s; NDCG@10 %s vs most popular %s; peak heap %s MiB, peak RSS %s MiB%n",
            size, rep, train, metrics.users(), recommend, timings.get("total"),
            metrics.ranking() == null ? null : metrics.ranking().ndcgAtK(),
            metrics.baseline() == null ? null : metrics.baseline().ranking().ndcgAtK(),
            row.get("peak_heap_mib"), row.get("peak_rss_mib"));
      }
    }
    return results;
  }
}
