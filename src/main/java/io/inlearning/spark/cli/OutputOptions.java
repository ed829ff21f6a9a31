package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import picocli.CommandLine.Option;

/** --output (or --out) and --overwrite: the folder a job writes as a whole. */
final class OutputOptions {
  @Option(names = {"--output", "--out"}, required = true, paramLabel = "DIR", description = "output folder")
  String output;

  @Option(names = "--overwrite", description = "replace the output folder if it exists")
  boolean overwrite;

  /** The folder, checked before Spark starts: new, or to be replaced, under a folder that can be written. */
  OutputFolder checkedFolder(Locations locations) {
    OutputFolder folder = folder();
    locations.requireNewFolder("output", folder);
    return folder;
  }

  OutputFolder folder() {
    return new OutputFolder(output, overwrite ? OutputFolder.IfExists.REPLACE : OutputFolder.IfExists.REFUSE);
  }
}
