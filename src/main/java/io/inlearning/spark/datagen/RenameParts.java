package io.inlearning.spark.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Moves the part files Spark wrote into another folder, with a given extension. */
final class RenameParts {
  private RenameParts() {}

  static void toExtension(SparkSession spark, String from, String to, String extension) {
    try {
      Path source = new Path(from);
      FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (FileStatus part : fs.listStatus(source)) {
        String name = part.getPath().getName();
        if (part.isFile() && name.startsWith("part-")) {
          String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
          if (!fs.rename(part.getPath(), new Path(to, base + extension))) {
            throw new IOException("rename failed: " + part.getPath());
          }
        }
      }
      fs.delete(source, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move generated files from " + from, e);
    }
  }
}
