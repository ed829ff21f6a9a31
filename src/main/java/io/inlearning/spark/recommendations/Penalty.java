package io.inlearning.spark.recommendations;

/** A penalty of the plan: given, or to be chosen on validation folds of the training share. */
sealed interface Penalty {
  record Given(double value) implements Penalty {}

  record OnValidation() implements Penalty {}

  static Penalty given(double value) {
    return new Given(value);
  }

  static Penalty onValidation() {
    return new OnValidation();
  }

  /** The value given, or {@code fallback} when there was nothing to validate on. */
  default double orElse(double fallback) {
    return this instanceof Given given ? given.value() : fallback;
  }
}
