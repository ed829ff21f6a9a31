package io.inlearning.spark.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Folders on the job's file system (local, HDFS, S3...), as Spark reads and writes them. */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Deletes {@code location} and everything under it; nothing when it does not exist. */
  public static void delete(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /** Writes a small text file (a note beside a saved model), replacing any file of that name. */
  public static void writeText(SparkSession spark, String location, String text) {
    Path path = new Path(location);
    try (OutputStream out = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location, e);
    }
  }

  /** The whole of a small text file. */
  public static String readText(SparkSession spark, String location) {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location, e);
    }
  }
}
