package io.inlearning.spark.courses;

import io.inlearning.spark.text.TextFeatures;
import java.util.EnumSet;
import java.util.Set;

/**
 * The classifier as it is trained: a request settled for a training share ({@link ClassifierRequest#planFor}),
 * every choice made. Tuning starts from it and gives the candidate it chose ({@link #candidate}).
 */
public record ClassifierPlan(FeaturePlan features, ModelPlan model, ClassifierRequest.Tuning tuning,
                             ClassifierRequest.HeldOut heldOut) {

  /** The terms: recipe (short or long), vectorizer and its size, the short recipe's extras, minimum document frequency. */
  public record FeaturePlan(ClassifierRequest.TextRecipe recipe, ClassifierRequest.Vectorizer vectorizer,
                            int numFeatures, Set<TextFeatures.Extra> extras, int minDocFreq) {
    public FeaturePlan {
      if (recipe == ClassifierRequest.TextRecipe.AUTO) {
        throw new IllegalArgumentException("a plan has a recipe: short or long");
      }
      if (recipe == ClassifierRequest.TextRecipe.LONG && !extras.isEmpty()) {
        throw new IllegalArgumentException("word pairs and title n-grams belong to the short recipe");
      }
      extras = Set.copyOf(extras);
    }

    public boolean shortText() {
      return recipe == ClassifierRequest.TextRecipe.SHORT;
    }

    public boolean titleCharGrams() {
      return extras.contains(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    }

    public boolean wordPairs() {
      return extras.contains(TextFeatures.Extra.WORD_PAIRS);
    }
  }

  /** The linear model: algorithm, penalty, L1 share, iterations at most, class weights. */
  public record ModelPlan(ClassifierRequest.Algorithm algorithm, double regParam, double elasticNet, int maxIter,
                          ClassifierRequest.ClassWeights weights) {
    public boolean balanced() {
      return weights == ClassifierRequest.ClassWeights.BALANCED;
    }
  }

  /** A candidate of model selection: these title n-grams and this penalty, no further tuning. */
  public ClassifierPlan candidate(boolean titleCharGrams, double regParam) {
    Set<TextFeatures.Extra> extras = EnumSet.noneOf(TextFeatures.Extra.class);
    extras.addAll(features.extras());
    if (titleCharGrams) {
      extras.add(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    } else {
      extras.remove(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    }
    return new ClassifierPlan(
        new FeaturePlan(features.recipe(), features.vectorizer(), features.numFeatures(), extras, features.minDocFreq()),
        new ModelPlan(model.algorithm(), regParam, model.elasticNet(), model.maxIter(), model.weights()),
        ClassifierRequest.Tuning.OFF, heldOut);
  }
}
