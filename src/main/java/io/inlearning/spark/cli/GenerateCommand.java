package io.inlearning.spark.cli;

import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Generate realistic test data.",
    subcommands = {GenerateCommand.Courses.class})
final class GenerateCommand {

  @Command(name = "courses", description = "A course catalogue as JSON lines.")
  static final class Courses extends JobCommand {
    @Option(names = "--count", required = true, paramLabel = "N", description = "number of courses")
    long count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    String out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--categories", defaultValue = "8", paramLabel = "K",
        description = "number of categories (default: ${DEFAULT-VALUE}; more than 8 adds synthetic ones)")
    int categories;

    @Option(names = "--uncategorised-fraction", defaultValue = "0.1", paramLabel = "F",
        description = "share of courses without a category (default: ${DEFAULT-VALUE})")
    double uncategorisedFraction;

    @Option(names = "--label-noise", defaultValue = "0.03", paramLabel = "F",
        description = "share of categorised courses labelled with a random category (default: ${DEFAULT-VALUE})")
    double labelNoise;

    @Option(names = "--overwrite", description = "replace the output folder if it exists")
    boolean overwrite;

    private CourseGenerator.Options options;

    @Override
    String appName() {
      return "generate courses";
    }

    @Override
    void validate() {
      options = new CourseGenerator.Options(count, seed, categories, uncategorisedFraction, labelNoise);
    }

    @Override
    void run(SparkSession session) {
      GenerateCourses.Result result = GenerateCourses.run(session, options, out, overwrite);
      System.out.printf("generated %,d courses into %s in %.1f s%n", result.courses(), result.output(),
          result.seconds());
    }
  }
}
