package io.inlearning.spark.courses;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Model selection on the training share only: for the chosen classifier and each feature set (short recipe:
 * with or without the title's character n-grams), Spark's {@link CrossValidator} scores a grid of penalties by k-fold
 * accuracy; the best candidate wins, the simpler one on a tie (fewer features, then the stronger penalty). The
 * held-out share is never seen here. The classifier itself is not a candidate: the SVM trains one model per
 * category, and on a catalogue of tens of categories one SVM fit took too long to be tried (BENCHMARKS.md).
 */
public final class ClassifierTuning {
  /** Penalties tried, as multiples of 1 / training courses (scikit-learn's C = 1, 10, 100). */
  static final double[] PENALTY_SCALES = {1, 0.1, 0.01};
  /** Penalties tried with the long recipe, whose standardised features take a fixed one. */
  static final double[] LONG_PENALTIES = {0.1, 0.01, 0.001};
  static final int FOLDS = 3;

  private ClassifierTuning() {}

  /** One scored candidate; {@code cv_accuracy} in metrics.json. */
  public record Candidate(String algorithm, boolean titleCharGrams, double regParam,
                          @JsonProperty("cv_accuracy") double accuracy) {
    Candidate rounded() {
      return new Candidate(algorithm, titleCharGrams, regParam, ClassificationReport.round(accuracy));
    }
  }

  /** The {@code tuning} block of metrics.json: how candidates were scored, the chosen one, all of them. */
  public record Report(String method, String metric, Candidate chosen, List<Candidate> candidates) {}

  /** The chosen plan, and the report of the selection. */
  public record Result(ClassifierPlan chosen, Report report) {}

  /** {@code plan}: the request settled for the training share ({@link ClassifierRequest#planFor}). */
  public static Result select(Dataset<Row> terms, ClassifierPlan plan, long trainingCourses) {
    List<Candidate> candidates = new ArrayList<>();
    ClassifierRequest.Algorithm algorithm = plan.model().algorithm();
    boolean shortText = plan.features().shortText();
    double[] penalties = new double[PENALTY_SCALES.length];
    for (int i = 0; i < penalties.length; i++) {
      penalties[i] = shortText ? PENALTY_SCALES[i] / trainingCourses : LONG_PENALTIES[i];
    }
    for (boolean charGrams : shortText ? new boolean[] {false, true} : new boolean[] {false}) {
      Pipeline pipeline = CourseClassifier.modelPipeline(plan.candidate(charGrams, penalties[0]));
      DoubleParam regParam = regParam(pipeline.getStages()[pipeline.getStages().length - 1]);
      ParamMap[] grid = new ParamGridBuilder().addGrid(regParam, penalties).build();
      CrossValidatorModel fitted = new CrossValidator()
          .setEstimator(pipeline)
          .setEstimatorParamMaps(grid)
          .setEvaluator(new MulticlassClassificationEvaluator().setLabelCol(CourseClassifier.LABEL)
              .setPredictionCol(CourseClassifier.PREDICTION).setMetricName("accuracy"))
          .setNumFolds(FOLDS)
          .setSeed(plan.heldOut().seed())
          .setParallelism(2)
          .fit(terms);
      double[] scores = fitted.avgMetrics();
      for (int i = 0; i < grid.length; i++) {
        candidates.add(new Candidate(algorithm.name().toLowerCase(Locale.ROOT), charGrams, penalties[i], scores[i]));
      }
    }
    Candidate best = candidates.get(0);
    for (Candidate candidate : candidates) {
      if (candidate.accuracy() > best.accuracy()) {
        best = candidate;
      }
    }
    ClassifierPlan chosen = plan.candidate(best.titleCharGrams(), best.regParam());
    return new Result(chosen, new Report(FOLDS + "-fold cross-validation on the training share", "accuracy",
        best.rounded(), candidates.stream().map(Candidate::rounded).toList()));
  }

  private static DoubleParam regParam(PipelineStage classifier) {
    if (classifier instanceof OneVsRest oneVsRest) {
      Object svm = oneVsRest.getClassifier();
      return ((LinearSVC) svm).regParam();
    }
    return ((LogisticRegression) classifier).regParam();
  }
}
