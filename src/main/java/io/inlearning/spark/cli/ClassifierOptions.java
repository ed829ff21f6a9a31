package io.inlearning.spark.cli;

import io.inlearning.spark.common.UsageException;
import io.inlearning.spark.courses.ClassifierSettings;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of the course classifier; defaults are {@link ClassifierSettings#DEFAULTS}. */
final class ClassifierOptions {
  private static final ClassifierSettings D = ClassifierSettings.DEFAULTS;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "share of categorised courses held out for evaluation (default: 0.2; 0: no evaluation)")
  double testFraction = D.testFraction();

  @Option(names = "--seed", description = "seed of the held-out split (default: 42)")
  long seed = D.seed();

  @Option(names = "--vectorizer", paramLabel = "hashing|count",
      description = "term counts by feature hashing or a learned vocabulary (default: count)")
  String vectorizer = "count";

  @Option(names = "--num-features", paramLabel = "N",
      description = "largest vocabulary (default: 32768), or hashing dimension (default: 262144)")
  Integer numFeatures;

  @Option(names = "--min-doc-freq", paramLabel = "N",
      description = "terms in fewer training courses are ignored (default: 2)")
  int minDocFreq = D.minDocFreq();

  @Option(names = "--reg-param", paramLabel = "R", description = "L2 regularisation (default: 0.01)")
  double regParam = D.regParam();

  @Option(names = "--elastic-net", paramLabel = "A", description = "L1 share of the penalty (default: 0)")
  double elasticNet = D.elasticNetParam();

  @Option(names = "--max-iter", paramLabel = "N", description = "L-BFGS iterations at most (default: 30)")
  int maxIter = D.maxIter();

  ClassifierSettings toSettings() {
    ClassifierSettings.Vectorizer kind;
    try {
      kind = ClassifierSettings.Vectorizer.valueOf(vectorizer.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--vectorizer must be hashing or count, got " + vectorizer);
    }
    int features = numFeatures != null ? numFeatures : kind == ClassifierSettings.Vectorizer.HASHING
        ? ClassifierSettings.DEFAULT_HASHING_FEATURES : ClassifierSettings.DEFAULT_VOCABULARY;
    return new ClassifierSettings(kind, features, minDocFreq, regParam, elasticNet, maxIter, testFraction, seed);
  }
}
