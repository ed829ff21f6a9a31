package io.inlearning.spark.recommendations;

import java.util.ArrayList;
import java.util.List;

/**
 * The k best courses of one learner's score row and their scores, best first, never a seen course, one the
 * model does not know, or one without a score (NaN, which every comparison would let stand wherever it landed).
 * Ties go to the lower course index. A bounded insertion rather than a sort or a heap: most
 * courses cost one comparison with the k-th score, nothing is boxed, and the tie order falls out of it.
 */
final class BoundedTopK {
  private final int k;
  /** Courses that may be recommended; its length is the number of courses in a row. */
  private final boolean[] known;
  /** The current row's seen courses: set by {@link #select}, cleared before it returns. */
  private final boolean[] excluded;
  private final int[] bestCourses;
  private final float[] bestScores;
  private int size;

  BoundedTopK(int k, boolean[] known) {
    this.k = k;
    this.known = known;
    this.excluded = new boolean[known.length];
    this.bestCourses = new int[k];
    this.bestScores = new float[k];
  }

  /** Keeps the k best of {@code row[offset + c]} over the known courses c not in {@code seen} that have a score. */
  void select(float[] row, int offset, int[] seen) {
    for (int course : seen) {
      excluded[course] = true;
    }
    size = 0;
    for (int course = 0; course < known.length; course++) {
      float score = row[offset + course];
      if (!excluded[course] && known[course] && !Float.isNaN(score)) {
        offer(course, score);
      }
    }
    for (int course : seen) {
      excluded[course] = false;
    }
  }

  /** Courses come in index order, so a score equal to a kept one goes after it (or nowhere, when k are kept). */
  private void offer(int course, float score) {
    if (size == k && !(score > bestScores[k - 1])) {
      return;
    }
    int at = size == k ? k - 1 : size++;
    while (at > 0 && score > bestScores[at - 1]) {
      bestScores[at] = bestScores[at - 1];
      bestCourses[at] = bestCourses[at - 1];
      at--;
    }
    bestScores[at] = score;
    bestCourses[at] = course;
  }

  /** How many courses the last row kept: min(k, candidates). */
  int size() {
    return size;
  }

  /** The last row's i-th best course. */
  int course(int i) {
    return bestCourses[i];
  }

  /** The last row's kept courses, best first: min(k, candidates) of them. */
  List<Integer> courses() {
    List<Integer> courses = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      courses.add(bestCourses[i]);
    }
    return courses;
  }

  /** The scores of {@link #courses()}, in the same order. */
  List<Float> scores() {
    List<Float> scores = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      scores.add(bestScores[i]);
    }
    return scores;
  }
}
