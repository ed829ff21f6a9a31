package io.inlearning.spark.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.SparkInfo;
import java.util.List;
import java.util.Map;

/**
 * metrics.json of {@code courses process}, {@code train} and {@code classify}. A block a job has no part in is
 * null and left out: {@code model} (classify: the model it loaded), {@code settings}, {@code training},
 * {@code tuning} and the evaluation (train, process), {@code predictions} (classify, process).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourseMetrics(String job, String input, String output, SparkInfo spark, String model,
                            Settings settings, Training training, ClassifierTuning.Report tuning,
                            @JsonUnwrapped ClassificationReport evaluation, Predictions predictions,
                            RecordCounts records, Map<String, Double> timingsSeconds,
                            Map<String, Double> cpuSeconds, double coursesPerSecond) {

  /** The settings as asked for; {@code training} says what the recipe chose where it was left to decide. */
  public record Settings(String classifier, String text, String vectorizer, int numFeatures, Asked<Boolean> bigrams,
                         Asked<Boolean> titleCharGrams, Asked<Integer> minDocFreq, Asked<Double> regParam,
                         double elasticNetParam, Asked<Integer> maxIter, boolean balancedClassWeights, String tune) {}

  /** What training did: the split, the categories (most frequent first), and every setting as resolved. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Training(long categorised, long train, long test, double testFraction, long seed,
                         List<String> categories, String algorithm, String textRecipe, boolean bigrams,
                         boolean titleCharGrams, int minDocFreq, double regParam, int maxIter, Integer iterations) {}

  /** The predictions written, per predicted category (most frequent first). */
  public record Predictions(long written, Map<String, Long> byPredictedCategory) {}
}
