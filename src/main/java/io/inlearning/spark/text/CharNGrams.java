package io.inlearning.spark.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
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
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Character n-grams inside word boundaries, as scikit-learn's {@code analyzer="char_wb"}: each word of an
 * array of words, padded with one space on each side, gives its n-grams for every n in [minN, maxN]; a padded
 * word shorter than n gives itself once. They make short texts (course titles of 3 to 10 words) comparable
 * through shared word parts: "photoshop" and "photography", "invest" and "investing". Spark's
 * {@code NGram} joins whole tokens, so this stage is ours; it is saved and loaded with the PipelineModel.
 */
public final class CharNGrams extends Transformer implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam minN;
  private final IntParam maxN;

  public CharNGrams() {
    this(Identifiable$.MODULE$.randomUID("charNGrams"));
  }

  public CharNGrams(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "array of words");
    this.outputCol = new Param<>(this, "outputCol", "array of character n-grams");
    this.minN = new IntParam(this, "minN", "shortest n-gram");
    this.maxN = new IntParam(this, "maxN", "longest n-gram");
    setDefault(minN, 2);
    setDefault(maxN, 5);
  }

  /** The n-grams of every word, in order. */
  public static List<String> of(Iterable<String> words, int minN, int maxN) {
    List<String> grams = new ArrayList<>();
    for (String word : words) {
      String padded = " " + word + " ";
      for (int n = minN; n <= maxN; n++) {
        if (padded.length() <= n) {
          grams.add(padded);
          break;
        }
        for (int start = 0; start + n <= padded.length(); start++) {
          grams.add(padded.substring(start, start + n));
        }
      }
    }
    return grams;
  }

  // Spark finds a stage's params through public no-argument methods returning them.
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam minN() {
    return minN;
  }

  public IntParam maxN() {
    return maxN;
  }

  public CharNGrams setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public CharNGrams setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public CharNGrams setRange(int shortest, int longest) {
    if (shortest < 1 || longest < shortest) {
      throw new IllegalArgumentException("n-gram range must satisfy 1 <= min <= max, got " + shortest + ".." + longest);
    }
    set(minN, shortest);
    set(maxN, longest);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    int shortest = (Integer) $(minN);
    int longest = (Integer) $(maxN);
    UserDefinedFunction grams = udf((UDF1<Seq<String>, List<String>>) words -> words == null ? null
            : of(CollectionConverters.asJava(words), shortest, longest),
        DataTypes.createArrayType(DataTypes.StringType, false));
    return dataset.withColumn($(outputCol), grams.apply(col($(inputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String input = $(inputCol);
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(input)
        || !schema.apply(input).dataType().equals(DataTypes.createArrayType(DataTypes.StringType, true))
        && !schema.apply(input).dataType().equals(DataTypes.createArrayType(DataTypes.StringType, false))) {
      throw new IllegalArgumentException("CharNGrams needs an array of strings column " + input);
    }
    return schema.add($(outputCol), DataTypes.createArrayType(DataTypes.StringType, false), true);
  }

  @Override
  public CharNGrams copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Called by PipelineModel.load through reflection. */
  public static MLReader<CharNGrams> read() {
    return new DefaultParamsReader<>();
  }

  public static CharNGrams load(String path) {
    return read().load(path);
  }
}
