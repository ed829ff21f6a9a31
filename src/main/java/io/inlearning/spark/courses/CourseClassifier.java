package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.HadoopFiles;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.text.TextFeatures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * TF-IDF features of title + content, a linear classifier on the category. The saved model is one
 * PipelineModel: it reads course records and adds {@code predicted_category}.
 *
 * <p>Two recipes ({@link ClassifierRequest.TextRecipe}), chosen by default from the size of the training
 * share. Short (below 200,000 training courses): words and word pairs of title + content (stop words
 * removed) and character 2- to 5-grams inside the title's words; each set counted, weighted by IDF, joined,
 * and every row scaled to unit length. Spark's standardisation is off: on TF-IDF it would undo IDF (every
 * column scaled to unit variance) and give rare terms the largest weights; on unit-length rows a single
 * penalty suits every column, and it scales with the training share (scikit-learn's {@code C = 100} on the
 * same objective). Long (from 200,000): word counts, IDF and Spark's standardisation with a fixed penalty,
 * which ran in a quarter of the time end to end at 1M courses.
 */
public final class CourseClassifier {
  public static final String LABEL = "label";
  public static final String FEATURES = "features";
  static final String WORDS = TextFeatures.WORDS;
  static final String TITLE_GRAMS = TextFeatures.TITLE_GRAMS;
  static final String WEIGHT = "weight";
  public static final String PREDICTION = "prediction";
  public static final String PREDICTED_CATEGORY = "predicted_category";
  public static final String PROBABILITY = "probability";
  public static final String MARGIN = "margin";

  /**
   * One-vs-rest fits run two categories at a time: a small fit is mostly Spark's wait between iterations, so
   * two overlap well; more at once gained nothing, and each running fit caches its own training rows
   * (BENCHMARKS.md, "Course classification").
   */
  static final int SVM_FITS_AT_ONCE = 2;

  private CourseClassifier() {}

  /**
   * A trained model, the plan it was trained with (recipe chosen, every choice made), its categories (most
   * frequent first), the training facts, its held-out evaluation and the model selection (when tuned).
   */
  public record Trained(PipelineModel model, ClassifierPlan plan, List<String> categories,
                        CourseMetrics.Training training, Optional<ClassificationReport> evaluation,
                        Optional<ClassifierTuning.Result> tuning) {}

  /**
   * {@code scratch}: a folder for the training vectors ({@link #vectors}), deleted before this returns; the
   * jobs pass one inside their staging folder.
   */
  public static Trained train(Dataset<Row> courses, ClassifierRequest request, String scratch, Phases phases) {
    Dataset<Row> categorised = courses.filter(col(CourseSchema.CATEGORY).isNotNull());
    StringIndexerModel indexer = phases.run("index categories", () -> indexCategories(categorised));
    String[] labels = indexer.labelsArray()[0];
    Column inTest = heldOut(request.heldOut());
    Dataset<Row> train = indexer.transform(categorised.filter(inTest.unary_$bang()));
    Dataset<Row> test = indexer.transform(categorised.filter(inTest));
    long trainCount = phases.run("split", train::count);
    if (trainCount == 0) {
      throw InvalidRequestException.of("no categorised course left to train on (test fraction "
          + request.heldOut().testFraction() + ")");
    }
    ClassifierPlan plan = request.planFor(trainCount);

    // Tokenise the training share once: model selection, the vectorizers, IDF and the classifier read these.
    boolean tuning = plan.tuning() == ClassifierRequest.Tuning.CROSS_VALIDATED;
    Set<TextFeatures.Extra> extras = EnumSet.noneOf(TextFeatures.Extra.class);
    extras.addAll(plan.features().extras());
    if (tuning && plan.features().shortText()) {
      extras.add(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    }
    boolean titleGrams = extras.contains(TextFeatures.Extra.TITLE_CHAR_GRAMS);
    PipelineModel text = TextFeatures.pipeline(extras).fit(train);
    Dataset<Row> terms = terms(text.transform(train), titleGrams, plan.model().balanced());
    phases.run("featurise", terms::count);
    int largestCategory = largestCategory(terms);

    Optional<ClassifierTuning.Result> selection = tuning
        ? Optional.of(phases.run("tune", () -> ClassifierTuning.select(terms, plan, trainCount))) : Optional.empty();
    ClassifierPlan chosen = selection.map(ClassifierTuning.Result::chosen).orElse(plan);
    PipelineModel vectorizer = phases.run("featurise", () -> vectorizer(chosen).fit(terms));
    Model<?> classifier;
    try {
      Dataset<Row> vectors = phases.run("featurise", () -> vectors(vectorizer.transform(terms), chosen, scratch));
      terms.unpersist();
      classifier = phases.run("train", () -> classifier(chosen).fit(vectors));
    } finally {
      HadoopFiles.delete(courses.sparkSession(), scratch);
    }

    PipelineModel model = assemble(text, vectorizer, classifier, labels, train);
    Optional<ClassificationReport> evaluation = phases.run("evaluate", () -> ClassificationReport.of(
        model.transform(test).select(LABEL, PREDICTION), labels, largestCategory));
    return new Trained(model, chosen, List.of(labels),
        training(request.heldOut(), chosen, labels, trainCount, evaluation, classifier), evaluation, selection);
  }

  /**
   * The training share as (label, features[, weight]), written once to {@code scratch} as Parquet and read
   * back. The optimiser runs a Spark job or two per iteration, and every task of those jobs carries its
   * input's lineage: fitted straight on the transformed pipeline, that is every fitted stage, megabytes per
   * task, and it doubled training time (BENCHMARKS.md, "Course classification"). Files cut the lineage and,
   * unlike {@code localCheckpoint}, survive the loss of an executor.
   */
  private static Dataset<Row> vectors(Dataset<Row> transformed, ClassifierPlan plan, String scratch) {
    Column[] columns = plan.model().balanced() ? new Column[] {col(LABEL), col(FEATURES), col(WEIGHT)}
        : new Column[] {col(LABEL), col(FEATURES)};
    transformed.select(columns).write().parquet(scratch);
    return transformed.sparkSession().read().parquet(scratch);
  }

  /**
   * The index of the training share's most frequent category (the lower index on a tie), counted on the
   * cached terms rather than on the input, which would be read and validated again.
   */
  private static int largestCategory(Dataset<Row> terms) {
    return (int) terms.groupBy(LABEL).count().orderBy(col("count").desc(), col(LABEL)).first().getDouble(0);
  }

  /** The held-out share: a hash of the course id and the seed, so a course stays on its side run after run. */
  private static Column heldOut(ClassifierRequest.HeldOut heldOut) {
    return pmod(xxhash64(lit(heldOut.seed()), col(CourseSchema.COURSE_ID)), lit(10_000))
        .lt(Math.round(heldOut.testFraction() * 10_000));
  }

  /** The tokenised training share (label, words, title n-grams, weight), cached: every fit reads it. */
  private static Dataset<Row> terms(Dataset<Row> tokenised, boolean titleGrams, boolean balanced) {
    Column[] features = titleGrams ? new Column[] {col(LABEL), col(WORDS), col(TITLE_GRAMS)}
        : new Column[] {col(LABEL), col(WORDS)};
    return withWeights(tokenised.select(features), balanced).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The {@code training} block of metrics.json: the split, and every setting as the training resolved it. */
  private static CourseMetrics.Training training(ClassifierRequest.HeldOut heldOut, ClassifierPlan chosen,
                                                 String[] labels, long trainCount,
                                                 Optional<ClassificationReport> evaluation, Model<?> classifier) {
    long tested = evaluation.map(ClassificationReport::evaluatedCourses).orElse(0L);
    Integer iterations = classifier instanceof LogisticRegressionModel regression
        ? regression.summary().totalIterations() : null;
    ClassifierPlan.FeaturePlan features = chosen.features();
    ClassifierPlan.ModelPlan model = chosen.model();
    return new CourseMetrics.Training(
        new CourseMetrics.Split(trainCount + tested, trainCount, tested, heldOut.testFraction(), heldOut.seed()),
        List.of(labels), new CourseMetrics.Resolved(ClassifierRequest.name(model.algorithm()),
            ClassifierRequest.name(features.recipe()), features.wordPairs(), features.titleCharGrams(),
            features.minDocFreq(), model.regParam(), model.maxIter()), iterations);
  }

  private static StringIndexerModel indexCategories(Dataset<Row> categorised) {
    StringIndexerModel indexer = new StringIndexer()
        .setInputCol(CourseSchema.CATEGORY)
        .setOutputCol(LABEL)
        .setHandleInvalid("error")
        .setStringOrderType("frequencyDesc")
        .fit(categorised);
    String[] labels = indexer.labelsArray()[0];
    if (labels.length < 2) {
      throw InvalidRequestException.of("training needs at least 2 categories, found " + labels.length
          + (labels.length == 1 ? " (" + labels[0] + ")" : "") + " among the categorised courses");
    }
    return indexer;
  }

  /**
   * The saved model: tokenising, the fitted features and classifier, and the category names back. The
   * indexer only labels the training data: the saved model must also read uncategorised courses.
   */
  private static PipelineModel assemble(PipelineModel text, PipelineModel vectorizer, Model<?> classifier,
                                        String[] labels, Dataset<Row> train) {
    List<Transformer> stages = new ArrayList<>();
    stages.addAll(List.of(text.stages()));
    stages.addAll(List.of(vectorizer.stages()));
    stages.add(classifier);
    stages.add(new IndexToString().setInputCol(PREDICTION).setOutputCol(PREDICTED_CATEGORY).setLabels(labels));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);
  }

  /** Balanced class weights: a course of category c weighs n / (k * n_c), so every category weighs n / k. */
  private static Dataset<Row> withWeights(Dataset<Row> courses, boolean balanced) {
    if (!balanced) {
      return courses;
    }
    Dataset<Row> perLabel = courses.groupBy(LABEL).count();
    long categories = perLabel.count();
    Dataset<Row> weights = perLabel.crossJoin(courses.agg(count(lit(1)).as("n")))
        .select(col(LABEL), col("n").divide(col("count").multiply(categories)).as(WEIGHT));
    return courses.join(broadcast(weights), LABEL);
  }

  /**
   * Long recipe: words -> counts -> TF-IDF -> the classifier, which standardises. Short recipe: words and
   * pairs (and title n-grams) -> binary counts (a term present or not: on short texts what sublinear TF amounts
   * to) -> joined -> TF-IDF -> unit-length rows -> the classifier, without standardisation.
   */
  static Pipeline modelPipeline(ClassifierPlan plan) {
    List<PipelineStage> stages = new ArrayList<>(List.of(vectorizer(plan).getStages()));
    stages.add(classifier(plan));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /** The stages of {@link #modelPipeline} before the classifier: terms to {@code features}. */
  static Pipeline vectorizer(ClassifierPlan plan) {
    ClassifierPlan.FeaturePlan settings = plan.features();
    boolean shortText = settings.shortText();
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(switch (settings.vectorizer()) {
      case HASHING -> new HashingTF().setInputCol(WORDS).setOutputCol("word_tf").setBinary(shortText)
          .setNumFeatures(settings.numFeatures());
      case COUNT -> new CountVectorizer().setInputCol(WORDS).setOutputCol("word_tf").setBinary(shortText)
          .setVocabSize(settings.numFeatures()).setMinDF(settings.minDocFreq());
    });
    String tf = "word_tf";
    if (settings.titleCharGrams()) {
      stages.add(new CountVectorizer().setInputCol(TITLE_GRAMS).setOutputCol("char_tf").setBinary(true)
          .setVocabSize(ClassifierRequest.CHAR_VOCABULARY).setMinDF(settings.minDocFreq()));
      stages.add(new VectorAssembler().setInputCols(new String[] {"word_tf", "char_tf"}).setOutputCol("tf"));
      tf = "tf";
    }
    if (shortText) {
      stages.add(new IDF().setInputCol(tf).setOutputCol("tfidf").setMinDocFreq(settings.minDocFreq()));
      stages.add(new Normalizer().setInputCol("tfidf").setOutputCol(FEATURES).setP(2.0));
    } else {
      stages.add(new IDF().setInputCol(tf).setOutputCol(FEATURES).setMinDocFreq(settings.minDocFreq()));
    }
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  static Estimator<? extends Model<?>> classifier(ClassifierPlan plan) {
    boolean shortText = plan.features().shortText();
    ClassifierPlan.ModelPlan settings = plan.model();
    double regParam = settings.regParam();
    return switch (settings.algorithm()) {
      case LR -> {
        LogisticRegression lr = new LogisticRegression().setFamily("multinomial").setStandardization(!shortText)
            .setLabelCol(LABEL).setFeaturesCol(FEATURES).setRegParam(regParam)
            .setElasticNetParam(settings.elasticNet()).setMaxIter(settings.maxIter());
        yield settings.balanced() ? lr.setWeightCol(WEIGHT) : lr;
      }
      case SVM -> {
        LinearSVC svm = new LinearSVC().setStandardization(!shortText).setRegParam(regParam)
            .setMaxIter(settings.maxIter());
        yield new OneVsRest().setParallelism(SVM_FITS_AT_ONCE).setClassifier(svm).setLabelCol(LABEL)
            .setFeaturesCol(FEATURES).setWeightCol(settings.balanced() ? WEIGHT : "");
      }
    };
  }

  /**
   * Applies a model: course_id, the given category (null if none), predicted_category, the probability of
   * that category (logistic regression; null for the SVM, which gives no probabilities) and its margin (the
   * winning category's raw score: a logit for logistic regression, the signed distance to the separating
   * hyperplane for the SVM).
   */
  public static Dataset<Row> predict(PipelineModel model, Dataset<Row> courses) {
    return predict(model, courses, List.of());
  }

  /**
   * The accuracy of {@code model} on the categorised courses of {@code courses} that {@code heldOut} keeps out of
   * training: the rows a new model was evaluated on, so that it can be compared with the model in use. The split
   * hashes course ids, so these courses were held out of that model's training too (with the same seed).
   */
  public static Optional<Double> heldOutAccuracy(PipelineModel model, Dataset<Row> courses,
                                                 ClassifierRequest.HeldOut heldOut) {
    Dataset<Row> test = courses.filter(col(CourseSchema.CATEGORY).isNotNull().and(heldOut(heldOut)));
    Row scored = predict(model, test)
        .agg(count(lit(1)), sum(col(CourseSchema.CATEGORY).equalTo(col(PREDICTED_CATEGORY)).cast("long")))
        .first();
    long total = scored.getLong(0);
    return total == 0 ? Optional.empty() : Optional.of((double) scored.getLong(1) / total);
  }

  /** The predictions, with {@code carried} columns of the courses passed through. */
  public static Dataset<Row> predict(PipelineModel model, Dataset<Row> courses, List<String> carried) {
    Dataset<Row> scored = model.transform(courses);
    Column probability = List.of(scored.columns()).contains(PROBABILITY)
        ? array_max(functions.vector_to_array(col(PROBABILITY), "float64"))
        : lit(null).cast("double");
    List<Column> columns = new java.util.ArrayList<>(List.of(
        col(CourseSchema.COURSE_ID),
        col(CourseSchema.CATEGORY),
        col(PREDICTED_CATEGORY),
        probability.as(PROBABILITY),
        array_max(functions.vector_to_array(col("rawPrediction"), "float64")).as(MARGIN)));
    carried.forEach(name -> columns.add(col(name)));
    return scored.select(columns.toArray(Column[]::new));
  }
}
