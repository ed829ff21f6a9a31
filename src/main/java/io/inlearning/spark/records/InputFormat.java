package io.inlearning.spark.records;

import io.inlearning.spark.errors.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Formats a job reads. AUTO looks at the file extension, or at the files inside a folder. MOVIELENS is
 * MovieLens' {@code u.data}: tab-separated {@code user item rating timestamp}, no header (read as
 * user_id, course_id, rating, timestamp); AUTO picks it for {@code .data} files.
 */
public enum InputFormat {
  AUTO, JSON, PARQUET, CSV, MOVIELENS;

  public static InputFormat parse(String name) {
    try {
      return name.equalsIgnoreCase("jsonl") || name.equalsIgnoreCase("ndjson")
          ? JSON : valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.of("unknown input format '" + name + "' (expected auto, json, parquet, csv or movielens)");
    }
  }

  /** The concrete format of a path; a missing path is a usage error. */
  public InputFormat resolve(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw InvalidRequestException.of("input not found: " + location);
      }
      if (this != AUTO) {
        return this;
      }
      FileStatus status = fs.getFileStatus(path);
      if (status.isFile()) {
        return byName(path.getName());
      }
      for (FileStatus child : fs.listStatus(path)) {
        String name = child.getPath().getName();
        if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          return byName(name);
        }
      }
      return JSON;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect input " + location, e);
    }
  }

  private static InputFormat byName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return CSV;
    }
    if (name.endsWith(".data")) {
      return MOVIELENS;
    }
    return JSON;
  }
}
