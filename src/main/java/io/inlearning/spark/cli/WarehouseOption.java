package io.inlearning.spark.cli;

import io.inlearning.spark.warehouse.Warehouse;
import picocli.CommandLine.Option;

/** --warehouse: the root of the Delta tables. */
final class WarehouseOption {
  @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = Warehouse.LOCAL_DEFAULT,
      description = "root of the warehouse's Delta tables, any Hadoop path (default: ${DEFAULT-VALUE})")
  String location;

  Warehouse warehouse() {
    return new Warehouse(location);
  }
}
