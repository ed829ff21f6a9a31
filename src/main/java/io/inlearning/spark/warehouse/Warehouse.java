package io.inlearning.spark.warehouse;

/**
 * The root under which the platform keeps its Delta tables, each in a folder of its own name, read and
 * written by path (no metastore): {@code ./warehouse} in local mode, any Hadoop path on a cluster.
 */
public record Warehouse(String root) {
  public static final String LOCAL_DEFAULT = "warehouse";

  public Warehouse {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("a warehouse needs a location");
    }
    root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
  }

  public String location(Table table) {
    return root + "/" + table.folder();
  }
}
