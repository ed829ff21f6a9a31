package io.inlearning.spark.warehouse;

/**
 * Where new data lands before it is ingested: one folder per kind of record ({@code courses},
 * {@code interactions}, {@code events}), each partitioned by hour as {@code date=YYYY-MM-DD/hour=HH}. Any
 * Hadoop path. The platform's exports (an LMS dump, a CDC stream, the event collector) write here; the
 * hourly flow reads the hour that has just ended.
 */
public record RawArea(String root) {
  public enum Kind {
    COURSES("courses"), INTERACTIONS("interactions"), EVENTS("events");

    private final String folder;

    Kind(String folder) {
      this.folder = folder;
    }

    public String folder() {
      return folder;
    }
  }

  public RawArea {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("a raw area needs a location");
    }
    root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
  }

  /** The folder of {@code kind}'s records of {@code hour}. */
  public String location(Kind kind, Hour hour) {
    return root + "/" + kind.folder() + "/" + hour.partition();
  }

  /** The folder of every hour of {@code kind}. */
  public String location(Kind kind) {
    return root + "/" + kind.folder();
  }
}
