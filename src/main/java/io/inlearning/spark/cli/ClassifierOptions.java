package io.inlearning.spark.cli;

import io.inlearning.spark.courses.ClassifierSettings;
import io.inlearning.spark.errors.UsageException;
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

  @Option(names = "--text", paramLabel = "auto|short|long",
      description = "feature recipe: short (words, word pairs and title character n-grams, unit-length rows), "
          + "long (word counts, standardised; a quarter of the end-to-end time at 1M courses), or auto (default: "
          + "short below 200,000 training courses, long from there)")
  String text = "auto";

  @Option(names = "--classifier", paramLabel = "lr|svm",
      description = "multinomial logistic regression (probabilities; default) or linear SVMs one-vs-rest "
          + "(margins)")
  String classifier = "lr";

  @Option(names = "--tune", description = "choose the penalty (short recipe: and the title n-grams) by 3-fold "
      + "cross-validation on the training share")
  boolean tune;

  @Option(names = "--balanced", description = "weight courses by the inverse of their category's share")
  boolean balanced;

  @Option(names = "--no-bigrams", description = "short recipe: single words only")
  boolean noBigrams;

  @Option(names = "--no-title-char-grams", description = "short recipe: no character n-grams of title words")
  boolean noTitleCharGrams;

  @Option(names = "--vectorizer", paramLabel = "hashing|count",
      description = "term counts by feature hashing or a learned vocabulary (default: count)")
  String vectorizer = "count";

  @Option(names = "--num-features", paramLabel = "N",
      description = "largest vocabulary (default: 32768), or hashing dimension (default: 262144)")
  Integer numFeatures;

  @Option(names = "--min-doc-freq", paramLabel = "N",
      description = "terms in fewer training courses are ignored (default: short recipe 1, long 2)")
  Integer minDocFreq;

  @Option(names = "--reg-param", paramLabel = "R",
      description = "L2 penalty (default: short recipe 1 / (100 x training courses), scikit-learn's C = 100; "
          + "long 0.01)")
  Double regParam;

  @Option(names = "--elastic-net", paramLabel = "A", description = "L1 share of the penalty (default: 0)")
  double elasticNet = D.elasticNetParam();

  @Option(names = "--max-iter", paramLabel = "N", description = "iterations at most (default: short recipe "
      + "100, long 30)")
  Integer maxIter;

  ClassifierSettings toSettings() {
    ClassifierSettings.TextRecipe recipe = parse(ClassifierSettings.TextRecipe.class, "--text", text);
    ClassifierSettings.Algorithm algorithm = parse(ClassifierSettings.Algorithm.class, "--classifier", classifier);
    ClassifierSettings.Vectorizer kind = parse(ClassifierSettings.Vectorizer.class, "--vectorizer", vectorizer);
    int features = numFeatures != null ? numFeatures : kind == ClassifierSettings.Vectorizer.HASHING
        ? ClassifierSettings.DEFAULT_HASHING_FEATURES : ClassifierSettings.DEFAULT_VOCABULARY;
    if (regParam != null && tune) {
      throw new UsageException("--tune chooses the penalty: give --tune or --reg-param, not both");
    }
    return new ClassifierSettings(algorithm, recipe, kind, features, noBigrams ? Boolean.FALSE : null,
        noTitleCharGrams ? Boolean.FALSE : null, minDocFreq, regParam, elasticNet, maxIter, balanced,
        tune ? ClassifierSettings.Tune.ON : ClassifierSettings.Tune.OFF, testFraction, seed);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder names = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new UsageException(option + " must be one of " + names + ", got " + value);
    }
  }
}
