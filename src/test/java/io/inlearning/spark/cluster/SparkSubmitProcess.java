package io.inlearning.spark.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A job submitted as spark-submit does (org.apache.spark.deploy.SparkSubmit --class ... app.jar ARGS) in
 * its own JVM, its output in a log file. The JVM compiles with C1 only (-XX:TieredStopAtLevel=1): these drivers
 * live for seconds to a minute, and C2's compiler threads were a third of such a job's CPU time (a 1,000-course
 * {@code courses process}: 62 CPU-s and 34 s with C2, 39 CPU-s and 30 s without), time the other tests running
 * meanwhile need.
 */
public record SparkSubmitProcess(String master, String mainClass, List<String> extraClasspath,
                                 Map<String, String> conf, Map<String, String> environment) {

  public static SparkSubmitProcess job(String master) {
    return new SparkSubmitProcess(master, "io.inlearning.spark.cli.Main", List.of(),
        Map.of("spark.executor.memory", "1g"), Map.of());
  }

  /** The same submission with one more Spark setting. */
  public SparkSubmitProcess withConf(String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(conf);
    more.put(key, value);
    return new SparkSubmitProcess(master, mainClass, extraClasspath, Map.copyOf(more), environment);
  }

  /** A free loopback port, for an application UI that a test reads while others may run on this machine. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The application jar that `mvn package` builds (surefire passes its path; scripts/cluster.sh builds it). */
  public static Path appJar() {
    return Path.of(System.getProperty("inlearning.app.jar")).toAbsolutePath();
  }

  public Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
    List<String> classpath = new ArrayList<>(extraClasspath);
    classpath.add(Files.readString(Path.of("target/classpath.txt")).trim());
    command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath),
        "org.apache.spark.deploy.SparkSubmit", "--master", master));
    Map<String, String> withUi = new java.util.LinkedHashMap<>(Map.of("spark.ui.port", String.valueOf(freePort())));
    withUi.putAll(conf);
    withUi.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    command.addAll(List.of("--class", mainClass, appJar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    return builder.start();
  }
}
