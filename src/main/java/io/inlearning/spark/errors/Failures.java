package io.inlearning.spark.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Walks the causes of a failure: Spark wraps the error that matters in one or more layers of its own. */
public final class Failures {
  private Failures() {}

  /** {@code error}, its cause, the cause's cause...: each once, even when a chain loops back on itself. */
  public static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The innermost cause, the one whose message says what went wrong. */
  public static Throwable rootCause(Throwable error) {
    List<Throwable> chain = chain(error);
    return chain.get(chain.size() - 1);
  }

  /** The outermost failure of the chain that is a {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    return chain(error).stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The first line of the root cause's message, or its class name when it has none. */
  public static String rootMessage(Throwable error) {
    Throwable root = rootCause(error);
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
