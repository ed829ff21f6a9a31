package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.records.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The walk that chooses EASE's λ and ALS's regParam, on made-up validation curves. */
class ModelSelectionTest {
  private static final ModelSettings SETTINGS = RecommendPlan.of(
      RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT), RecommendRequest.EvaluationRequest.DEFAULT)
      .settings(Algorithm.ALS);
  private final List<Double> tried = new ArrayList<>();

  private ModelSelection.Walked walk(DoubleUnaryOperator ndcg, double start, double min, double max) {
    return ModelSelection.walk(exponent -> {
      tried.add(exponent);
      return new ModelSelection.Candidate(SETTINGS, List.of(), ndcg.applyAsDouble(exponent));
    }, start, min, max);
  }

  @Test
  void climbsUpToThePeak() {
    ModelSelection.Walked walked = walk(e -> -Math.abs(e - 3.5), 2.5, 0, 5);
    assertEquals(3.5, walked.exponent());
    assertEquals(0, walked.best().ndcg(), 1e-12);
    assertEquals(List.of(2.5, 3.0, 3.5, 4.0), tried);
  }

  @Test
  void turnsDownWhenTheFirstStepUpLoses() {
    ModelSelection.Walked walked = walk(e -> -Math.abs(e - 1.5), 2.5, 0, 5);
    assertEquals(1.5, walked.exponent());
    assertEquals(List.of(2.5, 3.0, 2.0, 1.5, 1.0), tried);
  }

  @Test
  void staysWithinItsBoundsAndKeepsTheFirstOfEqualScores() {
    assertEquals(1, walk(e -> e, -1, -3, 1).exponent());
    assertEquals(List.of(-1.0, -0.5, 0.0, 0.5, 1.0), tried);
    tried.clear();
    assertEquals(-1, walk(e -> 0.2, -1, -3, 1).exponent(), "a flat curve keeps the start");
    assertEquals(List.of(-1.0, -0.5, -1.5), tried);
  }

  @Test
  void regParamWalksInRoundSteps() {
    assertEquals(0.316, ModelSelection.tenTo(AlsTraining.REG_START_EXPONENT));
    assertEquals(RecommendRequest.DEFAULT_REG_PARAM, ModelSelection.tenTo(-1));
    assertEquals(0.0316, ModelSelection.tenTo(-1.5));
    assertEquals(1, ModelSelection.tenTo(0));
  }
}
