package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import dev.ludovic.netlib.lapack.LAPACK;
import io.inlearning.spark.errors.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.netlib.util.intW;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019) on binary interactions X
 * (learner x course): G = XᵀX is summed over learners by Spark ({@link RowMatrix#computeGramianMatrix}, one
 * sparse outer product per learner, tree-aggregated), then on the driver P = (G + λI)⁻¹ by Cholesky
 * (LAPACK dpotrf + dpotri) and B = I - P·diag(1/diag(P)) with a zero diagonal. A learner's scores are the
 * sum of the rows of B of the courses they took.
 */
final class EaseTraining {
  /**
   * Bytes of driver heap per course² while choosing λ on three validation folds: their Gram matrices
   * (floats), one inverse being computed (doubles), the weights of the best and of the current λ on each
   * fold, and their broadcast copies (floats).
   */
  static final long BYTES_PER_CELL = 64;
  /** Share of the driver heap EASE may take. */
  static final double HEAP_SHARE = 0.6;
  /** RowMatrix's Gram matrix has at most this many columns. */
  static final int MAX_COURSES = 65_535;

  /**
   * The Gram matrix of a training set (column-major, symmetric; co-occurrence counts, exact in floats below
   * 2^24 learners) and which courses it has seen.
   */
  record Gram(int count, float[] values, boolean[] known) {}

  private EaseTraining() {}

  static long bytesNeeded(long courses) {
    return BYTES_PER_CELL * courses * courses;
  }

  /**
   * How many folds' weights model selection inverts at once: one per driver core, up to {@code folds}, while
   * each extra inverse being computed (8 bytes per cell) still fits beside {@link #bytesNeeded}. The inversion
   * is the driver's alone (no Spark job runs meanwhile) and netlib's pure-Java LAPACK uses one thread.
   */
  static int inversionsAtOnce(long courses, long maxHeapBytes, int cores, int folds) {
    int atOnce = Math.max(1, Math.min(cores, folds));
    while (atOnce > 1 && bytesNeeded(courses) + (atOnce - 1) * 8L * courses * courses > HEAP_SHARE * maxHeapBytes) {
      atOnce--;
    }
    return atOnce;
  }

  /** Why EASE cannot run on this driver for that many courses; empty when it can. */
  static Optional<String> tooLarge(long courses, long maxHeapBytes) {
    if (courses > MAX_COURSES) {
      return Optional.of(String.format(Locale.ROOT, "EASE handles at most %,d courses, this catalogue has %,d",
          MAX_COURSES, courses));
    }
    long needed = bytesNeeded(courses);
    if (needed > HEAP_SHARE * maxHeapBytes) {
      return Optional.of(String.format(Locale.ROOT, "EASE needs about %.1f GiB of driver heap for %,d courses (a "
          + "%,d x %,d matrix), this driver has %.1f GiB, at most 60 %% of which may go to it",
          needed / 1073741824.0, courses, courses, courses, maxHeapBytes / 1073741824.0));
    }
    return Optional.empty();
  }

  /** Refuses, before any work, a catalogue whose matrix would not fit the driver. */
  static void checkFits(long courses) {
    tooLarge(courses, Runtime.getRuntime().maxMemory()).ifPresent(reason -> {
      throw InvalidRequestException.setting("algorithm", "cannot be EASE or the hybrid here: " + reason
          + "; ask for ALS, or give the driver more memory");
    });
  }

  /** G = XᵀX of the (user, course, ...) rows, X binary. */
  static Gram gram(Dataset<Row> ratings, int count) {
    JavaRDD<Vector> rows = ratings.groupBy(col(IndexedInteractions.USER))
        .agg(collect_list(col(IndexedInteractions.COURSE)).as("courses"))
        .javaRDD()
        .map(row -> {
          int[] courses = row.<Integer>getList(1).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
          double[] ones = new double[courses.length];
          Arrays.fill(ones, 1.0);
          return Vectors.sparse(count, courses, ones);
        });
    double[] gram = new RowMatrix(rows.rdd(), 0, count).computeGramianMatrix().toArray();
    float[] values = new float[gram.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) gram[i];
    }
    boolean[] known = new boolean[count];
    for (int i = 0; i < count; i++) {
      known[i] = values[i * count + i] > 0;
    }
    return new Gram(count, values, known);
  }

  /** B for one λ, row-major floats (weights[i * n + j] = B_ij). */
  static float[] weights(Gram gram, double lambda) {
    int n = gram.count();
    float[] g = gram.values();
    double[] p = new double[g.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = g[i];
    }
    for (int i = 0; i < n; i++) {
      p[i * n + i] += lambda;
    }
    intW info = new intW(0);
    LAPACK lapack = LAPACK.getInstance();
    lapack.dpotrf("U", n, p, n, info);
    if (info.val == 0) {
      lapack.dpotri("U", n, p, n, info);
    }
    if (info.val != 0) {
      throw new IllegalStateException("EASE: G + " + lambda + "I is not positive definite (LAPACK info "
          + info.val + ")");
    }
    // The upper triangle of P (column-major) holds P_ij for i <= j at p[j * n + i].
    float[] weights = new float[n * n];
    for (int j = 0; j < n; j++) {
      double diagonal = p[j * n + j];
      for (int i = 0; i < n; i++) {
        if (i != j) {
          double pij = i <= j ? p[j * n + i] : p[i * n + j];
          weights[i * n + j] = (float) (-pij / diagonal);
        }
      }
    }
    return weights;
  }

  /** The λ walk of {@link ModelSelection} in powers of ten: where it starts, and its bounds (1 to 100,000). */
  static final double START_EXPONENT = 2.5;
  static final double MIN_EXPONENT = 0;
  static final double MAX_EXPONENT = 5;

  /** 10^exponent to three significant digits (316, 562, 1000, 1780...). */
  static double lambda(double exponent) {
    return ModelSelection.tenTo(exponent);
  }
}
