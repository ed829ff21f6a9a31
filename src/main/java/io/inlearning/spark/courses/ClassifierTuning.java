package io.inlearning.spark.courses;

import io.inlearning.spark.courses.ClassifierSettings.Algorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * category, and one SVM fit on a catalogue of 29 categories did not finish in 10 minutes (BENCHMARKS.md).
 */
public final class ClassifierTuning {
  /** Penalties tried, as multiples of 1 / training courses (scikit-learn's C = 1, 10, 100). */
  static final double[] PENALTY_SCALES = {1, 0.1, 0.01};
  /** Penalties tried with the long recipe, whose standardised features take a fixed one. */
  static final double[] LONG_PENALTIES = {0.1, 0.01, 0.001};
  static final int FOLDS = 3;

  private ClassifierTuning() {}

  public record Candidate(String algorithm, boolean titleCharGrams, double regParam, double accuracy) {
    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("algorithm", algorithm);
      map.put("title_char_grams", titleCharGrams);
      map.put("reg_param", regParam);
      map.put("cv_accuracy", ClassificationReport.round(accuracy));
      return map;
    }
  }

  /** The chosen settings and every candidate's cross-validated accuracy. */
  public record Result(ClassifierSettings chosen, Candidate best, List<Candidate> candidates, int folds) {
    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("method", folds + "-fold cross-validation on the training share");
      map.put("metric", "accuracy");
      map.put("chosen", best.toMap());
      map.put("candidates", candidates.stream().map(Candidate::toMap).toList());
      return map;
    }
  }

  /** {@code settings}: resolved for the training share ({@link ClassifierSettings#forTraining}). */
  public static Result select(Dataset<Row> terms, ClassifierSettings settings, long trainingCourses) {
    List<Candidate> candidates = new ArrayList<>();
    Algorithm algorithm = settings.algorithm();
    boolean shortText = settings.text() == ClassifierSettings.TextRecipe.SHORT;
    double[] penalties = new double[PENALTY_SCALES.length];
    for (int i = 0; i < penalties.length; i++) {
      penalties[i] = shortText ? PENALTY_SCALES[i] / trainingCourses : LONG_PENALTIES[i];
    }
    for (boolean charGrams : shortText ? new boolean[] {false, true} : new boolean[] {false}) {
      Pipeline pipeline = CourseClassifier.modelPipeline(settings.with(charGrams, penalties[0]));
      DoubleParam regParam = regParam(pipeline.getStages()[pipeline.getStages().length - 1]);
      ParamMap[] grid = new ParamGridBuilder().addGrid(regParam, penalties).build();
      CrossValidatorModel fitted = new CrossValidator()
          .setEstimator(pipeline)
          .setEstimatorParamMaps(grid)
          .setEvaluator(new MulticlassClassificationEvaluator().setLabelCol(CourseClassifier.LABEL)
              .setPredictionCol(CourseClassifier.PREDICTION).setMetricName("accuracy"))
          .setNumFolds(FOLDS)
          .setSeed(settings.seed())
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
    ClassifierSettings chosen = settings.with(best.titleCharGrams(), best.regParam());
    return new Result(chosen, best, List.copyOf(candidates), FOLDS);
  }

  private static DoubleParam regParam(PipelineStage classifier) {
    if (classifier instanceof OneVsRest oneVsRest) {
      Object svm = oneVsRest.getClassifier();
      return ((LinearSVC) svm).regParam();
    }
    return ((LogisticRegression) classifier).regParam();
  }
}
