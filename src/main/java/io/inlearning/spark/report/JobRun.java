package io.inlearning.spark.report;

/**
 * The first lines of every metrics.json: which job ran, what it read, where it wrote, and the Spark
 * application it ran in.
 */
public record JobRun(String job, String input, String output, SparkInfo spark) {}
