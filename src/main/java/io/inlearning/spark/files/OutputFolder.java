package io.inlearning.spark.files;

/**
 * A folder a job writes as a whole (through {@link AtomicOutput}) and what to do if it is already there with
 * content: refuse, or replace it once the new one is complete.
 */
public record OutputFolder(String location, IfExists ifExists) {
  public enum IfExists { REFUSE, REPLACE }

  public OutputFolder {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("an output folder needs a location");
    }
  }

  public static OutputFolder refusingExisting(String location) {
    return new OutputFolder(location, IfExists.REFUSE);
  }

  public static OutputFolder replacingExisting(String location) {
    return new OutputFolder(location, IfExists.REPLACE);
  }

  boolean replaces() {
    return ifExists == IfExists.REPLACE;
  }
}
