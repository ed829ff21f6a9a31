package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.courses.ClassifierSettings.Algorithm;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The classifier on fixed train/test splits of a catalogue, in one JVM: for each split folder
 * ({@code split-N/train.jsonl}, {@code split-N/test.jsonl}, course records), trains on train, classifies test,
 * prints accuracy and macro F1 per split and their means as JSON lines. The same splits feed
 * bench/peers/courses_sklearn_linear.py (bench/real-courses.sh runs both).
 *
 * <pre>CatalogueEvaluation CONFIG CATALOGUE_DIR...</pre>
 * CONFIG: see {@link #settings}.
 */
public final class CatalogueEvaluation {
  private CatalogueEvaluation() {}

  /**
   * default (the CLI's defaults: the recipe chosen by size), short and long (those recipes at their defaults),
   * svm and tune (the short recipe with them), or ALGORITHM-cC-itN[-words][-balanced] on the short recipe,
   * e.g. lr-c10-it100: C as scikit-learn's (penalty 1 / (C x training courses)), -words without title n-grams.
   */
  static ClassifierSettings settings(String config, long trainingCourses) {
    ClassifierSettings d = withoutHoldOut(ClassifierSettings.DEFAULTS);
    ClassifierSettings s = withoutHoldOut(ClassifierSettings.defaults(ClassifierSettings.TextRecipe.SHORT));
    return switch (config) {
      case "default" -> d;
      case "short" -> s;
      case "long" -> withoutHoldOut(ClassifierSettings.defaults(ClassifierSettings.TextRecipe.LONG));
      case "svm" -> new ClassifierSettings(Algorithm.SVM, s.text(), s.vectorizer(), s.numFeatures(), null, null,
          null, null, 0, null, false, ClassifierSettings.Tune.OFF, 0.0, s.seed());
      case "tune" -> new ClassifierSettings(Algorithm.LR, s.text(), s.vectorizer(), s.numFeatures(), null, null,
          null, null, 0, null, false, ClassifierSettings.Tune.ON, 0.0, s.seed());
      default -> {
        String[] parts = config.split("-");
        double c = Double.parseDouble(parts[1].substring(1));
        yield new ClassifierSettings(Algorithm.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), s.text(),
            s.vectorizer(), s.numFeatures(), null, !config.contains("-words"), null, 1 / (c * trainingCourses), 0,
            Integer.parseInt(parts[2].substring(2)), config.contains("-balanced"), ClassifierSettings.Tune.OFF, 0.0,
            s.seed());
      }
    };
  }

  private static ClassifierSettings withoutHoldOut(ClassifierSettings s) {
    return new ClassifierSettings(s.algorithm(), s.text(), s.vectorizer(), s.numFeatures(), s.bigrams(),
        s.titleCharGrams(), s.minDocFreq(), s.regParam(), s.elasticNetParam(), s.maxIter(), s.balanced(), s.tune(),
        0.0, s.seed());
  }

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("catalogue evaluation")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    // CourseClassifier.train writes its training vectors here and deletes them after each fit.
    Path scratch = Files.createTempDirectory("training-vectors");
    for (int a = 1; a < args.length; a++) {
      Path catalogue = Path.of(args[a]);
      List<Path> splits = new ArrayList<>();
      try (var list = Files.list(catalogue)) {
        list.filter(p -> p.getFileName().toString().startsWith("split-")).sorted().forEach(splits::add);
      }
      double accuracySum = 0;
      double f1Sum = 0;
      for (Path split : splits) {
        long start = System.nanoTime();
        Dataset<Row> train = read(spark, split.resolve("train.jsonl"));
        Dataset<Row> test = read(spark, split.resolve("test.jsonl"));
        ClassifierSettings settings = settings(args[0], train.count());
        CourseClassifier.Trained trained = CourseClassifier.train(train, settings,
            scratch.resolve("vectors").toString(), new Phases(spark.sparkContext()));
        double[] scores = score(trained.model(), test);
        accuracySum += scores[0];
        f1Sum += scores[1];
        System.out.printf("{\"catalogue\": \"%s\", \"split\": \"%s\", \"config\": \"%s\", \"accuracy\": %.4f, "
                + "\"macro_f1\": %.4f, \"seconds\": %.1f, \"chosen\": %s}%n", catalogue.getFileName(),
            split.getFileName(), args[0], scores[0], scores[1], (System.nanoTime() - start) / 1e9,
            "\"" + (trained.tuning() == null ? trained.settings().text() : trained.tuning().report().chosen()) + "\"");
      }
      System.out.printf("{\"catalogue\": \"%s\", \"config\": \"%s\", \"mean_accuracy\": %.4f, \"mean_macro_f1\": %.4f}%n",
          catalogue.getFileName(), args[0], accuracySum / splits.size(), f1Sum / splits.size());
    }
    Files.delete(scratch);
    spark.stop();
  }

  static Dataset<Row> read(SparkSession spark, Path file) {
    return spark.read().schema("course_id STRING, title STRING, content STRING, category STRING")
        .json(file.toString());
  }

  /** Accuracy and macro F1 over the categories present in the test file. */
  static double[] score(PipelineModel model, Dataset<Row> test) {
    List<Row> rows = model.transform(test).select(col(CourseSchema.CATEGORY), col(CourseClassifier.PREDICTED_CATEGORY))
        .collectAsList();
    Map<String, long[]> counts = new HashMap<>();  // category -> {true positives, predicted, actual}
    Set<String> actual = new HashSet<>();
    long correct = 0;
    for (Row row : rows) {
      String truth = row.getString(0);
      String predicted = row.getString(1);
      actual.add(truth);
      counts.computeIfAbsent(truth, k -> new long[3])[2]++;
      counts.computeIfAbsent(predicted, k -> new long[3])[1]++;
      if (truth.equals(predicted)) {
        correct++;
        counts.get(truth)[0]++;
      }
    }
    double f1 = 0;
    for (String category : actual) {
      long[] c = counts.get(category);
      double precision = c[1] == 0 ? 0 : (double) c[0] / c[1];
      double recall = (double) c[0] / c[2];
      f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    return new double[] {(double) correct / rows.size(), f1 / actual.size()};
  }
}
