package io.inlearning.spark.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lower-cases text and folds accents (NFKD, combining marks removed, ligatures spelt out), so that
 * "Données" and "donnees" become the same token. Spark has no such stage; this one is saved and loaded
 * with the PipelineModel like the built-in ones.
 */
public final class TextNormalizer extends Transformer implements DefaultParamsWritable {
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  public TextNormalizer() {
    this(Identifiable$.MODULE$.randomUID("textNormalizer"));
  }

  public TextNormalizer(String uid) {
    this.uid = uid;
    // Params take their parent's uid: create them once it is set.
    this.inputCol = new Param<>(this, "inputCol", "text column to normalise");
    this.outputCol = new Param<>(this, "outputCol", "normalised text column");
  }

  /** Folds one text; null stays null. */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    if (isAscii(text)) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    String folded = COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      switch (c) {
        case 'œ' -> out.append("oe");
        case 'æ' -> out.append("ae");
        case 'ß' -> out.append("ss");
        case 'ø' -> out.append('o');
        case 'ł' -> out.append('l');
        case 'đ' -> out.append('d');
        case 'þ' -> out.append("th");
        case 'ı' -> out.append('i');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public TextNormalizer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public TextNormalizer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    UserDefinedFunction fold = udf((UDF1<String, String>) TextNormalizer::normalize, DataTypes.StringType);
    return dataset.withColumn($(outputCol), fold.apply(col($(inputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String input = $(inputCol);
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(input)
        || !schema.apply(input).dataType().equals(DataTypes.StringType)) {
      throw new IllegalArgumentException("TextNormalizer needs a string column " + input);
    }
    return schema.add($(outputCol), DataTypes.StringType, true);
  }

  @Override
  public TextNormalizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Called by PipelineModel.load through reflection. */
  public static MLReader<TextNormalizer> read() {
    return new DefaultParamsReader<>();
  }

  public static TextNormalizer load(String path) {
    return read().load(path);
  }
}
