package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The best k courses per learner that the learner has not interacted with. Exact, without asking the model
 * for "k + some margin" candidates: the model's {@link CourseScores} are broadcast, learners are scored in
 * blocks of 256 against every course (one sgemm for ALS, as Spark's recommendForAll does; summed weight rows
 * for EASE), the learner's seen courses are masked out, and a bounded insertion keeps the k best (ties: lower
 * index). Output: (user, items array&lt;int&gt;, scores array&lt;float&gt;), best first. The pieces:
 * {@link BlockScorer} holds a block and its scores, {@link BoundedTopK} one learner's k best.
 */
final class TopK {
  static final String ITEMS = "items";
  static final String SCORES = "scores";
  static final String SEEN = "seen";
  static final String FEATURES = "features";
  static final StructType TYPE = new StructType()
      .add(IndexedInteractions.USER, DataTypes.IntegerType, false)
      .add(ITEMS, DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add(SCORES, DataTypes.createArrayType(DataTypes.FloatType, false));
  private static final int BLOCK = 256;

  private TopK() {}

  /**
   * @param rows (user, features array&lt;float&gt; or null, seen array&lt;int&gt;): who to recommend for, their
   *             factors when the scorer reads them, and the courses never to recommend to them (also the
   *             courses EASE scores from)
   */
  static Dataset<Row> of(Broadcast<CourseScores> scores, Dataset<Row> rows, int k) {
    return rows.select(col(IndexedInteractions.USER), col(FEATURES), col(SEEN))
        .mapPartitions(new ScoreBlocks(scores, k), Encoders.row(TYPE));
  }

  /**
   * The most popular courses (by number of learners in {@code popularityFrom}) that each learner has not
   * seen.
   */
  static Dataset<Row> mostPopular(Dataset<Row> popularityFrom, Dataset<Row> seen, int k) {
    List<Row> counts = popularityFrom.groupBy(col(IndexedInteractions.COURSE)).count()
        .orderBy(col("count").desc(), col(IndexedInteractions.COURSE)).collectAsList();
    int[] order = new int[counts.size()];
    float[] popularity = new float[counts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = counts.get(i).getInt(0);
      popularity[i] = counts.get(i).getLong(1);
    }
    Broadcast<Popularity> ranking = JavaSparkContext.fromSparkContext(seen.sparkSession().sparkContext())
        .broadcast(new Popularity(order, popularity));
    int top = k;
    MapFunction<Row, Row> walk = row -> {
      List<Integer> seenList = row.getList(1);
      int[] seenSorted = seenList.stream().mapToInt(Integer::intValue).sorted().toArray();
      Popularity p = ranking.value();
      List<Integer> best = new ArrayList<>(top);
      List<Float> scores = new ArrayList<>(top);
      for (int i = 0; i < p.order().length && best.size() < top; i++) {
        if (Arrays.binarySearch(seenSorted, p.order()[i]) < 0) {
          best.add(p.order()[i]);
          scores.add(p.counts()[i]);
        }
      }
      return RowFactory.create(row.getInt(0), seq(best), seq(scores));
    };
    return seen.select(col(IndexedInteractions.USER), col(SEEN)).map(walk, Encoders.row(TYPE));
  }

  /** Row encoders take Scala sequences for arrays. */
  static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  /** Broadcast payloads are plain classes: Kryo cannot build records. */
  static final class Popularity implements Serializable {
    private final int[] order;
    private final float[] counts;

    Popularity(int[] order, float[] counts) {
      this.order = order;
      this.counts = counts;
    }

    int[] order() {
      return order;
    }

    float[] counts() {
      return counts;
    }
  }

  /** Reads a partition's rows into blocks, scores each block and emits each learner's k best unseen courses. */
  private record ScoreBlocks(Broadcast<CourseScores> model, int k) implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      CourseScores scores = model.value();
      BlockScorer block = new BlockScorer(scores, BLOCK);
      BoundedTopK best = new BoundedTopK(k, scores.known);
      List<Row> out = new ArrayList<>(BLOCK);
      return new Iterator<>() {
        private Iterator<Row> ready = out.iterator();

        @Override
        public boolean hasNext() {
          if (!ready.hasNext() && rows.hasNext()) {
            fill();
          }
          return ready.hasNext();
        }

        @Override
        public Row next() {
          hasNext();
          return ready.next();
        }

        private void fill() {
          out.clear();
          block.clear();
          while (!block.isFull() && rows.hasNext()) {
            Row row = rows.next();
            block.add(row.getInt(0), block.readsFeatures() ? row.getList(1) : null, seen(row));
          }
          block.score();
          for (int b = 0; b < block.size(); b++) {
            best.select(block.scores(), block.offset(b), block.seen(b));
            out.add(RowFactory.create(block.user(b), seq(best.courses()), seq(best.scores())));
          }
          ready = out.iterator();
        }
      };
    }

    private static int[] seen(Row row) {
      return row.isNullAt(2) ? new int[0] : row.<Integer>getList(2).stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
