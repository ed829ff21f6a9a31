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

  @Option(names = "--text", paramLabel = "long|short",
      description = "feature recipe: long (word counts, standardised; default) or short (titles and blurbs: "
          + "words, word pairs and title character n-grams, unit-length rows)")
  String text = "long";

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
      description = "terms in fewer training courses are ignored (default: 2; short recipe: 1)")
  Integer minDocFreq;

  @Option(names = "--reg-param", paramLabel = "R",
      description = "L2 penalty (default: 0.01; short recipe: 1 / (100 x training courses), scikit-learn's "
          + "C = 100)")
  Double regParam;

  @Option(names = "--elastic-net", paramLabel = "A", description = "L1 share of the penalty (default: 0)")
  double elasticNet = D.elasticNetParam();

  @Option(names = "--max-iter", paramLabel = "N", description = "iterations at most (default: 30; short "
      + "recipe: 100)")
  Integer maxIter;

  ClassifierSettings toSettings() {
    ClassifierSettings.TextRecipe recipe = parse(ClassifierSettings.TextRecipe.class, "--text", text);
    ClassifierSettings d = ClassifierSettings.defaults(recipe);
    ClassifierSettings.Algorithm algorithm = parse(ClassifierSettings.Algorithm.class, "--classifier", classifier);
    ClassifierSettings.Vectorizer kind = parse(ClassifierSettings.Vectorizer.class, "--vectorizer", vectorizer);
    int features = numFeatures != null ? numFeatures : kind == ClassifierSettings.Vectorizer.HASHING
        ? ClassifierSettings.DEFAULT_HASHING_FEATURES : ClassifierSettings.DEFAULT_VOCABULARY;
    if (regParam != null && tune) {
      throw new UsageException("--tune chooses the penalty: give --tune or --reg-param, not both");
    }
    boolean shortText = recipe == ClassifierSettings.TextRecipe.SHORT;
    return new ClassifierSettings(algorithm, recipe, kind, features, shortText && !noBigrams,
        shortText && !noTitleCharGrams, minDocFreq != null ? minDocFreq : d.minDocFreq(),
        regParam != null ? regParam : d.regParam(), elasticNet, maxIter != null ? maxIter : d.maxIter(), balanced,
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
