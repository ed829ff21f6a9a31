package io.inlearning.spark.publication;

import java.util.List;
import java.util.Optional;

/**
 * What the platform shows for one learner or one course, read where the applications read it (the serving
 * indices) or from the warehouse's tables, which hold the same lists.
 */
public interface Lookup extends AutoCloseable {
  /** One course of a learner's list. */
  record RecommendedCourse(int rank, String courseId, String title, String category, double score, String source) {}

  /** A learner's list, and the recommender version and run that made it. */
  record LearnerView(String learnerId, List<RecommendedCourse> courses, String modelVersion, String run) {}

  /** One of a course's similar courses. */
  record SimilarCourse(int rank, String courseId, String title, String category, double score) {}

  /**
   * A course: its title, given category, the classifier's prediction (none before one ran), its similar courses
   * and the recommender version they come from (none if no recommender knows it).
   */
  record CourseView(String courseId, String title, Optional<String> category, Optional<String> predictedCategory,
                    Optional<Double> probability, Optional<String> classifierVersion, List<SimilarCourse> similar,
                    Optional<String> recommenderVersion) {}

  Optional<LearnerView> learner(String learnerId);

  Optional<CourseView> course(String courseId);

  /** Where it reads, for the messages. */
  String describe();

  @Override
  void close();
}
