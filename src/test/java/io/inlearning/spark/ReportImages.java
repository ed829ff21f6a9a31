package io.inlearning.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** The chart images of a report.html, and what makes one a real picture. */
public final class ReportImages {
  private static final Pattern IMAGE = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"");

  private ReportImages() {}

  /** Every chart image embedded in a page, decoded. */
  public static List<byte[]> in(String html) {
    Matcher matcher = IMAGE.matcher(html);
    List<byte[]> images = new ArrayList<>();
    while (matcher.find()) {
      images.add(Base64.getDecoder().decode(matcher.group(1)));
    }
    return images;
  }

  /** Decodes, has at least a chart's size, and is not one flat colour. */
  public static void assertDrawn(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, image.getWidth() + "x" + image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 7) {
      for (int y = 0; y < image.getHeight(); y += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 5, "only " + colours.size() + " colours");
  }
}
