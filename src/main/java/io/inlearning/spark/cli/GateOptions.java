package io.inlearning.spark.cli;

import io.inlearning.spark.publication.QualityGate;
import picocli.CommandLine.Option;

/** The quality gates' thresholds. */
final class GateOptions {
  /** The classifier's: accuracy points above the largest category, below the current model. */
  static final class Classifier {
    @Option(names = "--classifier-margin", paramLabel = "POINTS",
        description = "held-out accuracy a new classifier must have above the largest-category baseline "
            + "(default: ${DEFAULT-VALUE})")
    double margin = QualityGate.CLASSIFIER_MARGIN;

    @Option(names = "--classifier-tolerance", paramLabel = "POINTS",
        description = "accuracy it may lose against the current classifier on the same held-out courses "
            + "(default: ${DEFAULT-VALUE})")
    double tolerance = QualityGate.CLASSIFIER_TOLERANCE;

    QualityGate gate() {
      return QualityGate.classifier(margin, tolerance);
    }
  }

  /** The recommender's: NDCG@k relative to the most popular courses', and to the current settings'. */
  static final class Recommender {
    @Option(names = "--recommender-margin", paramLabel = "SHARE",
        description = "how much higher a new recommender's held-out NDCG@k must be than the most popular "
            + "courses', as a share of theirs (default: ${DEFAULT-VALUE}, i.e. 10 %%)")
    double margin = QualityGate.RECOMMENDER_MARGIN;

    @Option(names = "--recommender-tolerance", paramLabel = "SHARE",
        description = "how much lower than the current settings' NDCG@k on the same split it may be, as a share "
            + "(default: ${DEFAULT-VALUE})")
    double tolerance = QualityGate.RECOMMENDER_TOLERANCE;

    QualityGate gate() {
      return QualityGate.recommender(margin, tolerance);
    }
  }
}
