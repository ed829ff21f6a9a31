package io.inlearning.spark.records;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fields a job reads from a record and the rule each must follow. Validation and quarantine are shared
 * by every job: a job only declares its schema.
 *
 * @param idField field that must be unique (duplicates: one kept, the rest rejected), or null
 */
public record RecordSchema(String name, List<Field> fields, String idField) implements Serializable {

  /** What a field holds, and so which JSON values it accepts. */
  public enum Kind {
    /** A string, or an integral number kept as its digits; never blank. */
    ID,
    /** A string; a required text must not be blank. */
    TEXT,
    /** A string; blank or null means "no label". */
    LABEL,
    /** A finite number within [min, max]. */
    NUMBER,
    /** ISO-8601 date-time (zone optional, UTC assumed), date, or epoch seconds/milliseconds. */
    TIMESTAMP
  }

  /**
   * @param values the labels a {@link Kind#LABEL} field accepts, in lower case (compared trimmed and lower-cased,
   *               kept that way), or null for any
   */
  public record Field(String name, Kind kind, boolean required, double min, double max, List<String> values)
      implements Serializable {

    public Field {
      values = values == null ? null : List.copyOf(values);
    }

    public static Field required(String name, Kind kind) {
      return new Field(name, kind, true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null);
    }

    public static Field optional(String name, Kind kind) {
      return new Field(name, kind, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null);
    }

    public Field range(double min, double max) {
      return new Field(name, kind, required, min, max, values);
    }

    /** A label that must be one of {@code labels} (lower case). */
    public Field oneOf(String... labels) {
      return new Field(name, kind, required, min, max, List.of(labels));
    }

    public Field require() {
      return new Field(name, kind, true, min, max, values);
    }

    DataType sparkType() {
      return switch (kind) {
        case NUMBER -> DataTypes.DoubleType;
        case TIMESTAMP -> DataTypes.TimestampType;
        default -> DataTypes.StringType;
      };
    }
  }

  public static final String REASON = "_reason";
  public static final String DETAIL = "_detail";
  public static final String RAW = "_raw";
  public static final String SOURCE = "_source";

  public RecordSchema {
    fields = List.copyOf(fields);
  }

  /** The same schema with one field replaced (e.g. made required for a streaming job). */
  public RecordSchema with(Field replacement) {
    List<Field> replaced = new ArrayList<>();
    for (Field field : fields) {
      replaced.add(field.name().equals(replacement.name()) ? replacement : field);
    }
    return new RecordSchema(name, replaced, idField);
  }

  public Field field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no field " + fieldName + " in " + name));
  }

  /** Columns of an accepted record. */
  public StructType acceptedType() {
    return type(false);
  }

  private StructType type(boolean allNullable) {
    StructType type = new StructType();
    for (Field field : fields) {
      type = type.add(new StructField(field.name(), field.sparkType(), allNullable || !field.required(),
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return type;
  }

  /**
   * Accepted columns (nullable: a rejected record has no values) plus the verdict: reason and detail (null
   * when accepted), raw text and source.
   */
  public StructType checkedType() {
    return type(true)
        .add(REASON, DataTypes.StringType)
        .add(DETAIL, DataTypes.StringType)
        .add(RAW, DataTypes.StringType)
        .add(SOURCE, DataTypes.StringType);
  }

  public String[] fieldNames() {
    return fields.stream().map(Field::name).toArray(String[]::new);
  }
}
