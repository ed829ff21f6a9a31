package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedTopKTest {
  private static final int[] NONE = {};

  private static boolean[] allKnown(int count) {
    boolean[] known = new boolean[count];
    Arrays.fill(known, true);
    return known;
  }

  private static BoundedTopK select(int k, float[] row, int... seen) {
    BoundedTopK top = new BoundedTopK(k, allKnown(row.length));
    top.select(row, 0, seen);
    return top;
  }

  @Test
  void keepsTheBestFirst() {
    BoundedTopK top = select(3, new float[] {0.5f, 2f, -1f, 3f, 1f});
    assertEquals(List.of(3, 1, 4), top.courses());
    assertEquals(List.of(3f, 2f, 1f), top.scores());
  }

  @Test
  void tiesGoToTheLowerCourse() {
    BoundedTopK top = select(3, new float[] {1f, 2f, 1f, 2f, 1f});
    assertEquals(List.of(1, 3, 0), top.courses());
    // Full, and a later equal score does not displace the last kept one.
    assertEquals(List.of(1, 3), select(2, new float[] {1f, 2f, 1f, 2f, 2f}).courses());
    assertEquals(List.of(0, 1, 2), select(3, new float[] {0f, 0f, 0f, 0f}).courses());
  }

  @Test
  void skipsSeenAndUnknownCourses() {
    float[] row = {5f, 4f, 3f, 2f, 1f};
    assertEquals(List.of(1, 3, 4), select(3, row, 0, 2).courses());
    BoundedTopK top = new BoundedTopK(3, new boolean[] {true, false, true, true, true});
    top.select(row, 0, new int[] {0});
    assertEquals(List.of(2, 3, 4), top.courses());
    assertEquals(List.of(3f, 2f, 1f), top.scores());
  }

  @Test
  void aRowsSeenCoursesDoNotCarryOverToTheNextRow() {
    BoundedTopK top = new BoundedTopK(2, allKnown(3));
    float[] rows = {3f, 2f, 1f, 1f, 2f, 3f};
    top.select(rows, 0, new int[] {0, 1});
    assertEquals(List.of(2), top.courses());
    top.select(rows, 3, NONE);
    assertEquals(List.of(2, 1), top.courses());
    assertEquals(List.of(3f, 2f), top.scores());
  }

  @Test
  void fewerCandidatesThanKGivesThemAll() {
    BoundedTopK top = select(4, new float[] {1f, 3f, 2f, 4f, 5f}, 4, 0);
    assertEquals(List.of(3, 1, 2), top.courses());
    assertEquals(List.of(4f, 3f, 2f), top.scores());
  }

  @Test
  void kLargerThanTheCoursesGivesEveryCourse() {
    BoundedTopK top = select(10, new float[] {-2f, 7f, 0f});
    assertEquals(List.of(1, 2, 0), top.courses());
    assertEquals(List.of(7f, 0f, -2f), top.scores());
  }

  @Test
  void allSeenGivesNothing() {
    BoundedTopK top = select(3, new float[] {1f, 2f, 3f}, 2, 0, 1);
    assertEquals(List.of(), top.courses());
    assertEquals(List.of(), top.scores());
    assertEquals(List.of(), select(3, new float[0]).courses());
  }

  /** A course without a score (NaN) is never recommended and blocks nothing, wherever it stands in the row. */
  @Test
  void coursesWithoutAScoreAreLeftOut() {
    assertEquals(List.of(3, 1, 2), select(3, new float[] {Float.NaN, 5f, 3f, 10f}).courses());
    assertEquals(List.of(2, 0), select(3, new float[] {5f, Float.NaN, 7f}).courses());
    assertEquals(List.of(2, 0), select(2, new float[] {1f, Float.NaN, 9f}).courses());
    assertEquals(List.of(0, 1, 2), select(3, new float[] {5f, 3f, 1f, Float.NaN, 0f}).courses());
    assertEquals(List.of(), select(2, new float[] {Float.NaN, Float.NaN}).courses());
  }

  @Test
  void matchesASortOfTheCandidatesOnRandomRows() {
    Random random = new Random(20240611);
    for (int trial = 0; trial < 500; trial++) {
      int count = 1 + random.nextInt(40);
      int k = 1 + random.nextInt(50);
      int rows = 1 + random.nextInt(4);
      float[] scores = new float[rows * count];
      for (int i = 0; i < scores.length; i++) {
        // Small integers make ties common.
        scores[i] = random.nextBoolean() ? random.nextInt(5) : (float) random.nextGaussian();
      }
      boolean[] known = new boolean[count];
      for (int c = 0; c < count; c++) {
        known[c] = random.nextInt(10) > 0;
      }
      BoundedTopK top = new BoundedTopK(k, known);
      for (int r = 0; r < rows; r++) {
        int[] seen = random.ints(random.nextInt(count + 1), 0, count).toArray();
        top.select(scores, r * count, seen);
        List<Integer> expected = bruteForce(scores, r * count, known, seen, k);
        String what = "trial " + trial + " row " + r;
        assertEquals(expected, top.courses(), what);
        List<Float> expectedScores = new ArrayList<>();
        for (int course : expected) {
          expectedScores.add(scores[r * count + course]);
        }
        assertEquals(expectedScores, top.scores(), what);
      }
    }
  }

  private static List<Integer> bruteForce(float[] scores, int offset, boolean[] known, int[] seen, int k) {
    List<Integer> candidates = new ArrayList<>();
    for (int c = 0; c < known.length; c++) {
      int course = c;
      if (known[c] && Arrays.stream(seen).noneMatch(s -> s == course)) {
        candidates.add(c);
      }
    }
    candidates.sort((a, b) -> {
      float x = scores[offset + a];
      float y = scores[offset + b];
      return x > y ? -1 : x < y ? 1 : Integer.compare(a, b);
    });
    return candidates.subList(0, Math.min(k, candidates.size()));
  }
}
