package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.recommendations.AlgorithmChoice;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.RecordCounts;
import java.util.Optional;
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

  @Mixin
  OutputOptions output;

  @Option(names = "--top", paramLabel = "K",
      description = "recommendations per learner, and k of the metrics (default: ${DEFAULT-VALUE})")
  int top = RecommendRequest.DEFAULT_TOP;

  @Option(names = "--implicit",
      description = "rating is an interaction strength (views...), not a 1..5 rating: implicit-feedback ALS")
  boolean implicit;

  @Option(names = "--algorithm", paramLabel = "als|ease|hybrid|auto",
      description = "auto: the best on validation folds of the training share (default: auto with --implicit, "
          + "als otherwise)")
  String algorithm;

  @Option(names = "--ease-lambda", paramLabel = "L",
      description = "EASE's L2 penalty (default: chosen on validation folds)")
  Double easeLambda;

  @Option(names = "--learners", paramLabel = "PATH",
      description = "learners (user_id records) who must get recommendations; those without history get the most "
          + "popular courses")
  String learners;

  @Option(names = "--courses", paramLabel = "PATH",
      description = "the course catalogue (course records): courses nobody took yet are offered by text similarity")
  String courses;

  @Option(names = "--new-course-slots", paramLabel = "N",
      description = "with --courses, places at the end of each list new courses may take (default: ${DEFAULT-VALUE})")
  int newCourseSlots = RecommendRequest.DEFAULT_NEW_COURSE_SLOTS;

  @Option(names = "--rank", paramLabel = "R",
      description = "latent factors (default: " + RecommendRequest.EXPLICIT_RANK + " explicit, "
          + RecommendRequest.IMPLICIT_RANK + " implicit)")
  Integer rank;

  @Option(names = "--max-iter", paramLabel = "N", description = "ALS iterations (default: ${DEFAULT-VALUE})")
  int maxIter = RecommendRequest.DEFAULT_MAX_ITER;

  @Option(names = "--reg-param", paramLabel = "R",
      description = "ALS regularisation (default: chosen on validation with auto and hybrid, "
          + RecommendRequest.DEFAULT_REG_PARAM + " with als)")
  Double regParam;

  @Option(names = "--alpha", paramLabel = "A",
      description = "confidence per unit of strength, implicit only (default: ${DEFAULT-VALUE})")
  double alpha = RecommendRequest.DEFAULT_ALPHA;

  @Mixin
  ReadOptions read;

  @Option(names = "--no-eval", description = "skip the evaluation: train once, on all interactions")
  boolean noEval;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "share of each learner's interactions held out (default: ${DEFAULT-VALUE})")
  double testFraction = RecommendRequest.DEFAULT_TEST_FRACTION;

  @Option(names = "--seed", description = "seed of the split and of ALS (default: ${DEFAULT-VALUE})")
  long seed = RecommendRequest.DEFAULT_SEED;

  @Option(names = "--tune",
      description = "pick ALS's rank, reg-param (and alpha) from a small grid by NDCG@k on validation folds")
  boolean tune;

  private RecommendRequest request;

  @Override
  String appName() {
    return "recommend";
  }

  @Override
  void parse(Locations locations) {
    Feedback feedback = implicit ? Feedback.IMPLICIT : Feedback.EXPLICIT;
    AlgorithmChoice choice = algorithm == null ? RecommendRequest.ModelRequest.defaults(feedback).algorithm()
        : Choices.parse(AlgorithmChoice.class, "--algorithm", algorithm);
    RecommendRequest.AlsRequest als = new RecommendRequest.AlsRequest(Optional.ofNullable(rank), maxIter,
        Optional.ofNullable(regParam), alpha,
        tune ? RecommendRequest.AlsTuning.GRID : RecommendRequest.AlsTuning.OFF);
    request = new RecommendRequest(
        new RecommendRequest.Input(interactions, read.inputFormat(), read.maxRecordBytes), output.folder(),
        new RecommendRequest.ModelRequest(feedback, choice, top, als, Optional.ofNullable(easeLambda)),
        new RecommendRequest.EvaluationRequest(
            noEval ? RecommendRequest.Evaluate.SKIP : RecommendRequest.Evaluate.HELD_OUT, testFraction, seed),
        new RecommendRequest.ColdStart(Optional.ofNullable(learners), Optional.ofNullable(courses), newCourseSlots));
    request.check(locations);
  }

  @Override
  void run(SparkSession session) {
    Recommend.Result result = Recommend.run(session, request);
    print(result.metrics());
  }

  static void print(RecommendMetrics metrics) {
    RecordCounts records = metrics.read().records();
    RecommendMetrics.Data data = metrics.data();
    System.out.printf("output: %s%n", metrics.run().output());
    System.out.printf("records: read %,d, accepted %,d, rejected %,d %s; duplicates aggregated %,d%n",
        records.read(), records.accepted(), records.rejected(), records.rejectedByReason(),
        data.duplicatesAggregated());
    System.out.printf("%,d learners, %,d courses; settings %s%n", data.users(), data.courses(),
        Json.compact(metrics.settings()));
    RecommendMetrics.Quality quality = metrics.quality();
    if (quality.ranking() != null) {
      RecommendMetrics.Ranking model = quality.ranking();
      RecommendMetrics.Ranking popular = quality.baseline().ranking();
      System.out.printf("at k=%d %10s: NDCG %.4f  P %.4f  R %.4f  MAP %.4f%s%n", data.k(),
          metrics.settings().algorithm(), model.ndcgAtK(), model.precisionAtK(), model.recallAtK(), model.mapAtK(),
          quality.rmse() == null ? "" : String.format("  RMSE %.4f", quality.rmse()));
      System.out.printf("  most popular: NDCG %.4f  P %.4f  R %.4f  MAP %.4f%n", popular.ndcgAtK(),
          popular.precisionAtK(), popular.recallAtK(), popular.mapAtK());
      if (Boolean.FALSE.equals(quality.beatsBaseline())) {
        System.out.println("note: this model ranks below the most-popular baseline on NDCG; for ranking use"
            + ("implicit".equals(metrics.settings().feedback())
            ? " --tune" : " --implicit (explicit ALS predicts ratings, it does not rank well)"));
      }
    }
    if (metrics.modelSelection() != null && metrics.modelSelection().reason() != null) {
      System.out.printf("model selection: %s%n", metrics.modelSelection().reason());
    }
    System.out.printf("recommendations: %s%n", Json.compact(metrics.outputs().recommendations()));
    System.out.printf("similar courses: %s%n", Json.compact(metrics.outputs().similarCourses()));
    System.out.printf("%.0f interactions/s, timings (s) %s%n", metrics.performance().interactionsPerSecond(),
        metrics.performance().timingsSeconds());
  }
}
