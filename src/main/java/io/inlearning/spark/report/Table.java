package io.inlearning.spark.report;

import java.util.List;

/** A plain table of report.html: a header row and rows of already formatted cells. */
public record Table(List<String> header, List<List<String>> rows) {
  public Table {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
