package io.inlearning.spark.courses;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.text.TextFeatures;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the course classifier is to be built and evaluated, as asked: its features, its model and the held-out
 * share. What is left open (the recipe under {@link TextRecipe#AUTO}, a penalty or a vocabulary not given) is
 * settled by {@link #planFor} once the training share is counted.
 */
public record ClassifierRequest(Features features, Model model, HeldOut heldOut) {

  public enum Algorithm { LR, SVM }

  public enum Vectorizer { HASHING, COUNT }

  /** Choose the penalty (and, with the short recipe, the title n-grams) by cross-validation on the training share. */
  public enum Tuning { OFF, CROSS_VALIDATED }

  /** Every course weighs the same, or each is weighted by the inverse of its category's share. */
  public enum ClassWeights { EQUAL, BALANCED }

  /**
   * SHORT, for titles and blurbs, and the better recipe on every real catalogue measured: words and word
   * pairs plus the title's character n-grams, binary counts, IDF, unit-length rows without standardisation, a
   * penalty that scales with the training share. LONG: word counts, IDF, Spark's standardisation, a fixed
   * penalty; much faster at a million courses. AUTO: SHORT below {@link #AUTO_LONG_FROM} training courses, LONG
   * from there (BENCHMARKS.md, "Course classification").
   */
  public enum TextRecipe { AUTO, SHORT, LONG }

  /** Where AUTO switches to the long recipe. */
  public static final long AUTO_LONG_FROM = 200_000;
  /** The most frequent terms kept (BENCHMARKS.md: a capped vocabulary trained faster, no less accurate). */
  public static final int DEFAULT_VOCABULARY = 1 << 15;
  /** Hashing has no vocabulary to cut: fewer buckets only means more collisions. */
  public static final int DEFAULT_HASHING_FEATURES = 1 << 18;
  /** Character n-grams of titles kept, most frequent first. */
  public static final int CHAR_VOCABULARY = 1 << 16;
  /** scikit-learn's C of the short recipe's default penalty, 1 / (C x training courses) in Spark's terms. */
  public static final double DEFAULT_C = 100;
  public static final double LONG_REG_PARAM = 0.01;
  public static final int SHORT_MAX_ITER = 100;
  public static final int LONG_MAX_ITER = 30;
  public static final int SHORT_MIN_DOC_FREQ = 1;
  public static final int LONG_MIN_DOC_FREQ = 2;
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  public static final long DEFAULT_SEED = 42;

  /**
   * The terms the courses are described by: the recipe, how words are counted, how many are kept (the
   * vectorizer's default when empty), which of the short recipe's extra features are used, and how few
   * training courses a term may appear in (the recipe's default when empty).
   */
  public record Features(TextRecipe recipe, Vectorizer vectorizer, Optional<Integer> numFeatures,
                         Set<TextFeatures.Extra> shortRecipeExtras, Optional<Integer> minDocFreq) {
    public static final Features DEFAULT = new Features(TextRecipe.AUTO, Vectorizer.COUNT, Optional.empty(),
        EnumSet.allOf(TextFeatures.Extra.class), Optional.empty());

    public Features {
      numFeatures.ifPresent(n -> Check.atLeast("num_features", n, 2));
      minDocFreq.ifPresent(n -> Check.atLeast("min_doc_freq", n, 1));
      shortRecipeExtras = Set.copyOf(shortRecipeExtras);
    }

    public Features withRecipe(TextRecipe newRecipe) {
      return new Features(newRecipe, vectorizer, numFeatures, shortRecipeExtras, minDocFreq);
    }

    int resolvedNumFeatures() {
      return numFeatures.orElse(vectorizer == Vectorizer.HASHING ? DEFAULT_HASHING_FEATURES : DEFAULT_VOCABULARY);
    }
  }

  /**
   * The linear model: its algorithm, L2 penalty (the recipe's default when empty), L1 share of the penalty,
   * iterations at most (the recipe's default when empty), class weights and tuning.
   */
  public record Model(Algorithm algorithm, Optional<Double> regParam, double elasticNet, Optional<Integer> maxIter,
                      ClassWeights weights, Tuning tuning) {
    public static final Model DEFAULT = new Model(Algorithm.LR, Optional.empty(), 0.0, Optional.empty(),
        ClassWeights.EQUAL, Tuning.OFF);

    public Model {
      regParam.ifPresent(r -> Check.nonNegative("reg_param", r));
      Check.share("elastic_net", elasticNet);
      maxIter.ifPresent(n -> Check.atLeast("max_iter", n, 1));
      if (tuning == Tuning.CROSS_VALIDATED && regParam.isPresent()) {
        throw InvalidRequestException.setting("tune", "chooses the penalty: ask for tuning or give a penalty, not both");
      }
    }

    public Model withMaxIter(int iterations) {
      return new Model(algorithm, regParam, elasticNet, Optional.of(iterations), weights, tuning);
    }
  }

  /** The share of categorised courses held out for evaluation (0: none), and the seed of the split. */
  public record HeldOut(double testFraction, long seed) {
    public static final HeldOut DEFAULT = new HeldOut(DEFAULT_TEST_FRACTION, DEFAULT_SEED);

    public HeldOut {
      Check.belowOne("test_fraction", testFraction);
    }
  }

  /** Everything left to the recipe, the recipe chosen by the catalogue's size. */
  public static final ClassifierRequest DEFAULTS = new ClassifierRequest(Features.DEFAULT, Model.DEFAULT,
      HeldOut.DEFAULT);

  /** The defaults of one recipe. */
  public static ClassifierRequest defaults(TextRecipe recipe) {
    return new ClassifierRequest(Features.DEFAULT.withRecipe(recipe), Model.DEFAULT, HeldOut.DEFAULT);
  }

  /** The recipe for a training share of {@code courses}. */
  public static TextRecipe recipeFor(TextRecipe asked, long courses) {
    return asked != TextRecipe.AUTO ? asked : courses < AUTO_LONG_FROM ? TextRecipe.SHORT : TextRecipe.LONG;
  }

  /** This request for a training share of {@code courses}: the recipe chosen, every choice filled in. */
  public ClassifierPlan planFor(long courses) {
    TextRecipe recipe = recipeFor(features.recipe(), courses);
    boolean shortText = recipe == TextRecipe.SHORT;
    ClassifierPlan.FeaturePlan featurePlan = new ClassifierPlan.FeaturePlan(recipe, features.vectorizer(),
        features.resolvedNumFeatures(),
        shortText ? features.shortRecipeExtras() : EnumSet.noneOf(TextFeatures.Extra.class),
        features.minDocFreq().orElse(shortText ? SHORT_MIN_DOC_FREQ : LONG_MIN_DOC_FREQ));
    ClassifierPlan.ModelPlan modelPlan = new ClassifierPlan.ModelPlan(model.algorithm(),
        model.regParam().orElse(shortText ? 1.0 / (DEFAULT_C * Math.max(1, courses)) : LONG_REG_PARAM),
        model.elasticNet(), model.maxIter().orElse(shortText ? SHORT_MAX_ITER : LONG_MAX_ITER), model.weights());
    return new ClassifierPlan(featurePlan, modelPlan, model.tuning(), heldOut);
  }

  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
