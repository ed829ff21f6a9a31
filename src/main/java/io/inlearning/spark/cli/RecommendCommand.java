package io.inlearning.spark.cli;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.recommendations.Algorithm;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendSettings;
import io.inlearning.spark.records.RecordCounts;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend",
    description = "Course recommendations (ALS, EASE or both): evaluate against most-popular, then the top k for every"
        + " learner and the k most similar courses of every course.")
final class RecommendCommand extends JobCommand {
  @Option(names = "--interactions", required = true, paramLabel = "PATH",
      description = "interaction records (user_id, course_id, rating, timestamp): a file or folder")
  String interactions;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  String output;

  @Option(names = "--top", defaultValue = "10", paramLabel = "K",
      description = "recommendations per learner, and k of the metrics (default: ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--implicit",
      description = "rating is an interaction strength (views...), not a 1..5 rating: implicit-feedback ALS")
  boolean implicit;

  @Option(names = "--algorithm", paramLabel = "als|ease|hybrid|auto",
      description = "the best on validation folds of the training share with auto (default: auto with --implicit, "
          + "als otherwise)")
  String algorithm;

  @Option(names = "--ease-lambda", paramLabel = "L",
      description = "EASE's L2 penalty (default: chosen on a validation split)")
  Double easeLambda;

  @Option(names = "--learners", paramLabel = "PATH",
      description = "learners (user_id records) who must get recommendations; those without history get the most "
          + "popular courses")
  String learners;

  @Option(names = "--courses", paramLabel = "PATH",
      description = "the course catalogue (course records): courses nobody took yet are offered by text similarity")
  String courses;

  @Option(names = "--new-course-slots", defaultValue = "1", paramLabel = "N",
      description = "with --courses, places at the end of each list new courses may take (default: ${DEFAULT-VALUE})")
  int newCourseSlots;

  @Option(names = "--rank", paramLabel = "R", description = "latent factors (default: 10 explicit, 20 implicit)")
  Integer rank;

  @Option(names = "--max-iter", defaultValue = "10", paramLabel = "N",
      description = "ALS iterations (default: ${DEFAULT-VALUE})")
  int maxIter;

  @Option(names = "--reg-param", paramLabel = "R",
      description = "ALS regularisation (default: chosen on validation with auto and hybrid, 0.1 with als)")
  Double regParam;

  @Option(names = "--alpha", defaultValue = "1.0", paramLabel = "A",
      description = "confidence per unit of strength, implicit only (default: ${DEFAULT-VALUE})")
  double alpha;

  @Mixin
  ReadOptions read;

  @Option(names = "--no-eval", description = "skip the evaluation: train once, on all interactions")
  boolean noEval;

  @Option(names = "--test-fraction", defaultValue = "0.25", paramLabel = "F",
      description = "share of each learner's interactions held out (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the split and of ALS (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--tune",
      description = "pick ALS's rank, reg-param (and alpha) from a small grid by NDCG@k on a validation split")
  boolean tune;

  @Option(names = "--overwrite", description = "replace the output folder if it exists")
  boolean overwrite;

  private Recommend.Options options;

  @Override
  String appName() {
    return "recommend";
  }

  @Override
  void validate(Locations locations) {
    int chosenRank = rank != null ? rank : implicit ? RecommendSettings.IMPLICIT_RANK : RecommendSettings.EXPLICIT_RANK;
    Algorithm chosenAlgorithm = algorithm != null ? Algorithm.parse(algorithm)
        : RecommendSettings.defaults(implicit).algorithm();
    RecommendSettings settings = new RecommendSettings(top, implicit, chosenAlgorithm, chosenRank, maxIter,
        regParam != null ? nonNegative(regParam) : RecommendSettings.defaultRegParam(chosenAlgorithm), alpha,
        easeLambda == null ? RecommendSettings.CHOOSE_LAMBDA : positive(easeLambda),
        RecommendSettings.DEFAULT_EASE_SHARE, !noEval, testFraction, seed, tune);
    if (newCourseSlots > top) {
      throw new UsageException("--new-course-slots (" + newCourseSlots + ") cannot exceed --top (" + top + ")");
    }
    options = new Recommend.Options(interactions, read.inputFormat(), read.maxRecordBytes(), output, settings,
        overwrite, new Recommend.ColdStart(learners, courses, newCourseSlots));
    locations.requireInput("interactions", interactions);
    if (learners != null) {
      locations.requireInput("learner list", learners);
    }
    if (courses != null) {
      locations.requireInput("course catalogue", courses);
    }
    locations.requireNewFolder("output", output, overwrite);
  }

  private static double nonNegative(double regParam) {
    if (!(regParam >= 0)) {
      throw new UsageException("--reg-param must be a non-negative number, got " + regParam);
    }
    return regParam;
  }

  private static double positive(double lambda) {
    if (!(lambda > 0)) {
      throw new UsageException("--ease-lambda must be a positive number, got " + lambda);
    }
    return lambda;
  }

  @Override
  void run(SparkSession session) {
    Recommend.Result result = Recommend.run(session, options);
    print(result.metrics());
  }

  static void print(RecommendMetrics metrics) {
    RecordCounts records = metrics.records();
    System.out.printf("output: %s%n", metrics.output());
    System.out.printf("records: read %,d, accepted %,d, rejected %,d %s; duplicates aggregated %,d%n",
        records.read(), records.accepted(), records.rejected(), records.rejectedByReason(),
        metrics.duplicatesAggregated());
    System.out.printf("%,d learners, %,d courses; settings %s%n", metrics.users(), metrics.courses(),
        Json.compact(metrics.settings()));
    if (metrics.ranking() != null) {
      RecommendMetrics.Ranking model = metrics.ranking();
      RecommendMetrics.Ranking popular = metrics.baseline().ranking();
      System.out.printf("at k=%d %10s: NDCG %.4f  P %.4f  R %.4f  MAP %.4f%s%n", metrics.k(),
          metrics.settings().algorithm(), model.ndcgAtK(), model.precisionAtK(), model.recallAtK(), model.mapAtK(),
          metrics.rmse() == null ? "" : String.format("  RMSE %.4f", metrics.rmse()));
      System.out.printf("  most popular: NDCG %.4f  P %.4f  R %.4f  MAP %.4f%n", popular.ndcgAtK(),
          popular.precisionAtK(), popular.recallAtK(), popular.mapAtK());
      if (Boolean.FALSE.equals(metrics.beatsBaseline())) {
        System.out.println("note: this model ranks below the most-popular baseline on NDCG; for ranking use"
            + ("implicit".equals(metrics.settings().feedback())
            ? " --tune" : " --implicit (explicit ALS predicts ratings, it does not rank well)"));
      }
    }
    if (metrics.modelSelection() != null && metrics.modelSelection().reason() != null) {
      System.out.printf("model selection: %s%n", metrics.modelSelection().reason());
    }
    System.out.printf("recommendations: %s%n", Json.compact(metrics.recommendations()));
    System.out.printf("similar courses: %s%n", Json.compact(metrics.similarCourses()));
    System.out.printf("%.0f interactions/s, timings (s) %s%n", metrics.interactionsPerSecond(),
        metrics.timingsSeconds());
  }
}
