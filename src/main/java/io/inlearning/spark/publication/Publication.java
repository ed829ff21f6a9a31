package io.inlearning.spark.publication;

import java.util.List;
import java.util.Optional;

/**
 * One serving index written: the name applications read, the index written, the documents sent, the index the
 * alias left (per-run indices), the old run indices deleted, the seconds it took in all and those of the bulk
 * requests (from the first document read to the last bulk answered; the rest is creating the index, the
 * refresh, the count, the alias move and the pruning).
 */
public record Publication(String name, String index, long documents, Optional<String> replaced, List<String> deleted,
                          double seconds, double bulkSeconds) {
  public double documentsPerSecond() {
    return seconds > 0 ? documents / seconds : 0;
  }

  public double bulkDocumentsPerSecond() {
    return bulkSeconds > 0 ? documents / bulkSeconds : 0;
  }
}
