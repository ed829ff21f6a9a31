package io.inlearning.spark.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inlearning.spark.publication.GateVerdict;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.JobRun;
import java.util.List;
import java.util.Map;

/**
 * metrics.json of {@code courses process}, {@code train} and {@code classify}. A block a job has no part in is
 * null and left out: {@code model} (classify: the model it loaded), {@code settings}, {@code training},
 * {@code tuning} and the evaluation (train, process), {@code predictions} (classify, process), {@code gate}
 * (train into a warehouse: whether the model passed the quality gate and became the current one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourseMetrics(@JsonUnwrapped JobRun run, String model, Settings settings, Training training,
                            ClassifierTuning.Report tuning, @JsonUnwrapped ClassificationReport evaluation,
                            Predictions predictions, RecordCounts records, @JsonUnwrapped Performance performance,
                            GateVerdict gate) {

  /** These figures with the quality gate's verdict ({@code courses train --warehouse}). */
  public CourseMetrics withGate(GateVerdict verdict) {
    return new CourseMetrics(run, model, settings, training, tuning, evaluation, predictions, records, performance,
        verdict);
  }

  /**
   * The request written out: the classifier, its features and its model; a value the recipe decides reads
   * "recipe default", and {@code training} says what it chose.
   */
  public record Settings(String classifier, @JsonUnwrapped FeatureSettings features,
                         @JsonUnwrapped ModelSettings model) {}

  public record FeatureSettings(String text, String vectorizer, int numFeatures, Asked<Boolean> bigrams,
                                Asked<Boolean> titleCharGrams, Asked<Integer> minDocFreq) {}

  public record ModelSettings(Asked<Double> regParam, double elasticNetParam, Asked<Integer> maxIter,
                              boolean balancedClassWeights, String tune) {}

  /** What training did: the split, the categories (most frequent first), every setting as resolved. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Training(@JsonUnwrapped Split split, List<String> categories, @JsonUnwrapped Resolved resolved,
                         Integer iterations) {}

  /** The categorised courses, those trained on, those held out, and how they were split. */
  public record Split(long categorised, long train, long test, double testFraction, long seed) {}

  /** The plan the model was trained with (after tuning, when tuned). */
  public record Resolved(String algorithm, String textRecipe, boolean bigrams, boolean titleCharGrams, int minDocFreq,
                         double regParam, int maxIter) {}

  /** The predictions written, per predicted category (most frequent first). */
  public record Predictions(long written, Map<String, Long> byPredictedCategory) {}

  /** Seconds per phase and in total, CPU seconds per phase, courses read per second. */
  public record Performance(Map<String, Double> timingsSeconds, Map<String, Double> cpuSeconds,
                            double coursesPerSecond) {}
}
