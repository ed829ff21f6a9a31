package io.inlearning.spark.courses;

import io.inlearning.spark.common.UsageException;

/**
 * How the course classifier is built and evaluated.
 *
 * @param algorithm       multinomial logistic regression, or linear SVMs one-vs-rest
 * @param text            the feature recipe: {@link TextRecipe#LONG} or {@link TextRecipe#SHORT}
 * @param vectorizer      word counts by feature hashing (one pass, fixed size) or by a learned vocabulary
 * @param numFeatures     hashing dimension, or the largest word vocabulary kept
 * @param bigrams         word pairs beside single words (short recipe)
 * @param titleCharGrams  character 2- to 5-grams inside the words of the title (short recipe)
 * @param minDocFreq      terms in fewer training documents get no weight
 * @param regParam        L2 penalty; null: 1 / (100 x training courses), scikit-learn's C = 100 on the same
 *                        objective (short recipe)
 * @param balanced        weight each course by the inverse of its category's share (rare categories count more)
 * @param tune            pick the penalty (and, short recipe, the title n-grams) by cross-validation on the
 *                        training share
 * @param testFraction    share of the categorised courses held out for evaluation (0: train on all)
 * @param seed            fixes the held-out split and the folds
 */
public record ClassifierSettings(Algorithm algorithm, TextRecipe text, Vectorizer vectorizer, int numFeatures,
                                 boolean bigrams, boolean titleCharGrams, int minDocFreq, Double regParam,
                                 double elasticNetParam, int maxIter, boolean balanced, Tune tune,
                                 double testFraction, long seed) {

  public enum Algorithm { LR, SVM }

  public enum Vectorizer { HASHING, COUNT }

  public enum Tune { OFF, ON }

  /**
   * LONG: word counts, IDF, Spark's standardisation, a fixed penalty (the recipe chosen on generated
   * catalogues with long descriptions). SHORT: for titles and blurbs: words and word pairs plus the title's
   * character n-grams, binary counts, IDF, unit-length rows without standardisation, a penalty that scales
   * with the training share.
   */
  public enum TextRecipe { LONG, SHORT }

  /**
   * The 32,768 most frequent terms: on 1M generated courses the full vocabulary (126,905 terms) trained in
   * 66 s to 0.9655 accuracy, these in 52 s to 0.9691 (BENCHMARKS.md).
   */
  public static final int DEFAULT_VOCABULARY = 1 << 15;
  /** Hashing has no vocabulary to cut: fewer buckets only means more collisions. */
  public static final int DEFAULT_HASHING_FEATURES = 1 << 18;
  /** Character n-grams of titles kept, most frequent first. */
  public static final int CHAR_VOCABULARY = 1 << 16;
  /**
   * scikit-learn's C of the short recipe's default penalty. Mean accuracy over five 80/20 splits of three
   * real catalogues (BENCHMARKS.md), C = 10 / 100: Udemy titles 0.9734 / 0.9745, edX descriptions
   * 0.6072 / 0.6400, Coursera 0.6308 / 0.6274 (C = 1 on Udemy: 0.9647).
   */
  public static final double DEFAULT_C = 100;

  public static final ClassifierSettings DEFAULTS = defaults(TextRecipe.LONG);

  /** The defaults of a recipe. */
  public static ClassifierSettings defaults(TextRecipe text) {
    return text == TextRecipe.LONG
        ? new ClassifierSettings(Algorithm.LR, text, Vectorizer.COUNT, DEFAULT_VOCABULARY, false, false, 2, 1e-2, 0.0,
            30, false, Tune.OFF, 0.2, 42L)
        : new ClassifierSettings(Algorithm.LR, text, Vectorizer.COUNT, DEFAULT_VOCABULARY, true, true, 1, null, 0.0,
            100, false, Tune.OFF, 0.2, 42L);
  }

  public ClassifierSettings {
    if (testFraction < 0 || testFraction >= 1) {
      throw new UsageException("--test-fraction must be in [0, 1), got " + testFraction);
    }
    if (numFeatures < 2) {
      throw new UsageException("--num-features must be at least 2, got " + numFeatures);
    }
    if ((regParam != null && regParam < 0) || maxIter < 1) {
      throw new UsageException("--reg-param must be >= 0 and --max-iter >= 1");
    }
    if (text == TextRecipe.LONG && (bigrams || titleCharGrams)) {
      throw new IllegalArgumentException("word pairs and title n-grams belong to the short recipe");
    }
  }

  /** The penalty for a training share of {@code courses}. */
  public double regParamFor(long courses) {
    return regParam != null ? regParam : 1.0 / (DEFAULT_C * Math.max(1, courses));
  }

  /** A candidate of model selection: these title n-grams and this penalty, no further tuning. */
  public ClassifierSettings with(boolean newTitleCharGrams, Double newRegParam) {
    return new ClassifierSettings(algorithm, text, vectorizer, numFeatures, bigrams, newTitleCharGrams, minDocFreq,
        newRegParam, elasticNetParam, maxIter, balanced, Tune.OFF, testFraction, seed);
  }
}
