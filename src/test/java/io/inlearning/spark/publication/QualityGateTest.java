package io.inlearning.spark.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.errors.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  private final QualityGate classifier = QualityGate.classifier(0.05, 0.02);
  private final QualityGate recommender = QualityGate.recommender(0.10, 0.05);

  @Test
  void classifierMustBeatTheLargestCategoryByTheMarginInPoints() {
    assertFalse(classifier.judge(0.36, 0.35, Optional.empty()).passed(), "0.01 ahead is not 0.05");
    assertFalse(classifier.judge(0.399, 0.35, Optional.empty()).passed());
    GateVerdict passed = classifier.judge(0.40, 0.35, Optional.empty());
    assertTrue(passed.passed(), passed.reason());
    assertEquals(0.40, passed.score());
    assertEquals(0.35, passed.baseline());
  }

  @Test
  void classifierMayFallBehindTheCurrentModelOnlyWithinTheTolerance() {
    QualityGate.Current current = new QualityGate.Current("20261207T100000000Z", 0.80);
    assertTrue(classifier.judge(0.785, 0.35, Optional.of(current)).passed());
    GateVerdict refused = classifier.judge(0.77, 0.35, Optional.of(current));
    assertFalse(refused.passed());
    assertTrue(refused.reason().contains("20261207T100000000Z"), refused.reason());
    assertEquals(0.80, refused.current());
  }

  @Test
  void recommenderMarginAndToleranceAreShares() {
    assertFalse(recommender.judge(0.109, 0.10, Optional.empty()).passed(), "9 % ahead is not 10 %");
    assertTrue(recommender.judge(0.111, 0.10, Optional.empty()).passed());
    QualityGate.Current current = new QualityGate.Current("v1", 0.30);
    assertTrue(recommender.judge(0.286, 0.10, Optional.of(current)).passed(), "4.7 % behind is within 5 %");
    assertFalse(recommender.judge(0.284, 0.10, Optional.of(current)).passed());
  }

  @Test
  void aModelNobodyEvaluatedIsRefusedAndReusedSettingsInheritTheirVerdict() {
    GateVerdict unevaluated = recommender.notEvaluated("the evaluation was skipped");
    assertFalse(unevaluated.passed());
    assertTrue(unevaluated.reason().contains("the evaluation was skipped"));
    GateVerdict inherited = recommender.inherited("v7");
    assertTrue(inherited.passed());
    assertEquals("v7", inherited.currentVersion());
  }

  @Test
  void thresholdsAreShares() {
    InvalidRequestException wrong = assertThrows(InvalidRequestException.class,
        () -> QualityGate.classifier(1.5, 0.02));
    assertEquals(Optional.of("classifier_margin"), wrong.setting(), wrong.getMessage());
    assertThrows(InvalidRequestException.class, () -> QualityGate.recommender(0.1, -0.01));
  }
}
