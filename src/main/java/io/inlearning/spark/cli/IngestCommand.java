package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.records.RecordCounts;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ingest",
    description = "Merge one hour of the raw area's courses and interactions into the warehouse's Delta tables.")
final class IngestCommand extends JobCommand {
  @Mixin HourOptions where;

  private IngestHour.Request request;

  @Override
  String appName() {
    return "ingest";
  }

  @Override
  void parse(Locations locations) {
    request = new IngestHour.Request(where.rawArea(), where.warehouse(), where.hour());
    request.check(locations);
  }

  @Override
  void run(SparkSession session) {
    IngestHour.Result result = IngestHour.run(session, request);
    print(result);
    System.out.printf("timings (s) %s%n", result.timingsSeconds());
  }

  static void print(IngestHour.Result result) {
    if (result.empty()) {
      System.out.printf("hour %s: no new records in the raw area%n", result.hour());
    }
    for (IngestHour.Ingested ingested : List.of(result.courses(), result.interactions())) {
      String kind = ingested.kind().folder();
      if (!ingested.arrived()) {
        System.out.printf("%s: none for %s (%s)%n", kind, result.hour(), ingested.source());
        continue;
      }
      RecordCounts records = ingested.records();
      System.out.printf("%s: read %,d, accepted %,d, rejected %,d %s; new %,d, changed %,d, unchanged %,d, "
              + "repeated within the hour %,d%n", kind, records.read(), records.accepted(), records.rejected(),
          records.rejectedByReason(), ingested.merged().inserted(), ingested.merged().updated(),
          ingested.merged().unchanged(), ingested.merged().foldedDuplicates());
    }
  }
}
