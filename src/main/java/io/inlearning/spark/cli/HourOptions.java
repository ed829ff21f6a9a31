package io.inlearning.spark.cli;

import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.Warehouse;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --raw, --warehouse and --hour: which hour of which raw area goes into which warehouse. */
final class HourOptions {
  @Option(names = "--raw", required = true, paramLabel = "DIR",
      description = "raw area: courses/ and interactions/ partitioned date=YYYY-MM-DD/hour=HH")
  String raw;

  @Mixin WarehouseOption warehouse;

  @Option(names = "--hour", required = true, paramLabel = "YYYY-MM-DDTHH", description = "the hour, UTC")
  String hour;

  RawArea rawArea() {
    return new RawArea(raw);
  }

  Warehouse warehouse() {
    return warehouse.warehouse();
  }

  Hour hour() {
    return Hour.parse(hour);
  }
}
