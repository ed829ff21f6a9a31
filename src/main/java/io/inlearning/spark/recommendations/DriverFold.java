package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A validation fold's held-out learners, copied to the driver once: the courses each took in the fold's
 * training part and the ones held out. Model selection scores every candidate on every fold (33 scorings on
 * MovieLens-100k); through Spark each scoring is a few joins, a mapPartitions and a RankingEvaluator, about a
 * second of scheduling for milliseconds of arithmetic on a small training share. Here the same
 * {@link CourseScores}, {@link BlockScorer} and {@link BoundedTopK} rank the learners in the driver, and NDCG@k
 * is computed as Spark's {@code RankingMetrics.ndcgAt} computes it with binary relevance, so both paths give the
 * same figure (DriverFoldTest compares them). Only for folds of at most {@link #MAX_CELLS} learner-course
 * scores; larger ones stay distributed.
 */
final class DriverFold {
  /** Learner-course scores per candidate, on one driver thread (MovieLens-100k's 1.6 M: about 60 ms). */
  static final long MAX_CELLS = 20_000_000L;
  private static final int BLOCK = 256;

  private final int[] users;
  /** Training courses of each learner, or null for a learner without any (no recommendation, NDCG 0). */
  private final int[][] seen;
  /** Held-out courses of each learner, sorted. */
  private final int[][] relevant;

  private DriverFold(int[] users, int[][] seen, int[][] relevant) {
    this.users = users;
    this.seen = seen;
    this.relevant = relevant;
  }

  /** The fold on the driver, or null when scoring it there would cost more than {@link #MAX_CELLS}. */
  static DriverFold of(StratifiedSplit split, int courses) {
    if (split.testUsers * (long) courses > MAX_CELLS) {
      return null;
    }
    List<Row> rows = split.relevant().join(split.trainSeen(), IndexedInteractions.USER, "left")
        .select(col(IndexedInteractions.USER), col(TopK.SEEN), col(RankingEvaluation.RELEVANT))
        .collectAsList();
    int[] users = new int[rows.size()];
    int[][] seen = new int[rows.size()][];
    int[][] relevant = new int[rows.size()][];
    for (int i = 0; i < users.length; i++) {
      Row row = rows.get(i);
      users[i] = row.getInt(0);
      seen[i] = row.isNullAt(1) ? null : row.<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray();
      relevant[i] = row.<Double>getList(2).stream().mapToInt(Double::intValue).sorted().toArray();
    }
    return new DriverFold(users, seen, relevant);
  }

  /** Mean NDCG@k of the model's top k over the held-out learners (0 for a learner it cannot rank). */
  double ndcg(RecommendationModel model, int k) {
    CourseScores scores = model.scores();
    float[][] factors = scores.rank() > 0 ? model.learnerFactors() : null;
    BlockScorer block = new BlockScorer(scores, BLOCK);
    BoundedTopK best = new BoundedTopK(k, scores.known);
    int[] rows = new int[BLOCK];
    double sum = 0;
    int next = 0;
    while (next < users.length) {
      block.clear();
      int size = 0;
      for (; next < users.length && !block.isFull(); next++) {
        float[] vector = factors == null ? null : users[next] < factors.length ? factors[users[next]] : null;
        if (seen[next] != null && (factors == null || vector != null)) {
          block.addFactors(users[next], vector, seen[next]);
          rows[size++] = next;
        }
      }
      block.score();
      for (int b = 0; b < size; b++) {
        best.select(block.scores(), block.offset(b), block.seen(b));
        sum += ndcg(best, relevant[rows[b]], k);
      }
    }
    return users.length == 0 ? 0 : sum / users.length;
  }

  /** As Spark's RankingMetrics.ndcgAt with binary relevance: DCG over the ideal DCG of min(|relevant|, k). */
  static double ndcg(BoundedTopK best, int[] relevant, int k) {
    double dcg = 0;
    double ideal = 0;
    for (int i = 0; i < Math.min(Math.max(best.size(), relevant.length), k); i++) {
      double gain = 1 / Math.log(i + 2);
      if (i < best.size() && Arrays.binarySearch(relevant, best.course(i)) >= 0) {
        dcg += gain;
      }
      if (i < relevant.length) {
        ideal += gain;
      }
    }
    return dcg / ideal;
  }
}
