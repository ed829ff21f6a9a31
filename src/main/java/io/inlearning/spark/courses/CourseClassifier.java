package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.inlearning.spark.common.Phases;
import io.inlearning.spark.common.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * TF-IDF features of title + content, multinomial logistic regression on the category. The saved model is
 * one PipelineModel: it reads course records and adds {@code predicted_category}.
 */
public final class CourseClassifier {
  public static final String LABEL = "label";
  public static final String FEATURES = "features";
  static final String TERMS = "terms";
  public static final String PREDICTION = "prediction";
  public static final String PREDICTED_CATEGORY = "predicted_category";
  public static final String PROBABILITY = "probability";

  /** Letters, digits, and the + and # of "c++" or "c#"; everything else separates tokens. */
  static final String TOKEN_SEPARATORS = "[^\\p{L}\\p{N}+#]+";

  private CourseClassifier() {}

  /** A trained model, its categories (most frequent first) and its held-out evaluation (null if none). */
  public record Trained(PipelineModel model, List<String> categories, Map<String, Object> split,
                        ClassificationReport evaluation) {}

  public static Trained train(Dataset<Row> courses, ClassifierSettings settings, Phases phases) {
    Dataset<Row> categorised = courses.filter(col(CourseSchema.CATEGORY).isNotNull());
    StringIndexerModel indexer = phases.run("index categories", () -> new StringIndexer()
        .setInputCol(CourseSchema.CATEGORY)
        .setOutputCol(LABEL)
        .setHandleInvalid("error")
        .setStringOrderType("frequencyDesc")
        .fit(categorised));
    String[] labels = indexer.labelsArray()[0];
    if (labels.length < 2) {
      throw new UsageException("training needs at least 2 categories, found " + labels.length
          + (labels.length == 1 ? " (" + labels[0] + ")" : "") + " among the categorised courses");
    }

    Column inTest = pmod(xxhash64(lit(settings.seed()), col(CourseSchema.COURSE_ID)), lit(10_000))
        .lt(Math.round(settings.testFraction() * 10_000));
    Dataset<Row> train = indexer.transform(categorised.filter(inTest.unary_$bang()));
    Dataset<Row> test = indexer.transform(categorised.filter(inTest));

    // Tokenise the training set once: the vectorizer, IDF and the regression all read these terms.
    PipelineModel tokenizer = textPipeline().fit(train);
    Dataset<Row> terms = tokenizer.transform(train).select(LABEL, TERMS).persist(StorageLevel.MEMORY_AND_DISK());
    long trainCount = phases.run("featurise", terms::count);
    if (trainCount == 0) {
      terms.unpersist();
      throw new UsageException("no categorised course left to train on (test fraction "
          + settings.testFraction() + ")");
    }
    PipelineModel vectorizer = phases.run("featurise", () -> vectorPipeline(settings).fit(terms));

    LogisticRegressionModel regression = phases.run("train", () -> new LogisticRegression()
        .setFamily("multinomial")
        .setLabelCol(LABEL)
        .setFeaturesCol(FEATURES)
        .setRegParam(settings.regParam())
        .setElasticNetParam(settings.elasticNetParam())
        .setMaxIter(settings.maxIter())
        .fit(vectorizer.transform(terms)));
    terms.unpersist();

    // The indexer only labels the training data: the saved model must also read uncategorised courses.
    List<Transformer> stages = new ArrayList<>();
    stages.addAll(List.of(tokenizer.stages()));
    stages.addAll(List.of(vectorizer.stages()));
    stages.add(regression);
    stages.add(new IndexToString().setInputCol(PREDICTION).setOutputCol(PREDICTED_CATEGORY).setLabels(labels));
    PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);

    ClassificationReport evaluation = phases.run("evaluate", () -> {
      Dataset<Row> scored = model.transform(test).select(LABEL, PREDICTION);
      return ClassificationReport.of(scored, labels);
    });

    Map<String, Object> split = new LinkedHashMap<>();
    split.put("categorised", trainCount + (evaluation == null ? 0 : evaluation.support()));
    split.put("train", trainCount);
    split.put("test", evaluation == null ? 0 : evaluation.support());
    split.put("test_fraction", settings.testFraction());
    split.put("seed", settings.seed());
    split.put("categories", List.of(labels));
    split.put("iterations", regression.summary().totalIterations());
    return new Trained(model, List.of(labels), split, evaluation);
  }

  /** title + content -> accent-folded tokens without stop words. */
  static Pipeline textPipeline() {
    SQLTransformer text = new SQLTransformer().setStatement(
        "SELECT *, concat_ws(' ', " + CourseSchema.TITLE + ", " + CourseSchema.CONTENT + ") AS text FROM __THIS__");
    TextNormalizer normalizer = new TextNormalizer().setInputCol("text").setOutputCol("text_normalized");
    RegexTokenizer tokenizer = new RegexTokenizer()
        .setInputCol("text_normalized")
        .setOutputCol("tokens")
        .setPattern(TOKEN_SEPARATORS)
        .setGaps(true)
        .setToLowercase(false)
        .setMinTokenLength(2);
    StopWordsRemover stopWords = new StopWordsRemover()
        .setInputCol("tokens")
        .setOutputCol(TERMS)
        .setCaseSensitive(true)
        .setStopWords(stopWords());
    return new Pipeline().setStages(new PipelineStage[] {text, normalizer, tokenizer, stopWords});
  }

  /** terms -> term frequencies (hashed, or counted over a learned vocabulary) -> TF-IDF. */
  static Pipeline vectorPipeline(ClassifierSettings settings) {
    PipelineStage termFrequencies = switch (settings.vectorizer()) {
      case HASHING -> new HashingTF().setInputCol(TERMS).setOutputCol("tf")
          .setNumFeatures(settings.numFeatures());
      case COUNT -> new CountVectorizer().setInputCol(TERMS).setOutputCol("tf")
          .setVocabSize(settings.numFeatures()).setMinDF(settings.minDocFreq());
    };
    IDF idf = new IDF().setInputCol("tf").setOutputCol(FEATURES).setMinDocFreq(settings.minDocFreq());
    return new Pipeline().setStages(new PipelineStage[] {termFrequencies, idf});
  }

  /** Spark's English and French stop words, folded like the text they are compared with. */
  static String[] stopWords() {
    Set<String> words = new LinkedHashSet<>();
    for (String language : new String[] {"english", "french"}) {
      for (String word : StopWordsRemover.loadDefaultStopWords(language)) {
        for (String token : TextNormalizer.normalize(word).split(TOKEN_SEPARATORS)) {
          if (!token.isEmpty()) {
            words.add(token);
          }
        }
      }
    }
    return words.toArray(String[]::new);
  }

  /** Applies a model: course_id, the given category (null if none), predicted_category, its probability. */
  public static Dataset<Row> predict(PipelineModel model, Dataset<Row> courses) {
    return model.transform(courses).select(
        col(CourseSchema.COURSE_ID),
        col(CourseSchema.CATEGORY),
        col(PREDICTED_CATEGORY),
        array_max(functions.vector_to_array(col(PROBABILITY), "float64")).as(PROBABILITY));
  }
}
