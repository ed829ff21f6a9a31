package io.inlearning.spark.recommendations;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inlearning.spark.publication.GateVerdict;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.JobRun;
import java.util.List;
import java.util.Map;

/**
 * metrics.json of {@code recommend}. The evaluation's headline figures stand at the top level (the contract:
 * {@code precision_at_k} ... {@code map_at_k}, {@code baseline}, {@code beats_baseline}, and {@code rmse} for
 * explicit ALS), its details under {@code evaluation}. Blocks a run has no part in are left out:
 * {@code model_selection} (nothing to choose), {@code learner_list} and {@code new_courses} (no learner list,
 * no catalogue), the evaluation figures (evaluation skipped), {@code gate} (runs outside a warehouse; in one, the
 * quality gate's verdict on the new version). {@code score_distribution} is null when nothing was recommended.
 */
public record RecommendMetrics(@JsonUnwrapped JobRun run,
                               @JsonInclude(Include.NON_NULL) ModelSelectionReport modelSelection,
                               Settings settings, @JsonUnwrapped Read read, @JsonUnwrapped Data data,
                               @JsonUnwrapped Quality quality, EvaluationDetails evaluation,
                               @JsonUnwrapped Outputs outputs, @JsonUnwrapped Performance performance,
                               @JsonInclude(Include.NON_NULL) GateVerdict gate) {

  /** These figures with the quality gate's verdict ({@code recommend --warehouse}). */
  public RecommendMetrics withGate(GateVerdict verdict) {
    return new RecommendMetrics(run, modelSelection, settings, read, data, quality, evaluation, outputs, performance,
        verdict);
  }

  /** What was read: the interactions, and the learner list and the catalogue when given. */
  public record Read(RecordCounts records, @JsonInclude(Include.NON_NULL) RecordCounts learnerList,
                     @JsonInclude(Include.NON_NULL) NewCourseOffers newCourses) {}

  /** The interactions as indexed: duplicates aggregated, learner-course pairs, learners, courses; k. */
  public record Data(long duplicatesAggregated, long interactions, long users, long courses, int k) {}

  /**
   * The held-out figures, when the model was evaluated: RMSE (explicit ALS), the ranking metrics at k, the
   * most-popular baseline's, and whether the model beats it on NDCG.
   */
  public record Quality(@JsonInclude(Include.NON_NULL) Double rmse, @JsonUnwrapped Ranking ranking,
                        @JsonInclude(Include.NON_NULL) Baseline baseline,
                        @JsonInclude(Include.NON_NULL) Boolean beatsBaseline) {
    static final Quality NONE = new Quality(null, null, null, null);
  }

  /** What was written: the recommendations, the similar courses, the scores' distribution. */
  public record Outputs(Written recommendations, Similar similarCourses, ScoreDistribution scoreDistribution) {}

  /** Seconds per phase and in total, interactions read per second. */
  public record Performance(Map<String, Double> timingsSeconds, double interactionsPerSecond) {}

  /** Spark's RankingEvaluator at k on the held-out interactions of each test learner. */
  public record Ranking(double precisionAtK, double recallAtK, double ndcgAtK, double mapAtK) {}

  /** The same metrics for the most popular courses each learner has not seen. */
  public record Baseline(String name, @JsonUnwrapped Ranking ranking) {}

  /**
   * The settings used (chosen on validation where they were open); the ALS ones for ALS and the hybrid,
   * {@code ease_lambda} for EASE and the hybrid, {@code ease_share} for the hybrid.
   */
  @JsonInclude(Include.NON_NULL)
  public record Settings(String feedback, String algorithm, int top, @JsonUnwrapped AlsUsed als, Double easeLambda,
                         Double easeShare, @JsonUnwrapped EvaluationUsed evaluation, boolean tune) {}

  /** ALS's settings; {@code alpha} for implicit feedback only. */
  @JsonInclude(Include.NON_NULL)
  public record AlsUsed(Integer rank, Integer maxIter, Double regParam, Double alpha) {}

  /** Whether the model was evaluated, the share held out (0 when not), the seed of the split and of ALS. */
  public record EvaluationUsed(boolean evaluate, double testFraction, long seed) {}

  /** How the algorithm and its open settings were chosen on validation folds of the training share. */
  @JsonInclude(Include.NON_NULL)
  public record ModelSelectionReport(Validation validation, String skipped, AlsTuning alsTuning,
                                     List<CandidateScore> candidates, String chosen, String reason) {}

  public record Validation(int folds, String heldOutPerFold, long validationInteractions) {}

  /** One candidate and its mean validation NDCG over the folds. */
  @JsonInclude(Include.NON_NULL)
  public record CandidateScore(String algorithm, Integer rank, Double regParam, Double alpha, Double easeLambda,
                          Double easeShare, double validationNdcgAtK) {}

  /** {@code --tune}: every ALS setting tried, and the chosen one. */
  public record AlsTuning(List<CandidateScore> grid, AlsChoice chosen) {}

  public record AlsChoice(int rank, double regParam, double alpha) {}

  /**
   * The per-learner split, cold-start counts, which model was evaluated, and the NDCG at k of the settings in
   * use before this run, trained and scored on the same split (when asked to compare).
   */
  @JsonInclude(Include.NON_NULL)
  public record EvaluationDetails(Split split, String skipped, Long rmseInteractions, Long rmseDroppedColdStart,
                                  ColdStartCounts coldStart, String model, Double currentSettingsNdcgAtK) {
    static EvaluationDetails skipped(String why) {
      return new EvaluationDetails(null, why, null, null, null, null, null);
    }
  }

  public record Split(long trainInteractions, long testInteractions, long testLearners,
                      long learnersOnlyInTraining, long singleInteractionLearners) {}

  public record ColdStartCounts(long testLearnersUnseenInTraining, long testCoursesUnseenInTraining,
                          long testInteractionsWithUnseenCourses) {}

  /** {@code --courses}: the catalogue's courses nobody took, offered by text similarity. */
  public record NewCourseOffers(RecordCounts records, long catalogueCourses, long coursesWithoutInteractions,
                           int slotsPerLearner, long learnersOfferedOne, long recommendations) {}

  /** {@code learnersWithNone}: learners who have taken every course, so nothing is left to recommend. */
  public record Written(long learners, long fromModel, long mostPopularWithoutHistory, long recommendations,
                        long learnersWithFewerThanK, long learnersWithNone, String model) {}

  public record Similar(long courses, long coursesWithFewerThanK, String from) {}

  /** The scores of every recommendation in 20 equal bins: 21 {@code edges} and 20 {@code counts}. */
  public record ScoreDistribution(double[] edges, long[] counts) {}
}
