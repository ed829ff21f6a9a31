package io.inlearning.spark.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void theChainGoesFromTheOutermostToTheRootAndStopsOnALoop() {
    IOException root = new IOException("disk full\nat line 2");
    InvalidRequestException usage = InvalidRequestException.of("bad folder");
    usage.initCause(root);
    RuntimeException outer = new RuntimeException("Job aborted", usage);
    assertEquals(List.of(outer, usage, root), Failures.chain(outer));
    assertSame(root, Failures.rootCause(outer));
    assertSame(usage, Failures.find(outer, InvalidRequestException.class).orElseThrow());
    assertTrue(Failures.find(outer, IllegalStateException.class).isEmpty());
    assertEquals("disk full", Failures.rootMessage(outer));

    IllegalStateException a = new IllegalStateException();
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertEquals(List.of(b, a), Failures.chain(b));
    assertEquals("IllegalStateException", Failures.rootMessage(b));
  }
}
