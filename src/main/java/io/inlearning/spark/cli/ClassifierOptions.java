package io.inlearning.spark.cli;

import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.text.TextFeatures;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options of the course classifier; the defaults are {@link ClassifierRequest}'s. */
final class ClassifierOptions {
  @Option(names = "--test-fraction", paramLabel = "F",
      description = "share of categorised courses held out for evaluation (default: ${DEFAULT-VALUE}; 0: no evaluation)")
  double testFraction = ClassifierRequest.DEFAULT_TEST_FRACTION;

  @Option(names = "--seed", description = "seed of the held-out split (default: ${DEFAULT-VALUE})")
  long seed = ClassifierRequest.DEFAULT_SEED;

  @Option(names = "--text", paramLabel = "auto|short|long",
      description = "feature recipe: short (words, word pairs and title character n-grams, unit-length rows), "
          + "long (word counts, standardised; much faster at a million courses), or auto (default: short below "
          + ClassifierRequest.AUTO_LONG_FROM + " training courses, long from there)")
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
      description = "largest vocabulary (default: " + ClassifierRequest.DEFAULT_VOCABULARY + "), or hashing dimension "
          + "(default: " + ClassifierRequest.DEFAULT_HASHING_FEATURES + ")")
  Integer numFeatures;

  @Option(names = "--min-doc-freq", paramLabel = "N",
      description = "terms in fewer training courses are ignored (default: short recipe "
          + ClassifierRequest.SHORT_MIN_DOC_FREQ + ", long " + ClassifierRequest.LONG_MIN_DOC_FREQ + ")")
  Integer minDocFreq;

  @Option(names = "--reg-param", paramLabel = "R",
      description = "L2 penalty (default: short recipe 1 / (" + (int) ClassifierRequest.DEFAULT_C
          + " x training courses), scikit-learn's C = " + (int) ClassifierRequest.DEFAULT_C + "; long "
          + ClassifierRequest.LONG_REG_PARAM + ")")
  Double regParam;

  @Option(names = "--elastic-net", paramLabel = "A", description = "L1 share of the penalty (default: ${DEFAULT-VALUE})")
  double elasticNet = ClassifierRequest.Model.DEFAULT.elasticNet();

  @Option(names = "--max-iter", paramLabel = "N", description = "iterations at most (default: short recipe "
      + ClassifierRequest.SHORT_MAX_ITER + ", long " + ClassifierRequest.LONG_MAX_ITER + ")")
  Integer maxIter;

  ClassifierRequest toRequest() {
    Set<TextFeatures.Extra> extras = EnumSet.allOf(TextFeatures.Extra.class);
    if (noBigrams) {
      extras.remove(TextFeatures.Extra.WORD_PAIRS);
    }
    if (noTitleCharGrams) {
      extras.remove(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    }
    ClassifierRequest.Features features = new ClassifierRequest.Features(
        Choices.parse(ClassifierRequest.TextRecipe.class, "--text", text),
        Choices.parse(ClassifierRequest.Vectorizer.class, "--vectorizer", vectorizer),
        Optional.ofNullable(numFeatures), extras, Optional.ofNullable(minDocFreq));
    ClassifierRequest.Model model = new ClassifierRequest.Model(
        Choices.parse(ClassifierRequest.Algorithm.class, "--classifier", classifier), Optional.ofNullable(regParam),
        elasticNet, Optional.ofNullable(maxIter),
        balanced ? ClassifierRequest.ClassWeights.BALANCED : ClassifierRequest.ClassWeights.EQUAL,
        tune ? ClassifierRequest.Tuning.CROSS_VALIDATED : ClassifierRequest.Tuning.OFF);
    return new ClassifierRequest(features, model, new ClassifierRequest.HeldOut(testFraction, seed));
  }
}
