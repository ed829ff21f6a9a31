package io.inlearning.spark.files;

import java.io.IOException;
import java.io.UncheckedIOException;
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
}
