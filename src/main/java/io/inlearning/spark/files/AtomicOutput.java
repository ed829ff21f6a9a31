package io.inlearning.spark.files;

import io.inlearning.spark.errors.ExistingOutputException;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * An output folder that appears complete or not at all: everything is written into a hidden sibling folder
 * which is renamed into place by {@link #commit()}. Closing without a commit deletes the partial work.
 */
public final class AtomicOutput implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final OutputFolder.IfExists ifExists;
  private boolean committed;

  private AtomicOutput(FileSystem fs, Path target, OutputFolder.IfExists ifExists) {
    this.fs = fs;
    this.target = target;
    this.ifExists = ifExists;
    this.staging = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /** Refuses a target that exists and is not empty, unless the folder says to replace it. */
  public static AtomicOutput create(SparkSession spark, OutputFolder folder) {
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String location = folder.location();
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoopConf);
      Path target = fs.makeQualified(path);
      if (target.getParent() == null) {
        throw InvalidRequestException.of("output cannot be the root folder: " + location);
      }
      if (!folder.replaces() && fs.exists(target) && !isEmptyFolder(fs, target)) {
        throw new ExistingOutputException("output", location);
      }
      AtomicOutput output = new AtomicOutput(fs, target, folder.ifExists());
      fs.mkdirs(output.staging);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + location, e);
    }
  }

  private static boolean isEmptyFolder(FileSystem fs, Path path) throws IOException {
    return fs.getFileStatus(path).isDirectory() && fs.listStatus(path).length == 0;
  }

  /** Where a part of the output is written before the commit. */
  public String path(String child) {
    return new Path(staging, child).toString();
  }

  public String staging() {
    return staging.toString();
  }

  public String target() {
    return target.toString();
  }

  public void writeText(String child, String text) {
    try (OutputStream out = fs.create(new Path(staging, child), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child, e);
    }
  }

  public void writeJson(String child, Object value) {
    writeText(child, Json.pretty(value));
  }

  public void commit() {
    try {
      Path previous = null;
      if (fs.exists(target)) {
        if (ifExists == OutputFolder.IfExists.REFUSE && !isEmptyFolder(fs, target)) {
          throw InvalidRequestException.of("output appeared while the job ran: " + target);
        }
        previous = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
        rename(target, previous);
      }
      rename(staging, target);
      committed = true;
      if (previous != null) {
        fs.delete(previous, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit output " + target, e);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename failed: " + from + " -> " + to);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        // The staging folder is hidden: readers never mistake it for output.
      }
    }
  }
}
