package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.publication.QualityGate;
import io.inlearning.spark.recommendations.AlgorithmChoice;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendHistory;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend",
    description = "Course recommendations (ALS, EASE or both): evaluate against most-popular, then the top k for every"
        + " learner and the k most similar courses of every course.")
final class RecommendCommand extends JobCommand {
  /** Where the interactions come from: record files, or the interactions table of a warehouse. */
  static final class Source {
    @Option(names = "--interactions", required = true, paramLabel = "PATH",
        description = "interaction records (user_id, course_id, rating, timestamp): a file or folder")
    String interactions;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR",
        description = "recommend from the warehouse's interactions over --history, with its courses table as the "
            + "catalogue, into its recommendations table (model under DIR/models/recommender/)")
    String warehouse;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "output folder (with --interactions)")
  String output;

  @Option(names = "--overwrite", description = "replace the output folder if it exists")
  boolean overwrite;

  @Option(names = "--history", paramLabel = "DURATION",
      description = "with --warehouse, how far back the interactions go (default: 90d)")
  String history;

  @Option(names = "--hour", paramLabel = "YYYY-MM-DDTHH",
      description = "with --warehouse, the last hour of the history (default: the latest hour ingested)")
  String hour;

  @Option(names = "--settings", paramLabel = "choose|current",
      description = "with --warehouse: choose the model's settings in this run (default), or reuse those of the "
          + "current model and only train (the hourly run; chosen once when there is no model yet)")
  String settings;

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

  @Mixin PublishOptions publish;

  @Mixin GateOptions.Recommender gate;

  private Consumer<SparkSession> job;

  @Override
  String appName() {
    return "recommend";
  }

  @Override
  void parse(Locations locations) {
    if (source.warehouse != null) {
      parseWarehouse(locations);
      return;
    }
    if (publish.given() || gate.margin != QualityGate.RECOMMENDER_MARGIN
        || gate.tolerance != QualityGate.RECOMMENDER_TOLERANCE) {
      throw new UsageException("--publish and the recommender's gate are for --warehouse: they publish the "
          + "warehouse's current recommender");
    }
    for (String[] option : new String[][] {{"--history", history}, {"--hour", hour}, {"--settings", settings}}) {
      if (option[1] != null) {
        throw new UsageException(option[0] + " is for --warehouse: with --interactions every record is read");
      }
    }
    if (output == null) {
      throw new UsageException("recommend --interactions needs --output DIR, the folder to write");
    }
    RecommendRequest request = new RecommendRequest(
        new RecommendRequest.Input(source.interactions, read.inputFormat(), read.maxRecordBytes),
        new OutputFolder(output, overwrite ? OutputFolder.IfExists.REPLACE : OutputFolder.IfExists.REFUSE),
        modelRequest(implicit ? Feedback.IMPLICIT : Feedback.EXPLICIT), evaluationRequest(),
        new RecommendRequest.ColdStart(Optional.ofNullable(learners), Optional.ofNullable(courses), newCourseSlots));
    request.check(locations);
    job = session -> print(Recommend.run(session, request).metrics());
  }

  private void parseWarehouse(Locations locations) {
    if (output != null || overwrite) {
      throw new UsageException("--output is for --interactions: with --warehouse the lists go to its "
          + "recommendations table and the model under " + source.warehouse + "/models/recommender/");
    }
    if (learners != null || courses != null) {
      throw new UsageException("--learners and --courses are for --interactions: with --warehouse every learner "
          + "of the history gets a list and the courses table is the catalogue");
    }
    RecommendHistory.Settings reuse = settings == null ? RecommendHistory.Settings.CHOOSE
        : Choices.parse(RecommendHistory.Settings.class, "--settings", settings);
    if (reuse == RecommendHistory.Settings.CURRENT && (algorithm != null || easeLambda != null
        || rank != null || regParam != null || tune)) {
      throw new UsageException("--settings current reuses the current model's settings: --algorithm, "
          + "--ease-lambda, --rank, --reg-param and --tune are for --settings choose");
    }
    RecommendHistory.History window = new RecommendHistory.History(
        history == null ? RecommendHistory.DEFAULT_HISTORY : Durations.positive("--history", history),
        Optional.ofNullable(hour).map(Hour::parse));
    // The warehouse's interactions are strengths (views, completions), never 1..5 ratings.
    RecommendHistory.Request request = new RecommendHistory.Request(new Warehouse(source.warehouse), window,
        reuse, modelRequest(Feedback.IMPLICIT), evaluationRequest(),
        new RecommendHistory.NewCourses(newCourseSlots, RecommendHistory.NEW_COURSE_POOL),
        new Publishing(QualityGate.classifierDefaults(), gate.gate(), publish.serving(locations)));
    request.check(locations);
    job = session -> {
      RecommendHistory.Result result = RecommendHistory.run(session, request);
      printHistory(result);
      if (!result.gate().passed()) {
        refused(List.of(result.gate().reason()));
      }
    };
  }

  private RecommendRequest.ModelRequest modelRequest(Feedback feedback) {
    AlgorithmChoice choice = algorithm == null ? RecommendRequest.ModelRequest.defaults(feedback).algorithm()
        : Choices.parse(AlgorithmChoice.class, "--algorithm", algorithm);
    RecommendRequest.AlsRequest als = new RecommendRequest.AlsRequest(Optional.ofNullable(rank), maxIter,
        Optional.ofNullable(regParam), alpha,
        tune ? RecommendRequest.AlsTuning.GRID : RecommendRequest.AlsTuning.OFF);
    return new RecommendRequest.ModelRequest(feedback, choice, top, als, Optional.ofNullable(easeLambda));
  }

  private RecommendRequest.EvaluationRequest evaluationRequest() {
    return new RecommendRequest.EvaluationRequest(
        noEval ? RecommendRequest.Evaluate.SKIP : RecommendRequest.Evaluate.HELD_OUT, testFraction, seed);
  }

  @Override
  void run(SparkSession session) {
    job.accept(session);
  }

  private static void printHistory(RecommendHistory.Result result) {
    RecommendHistory.Window window = result.window();
    System.out.printf("history: %,d interactions from %s until %s (%,d left out: course not in the catalogue); "
        + "%,d catalogue courses nobody took, the newest %,d offered by their text%n", window.interactions(),
        window.from(), window.until(), window.withoutCatalogueCourse(), window.untakenCourses(),
        window.newCoursesOffered());
    print(result.recommended().metrics());
    System.out.println("quality gate: " + result.gate().reason());
    if (!result.gate().passed()) {
      System.out.printf("recommender %s refused: the current recommender and the recommendations table stay%n",
          result.version());
      return;
    }
    System.out.printf("recommender %s is now current (settings chosen in %s); %,d learners in the "
        + "recommendations table%n", result.version(), result.settings().chosenIn(), result.learners());
    result.published().forEach(PublishCommand::print);
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
