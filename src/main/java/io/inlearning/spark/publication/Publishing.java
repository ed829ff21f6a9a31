package io.inlearning.spark.publication;

import java.util.Optional;

/**
 * How the warehouse jobs publish what they make: the quality gates a new model must pass before it becomes the
 * current one (in the warehouse, and so in every serving index), and the Elasticsearch where the applications
 * read, when there is one.
 */
public record Publishing(QualityGate classifierGate, QualityGate recommenderGate, Optional<ServingTarget> serving) {
  /** The default gates, the warehouse only. */
  public static final Publishing WAREHOUSE_ONLY = new Publishing(QualityGate.classifierDefaults(),
      QualityGate.recommenderDefaults(), Optional.empty());
}
