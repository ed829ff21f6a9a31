package io.inlearning.spark.report;

import java.util.Base64;

/** A drawn chart: its title and the PNG image, embedded in report.html as a data URI. */
public record ChartImage(String title, byte[] png) {
  public ChartImage {
    png = png.clone();
  }

  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
