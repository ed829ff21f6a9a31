package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockScorerTest {
  private static final int CAPACITY = 8;
  /** Two full blocks and a short last one. */
  private static final int LEARNERS = 2 * CAPACITY + 5;

  private static float[] randomFloats(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }

  private static boolean[] allKnown(int count) {
    boolean[] known = new boolean[count];
    Arrays.fill(known, true);
    return known;
  }

  @Test
  void alsBlocksMatchATripleLoop() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int rank = 1 + random.nextInt(8);
      int count = 1 + random.nextInt(15);
      float[] factors = randomFloats(random, rank * count);
      float[][] learners = new float[LEARNERS][];
      for (int u = 0; u < LEARNERS; u++) {
        learners[u] = randomFloats(random, rank);
      }
      BlockScorer block = new BlockScorer(new CourseScores.Als(rank, count, factors, allKnown(count)), CAPACITY);
      float[] fullBlockTail = null;
      for (int first = 0; first < LEARNERS; first += CAPACITY) {
        block.clear();
        for (int u = first; u < LEARNERS && !block.isFull(); u++) {
          block.add(100 + u, boxed(learners[u]), new int[] {u % count});
        }
        block.score();
        int n = Math.min(CAPACITY, LEARNERS - first);
        assertEquals(n, block.size());
        for (int b = 0; b < n; b++) {
          assertEquals(100 + first + b, block.user(b));
          assertArrayEquals(new int[] {(first + b) % count}, block.seen(b));
          for (int c = 0; c < count; c++) {
            double expected = 0;
            for (int j = 0; j < rank; j++) {
              expected += learners[first + b][j] * factors[c * rank + j];
            }
            assertEquals(expected, block.scores()[block.offset(b) + c], 1e-5,
                "trial " + trial + " learner " + (first + b) + " course " + c);
          }
        }
        float[] tail = Arrays.copyOfRange(block.scores(), LEARNERS % CAPACITY * count, CAPACITY * count);
        if (n < CAPACITY) {
          assertArrayEquals(fullBlockTail, tail, "the short block scores only its own learners");
        }
        fullBlockTail = tail;
      }
    }
  }

  @Test
  void easeBlocksSumTheWeightRowsOfTheSeenCourses() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      int count = 1 + random.nextInt(15);
      float[] weights = randomFloats(random, count * count);
      int[][] taken = new int[LEARNERS][];
      for (int u = 0; u < LEARNERS; u++) {
        taken[u] = random.ints(random.nextInt(count + 1), 0, count).distinct().toArray();
      }
      BlockScorer block = new BlockScorer(new CourseScores.Ease(count, weights, allKnown(count)), CAPACITY);
      for (int first = 0; first < LEARNERS; first += CAPACITY) {
        block.clear();
        for (int u = first; u < LEARNERS && !block.isFull(); u++) {
          block.add(u, null, taken[u]);
        }
        block.score();
        assertEquals(Math.min(CAPACITY, LEARNERS - first), block.size());
        for (int b = 0; b < block.size(); b++) {
          for (int c = 0; c < count; c++) {
            double expected = 0;
            for (int course : taken[first + b]) {
              expected += weights[course * count + c];
            }
            assertEquals(expected, block.scores()[block.offset(b) + c], 1e-5,
                "trial " + trial + " learner " + (first + b) + " course " + c);
          }
        }
      }
    }
  }

  /** The hybrid reuses one working buffer for every block: each block's scores match a fresh computation. */
  @Test
  void hybridBlocksMixTheStandardisedScoresOfBothModels() {
    Random random = new Random(13);
    for (int trial = 0; trial < 20; trial++) {
      int rank = 1 + random.nextInt(6);
      int count = 2 + random.nextInt(12);
      float[] factors = randomFloats(random, rank * count);
      float[] weights = randomFloats(random, count * count);
      float[][] learners = new float[LEARNERS][];
      int[][] taken = new int[LEARNERS][];
      for (int u = 0; u < LEARNERS; u++) {
        learners[u] = randomFloats(random, rank);
        taken[u] = random.ints(1 + random.nextInt(count), 0, count).distinct().toArray();
      }
      double share = random.nextDouble();
      CourseScores.Hybrid hybrid = new CourseScores.Hybrid(new CourseScores.Als(rank, count, factors,
          allKnown(count)), new CourseScores.Ease(count, weights, allKnown(count)), share);
      BlockScorer block = new BlockScorer(hybrid, CAPACITY);
      for (int first = 0; first < LEARNERS; first += CAPACITY) {
        block.clear();
        for (int u = first; u < LEARNERS && !block.isFull(); u++) {
          block.add(u, boxed(learners[u]), taken[u]);
        }
        block.score();
        for (int b = 0; b < block.size(); b++) {
          double[] als = new double[count];
          double[] ease = new double[count];
          for (int c = 0; c < count; c++) {
            for (int j = 0; j < rank; j++) {
              als[c] += learners[first + b][j] * factors[c * rank + j];
            }
            for (int course : taken[first + b]) {
              ease[c] += weights[course * count + c];
            }
          }
          standardise(als);
          standardise(ease);
          for (int c = 0; c < count; c++) {
            assertEquals(share * ease[c] + (1 - share) * als[c], block.scores()[block.offset(b) + c], 1e-4,
                "trial " + trial + " learner " + (first + b) + " course " + c);
          }
        }
      }
    }
  }

  private static void standardise(double[] scores) {
    double mean = Arrays.stream(scores).average().orElse(0);
    double sd = Math.sqrt(Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).average().orElse(0));
    for (int c = 0; c < scores.length; c++) {
      scores[c] = (scores[c] - mean) / (sd > 0 ? sd : 1);
    }
  }

  private static List<Float> boxed(float[] values) {
    List<Float> list = new ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return list;
  }
}
