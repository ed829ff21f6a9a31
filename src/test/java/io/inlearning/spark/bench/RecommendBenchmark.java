package io.inlearning.spark.bench;

import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.recommendations.AlgorithmChoice;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
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
  public record Options(List<Long> sizes, int repetitions, Path work, long seed, Feedback feedback,
                        RecommendRequest.Evaluate evaluate) {}

  private RecommendBenchmark() {}

  public static List<Map<String, Object>> run(SparkSession spark, Options options) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (long size : options.sizes()) {
      long users = Math.max(10, size / 20);
      long courses = Math.max(50, Math.min(20_000, size / 200));
      String data = options.work().resolve("interactions-" + size).toString();
      GenerateInteractions.Result generated = GenerateInteractions.run(spark, new InteractionGenerator.Options(
          users, courses, size, options.seed(), options.feedback(), InteractionGenerator.Format.JSON),
          OutputFolder.replacingExisting(data));
      for (int rep = 1; rep <= options.repetitions(); rep++) {
        PeakMemory.reset();
        // ALS, the model of the implicit peer this suite compares with.
        boolean evaluate = options.evaluate() == RecommendRequest.Evaluate.HELD_OUT;
        RecommendRequest request = RecommendRequest.of(data, options.work().resolve("recommend-out-" + size).toString(),
            options.feedback()).replacingOutput()
            .withModel(RecommendRequest.ModelRequest.defaults(options.feedback(), AlgorithmChoice.ALS))
            .withEvaluation(evaluate ? RecommendRequest.EvaluationRequest.DEFAULT
                : RecommendRequest.EvaluationRequest.SKIPPED);
        Recommend.Result result = Recommend.run(spark, request);
        RecommendMetrics metrics = result.metrics();
        Map<String, Double> timings = metrics.performance().timingsSeconds();
        double train = timings.getOrDefault(evaluate ? "train final" : "train", 0.0);
        double recommend = timings.getOrDefault("recommend", 0.0);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("interactions", size);
        row.put("learners", metrics.data().users());
        row.put("courses", metrics.data().courses());
        row.put("repetition", rep);
        row.put("settings", metrics.settings());
        row.put("generate_seconds", Phases.round(generated.seconds()));
        row.put("train_all_seconds", train);
        row.put("top10_for_all_seconds", recommend);
        row.put("train_plus_top10_seconds", Phases.round(train + recommend));
        row.put("timings_seconds", timings);
        row.put("interactions_per_second", metrics.performance().interactionsPerSecond());
        Map<String, Object> quality = new LinkedHashMap<>();
        RecommendMetrics.Quality evaluated = metrics.quality();
        if (evaluated.rmse() != null) {
          quality.put("rmse", evaluated.rmse());
        }
        if (evaluated.ranking() != null) {
          quality.put("precision_at_k", evaluated.ranking().precisionAtK());
          quality.put("recall_at_k", evaluated.ranking().recallAtK());
          quality.put("ndcg_at_k", evaluated.ranking().ndcgAtK());
          quality.put("map_at_k", evaluated.ranking().mapAtK());
          quality.put("baseline", evaluated.baseline());
        }
        row.put("quality", quality);
        row.putAll(PeakMemory.read());
        results.add(row);
        System.out.printf("%,d interactions (run %d): train on all %.1f s, top 10 for %,d learners %.1f s, "
                + "end to end %.1f s; NDCG@10 %s vs most popular %s; peak heap %s MiB, peak RSS %s MiB%n",
            size, rep, train, metrics.data().users(), recommend, timings.get("total"),
            evaluated.ranking() == null ? null : evaluated.ranking().ndcgAtK(),
            evaluated.baseline() == null ? null : evaluated.baseline().ranking().ndcgAtK(),
            row.get("peak_heap_mib"), row.get("peak_rss_mib"));
      }
    }
    return results;
  }
}
