package io.inlearning.spark.records;

/** Why a record was rejected: a stable code for counting, and a detail for the person reading it. */
public final class Rejection {
  public static final String BLANK = "blank_line";
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String NOT_AN_OBJECT = "not_an_object";
  public static final String INVALID_UTF8 = "invalid_utf8";
  public static final String TOO_LARGE = "record_too_large";
  public static final String MISSING_FIELD = "missing_field";
  public static final String EMPTY_FIELD = "empty_field";
  public static final String WRONG_TYPE = "wrong_type";
  public static final String INVALID_TIMESTAMP = "invalid_timestamp";
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String UNKNOWN_VALUE = "unknown_value";
  public static final String DUPLICATE_ID = "duplicate_id";

  private Rejection() {}
}
