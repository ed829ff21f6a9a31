package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.courses.ClassifierRequest.Algorithm;
import io.inlearning.spark.courses.ClassifierRequest.TextRecipe;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.text.TextFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  static ClassifierRequest request(String config, long trainingCourses) {
    ClassifierRequest.HeldOut none = new ClassifierRequest.HeldOut(0.0, ClassifierRequest.DEFAULT_SEED);
    ClassifierRequest.Features shortText = ClassifierRequest.Features.DEFAULT.withRecipe(TextRecipe.SHORT);
    ClassifierRequest.Model lr = ClassifierRequest.Model.DEFAULT;
    return switch (config) {
      case "default" -> new ClassifierRequest(ClassifierRequest.Features.DEFAULT, lr, none);
      case "short" -> new ClassifierRequest(shortText, lr, none);
      case "long" -> new ClassifierRequest(ClassifierRequest.Features.DEFAULT.withRecipe(TextRecipe.LONG), lr, none);
      case "svm" -> new ClassifierRequest(shortText, new ClassifierRequest.Model(Algorithm.SVM, Optional.empty(), 0,
          Optional.empty(), ClassifierRequest.ClassWeights.EQUAL, ClassifierRequest.Tuning.OFF), none);
      case "tune" -> new ClassifierRequest(shortText, new ClassifierRequest.Model(Algorithm.LR, Optional.empty(), 0,
          Optional.empty(), ClassifierRequest.ClassWeights.EQUAL, ClassifierRequest.Tuning.CROSS_VALIDATED), none);
      default -> {
        String[] parts = config.split("-");
        double c = Double.parseDouble(parts[1].substring(1));
        Set<TextFeatures.Extra> extras = EnumSet.allOf(TextFeatures.Extra.class);
        if (config.contains("-words")) {
          extras.remove(TextFeatures.Extra.TITLE_CHAR_GRAMS);
        }
        yield new ClassifierRequest(new ClassifierRequest.Features(TextRecipe.SHORT, shortText.vectorizer(),
            shortText.numFeatures(), extras, Optional.empty()),
            new ClassifierRequest.Model(Algorithm.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                Optional.of(1 / (c * trainingCourses)), 0, Optional.of(Integer.parseInt(parts[2].substring(2))),
                config.contains("-balanced") ? ClassifierRequest.ClassWeights.BALANCED
                    : ClassifierRequest.ClassWeights.EQUAL, ClassifierRequest.Tuning.OFF), none);
      }
    };
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
        ClassifierRequest request = request(args[0], train.count());
        CourseClassifier.Trained trained = CourseClassifier.train(train, request,
            scratch.resolve("vectors").toString(), new Phases(spark.sparkContext()));
        double[] scores = score(trained.model(), test);
        accuracySum += scores[0];
        f1Sum += scores[1];
        System.out.printf("{\"catalogue\": \"%s\", \"split\": \"%s\", \"config\": \"%s\", \"accuracy\": %.4f, "
                + "\"macro_f1\": %.4f, \"seconds\": %.1f, \"chosen\": %s}%n", catalogue.getFileName(),
            split.getFileName(), args[0], scores[0], scores[1], (System.nanoTime() - start) / 1e9,
            "\"" + trained.tuning().map(tuning -> (Object) tuning.report().chosen())
                .orElse(trained.plan().features().recipe()) + "\"");
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
