package io.inlearning.spark.publication;

import java.util.Locale;

/**
 * The serving indices. Recommendations and similar courses are rebuilt whole by each run: one index per run
 * ({@code PREFIX-recommendations-VERSION}) behind an alias ({@code PREFIX-recommendations}) that one
 * {@code _aliases} call moves. Courses change a few at a time: one index, updated in place.
 */
public enum ServingIndex {
  RECOMMENDATIONS("recommendations", true),
  SIMILAR_COURSES("similar-courses", true),
  COURSES("courses", false);

  private final String suffix;
  private final boolean perRun;

  ServingIndex(String suffix, boolean perRun) {
    this.suffix = suffix;
    this.perRun = perRun;
  }

  /** The name applications read: the alias of a per-run index, else the index itself. */
  public String name(String prefix) {
    return prefix + "-" + suffix;
  }

  /** The index of one run, named by the model version that made it (versions sort in training order). */
  public String runIndex(String prefix, String version) {
    if (!perRun) {
      throw new IllegalStateException(this + " is one index, updated in place");
    }
    return name(prefix) + "-" + version.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code index} is a run index of this kind under {@code prefix}. */
  boolean isRunIndex(String prefix, String index) {
    return perRun && index.startsWith(name(prefix) + "-")
        && index.substring(name(prefix).length() + 1).matches("\\d{8}t\\d{9}z");
  }

  public boolean perRun() {
    return perRun;
  }
}
