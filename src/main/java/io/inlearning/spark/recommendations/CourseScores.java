package io.inlearning.spark.recommendations;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Scores a block of learners against every course; broadcast to the tasks of {@link TopK}. Each algorithm
 * reads what it needs of a learner: ALS the learner's factors, EASE the courses the learner took.
 * Broadcast payloads are plain classes: Kryo cannot build records.
 */
abstract class CourseScores implements Serializable {
  final int count;
  /** Courses that may be recommended: those the model was trained on. */
  final boolean[] known;

  CourseScores(int count, boolean[] known) {
    this.count = count;
    this.known = known;
  }

  /** Rank of the learner features this scorer reads (0: none). */
  abstract int rank();

  /**
   * Writes learner b's score of course c to {@code out[b * count + c]}, for b below n.
   *
   * @param features learner b's factors at {@code features[b * rank()]}
   * @param taken    the courses each learner took (the model's input for EASE)
   * @param scratch  {@link #scratchSize} floats of working space, owned by the caller (a model is shared by the
   *                 task threads of one JVM)
   */
  abstract void score(int n, float[] features, int[][] taken, float[] out, float[] scratch);

  /** The working space {@link #score} needs for blocks of up to {@code capacity} learners. */
  int scratchSize(int capacity) {
    return 0;
  }

  /** ALS: the dot product of learner and course factors, a block at a time with one sgemm. */
  static final class Als extends CourseScores {
    private final int rank;
    private final float[] factors;

    Als(int rank, int count, float[] factors, boolean[] known) {
      super(count, known);
      this.rank = rank;
      this.factors = factors;
    }

    @Override
    int rank() {
      return rank;
    }

    float[] factors() {
      return factors;
    }

    @Override
    void score(int n, float[] features, int[][] taken, float[] out, float[] scratch) {
      // out (count x n, column-major) = factors^T (count x rank) * features (rank x n)
      BLAS.getInstance().sgemm("T", "N", count, n, rank, 1f, factors, rank, features, rank, 0f, out, count);
    }
  }

  /** EASE: the sum of the weight rows of the courses the learner took (X·B, with X binary). */
  static final class Ease extends CourseScores {
    /** Row-major count x count: weights[i * count + j] is what taking course i adds to course j. */
    private final float[] weights;

    Ease(int count, float[] weights, boolean[] known) {
      super(count, known);
      this.weights = weights;
    }

    @Override
    int rank() {
      return 0;
    }

    float[] weights() {
      return weights;
    }

    @Override
    void score(int n, float[] features, int[][] taken, float[] out, float[] scratch) {
      BLAS blas = BLAS.getInstance();
      for (int b = 0; b < n; b++) {
        Arrays.fill(out, b * count, (b + 1) * count, 0f);
        for (int course : taken[b]) {
          blas.saxpy(count, 1f, weights, course * count, 1, out, b * count, 1);
        }
      }
    }
  }

  /**
   * Both, each standardised over the learner's known courses (their scales differ), mixed as
   * {@code easeShare * ease + (1 - easeShare) * als}.
   */
  static final class Hybrid extends CourseScores {
    private final Als als;
    private final Ease ease;
    private final float easeShare;

    Hybrid(Als als, Ease ease, double easeShare) {
      super(als.count, both(als.known, ease.known));
      this.als = als;
      this.ease = ease;
      this.easeShare = (float) easeShare;
    }

    private static boolean[] both(boolean[] a, boolean[] b) {
      boolean[] known = new boolean[a.length];
      for (int i = 0; i < known.length; i++) {
        known[i] = a[i] && b[i];
      }
      return known;
    }

    @Override
    int rank() {
      return als.rank();
    }

    /** EASE's scores of the block, beside ALS's in the output. */
    @Override
    int scratchSize(int capacity) {
      return count * capacity;
    }

    @Override
    void score(int n, float[] features, int[][] taken, float[] out, float[] scratch) {
      float[] easeScores = scratch;
      als.score(n, features, taken, out, null);
      ease.score(n, features, taken, easeScores, null);
      for (int b = 0; b < n; b++) {
        standardise(out, b * count);
        standardise(easeScores, b * count);
        for (int c = b * count; c < (b + 1) * count; c++) {
          out[c] = easeShare * easeScores[c] + (1 - easeShare) * out[c];
        }
      }
    }

    private void standardise(float[] scores, int offset) {
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (int c = 0; c < count; c++) {
        if (known[c]) {
          double s = scores[offset + c];
          sum += s;
          squares += s * s;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(squares / n - mean * mean, 0));
      float scale = (float) (sd > 0 ? 1 / sd : 1);
      for (int c = 0; c < count; c++) {
        scores[offset + c] = (float) ((scores[offset + c] - mean) * scale);
      }
    }
  }
}
