package io.inlearning.spark.recommendations;

import java.util.List;

/**
 * A block of learners (ids, factors, seen courses) and their scores against every course, in the layout
 * {@link CourseScores#score} reads and writes: learner b's factors at {@code b * rank}, its score of course c at
 * {@code b * count + c}. The buffers live as long as the block and are refilled for each one; a block is scored
 * with one call (one sgemm for ALS).
 */
final class BlockScorer {
  private final CourseScores model;
  private final int rank;
  private final int[] users;
  private final float[] features;
  private final int[][] seen;
  private final float[] scores;
  private final float[] scratch;
  private int size;

  BlockScorer(CourseScores model, int capacity) {
    this.model = model;
    this.rank = model.rank();
    this.users = new int[capacity];
    this.features = new float[Math.max(rank, 1) * capacity];
    this.seen = new int[capacity][];
    this.scores = new float[model.count * capacity];
    this.scratch = new float[model.scratchSize(capacity)];
  }

  /** Whether {@link #add} reads the learner's factors (ALS, hybrid) or not (EASE: they may be null). */
  boolean readsFeatures() {
    return rank > 0;
  }

  void clear() {
    size = 0;
  }

  boolean isFull() {
    return size == users.length;
  }

  int size() {
    return size;
  }

  /** @param seenCourses the courses never to recommend to the learner, also those EASE scores from */
  void add(int user, List<Float> vector, int[] seenCourses) {
    for (int j = 0; j < rank; j++) {
      features[size * rank + j] = vector.get(j);
    }
    add(user, seenCourses);
  }

  /** {@link #add} with the factors as an array (null when the scorer does not read them). */
  void addFactors(int user, float[] vector, int[] seenCourses) {
    if (rank > 0) {
      System.arraycopy(vector, 0, features, size * rank, rank);
    }
    add(user, seenCourses);
  }

  private void add(int user, int[] seenCourses) {
    users[size] = user;
    seen[size] = seenCourses;
    size++;
  }

  /** Scores the learners added since {@link #clear}; learner b's row then starts at {@link #offset}(b). */
  void score() {
    model.score(size, features, seen, scores, scratch);
  }

  int user(int b) {
    return users[b];
  }

  int[] seen(int b) {
    return seen[b];
  }

  int offset(int b) {
    return b * model.count;
  }

  float[] scores() {
    return scores;
  }
}
