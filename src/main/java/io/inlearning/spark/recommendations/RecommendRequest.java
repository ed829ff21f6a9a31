package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import java.util.Optional;

/**
 * What {@code recommend} is asked to do: which interactions to read, where to write, the model wanted, how to
 * evaluate it, and the cold start (learners without history, courses nobody took). What is left open is
 * settled once, by {@link RecommendPlan#of}.
 */
public record RecommendRequest(Input input, OutputFolder output, ModelRequest model, EvaluationRequest evaluation,
                               ColdStart coldStart) {
  public static final int DEFAULT_TOP = 10;
  public static final int MAX_TOP = 1000;
  public static final int EXPLICIT_RANK = 10;
  public static final int IMPLICIT_RANK = 20;
  public static final int DEFAULT_MAX_ITER = 10;
  /** ALS's penalty when it is neither given nor chosen on validation ({@code --algorithm als}). */
  public static final double DEFAULT_REG_PARAM = 0.1;
  public static final double DEFAULT_ALPHA = 1.0;
  public static final double DEFAULT_TEST_FRACTION = 0.25;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_NEW_COURSE_SLOTS = 1;

  /** The interactions: where, in which format, the largest record read. */
  public record Input(String path, InputFormat format, int maxRecordBytes) {
    public Input {
      Check.atLeast("max_record_bytes", maxRecordBytes, 1);
    }

    public static Input of(String path) {
      return new Input(path, InputFormat.AUTO, RecordReader.DEFAULT_MAX_RECORD_BYTES);
    }
  }

  /**
   * The model: what the ratings are, which algorithm (or {@code auto}), how many recommendations per learner
   * (also the k of the ranking metrics), ALS's settings, EASE's penalty and the hybrid's share of EASE's scores
   * (each chosen on validation when empty).
   */
  public record ModelRequest(Feedback feedback, AlgorithmChoice algorithm, int top, AlsRequest als,
                             Optional<Double> easeLambda, Optional<Double> easeShare) {
    public ModelRequest {
      Check.between("top", top, 1, MAX_TOP);
      easeLambda.ifPresent(lambda -> Check.positive("ease_lambda", lambda));
      easeShare.ifPresent(share -> Check.share("ease_share", share));
    }

    public ModelRequest(Feedback feedback, AlgorithmChoice algorithm, int top, AlsRequest als,
                        Optional<Double> easeLambda) {
      this(feedback, algorithm, top, als, easeLambda, Optional.empty());
    }

    /** Settings already decided (by an earlier run's model selection): trained as they are, nothing chosen. */
    public static ModelRequest settled(ModelSettings settings, int top) {
      ModelSettings.AlsSettings als = settings.als();
      return new ModelRequest(settings.feedback(), AlgorithmChoice.valueOf(settings.algorithm().name()), top,
          new AlsRequest(Optional.of(als.rank()), als.maxIter(), Optional.of(als.regParam()), als.alpha(),
              AlsTuning.OFF),
          Optional.of(settings.easeLambda()), Optional.of(settings.easeShare()));
    }

    /** The command line's defaults for one kind of feedback: {@code auto} for implicit, {@code als} for ratings. */
    public static ModelRequest defaults(Feedback feedback) {
      return defaults(feedback, feedback == Feedback.IMPLICIT ? AlgorithmChoice.AUTO : AlgorithmChoice.ALS);
    }

    public static ModelRequest defaults(Feedback feedback, AlgorithmChoice algorithm) {
      return new ModelRequest(feedback, algorithm, DEFAULT_TOP, AlsRequest.DEFAULT, Optional.empty());
    }

    public ModelRequest withAlgorithm(AlgorithmChoice newAlgorithm) {
      return new ModelRequest(feedback, newAlgorithm, top, als, easeLambda, easeShare);
    }

    public ModelRequest withAls(AlsRequest newAls) {
      return new ModelRequest(feedback, algorithm, top, newAls, easeLambda, easeShare);
    }
  }

  /**
   * ALS: latent factors (10 for ratings, 20 for implicit feedback when empty), iterations, penalty (chosen on
   * validation by {@code auto} and {@code hybrid}, else {@link #DEFAULT_REG_PARAM}, when empty), confidence per
   * unit of strength (implicit feedback), and whether a grid of its settings is tried on validation.
   */
  public record AlsRequest(Optional<Integer> rank, int maxIter, Optional<Double> regParam, double alpha,
                           AlsTuning tuning) {
    public static final AlsRequest DEFAULT = new AlsRequest(Optional.empty(), DEFAULT_MAX_ITER, Optional.empty(),
        DEFAULT_ALPHA, AlsTuning.OFF);

    public AlsRequest {
      rank.ifPresent(r -> Check.between("rank", r, 1, 1000));
      Check.atLeast("max_iter", maxIter, 1);
      regParam.ifPresent(r -> Check.nonNegative("reg_param", r));
      Check.nonNegative("alpha", alpha);
    }

    public AlsRequest withRegParam(double value) {
      return new AlsRequest(rank, maxIter, Optional.of(value), alpha, tuning);
    }

    public AlsRequest withRank(int value) {
      return new AlsRequest(Optional.of(value), maxIter, regParam, alpha, tuning);
    }

    public AlsRequest withTuning(AlsTuning value) {
      return new AlsRequest(rank, maxIter, regParam, alpha, value);
    }
  }

  /** ALS's settings as given, or the best of a small grid on validation folds. */
  public enum AlsTuning { OFF, GRID }

  /** Whether the model is evaluated on a held-out share of each learner's interactions first. */
  public enum Evaluate { HELD_OUT, SKIP }

  /** The evaluation: held out or skipped, the share of each learner's interactions held out, the seed. */
  /**
   * Whether and how the model is evaluated; {@code current}: the settings of the model in use, trained on the
   * same training share and scored on the same held-out rows, for the quality gate to compare with.
   */
  public record EvaluationRequest(Evaluate evaluate, double testFraction, long seed, Optional<ModelSettings> current) {
    public static final EvaluationRequest DEFAULT = new EvaluationRequest(Evaluate.HELD_OUT, DEFAULT_TEST_FRACTION,
        DEFAULT_SEED);
    public static final EvaluationRequest SKIPPED = new EvaluationRequest(Evaluate.SKIP, DEFAULT_TEST_FRACTION,
        DEFAULT_SEED);

    public EvaluationRequest {
      Check.strictlyBetweenZeroAndOne("test_fraction", testFraction);
    }

    public EvaluationRequest(Evaluate evaluate, double testFraction, long seed) {
      this(evaluate, testFraction, seed, Optional.empty());
    }

    public EvaluationRequest comparedWith(Optional<ModelSettings> settings) {
      return new EvaluationRequest(evaluate, testFraction, seed, settings);
    }
  }

  /**
   * Learners (user_id records) who must get recommendations, those without history the most popular courses;
   * the course catalogue (course records), whose courses without interactions are offered by text similarity
   * in the last {@code newCourseSlots} places of each list.
   */
  public record ColdStart(Optional<String> learners, Optional<String> courses, int newCourseSlots) {
    public static final ColdStart NONE = new ColdStart(Optional.empty(), Optional.empty(), DEFAULT_NEW_COURSE_SLOTS);

    public ColdStart {
      Check.atLeast("new_course_slots", newCourseSlots, 1);
    }
  }

  public RecommendRequest {
    if (coldStart.newCourseSlots() > model.top()) {
      throw InvalidRequestException.setting("new_course_slots", "(" + coldStart.newCourseSlots()
          + ") cannot exceed the recommendations per learner, top (" + model.top() + ")");
    }
  }

  /** The defaults of {@code feedback}, no cold start, an output folder that must not exist yet. */
  public static RecommendRequest of(String interactions, String output, Feedback feedback) {
    return new RecommendRequest(Input.of(interactions), OutputFolder.refusingExisting(output),
        ModelRequest.defaults(feedback), EvaluationRequest.DEFAULT, ColdStart.NONE);
  }

  public RecommendRequest withModel(ModelRequest newModel) {
    return new RecommendRequest(input, output, newModel, evaluation, coldStart);
  }

  public RecommendRequest withEvaluation(EvaluationRequest newEvaluation) {
    return new RecommendRequest(input, output, model, newEvaluation, coldStart);
  }

  public RecommendRequest withColdStart(ColdStart newColdStart) {
    return new RecommendRequest(input, output, model, evaluation, newColdStart);
  }

  public RecommendRequest replacingOutput() {
    return new RecommendRequest(input, OutputFolder.replacingExisting(output.location()), model, evaluation,
        coldStart);
  }

  /** Before Spark starts: the inputs are there and not empty, the output folder new (or to be replaced). */
  public void check(Locations locations) {
    locations.requireInput("interactions", input.path());
    coldStart.learners().ifPresent(learners -> locations.requireInput("learner list", learners));
    coldStart.courses().ifPresent(courses -> locations.requireInput("course catalogue", courses));
    locations.requireNewFolder("output", output);
  }
}
