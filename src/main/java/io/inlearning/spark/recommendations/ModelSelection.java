package io.inlearning.spark.recommendations;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Settles on the training share what the settings leave open: the algorithm ({@code auto}), EASE's λ, ALS's
 * regParam, the EASE share of {@code hybrid}, ALS's grid (tuning). The test share is never read.
 *
 * <p>Every candidate is scored by its mean NDCG@k over {@link #FOLDS} disjoint validation folds of the
 * training share, each holding out a tenth of every learner's interactions ({@link StratifiedSplit#fold}):
 * the models compared are trained on most of the training share, close to the final one. A single split that
 * held out a quarter chose for a model trained on little more than half the data, and chose worse on real
 * MovieLens-100k; a single tenth was too noisy to rank EASE's λ (BENCHMARKS.md, "Recommendations").
 */
final class ModelSelection {
  static final int FOLDS = 3;
  static final int FOLD_COUNT = 10;
  /** EASE shares of the hybrid tried on validation; the even mix first, so that it wins ties. */
  static final double[] EASE_SHARES = {ModelSettings.DEFAULT_EASE_SHARE, 0.25, 0.75};

  /** The settings to train with, and how they were chosen (when anything was). */
  record Selected(ModelSettings settings, Optional<RecommendMetrics.ModelSelectionReport> report) {}

  /** A candidate's settings, its model on each fold, and its mean validation NDCG. */
  record Candidate(ModelSettings settings, List<RecommendationModel> models, double ndcg) {
    void close() {
      models.forEach(RecommendationModel::close);
    }
  }

  private ModelSelection() {}

  static Selected run(Dataset<Row> trainShare, int courses, RecommendPlan plan, String checkpoints) {
    Optional<String> easeUnavailable = plan.algorithm().allowsEase()
        ? EaseTraining.tooLarge(courses, Runtime.getRuntime().maxMemory()) : Optional.empty();
    if (plan.algorithm() == AlgorithmChoice.AUTO && easeUnavailable.isPresent() && !plan.als().tuned()
        && plan.als().regParam() instanceof Penalty.Given) {
      return new Selected(plan.settings(Algorithm.ALS), Optional.of(
          new RecommendMetrics.ModelSelectionReport(null, null, null, null, Algorithm.ALS.toString(),
              "auto: als, the only candidate (EASE and the hybrid were not tried: " + easeUnavailable.get()
                  + "); nothing to validate")));
    }
    List<StratifiedSplit> folds = new ArrayList<>();
    try {
      for (int fold = 0; fold < FOLDS; fold++) {
        StratifiedSplit split = StratifiedSplit.fold(trainShare, FOLD_COUNT, fold, plan.seed() + 1);
        if (split.testCount > 0) {
          folds.add(split);
        } else {
          split.close();  // tiny data: a fold may hold nothing out
        }
      }
      RecommendMetrics.Validation validation = new RecommendMetrics.Validation(folds.size(),
          "a tenth of each learner's interactions", folds.stream().mapToLong(f -> f.testCount).sum());
      if (folds.isEmpty()) {
        ModelSettings fallback = plan.settings(fallbackAlgorithm(plan.algorithm(), easeUnavailable));
        return new Selected(fallback, Optional.of(new RecommendMetrics.ModelSelectionReport(validation,
            "no learner has enough interactions to hold some out (3 or more): " + fallback.algorithm()
                + " with its default settings", null, null, null, null)));
      }
      List<DriverFold> onDriver = folds.stream().map(fold -> DriverFold.of(fold, courses)).toList();
      Scorer scorer = new Scorer(folds, onDriver, plan.top(), new ArrayList<>());
      Tuning.Tuned tuned = plan.algorithm().allowsAls() && plan.als().tuned()
          ? Tuning.run(scorer, courses, plan.settings(Algorithm.ALS), checkpoints) : null;
      Candidate als = tuned != null ? tuned.best()
          : plan.algorithm().allowsAls() ? als(scorer, courses, plan, checkpoints) : null;
      Candidate ease = plan.algorithm().allowsEase() && easeUnavailable.isEmpty() ? ease(scorer, courses, plan) : null;
      Candidate hybrid = als != null && ease != null && plan.algorithm() != AlgorithmChoice.EASE
          && plan.algorithm() != AlgorithmChoice.ALS ? hybrid(scorer, als, ease) : null;
      Candidate chosen = switch (plan.algorithm()) {
        case ALS -> als;
        case EASE -> ease;
        case HYBRID -> hybrid;
        case AUTO -> best(ease, als, hybrid);
      };
      RecommendMetrics.ModelSelectionReport report = new RecommendMetrics.ModelSelectionReport(validation, null,
          tuned == null ? null : tuned.report(), List.copyOf(scorer.tried()), chosen.settings().algorithm().toString(),
          reason(plan.algorithm(), chosen, als, ease, hybrid, easeUnavailable, plan.top()));
      for (Candidate candidate : new Candidate[] {als, ease, hybrid}) {
        if (candidate != null) {
          candidate.close();
        }
      }
      return new Selected(chosen.settings(), Optional.of(report));
    } finally {
      folds.forEach(StratifiedSplit::close);
    }
  }

  /**
   * Trains a candidate on every fold and records its mean validation NDCG: on the driver where the fold is
   * small enough ({@code onDriver}: a {@link DriverFold} or null), else with Spark.
   */
  record Scorer(List<StratifiedSplit> folds, List<DriverFold> onDriver, int k,
                List<RecommendMetrics.CandidateScore> tried) {
    Candidate score(ModelSettings settings, IntFunction<RecommendationModel> modelOfFold) {
      List<RecommendationModel> models = new ArrayList<>();
      double sum = 0;
      for (int f = 0; f < folds.size(); f++) {
        RecommendationModel model = modelOfFold.apply(f);
        models.add(model);
        DriverFold driverFold = onDriver.get(f);
        sum += driverFold != null ? driverFold.ndcg(model, k) : Evaluation.ndcg(model, folds.get(f), k);
      }
      Candidate candidate = new Candidate(settings, models, sum / folds.size());
      tried.add(row(candidate));
      return candidate;
    }

    /** As {@link #score}, the folds' models trained side by side, {@code atOnce} at a time. */
    Candidate scoreSideBySide(ModelSettings settings, int atOnce, IntFunction<RecommendationModel> modelOfFold) {
      ExecutorService training = Executors.newFixedThreadPool(atOnce);
      try {
        List<Future<RecommendationModel>> models = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
          int fold = f;
          models.add(training.submit(() -> modelOfFold.apply(fold)));
        }
        return score(settings, f -> result(models.get(f)));
      } finally {
        training.shutdownNow();
      }
    }
  }

  /**
   * ALS at the penalty given, or the best of a walk over half-decades from 0.316, where real MovieLens-100k and
   * Last.fm ranked best, and the tests' generated data one step up (BENCHMARKS.md, "Recommendations").
   */
  private static Candidate als(Scorer scorer, int courses, RecommendPlan plan, String checkpoints) {
    ModelSettings settings = plan.settings(Algorithm.ALS);
    if (plan.als().regParam() instanceof Penalty.Given) {
      return alsAt(scorer, courses, settings, checkpoints);
    }
    return walk(exponent -> alsAt(scorer, courses, settings.withRegParam(tenTo(exponent)), checkpoints),
        AlsTraining.REG_START_EXPONENT, AlsTraining.REG_MIN_EXPONENT, AlsTraining.REG_MAX_EXPONENT).best();
  }

  /**
   * ALS with the given settings, its folds trained side by side: on small data each ALS iteration is a few
   * tiny Spark jobs whose cost is scheduling, and three fits in flight overlap it (BENCHMARKS.md); on large
   * data the fits share the cores.
   */
  static Candidate alsAt(Scorer scorer, int courses, ModelSettings settings, String checkpoints) {
    return scorer.scoreSideBySide(settings, scorer.folds().size(), f -> RecommendationModel.als(
        AlsTraining.train(scorer.folds().get(f).train, settings, checkpoints), courses));
  }

  /**
   * EASE at the given λ, or the best λ of a walk over half-decades from 10^2.5, refined once by a
   * quarter-decade on each side of the best.
   */
  private static Candidate ease(Scorer scorer, int courses, RecommendPlan plan) {
    List<EaseTraining.Gram> grams = new ArrayList<>();
    for (StratifiedSplit fold : scorer.folds()) {
      grams.add(EaseTraining.gram(fold.train, courses));
    }
    ModelSettings settings = plan.settings(Algorithm.EASE);
    if (plan.easeLambda() instanceof Penalty.Given given) {
      return easeAt(scorer, grams, given.value(), settings);
    }
    Walked walked = walk(exponent -> easeAt(scorer, grams, EaseTraining.lambda(exponent), settings),
        EaseTraining.START_EXPONENT, EaseTraining.MIN_EXPONENT, EaseTraining.MAX_EXPONENT);
    Candidate best = walked.best();
    for (double refined : new double[] {walked.exponent() - 0.25, walked.exponent() + 0.25}) {
      best = keepBetter(best, easeAt(scorer, grams, EaseTraining.lambda(refined), settings));
    }
    return best;
  }

  record Walked(Candidate best, double exponent) {}

  /**
   * The best candidate of a walk over exponents in half-decade steps: from {@code start}, one step up, then
   * on in the better direction while the mean validation NDCG rises, within [min, max]. Every candidate but
   * the best is closed.
   */
  static Walked walk(DoubleFunction<Candidate> candidateAt, double start, double min, double max) {
    double exponent = start;
    Candidate best = candidateAt.apply(exponent);
    Candidate up = candidateAt.apply(exponent + 0.5);
    double step = up.ndcg() > best.ndcg() ? 0.5 : -0.5;
    if (step > 0) {
      best.close();
      best = up;
      exponent += step;
    } else {
      up.close();
    }
    for (double next = exponent + step; next >= min && next <= max; next += step) {
      Candidate candidate = candidateAt.apply(next);
      if (candidate.ndcg() <= best.ndcg()) {
        candidate.close();
        break;
      }
      best.close();
      best = candidate;
      exponent = next;
    }
    return new Walked(best, exponent);
  }

  /** 10^exponent to three significant digits (0.1, 0.316, 316, 562, 1000...). */
  static double tenTo(double exponent) {
    return new BigDecimal(Math.pow(10, exponent)).round(new MathContext(3)).doubleValue();
  }

  /** EASE at one λ; the folds' weights are computed side by side ({@link EaseTraining#inversionsAtOnce}). */
  private static Candidate easeAt(Scorer scorer, List<EaseTraining.Gram> grams, double lambda,
                                  ModelSettings settings) {
    int atOnce = EaseTraining.inversionsAtOnce(grams.get(0).count(), Runtime.getRuntime().maxMemory(),
        Runtime.getRuntime().availableProcessors(), grams.size());
    return scorer.scoreSideBySide(settings.withEase(lambda, settings.easeShare()), atOnce,
        f -> RecommendationModel.ease(grams.get(f), lambda));
  }

  private static RecommendationModel result(Future<RecommendationModel> model) {
    try {
      return model.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;  // OutOfMemoryError stays what it is
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training a candidate's folds", e);
    }
  }

  private static Candidate hybrid(Scorer scorer, Candidate als, Candidate ease) {
    Candidate best = null;
    for (double share : EASE_SHARES) {
      ModelSettings settings = als.settings().withAlgorithm(Algorithm.HYBRID)
          .withEase(ease.settings().easeLambda(), share);
      best = keepBetter(best, scorer.score(settings,
          f -> RecommendationModel.hybrid(als.models().get(f), ease.models().get(f), share)));
    }
    return best;
  }

  /** The first of the best: ties go to the simpler model (EASE, then ALS, then the hybrid). */
  private static Candidate best(Candidate... candidates) {
    Candidate best = null;
    for (Candidate candidate : candidates) {
      best = better(best, candidate);
    }
    return best;
  }

  private static Candidate better(Candidate current, Candidate other) {
    return other != null && (current == null || other.ndcg() > current.ndcg()) ? other : current;
  }

  /** The better of two, closing the other's broadcast scores. */
  static Candidate keepBetter(Candidate current, Candidate other) {
    Candidate kept = better(current, other);
    Candidate dropped = kept == current ? other : current;
    if (dropped != null) {
      dropped.close();
    }
    return kept;
  }

  /** The algorithm without validation: the one asked for, or under {@code auto} EASE where it fits, else ALS. */
  private static Algorithm fallbackAlgorithm(AlgorithmChoice asked, Optional<String> easeUnavailable) {
    return asked.fixed().orElse(easeUnavailable.isEmpty() ? Algorithm.EASE : Algorithm.ALS);
  }

  private static RecommendMetrics.CandidateScore row(Candidate candidate) {
    ModelSettings s = candidate.settings();
    boolean als = s.algorithm().usesAls();
    return new RecommendMetrics.CandidateScore(s.algorithm().toString(), als ? s.als().rank() : null,
        als ? s.als().regParam() : null, als && s.implicit() ? s.als().alpha() : null,
        s.algorithm().usesEase() ? s.easeLambda() : null, s.algorithm() == Algorithm.HYBRID ? s.easeShare() : null,
        candidate.ndcg());
  }

  private static String reason(AlgorithmChoice requested, Candidate chosen, Candidate als, Candidate ease,
                               Candidate hybrid, Optional<String> easeUnavailable, int k) {
    if (requested != AlgorithmChoice.AUTO) {
      return String.format(Locale.ROOT, "%s as asked; validation NDCG@%d %.4f", requested, k, chosen.ndcg());
    }
    boolean alone = ease == null && hybrid == null;
    String format = alone ? "auto: %s, the only candidate (validation NDCG@%d %.4f)"
        : "auto: %s has the best validation NDCG@%d (%.4f)";
    StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, format, chosen.settings().algorithm(), k,
        chosen.ndcg()));
    for (Candidate other : new Candidate[] {ease, als, hybrid}) {
      if (other != null && other != chosen) {
        reason.append(String.format(Locale.ROOT, "; %s %.4f", other.settings().algorithm(), other.ndcg()));
      }
    }
    easeUnavailable.ifPresent(why -> reason.append("; EASE and the hybrid were not tried: ").append(why));
    return reason.toString();
  }
}
