package io.inlearning.spark;

import java.time.Duration;

/** Polls a condition of a real service (a cluster, a web server) until it holds or time runs out. */
public final class WaitFor {
  public interface Check {
    boolean holds() throws Exception;
  }

  private WaitFor() {}

  public static void until(Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + timeout);
      }
      Thread.sleep(500);
    }
  }
}
