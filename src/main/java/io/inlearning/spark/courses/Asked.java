package io.inlearning.spark.courses;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A recipe setting as asked for: the value given, or null when the recipe decides. Its JSON is the value, or
 * the text {@value #RECIPE_DEFAULT}.
 */
public record Asked<T>(T value) {
  public static final String RECIPE_DEFAULT = "recipe default";

  /** The value given, or the recipe's. */
  static <T> Asked<T> of(Optional<T> given) {
    return new Asked<>(given.orElse(null));
  }

  @JsonValue
  Object json() {
    return value != null ? value : RECIPE_DEFAULT;
  }

  /** Reads what {@link #json()} wrote: JSON numbers and booleans come back as the boxed types they were. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  @SuppressWarnings("unchecked")
  static <T> Asked<T> fromJson(Object json) {
    return new Asked<>(RECIPE_DEFAULT.equals(json) ? null : (T) json);
  }
}
