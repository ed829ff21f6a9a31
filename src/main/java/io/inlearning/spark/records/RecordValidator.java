package io.inlearning.spark.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.inlearning.spark.records.RecordSchema.Field;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one JSON text against a {@link RecordSchema}: either typed values or a rejection reason. Pure Java,
 * one instance per partition (it holds a Jackson mapper).
 */
public final class RecordValidator implements Serializable {
  private static final DateTimeFormatter SPACE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");
  private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L; // later than 1973 in ms, year 5138 in s

  private final RecordSchema schema;
  private final Numbers numbers;
  private transient ObjectMapper mapper;
  private transient Map<String, Integer> positions;

  /** How numbers may be written: as JSON numbers only, or also as text (CSV input, where every value is text). */
  public enum Numbers { TYPED, ALSO_AS_TEXT }

  public RecordValidator(RecordSchema schema, Numbers numbers) {
    this.schema = schema;
    this.numbers = numbers;
  }

  /** The verdict on one record: values in schema order when accepted, else a reason and detail. */
  public record Verdict(Object[] values, String reason, String detail) {
    public boolean accepted() {
      return reason == null;
    }

    static Verdict reject(String reason, String detail) {
      return new Verdict(null, reason, detail);
    }
  }

  public Verdict check(String json) {
    if (json == null || json.isBlank()) {
      return Verdict.reject(Rejection.BLANK, "blank line");
    }
    // A byte-order mark starts files saved by some Windows tools; it is not part of the record.
    String text = json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
    JsonNode[] nodes;
    try {
      nodes = fieldNodes(text);
      if (nodes == null) {
        JsonNode root = mapper().readTree(text);
        return Verdict.reject(Rejection.NOT_AN_OBJECT,
            "expected a JSON object, found " + (root == null ? "nothing" : kind(root)));
      }
    } catch (IOException e) {
      return Verdict.reject(Rejection.MALFORMED_JSON, firstLine(e.getMessage()));
    }
    List<Field> fields = schema.fields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      JsonNode node = nodes[i];
      if (node == null || node.isNull()) {
        if (field.required()) {
          return Verdict.reject(Rejection.MISSING_FIELD, field.name() + " is missing");
        }
        continue;
      }
      try {
        values[i] = convert(field, node);
      } catch (Invalid invalid) {
        return Verdict.reject(invalid.reason, field.name() + ": " + invalid.getMessage());
      }
      if (values[i] == null && field.required()) {
        return Verdict.reject(Rejection.EMPTY_FIELD, field.name() + " is empty");
      }
    }
    return new Verdict(values, null, null);
  }

  /**
   * The values of the schema's fields in one JSON object, in schema order (null where absent), read from the
   * parser's tokens; other fields are skipped, still checked for syntax and duplicate names. Null when the
   * text is not an object. Building the whole record as a Jackson tree first was a large share of the
   * streaming job's CPU (BENCHMARKS.md, "Analytics").
   */
  private JsonNode[] fieldNodes(String text) throws IOException {
    try (JsonParser parser = mapper().getFactory().createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonNode[] nodes = new JsonNode[schema.fields().size()];
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        Integer position = positions().get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (position == null) {
          parser.skipChildren();
        } else {
          nodes[position] = valueNode(parser, value);
        }
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonParseException(parser, "unexpected " + trailing + " after the record's JSON object");
      }
      return nodes;
    }
  }

  /** The value at the parser as the node readTree would make (arrays and objects empty: only their kind matters). */
  private static JsonNode valueNode(JsonParser parser, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (token) {
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> nodes.numberNode(parser.getIntValue());
        case LONG -> nodes.numberNode(parser.getLongValue());
        default -> nodes.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
      case VALUE_NULL -> nodes.nullNode();
      case START_ARRAY -> {
        parser.skipChildren();
        yield nodes.arrayNode();
      }
      case START_OBJECT -> {
        parser.skipChildren();
        yield nodes.objectNode();
      }
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  private Map<String, Integer> positions() {
    if (positions == null) {
      Map<String, Integer> byName = new HashMap<>();
      List<Field> fields = schema.fields();
      for (int i = 0; i < fields.size(); i++) {
        byName.put(fields.get(i).name(), i);
      }
      positions = byName;
    }
    return positions;
  }

  private Object convert(Field field, JsonNode node) throws Invalid {
    return switch (field.kind()) {
      case ID -> id(node);
      case TEXT -> text(node, field.required());
      case LABEL -> label(field, node);
      case NUMBER -> number(field, node);
      case TIMESTAMP -> timestamp(node);
    };
  }

  private static String id(JsonNode node) throws Invalid {
    if (node.isTextual()) {
      return node.textValue().isBlank() ? null : node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    throw new Invalid(Rejection.WRONG_TYPE, "expected a string or an integer, found " + kind(node));
  }

  private static String label(Field field, JsonNode node) throws Invalid {
    String label = text(node, false);
    if (label == null || label.isBlank()) {
      return null;
    }
    if (field.values() == null) {
      return label;
    }
    String known = label.trim().toLowerCase(Locale.ROOT);
    if (!field.values().contains(known)) {
      throw new Invalid(Rejection.UNKNOWN_VALUE,
          "\"" + abbreviate(label) + "\" is not one of " + String.join(", ", field.values()));
    }
    return known;
  }

  private static String text(JsonNode node, boolean required) throws Invalid {
    if (!node.isTextual()) {
      throw new Invalid(Rejection.WRONG_TYPE, "expected a string, found " + kind(node));
    }
    String text = node.textValue();
    return required && text.isBlank() ? null : text;
  }

  private Double number(Field field, JsonNode node) throws Invalid {
    double value;
    if (node.isNumber()) {
      value = node.doubleValue();
    } else if (numbers == Numbers.ALSO_AS_TEXT && node.isTextual()) {
      String text = node.textValue().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        value = new BigDecimal(text).doubleValue();
      } catch (NumberFormatException e) {
        throw new Invalid(Rejection.WRONG_TYPE, "expected a number, found \"" + abbreviate(text) + "\"");
      }
    } else {
      throw new Invalid(Rejection.WRONG_TYPE, "expected a number, found " + kind(node));
    }
    if (!Double.isFinite(value)) {
      throw new Invalid(Rejection.OUT_OF_RANGE, "not a finite number (" + node.asText() + ")");
    }
    if (value < field.min() || value > field.max()) {
      throw new Invalid(Rejection.OUT_OF_RANGE,
          value + " is outside " + plain(field.min()) + ".." + plain(field.max()));
    }
    return value;
  }

  private static Timestamp timestamp(JsonNode node) throws Invalid {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long epoch = node.longValue();
      return new Timestamp(Math.abs(epoch) >= EPOCH_MILLIS_THRESHOLD ? epoch : epoch * 1000);
    }
    if (!node.isTextual()) {
      throw new Invalid(Rejection.WRONG_TYPE, "expected an ISO-8601 string or epoch number, found " + kind(node));
    }
    Instant instant = parseInstant(node.textValue().trim());
    if (instant == null) {
      throw new Invalid(Rejection.INVALID_TIMESTAMP, "cannot parse \"" + abbreviate(node.textValue()) + "\"");
    }
    return Timestamp.from(instant);
  }

  /** ISO-8601 with or without zone (UTC assumed), a space instead of T, or a date alone; null otherwise. */
  public static Instant parseInstant(String text) {
    Instant common = parseCommonInstant(text);
    return common != null ? common : parseAnyInstant(text);
  }

  /**
   * The usual form, {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|+HH:MM|-HH:MM]}, read by hand; null for any
   * other text, which {@link #parseAnyInstant} then reads. java.time's general parser showed up in the
   * streaming job's CPU profile (BENCHMARKS.md, "Analytics"); this is a few field reads and one LocalDateTime.
   */
  static Instant parseCommonInstant(String text) {
    int length = text.length();
    if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (at < length && text.charAt(at) == '.') {
      int from = ++at;
      while (at < length && at - from < 9 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        nanos = nanos * 10 + (text.charAt(at++) - '0');
      }
      if (at == from) {
        return null;
      }
      for (int scale = at - from; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == length || (at == length - 1 && text.charAt(at) == 'Z')) {
      offsetSeconds = 0;
    } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
      int offsetHours = digits(text, at + 1, 2);
      int offsetMinutes = digits(text, at + 4, 2);
      if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException outOfRange) {
      return null;
    }
  }

  /** The value of {@code count} ASCII digits from {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Any form {@link #parseInstant} accepts, by java.time's parsers. */
  static Instant parseAnyInstant(String text) {
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
          java.time.ZonedDateTime::from, LocalDateTime::from);
      return parsed instanceof LocalDateTime local
          ? local.toInstant(ZoneOffset.UTC)
          : ((java.time.ZonedDateTime) parsed).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDateTime.parse(text, SPACE_DATE_TIME).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notSpaced) {
        try {
          return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
          return null;
        }
      }
    }
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      JsonFactory factory = JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
      mapper = JsonMapper.builder(factory)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
      mapper.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }
    return mapper;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String plain(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static final class Invalid extends Exception {
    final String reason;

    Invalid(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
