package io.inlearning.spark.publication;

import io.inlearning.spark.errors.Check;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new model must show on held-out data before it is published: beat a baseline by a margin, and not
 * fall behind the current model, scored on the same held-out rows, by more than a tolerance. The classifier's
 * gate counts accuracy points; the recommender's counts NDCG@k relative to the other figure, because NDCG's
 * scale changes with the catalogue and the data's sparsity.
 */
public record QualityGate(String model, String metric, String baseline, Difference difference, double margin,
                          double tolerance) {
  public static final double CLASSIFIER_MARGIN = 0.05;
  public static final double CLASSIFIER_TOLERANCE = 0.02;
  public static final double RECOMMENDER_MARGIN = 0.10;
  public static final double RECOMMENDER_TOLERANCE = 0.05;

  /** How a margin and a tolerance are counted. */
  public enum Difference {
    /** In the metric's own units: accuracy 0.60 against 0.55 is 0.05 ahead. */
    POINTS,
    /** As a share of the other figure: NDCG 0.22 against 0.20 is 10 % ahead. */
    RELATIVE
  }

  public QualityGate {
    Check.share(model + "_margin", margin);
    Check.share(model + "_tolerance", tolerance);
  }

  /** Held-out accuracy against the largest category's, and against the current classifier's. */
  public static QualityGate classifier(double margin, double tolerance) {
    return new QualityGate("classifier", "accuracy", "largest category", Difference.POINTS, margin, tolerance);
  }

  /** Held-out NDCG@k against the most popular courses', and against the current settings'. */
  public static QualityGate recommender(double margin, double tolerance) {
    return new QualityGate("recommender", "ndcg_at_k", "most popular", Difference.RELATIVE, margin, tolerance);
  }

  public static QualityGate classifierDefaults() {
    return classifier(CLASSIFIER_MARGIN, CLASSIFIER_TOLERANCE);
  }

  public static QualityGate recommenderDefaults() {
    return recommender(RECOMMENDER_MARGIN, RECOMMENDER_TOLERANCE);
  }

  /** The current model's figure on the same held-out rows, and its version. */
  public record Current(String version, double score) {}

  /** Judges a model that scored {@code score} where the baseline scored {@code baselineScore}. */
  public GateVerdict judge(double score, double baselineScore, Optional<Current> current) {
    double needed = difference == Difference.POINTS ? baselineScore + margin : baselineScore * (1 + margin);
    Optional<Double> floor = current.map(c -> difference == Difference.POINTS ? c.score() - tolerance
        : c.score() * (1 - tolerance));
    String reason;
    boolean passed;
    if (score < needed) {
      passed = false;
      reason = String.format(Locale.ROOT, "%s %s %.4f does not beat the %s baseline's %.4f by the margin %s",
          model, metric, score, baseline, baselineScore, amount(margin));
    } else if (floor.isPresent() && score < floor.get()) {
      passed = false;
      reason = String.format(Locale.ROOT, "%s %s %.4f falls behind the current model's %.4f (version %s) on the"
          + " same held-out rows by more than the tolerance %s", model, metric, score, current.get().score(),
          current.get().version(), amount(tolerance));
    } else {
      passed = true;
      reason = String.format(Locale.ROOT, "%s %s %.4f beats the %s baseline's %.4f by the margin %s%s", model, metric,
          score, baseline, baselineScore, amount(margin), current.map(c -> String.format(Locale.ROOT,
              " and is within %s of the current model's %.4f", amount(tolerance), c.score())).orElse(
              " (no current model to compare with)"));
    }
    return new GateVerdict(passed, reason, metric, score, baselineScore, current.map(Current::score).orElse(null),
        current.map(Current::version).orElse(null), margin, tolerance, difference.name().toLowerCase(Locale.ROOT));
  }

  /** A model trained with settings chosen, and judged, in version {@code chosenIn}: not evaluated again. */
  public GateVerdict inherited(String chosenIn) {
    return new GateVerdict(true, model + " trained with the settings chosen in version " + chosenIn
        + ", which passed the gate there; not evaluated again", metric, null, null, null, chosenIn, margin, tolerance,
        difference.name().toLowerCase(Locale.ROOT));
  }

  /** A model that could not be evaluated is not published: nothing shows it is good. */
  public GateVerdict notEvaluated(String why) {
    return new GateVerdict(false, model + " not evaluated (" + why + "): nothing shows it beats the " + baseline
        + " baseline", metric, null, null, null, null, margin, tolerance, difference.name().toLowerCase(Locale.ROOT));
  }

  private String amount(double value) {
    return difference == Difference.POINTS ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%.0f %%", value * 100);
  }
}
