package io.inlearning.spark.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.courses.ClassifierRequest.TextRecipe;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.text.TextFeatures;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassifierRequestTest {

  @Test
  void theDefaultsTakeTheShortRecipeBelowTwoHundredThousandTrainingCoursesAndTheLongOneFromThere() {
    ClassifierPlan small = ClassifierRequest.DEFAULTS.planFor(2_942);
    assertEquals(TextRecipe.SHORT, small.features().recipe());
    assertTrue(small.features().wordPairs() && small.features().titleCharGrams());
    assertEquals(1, small.features().minDocFreq());
    assertEquals(100, small.model().maxIter());
    assertEquals(1.0 / (100 * 2_942), small.model().regParam(), 1e-15);

    assertEquals(TextRecipe.SHORT, ClassifierRequest.DEFAULTS.planFor(199_999).features().recipe());

    ClassifierPlan large = ClassifierRequest.DEFAULTS.planFor(200_000);
    assertEquals(TextRecipe.LONG, large.features().recipe());
    assertFalse(large.features().wordPairs() || large.features().titleCharGrams());
    assertEquals(2, large.features().minDocFreq());
    assertEquals(30, large.model().maxIter());
    assertEquals(0.01, large.model().regParam());
  }

  @Test
  void aRecipeAskedForIsKeptAtAnySizeAndWhatTheUserSetOverridesItsDefaults() {
    assertEquals(TextRecipe.LONG, ClassifierRequest.defaults(TextRecipe.LONG).planFor(100).features().recipe());
    assertEquals(TextRecipe.SHORT, ClassifierRequest.defaults(TextRecipe.SHORT).planFor(5_000_000).features().recipe());

    ClassifierRequest asked = new ClassifierRequest(
        new ClassifierRequest.Features(TextRecipe.AUTO, ClassifierRequest.Vectorizer.HASHING, Optional.of(1024),
            EnumSet.of(TextFeatures.Extra.TITLE_CHAR_GRAMS), Optional.of(3)),
        new ClassifierRequest.Model(ClassifierRequest.Algorithm.SVM, Optional.of(0.5), 0.0, Optional.of(7),
            ClassifierRequest.ClassWeights.BALANCED, ClassifierRequest.Tuning.OFF),
        new ClassifierRequest.HeldOut(0.1, 9));
    ClassifierPlan used = asked.planFor(1_000);
    assertEquals(TextRecipe.SHORT, used.features().recipe());
    assertFalse(used.features().wordPairs());
    assertTrue(used.features().titleCharGrams());
    assertEquals(3, used.features().minDocFreq());
    assertEquals(0.5, used.model().regParam());
    assertEquals(7, used.model().maxIter());
    assertEquals(ClassifierRequest.Algorithm.SVM, used.model().algorithm());
    assertEquals(1024, used.features().numFeatures());
  }

  @Test
  void impossibleValuesAreUsageErrors() {
    assertThrows(InvalidRequestException.class, () -> new ClassifierRequest.Features(TextRecipe.AUTO,
        ClassifierRequest.Vectorizer.COUNT, Optional.of(1024), EnumSet.noneOf(TextFeatures.Extra.class),
        Optional.of(0)));
    assertThrows(InvalidRequestException.class, () -> new ClassifierRequest.Model(ClassifierRequest.Algorithm.LR,
        Optional.empty(), 0.0, Optional.of(0), ClassifierRequest.ClassWeights.EQUAL, ClassifierRequest.Tuning.OFF));
  }
}
