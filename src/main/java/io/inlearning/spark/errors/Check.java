package io.inlearning.spark.errors;

/** The range checks of request values, each failing with the setting's name and the value given. */
public final class Check {
  private Check() {}

  public static int atLeast(String setting, int value, int minimum) {
    if (value < minimum) {
      throw InvalidRequestException.setting(setting, "must be at least " + minimum + ", got " + value);
    }
    return value;
  }

  public static long atLeast(String setting, long value, long minimum) {
    if (value < minimum) {
      throw InvalidRequestException.setting(setting, "must be at least " + minimum + ", got " + value);
    }
    return value;
  }

  public static int between(String setting, int value, int minimum, int maximum) {
    if (value < minimum || value > maximum) {
      throw InvalidRequestException.setting(setting,
          "must be between " + minimum + " and " + maximum + ", got " + value);
    }
    return value;
  }

  public static long between(String setting, long value, long minimum, long maximum) {
    if (value < minimum || value > maximum) {
      throw InvalidRequestException.setting(setting,
          "must be between " + minimum + " and " + maximum + ", got " + value);
    }
    return value;
  }

  /** A finite number of at least zero. */
  public static double nonNegative(String setting, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw InvalidRequestException.setting(setting, "must be a non-negative number, got " + value);
    }
    return value;
  }

  /** A finite number above zero. */
  public static double positive(String setting, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw InvalidRequestException.setting(setting, "must be a positive number, got " + value);
    }
    return value;
  }

  /** A share in [0, 1]. */
  public static double share(String setting, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw InvalidRequestException.setting(setting, "must be in [0, 1], got " + value);
    }
    return value;
  }

  /** A share in [0, 1). */
  public static double belowOne(String setting, double value) {
    if (!(value >= 0 && value < 1)) {
      throw InvalidRequestException.setting(setting, "must be in [0, 1), got " + value);
    }
    return value;
  }

  /** A share in (0, 1). */
  public static double strictlyBetweenZeroAndOne(String setting, double value) {
    if (!(value > 0 && value < 1)) {
      throw InvalidRequestException.setting(setting, "must be in (0, 1), got " + value);
    }
    return value;
  }
}
