package io.inlearning.spark.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.courses.ClassifierSettings.TextRecipe;
import io.inlearning.spark.errors.UsageException;
import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {

  @Test
  void theDefaultsTakeTheShortRecipeBelowTwoHundredThousandTrainingCoursesAndTheLongOneFromThere() {
    ClassifierSettings small = ClassifierSettings.DEFAULTS.forTraining(2_942);
    assertEquals(TextRecipe.SHORT, small.text());
    assertTrue(small.bigrams() && small.titleCharGrams());
    assertEquals(1, small.minDocFreq());
    assertEquals(100, small.maxIter());
    assertEquals(1.0 / (100 * 2_942), small.regParam(), 1e-15);

    assertEquals(TextRecipe.SHORT, ClassifierSettings.DEFAULTS.forTraining(199_999).text());

    ClassifierSettings large = ClassifierSettings.DEFAULTS.forTraining(200_000);
    assertEquals(TextRecipe.LONG, large.text());
    assertFalse(large.bigrams() || large.titleCharGrams());
    assertEquals(2, large.minDocFreq());
    assertEquals(30, large.maxIter());
    assertEquals(0.01, large.regParam());
  }

  @Test
  void aRecipeAskedForIsKeptAtAnySizeAndWhatTheUserSetOverridesItsDefaults() {
    assertEquals(TextRecipe.LONG, ClassifierSettings.defaults(TextRecipe.LONG).forTraining(100).text());
    assertEquals(TextRecipe.SHORT, ClassifierSettings.defaults(TextRecipe.SHORT).forTraining(5_000_000).text());

    ClassifierSettings asked = new ClassifierSettings(ClassifierSettings.Algorithm.SVM, TextRecipe.AUTO,
        ClassifierSettings.Vectorizer.HASHING, 1024, false, null, 3, 0.5, 0.0, 7, true, ClassifierSettings.Tune.OFF,
        0.1, 9);
    ClassifierSettings used = asked.forTraining(1_000);
    assertEquals(TextRecipe.SHORT, used.text());
    assertFalse(used.bigrams());
    assertTrue(used.titleCharGrams());
    assertEquals(3, used.minDocFreq());
    assertEquals(0.5, used.regParam());
    assertEquals(7, used.maxIter());
    assertEquals(ClassifierSettings.Algorithm.SVM, used.algorithm());
    assertEquals(1024, used.numFeatures());
  }

  @Test
  void impossibleValuesAreUsageErrors() {
    assertThrows(UsageException.class, () -> new ClassifierSettings(ClassifierSettings.Algorithm.LR,
        TextRecipe.AUTO, ClassifierSettings.Vectorizer.COUNT, 1024, null, null, 0, null, 0.0, null, false,
        ClassifierSettings.Tune.OFF, 0.2, 1));
    assertThrows(UsageException.class, () -> new ClassifierSettings(ClassifierSettings.Algorithm.LR,
        TextRecipe.AUTO, ClassifierSettings.Vectorizer.COUNT, 1024, null, null, null, null, 0.0, 0, false,
        ClassifierSettings.Tune.OFF, 0.2, 1));
  }
}
