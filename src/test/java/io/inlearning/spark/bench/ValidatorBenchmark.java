package io.inlearning.spark.bench;

import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.records.RecordValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench validate}: the record validator alone, in one thread and without Spark, over generated events
 * (the streaming job's per-event check). The events are made first; each round checks all of them, and the
 * first rounds warm the JIT up.
 */
public final class ValidatorBenchmark {
  /** Microseconds per event in each round, and the events accepted in one round. */
  public record Result(List<Double> microsPerEvent, long accepted) {
    /** The median of the second half of the rounds, after the JIT has compiled the check. */
    public double warmMicrosPerEvent() {
      List<Double> warm = new ArrayList<>(microsPerEvent.subList(microsPerEvent.size() / 2, microsPerEvent.size()));
      warm.sort(null);
      return warm.get(warm.size() / 2);
    }
  }

  private ValidatorBenchmark() {}

  public static Result run(int events, int rounds, long seed) {
    EventGenerator generator = new EventGenerator(EventGenerator.Options.defaults(events, seed));
    List<String> lines = new ArrayList<>(events);
    for (long i = 0; i < events; i++) {
      lines.add(generator.event(i).line());
    }
    RecordValidator validator = new RecordValidator(EventSchema.EVENTS, RecordValidator.Numbers.TYPED);
    List<Double> micros = new ArrayList<>();
    long accepted = 0;
    for (int round = 0; round < rounds; round++) {
      accepted = 0;
      long start = System.nanoTime();
      for (String line : lines) {
        accepted += validator.check(line).accepted() ? 1 : 0;
      }
      micros.add((System.nanoTime() - start) / 1e3 / events);
    }
    return new Result(List.copyOf(micros), accepted);
  }
}
