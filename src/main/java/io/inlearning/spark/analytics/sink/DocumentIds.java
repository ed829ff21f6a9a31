package io.inlearning.spark.analytics.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Elasticsearch document ids: {@code <window start, ISO-8601 UTC>|<category, percent-encoded>}. Every byte
 * of the category's UTF-8 outside [A-Za-z0-9._~-] is escaped, so distinct categories give distinct ids and
 * the id is plain ASCII. A category whose escaped form would pass Elasticsearch's 512-byte id limit is
 * named by its SHA-256 instead ({@code sha256:} cannot start an escaped category, whose ':' is escaped).
 */
public final class DocumentIds {
  static final int MAX_ESCAPED = 400;

  private DocumentIds() {}

  public static String of(String category, Instant windowStart) {
    String escaped = escape(category);
    return windowStart + "|" + (escaped.length() <= MAX_ESCAPED ? escaped : "sha256:" + sha256(category));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '~' || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
