package io.inlearning.spark.files;

import io.inlearning.spark.errors.ExistingOutputException;
import io.inlearning.spark.errors.InvalidRequestException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * Checks of the paths a job was given, made before Spark starts: they need only the file system's metadata,
 * so a wrong path costs the time of a JVM start, not of a Spark session. Any Hadoop path works (local, HDFS,
 * S3...); the configuration carries the {@code spark.hadoop.*} settings the job will run with.
 */
public final class Locations {
  private final Configuration conf;

  private Locations(Configuration conf) {
    this.conf = conf;
  }

  public static Locations of(Configuration conf) {
    return new Locations(conf);
  }

  /** A Hadoop configuration with the {@code spark.hadoop.*} entries of {@code sparkConf}, as Spark builds it. */
  public static Locations forSparkConf(Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    sparkConf.forEach((key, value) -> {
      if (key.startsWith("spark.hadoop.")) {
        conf.set(key.substring("spark.hadoop.".length()), value);
      }
    });
    return new Locations(conf);
  }

  /** Local files only, for the commands that write them without Spark ({@code generate events}). */
  public static Locations forLocalFiles() {
    return new Locations(new Configuration());
  }

  /**
   * Input records of {@code what} ("input", "learners"...): a file, a folder of files or a glob that exists, can
   * be read, and holds at least one byte of data (files whose names start with _ or . are not data).
   */
  public void requireInput(String what, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw InvalidRequestException.of(what + " not found: " + location);
      }
      long bytes = 0;
      for (FileStatus match : matches) {
        bytes += dataBytes(fs, match, what, location);
      }
      if (bytes == 0) {
        throw InvalidRequestException.of(what + " has no records: " + location);
      }
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  /**
   * Whether {@code location} holds data: a file, folder or glob that exists with at least one byte outside
   * {@code _} and {@code .} files. Absence is an answer here, not an error: an hour may bring no files.
   */
  public boolean hasData(String what, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      long bytes = 0;
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        bytes += dataBytes(fs, match, what, location);
      }
      return bytes > 0;
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  private static long dataBytes(FileSystem fs, FileStatus status, String what, String location) throws IOException {
    String name = status.getPath().getName();
    if (name.startsWith("_") || name.startsWith(".")) {
      return 0;
    }
    if (!allowed(fs, status.getPath(), status.isFile() ? FsAction.READ : FsAction.READ_EXECUTE)) {
      throw InvalidRequestException.of("cannot read the " + what + " " + location + ": " + status.getPath()
          + " is not readable");
    }
    if (status.isFile()) {
      return status.getLen();
    }
    long bytes = 0;
    for (FileStatus child : fs.listStatus(status.getPath())) {
      bytes += dataBytes(fs, child, what, location);
    }
    return bytes;
  }

  /** Whether {@code folder/child} exists. */
  public boolean exists(String folder, String child) {
    try {
      Path path = new Path(folder, child);
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw unreadable("folder", folder, e);
    }
  }

  /** A file that must exist and be readable: a password, a certificate, client properties. */
  public void requireFile(String what, String location) {
    FileStatus status = status(what, location);
    if (status == null) {
      throw InvalidRequestException.of(what + " not found: " + location);
    }
    if (!status.isFile()) {
      throw InvalidRequestException.of(what + " must be a file, but " + location + " is a folder");
    }
    try {
      Path path = new Path(location);
      if (!allowed(path.getFileSystem(conf), path, FsAction.READ)) {
        throw InvalidRequestException.of("cannot read the " + what + " " + location + ": permission denied");
      }
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  /** A folder that must exist: a drop folder, a saved model. */
  public void requireFolder(String what, String location) {
    FileStatus status = status(what, location);
    if (status == null) {
      throw InvalidRequestException.of(what + " not found: " + location);
    }
    if (!status.isDirectory()) {
      throw InvalidRequestException.of(what + " must be a folder, but " + location + " is a file");
    }
  }

  /**
   * A folder a job will create (or replace, if the folder says so): not the root, not already there with
   * content unless replacing, and under a folder this user can write into. A folder that does not exist yet is
   * created with its missing parents, so the nearest existing ancestor is the one that must be writable.
   */
  public void requireNewFolder(String what, OutputFolder folder) {
    String location = folder.location();
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      Path target = fs.makeQualified(path);
      if (target.getParent() == null) {
        throw InvalidRequestException.of(what + " cannot be the root folder: " + location);
      }
      FileStatus status = statusOrNull(fs, target);
      if (status != null && !folder.replaces() && !(status.isDirectory() && fs.listStatus(target).length == 0)) {
        throw new ExistingOutputException(what, location);
      }
      requireWritableAncestor(fs, target.getParent(), what, location);
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  /**
   * A folder a job keeps adding to (a checkpoint, a drop folder, a sink's folder): a folder if it exists,
   * else creatable.
   */
  public void requireFolderOrCreatable(String what, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      Path target = fs.makeQualified(path);
      FileStatus status = statusOrNull(fs, target);
      if (status != null && !status.isDirectory()) {
        throw InvalidRequestException.of(what + " must be a folder, but " + location + " is a file");
      }
      requireWritableAncestor(fs, status != null ? target : target.getParent(), what, location);
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  private static void requireWritableAncestor(FileSystem fs, Path folder, String what, String location)
      throws IOException {
    Path existing = folder;
    FileStatus status = statusOrNull(fs, existing);
    while (status == null && existing.getParent() != null) {
      existing = existing.getParent();
      status = statusOrNull(fs, existing);
    }
    if (status == null) {
      return;
    }
    if (!status.isDirectory()) {
      throw InvalidRequestException.of("cannot create the " + what + " " + location + ": " + existing + " is a file");
    }
    if (!allowed(fs, existing, FsAction.WRITE_EXECUTE)) {
      throw InvalidRequestException.of("cannot create the " + what + " " + location + ": " + existing + " is not writable");
    }
  }

  /**
   * Whether this process may {@code action} on {@code path}. Local files ask the operating system (which lets
   * root read a file of mode 000, as Spark will); other file systems check their own permissions.
   */
  private static boolean allowed(FileSystem fs, Path path, FsAction action) throws IOException {
    if ("file".equals(fs.getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      boolean read = !action.implies(FsAction.READ) || Files.isReadable(local);
      boolean write = !action.implies(FsAction.WRITE) || Files.isWritable(local);
      boolean execute = !action.implies(FsAction.EXECUTE) || Files.isExecutable(local);
      return read && write && execute;
    }
    try {
      fs.access(path, action);
      return true;
    } catch (AccessControlException e) {
      return false;
    }
  }

  private FileStatus status(String what, String location) {
    try {
      Path path = new Path(location);
      return statusOrNull(path.getFileSystem(conf), path);
    } catch (IOException e) {
      throw unreadable(what, location, e);
    }
  }

  private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static RuntimeException unreadable(String what, String location, IOException e) {
    if (e instanceof AccessControlException) {
      return InvalidRequestException.of("cannot read the " + what + " " + location + ": permission denied");
    }
    return new UncheckedIOException("cannot inspect the " + what + " " + location, e);
  }
}
