package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained ALS, EASE or hybrid model: what {@link TopK} scores learners and courses with. Its scores are
 * broadcast once, on first use; {@link #close()} frees them (an EASE matrix is count² floats).
 */
final class RecommendationModel implements AutoCloseable {
  final Algorithm algorithm;
  /** Null for EASE. */
  final ALSModel als;
  /** Null for ALS. */
  private final CourseScores.Ease ease;
  private final CourseScores scores;
  private final int count;
  private Broadcast<CourseScores> broadcast;
  private Broadcast<CourseScores> similarityBroadcast;
  /** The model whose ALS learner factors this one reads (itself, or the hybrid's ALS), null for EASE. */
  private final RecommendationModel factorsOf;
  private float[][] learnerFactors;

  private RecommendationModel(Algorithm algorithm, ALSModel als, CourseScores.Ease ease, CourseScores scores,
                              int count, RecommendationModel factorsOf) {
    this.algorithm = algorithm;
    this.als = als;
    this.ease = ease;
    this.scores = scores;
    this.count = count;
    this.factorsOf = factorsOf == null && als != null ? this : factorsOf;
  }

  static RecommendationModel als(ALSModel model, int count) {
    return new RecommendationModel(Algorithm.ALS, model, null, alsScores(model, count, false), count, null);
  }

  static RecommendationModel ease(EaseTraining.Gram gram, double lambda) {
    CourseScores.Ease ease = new CourseScores.Ease(gram.count(), EaseTraining.weights(gram, lambda), gram.known());
    return new RecommendationModel(Algorithm.EASE, null, ease, ease, gram.count(), null);
  }

  static RecommendationModel hybrid(RecommendationModel als, RecommendationModel ease, double easeShare) {
    CourseScores.Hybrid scores = new CourseScores.Hybrid((CourseScores.Als) als.scores, ease.ease, easeShare);
    return new RecommendationModel(Algorithm.HYBRID, als.als, ease.ease, scores, als.count, als);
  }

  /** Trains the settings' algorithm on (user, course, rating) rows. */
  static RecommendationModel train(Dataset<Row> ratings, int count, ModelSettings settings, String checkpoints) {
    RecommendationModel als = settings.algorithm().usesAls()
        ? als(AlsTraining.train(ratings, settings, checkpoints), count) : null;
    RecommendationModel ease = settings.algorithm().usesEase()
        ? ease(EaseTraining.gram(ratings, count), settings.easeLambda()) : null;
    return switch (settings.algorithm()) {
      case ALS -> als;
      case EASE -> ease;
      case HYBRID -> hybrid(als, ease, settings.easeShare());
    };
  }

  /** Top k of {@code learners} (user), never one of their {@code seen} (user, seen) courses. */
  Dataset<Row> recommend(Dataset<Row> learners, Dataset<Row> seen, int k) {
    Dataset<Row> withSeen = learners.select(col(IndexedInteractions.USER)).join(seen, IndexedInteractions.USER);
    Dataset<Row> rows = als == null
        ? withSeen.withColumn(TopK.FEATURES, lit(null).cast("array<float>"))
        : withSeen.join(als.userFactors().select(col("id").as(IndexedInteractions.USER),
            col("features").as(TopK.FEATURES)), IndexedInteractions.USER);
    return TopK.of(broadcast(learners.sparkSession()), rows, k);
  }

  /** What DriverFold scores with (TopK gets it broadcast). */
  CourseScores scores() {
    return scores;
  }

  /** ALS's learner factors by learner index (null where ALS has none), collected on first use. */
  float[][] learnerFactors() {
    if (factorsOf != this) {
      return factorsOf.learnerFactors();
    }
    if (learnerFactors == null) {
      List<Row> rows = als.userFactors().collectAsList();
      int size = rows.stream().mapToInt(row -> row.getInt(0) + 1).max().orElse(0);
      float[][] factors = new float[size][];
      for (Row row : rows) {
        List<Float> vector = row.getList(1);
        float[] values = new float[vector.size()];
        for (int j = 0; j < values.length; j++) {
          values[j] = vector.get(j);
        }
        factors[row.getInt(0)] = values;
      }
      learnerFactors = factors;
    }
    return learnerFactors;
  }

  private Broadcast<CourseScores> broadcast(SparkSession spark) {
    if (broadcast == null) {
      broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scores);
    }
    return broadcast;
  }

  /**
   * The k courses most similar to each course the model knows, never the course itself, as TopK rows
   * (user = the course): EASE's weights B_ij (what taking course i adds to course j; also for hybrid), or
   * the cosine of ALS's course factors.
   */
  Dataset<Row> similarCourses(SparkSession spark, int k) {
    Column self = array(col(IndexedInteractions.USER)).as(TopK.SEEN);
    if (ease != null) {
      // EASE's own rows for EASE and the hybrid: the course is the only one taken.
      Dataset<Row> courses = spark.range(count).select(col("id").cast("int").as(IndexedInteractions.USER));
      return TopK.of(similarityBroadcast(spark, ease), courses.select(col(IndexedInteractions.USER),
          lit(null).cast("array<float>").as(TopK.FEATURES), self), k);
    }
    Dataset<Row> courses = als.itemFactors().select(col("id").as(IndexedInteractions.USER),
        expr("transform(features, x -> x / greatest(sqrt(aggregate(features, 0D, (sum, y) -> sum + y * y)), 1e-12))")
            .cast("array<float>").as(TopK.FEATURES));
    return TopK.of(similarityBroadcast(spark, alsScores(als, count, true)),
        courses.select(col(IndexedInteractions.USER), col(TopK.FEATURES), self), k);
  }

  private Broadcast<CourseScores> similarityBroadcast(SparkSession spark, CourseScores similarity) {
    if (similarity == scores) {
      return broadcast(spark);
    }
    if (similarityBroadcast == null) {
      similarityBroadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(similarity);
    }
    return similarityBroadcast;
  }

  /** ALS's course factors, L2-normalised when {@code normalise} (cosine similarity). */
  private static CourseScores.Als alsScores(ALSModel model, int count, boolean normalise) {
    int rank = model.rank();
    float[] factors = new float[rank * count];
    boolean[] known = new boolean[count];
    for (Row row : model.itemFactors().collectAsList()) {
      int item = row.getInt(0);
      List<Float> vector = row.getList(1);
      double norm = 0;
      for (int j = 0; j < rank; j++) {
        norm += vector.get(j) * vector.get(j);
      }
      double scale = normalise && norm > 0 ? 1 / Math.sqrt(norm) : 1;
      for (int j = 0; j < rank; j++) {
        factors[item * rank + j] = (float) (vector.get(j) * scale);
      }
      known[item] = true;
    }
    return new CourseScores.Als(rank, count, factors, known);
  }

  /** ALS as Spark ML saves it ({@code als/}); EASE's weights as Parquet rows (course, weights). */
  void save(SparkSession spark, String folder) {
    if (als != null) {
      try {
        als.save(folder + "/als");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the ALS model", e);
      }
    }
    if (ease != null) {
      StructType type = new StructType()
          .add(IndexedInteractions.COURSE, DataTypes.IntegerType, false)
          .add("weights", DataTypes.createArrayType(DataTypes.FloatType, false), false);
      Broadcast<CourseScores.Ease> weights = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ease);
      int n = count;
      MapFunction<Long, Row> row = i -> {
        float[] b = weights.value().weights();
        List<Float> values = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          values.add(b[(int) (i * n + j)]);
        }
        return RowFactory.create(i.intValue(), TopK.seq(values));
      };
      spark.range(count).as(Encoders.LONG()).map(row, Encoders.row(type)).write().parquet(folder + "/ease");
      weights.destroy();
    }
  }

  @Override
  public void close() {
    for (Broadcast<CourseScores> b : new Broadcast[] {broadcast, similarityBroadcast}) {
      if (b != null) {
        b.destroy();
      }
    }
    broadcast = null;
    similarityBroadcast = null;
  }
}
