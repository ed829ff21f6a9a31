package io.inlearning.spark.errors;

/** An output folder is already there, with content, and the request did not say to replace it. */
public final class ExistingOutputException extends InvalidRequestException {
  public ExistingOutputException(String what, String location) {
    super(null, what + " already exists: " + location, what + " already exists: " + location);
  }
}
