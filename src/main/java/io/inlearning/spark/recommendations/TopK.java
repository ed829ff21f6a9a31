package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The best k courses per learner that the learner has not interacted with. Exact, without asking the model
 * for "k + some margin" candidates: the item factors are broadcast, learners are scored in blocks of 256
 * against every course with one matrix product (BLAS sgemm, as Spark's recommendForAll does), the
 * learner's seen courses are masked out, and a bounded insertion keeps the k best (ties: lower index).
 * Output: (user, items array&lt;int&gt;, scores array&lt;float&gt;), best first.
 */
final class TopK {
  static final String ITEMS = "items";
  static final String SCORES = "scores";
  static final String SEEN = "seen";
  static final StructType TYPE = new StructType()
      .add(IndexedInteractions.USER, DataTypes.IntegerType, false)
      .add(ITEMS, DataTypes.createArrayType(DataTypes.IntegerType, false))
      .add(SCORES, DataTypes.createArrayType(DataTypes.FloatType, false));
  private static final int BLOCK = 256;

  private TopK() {}

  /**
   * @param learners (user) rows: who to recommend for
   * @param seen     (user, seen array&lt;int&gt;): courses never to recommend to that learner
   */
  static Dataset<Row> fromModel(ALSModel model, Dataset<Row> learners, Dataset<Row> seen, int courseCount, int k) {
    int rank = model.rank();
    float[] factors = new float[rank * courseCount];
    boolean[] known = new boolean[courseCount];
    for (Row row : model.itemFactors().collectAsList()) {
      int item = row.getInt(0);
      List<Float> vector = row.getList(1);
      for (int j = 0; j < rank; j++) {
        factors[item * rank + j] = vector.get(j);
      }
      known[item] = true;
    }
    Broadcast<ItemFactors> items = JavaSparkContext.fromSparkContext(learners.sparkSession().sparkContext())
        .broadcast(new ItemFactors(rank, courseCount, factors, known));
    Dataset<Row> rows = model.userFactors()
        .join(learners.select(col(IndexedInteractions.USER)),
            col("id").equalTo(col(IndexedInteractions.USER)))
        .join(seen, IndexedInteractions.USER)
        .select(col(IndexedInteractions.USER), col("features"), col(SEEN));
    return rows.mapPartitions(new ScoreBlocks(items, k), Encoders.row(TYPE));
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
  static final class ItemFactors implements Serializable {
    private final int rank;
    private final int count;
    private final float[] factors;
    private final boolean[] known;

    ItemFactors(int rank, int count, float[] factors, boolean[] known) {
      this.rank = rank;
      this.count = count;
      this.factors = factors;
      this.known = known;
    }

    int rank() {
      return rank;
    }

    int count() {
      return count;
    }

    float[] factors() {
      return factors;
    }

    boolean[] known() {
      return known;
    }
  }

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

  /** Scores blocks of learners against all courses and keeps each learner's k best unseen ones. */
  private record ScoreBlocks(Broadcast<ItemFactors> items, int k) implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ItemFactors f = items.value();
      BLAS blas = BLAS.getInstance();
      float[] users = new float[f.rank() * BLOCK];
      float[] scores = new float[f.count() * BLOCK];
      boolean[] excluded = new boolean[f.count()];
      int[] ids = new int[BLOCK];
      List<List<Integer>> seen = new ArrayList<>(BLOCK);
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
          seen.clear();
          int n = 0;
          while (n < BLOCK && rows.hasNext()) {
            Row row = rows.next();
            ids[n] = row.getInt(0);
            List<Float> vector = row.getList(1);
            for (int j = 0; j < f.rank(); j++) {
              users[n * f.rank() + j] = vector.get(j);
            }
            seen.add(row.isNullAt(2) ? List.of() : row.getList(2));
            n++;
          }
          // scores (count x n, column-major) = itemFactors^T (count x rank) * users (rank x n)
          blas.sgemm("T", "N", f.count(), n, f.rank(), 1f, f.factors(), f.rank(), users, f.rank(), 0f, scores,
              f.count());
          for (int b = 0; b < n; b++) {
            for (int item : seen.get(b)) {
              excluded[item] = true;
            }
            out.add(best(ids[b], b * f.count()));
            for (int item : seen.get(b)) {
              excluded[item] = false;
            }
          }
          ready = out.iterator();
        }

        private Row best(int user, int offset) {
          int[] topItems = new int[k];
          float[] topScores = new float[k];
          int size = 0;
          for (int item = 0; item < f.count(); item++) {
            if (excluded[item] || !f.known()[item]) {
              continue;
            }
            float score = scores[offset + item];
            if (size == k && !(score > topScores[k - 1])) {
              continue;
            }
            int at = size == k ? k - 1 : size++;
            while (at > 0 && score > topScores[at - 1]) {
              topScores[at] = topScores[at - 1];
              topItems[at] = topItems[at - 1];
              at--;
            }
            topScores[at] = score;
            topItems[at] = item;
          }
          List<Integer> itemList = new ArrayList<>(size);
          List<Float> scoreList = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            itemList.add(topItems[i]);
            scoreList.add(topScores[i]);
          }
          return RowFactory.create(user, seq(itemList), seq(scoreList));
        }
      };
    }
  }
}
