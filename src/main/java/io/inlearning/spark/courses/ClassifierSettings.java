package io.inlearning.spark.courses;

import io.inlearning.spark.errors.UsageException;

/**
 * How the course classifier is built and evaluated. The recipe's own choices may be left null ("the
 * recipe's default"); {@link #forTraining} fills them in once the training share is counted.
 *
 * @param algorithm       multinomial logistic regression, or linear SVMs one-vs-rest
 * @param text            the feature recipe: {@link TextRecipe#AUTO}, {@link TextRecipe#SHORT} or {@link TextRecipe#LONG}
 * @param vectorizer      word counts by feature hashing (one pass, fixed size) or by a learned vocabulary
 * @param numFeatures     hashing dimension, or the largest word vocabulary kept
 * @param bigrams         word pairs beside single words (short recipe; null: yes)
 * @param titleCharGrams  character 2- to 5-grams inside the words of the title (short recipe; null: yes)
 * @param minDocFreq      terms in fewer training documents get no weight (null: 1 short, 2 long)
 * @param regParam        L2 penalty (null: long 0.01; short 1 / (100 x training courses), scikit-learn's C = 100
 *                        on the same objective)
 * @param maxIter         iterations at most (null: 100 short, 30 long)
 * @param balanced        weight each course by the inverse of its category's share (rare categories count more)
 * @param tune            pick the penalty (and, short recipe, the title n-grams) by cross-validation on the
 *                        training share
 * @param testFraction    share of the categorised courses held out for evaluation (0: train on all)
 * @param seed            fixes the held-out split and the folds
 */
public record ClassifierSettings(Algorithm algorithm, TextRecipe text, Vectorizer vectorizer, int numFeatures,
                                 Boolean bigrams, Boolean titleCharGrams, Integer minDocFreq, Double regParam,
                                 double elasticNetParam, Integer maxIter, boolean balanced, Tune tune,
                                 double testFraction, long seed) {

  public enum Algorithm { LR, SVM }

  public enum Vectorizer { HASHING, COUNT }

  public enum Tune { OFF, ON }

  /**
   * SHORT, for titles and blurbs, and the better recipe on every real catalogue measured: words and word
   * pairs plus the title's character n-grams, binary counts, IDF, unit-length rows without standardisation, a
   * penalty that scales with the training share. LONG: word counts, IDF, Spark's standardisation, a fixed
   * penalty; a quarter of SHORT's end-to-end time at 1M courses. AUTO: SHORT below {@link #AUTO_LONG_FROM}
   * training courses, LONG from there.
   */
  public enum TextRecipe { AUTO, SHORT, LONG }

  /**
   * Where AUTO switches to the long recipe. Below it the short recipe was the more accurate everywhere it
   * was measured (three real catalogues of 1k to 6k courses, generated ones of 20k and 100k); at 1M
   * generated courses it trained 644 s against 88 s and scored 0.958 against 0.969 (BENCHMARKS.md).
   */
  public static final long AUTO_LONG_FROM = 200_000;
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

  /** Every choice left to the recipe, the recipe chosen by the catalogue's size. */
  public static final ClassifierSettings DEFAULTS = defaults(TextRecipe.AUTO);

  /** The defaults of a recipe: its own choices left null. */
  public static ClassifierSettings defaults(TextRecipe text) {
    return new ClassifierSettings(Algorithm.LR, text, Vectorizer.COUNT, DEFAULT_VOCABULARY, null, null, null, null,
        0.0, null, false, Tune.OFF, 0.2, 42L);
  }

  public ClassifierSettings {
    if (testFraction < 0 || testFraction >= 1) {
      throw new UsageException("--test-fraction must be in [0, 1), got " + testFraction);
    }
    if (numFeatures < 2) {
      throw new UsageException("--num-features must be at least 2, got " + numFeatures);
    }
    if ((regParam != null && regParam < 0) || (maxIter != null && maxIter < 1)) {
      throw new UsageException("--reg-param must be >= 0 and --max-iter >= 1");
    }
    if (minDocFreq != null && minDocFreq < 1) {
      throw new UsageException("--min-doc-freq must be at least 1, got " + minDocFreq);
    }
    if (text == TextRecipe.LONG && (Boolean.TRUE.equals(bigrams) || Boolean.TRUE.equals(titleCharGrams))) {
      throw new IllegalArgumentException("word pairs and title n-grams belong to the short recipe");
    }
  }

  /** The recipe for a training share of {@code courses}. */
  public static TextRecipe recipeFor(TextRecipe text, long courses) {
    return text != TextRecipe.AUTO ? text : courses < AUTO_LONG_FROM ? TextRecipe.SHORT : TextRecipe.LONG;
  }

  /** These settings for a training share of {@code courses}: the recipe chosen, every choice filled in. */
  public ClassifierSettings forTraining(long courses) {
    TextRecipe recipe = recipeFor(text, courses);
    boolean shortText = recipe == TextRecipe.SHORT;
    return new ClassifierSettings(algorithm, recipe, vectorizer, numFeatures,
        shortText && (bigrams == null || bigrams), shortText && (titleCharGrams == null || titleCharGrams),
        minDocFreq != null ? minDocFreq : shortText ? 1 : 2,
        regParam != null ? regParam : shortText ? 1.0 / (DEFAULT_C * Math.max(1, courses)) : 1e-2,
        elasticNetParam, maxIter != null ? maxIter : shortText ? 100 : 30, balanced, tune, testFraction, seed);
  }

  /** A candidate of model selection: these title n-grams and this penalty, no further tuning. */
  public ClassifierSettings with(boolean newTitleCharGrams, double newRegParam) {
    return new ClassifierSettings(algorithm, text, vectorizer, numFeatures, bigrams, newTitleCharGrams, minDocFreq,
        newRegParam, elasticNetParam, maxIter, balanced, Tune.OFF, testFraction, seed);
  }
}
