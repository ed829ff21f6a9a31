package io.inlearning.spark.text;

import io.inlearning.spark.records.CourseSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StopWordsRemover;

/**
 * The terms of a course's text, shared by the classifier and by the recommender's cold start: title and
 * content, accent-folded tokens without English or French stop words ({@link #WORDS}), and, where asked,
 * word pairs among them and the title's character 2- to 5-grams ({@link #TITLE_GRAMS}).
 */
public final class TextFeatures {
  /** The words (and word pairs) of title + content. */
  public static final String WORDS = "words";
  /** The character n-grams inside the title's words. */
  public static final String TITLE_GRAMS = "title_grams";
  static final String TERMS = "terms";
  /** Letters, digits, and the + and # of "c++" or "c#"; everything else separates tokens. */
  public static final String TOKEN_SEPARATORS = "[^\\p{L}\\p{N}+#]+";

  /** What the short recipe adds to single words. */
  public enum Extra { WORD_PAIRS, TITLE_CHAR_GRAMS }

  private TextFeatures() {}

  /** title + content -> {@link #WORDS}, with word pairs if asked; the title's n-grams ({@link #TITLE_GRAMS}) if asked. */
  public static Pipeline pipeline(Set<Extra> extras) {
    boolean pairs = extras.contains(Extra.WORD_PAIRS);
    List<PipelineStage> stages = new ArrayList<>();
    // A catalogue of titles alone may repeat the title as content: read it once.
    String title = CourseSchema.TITLE;
    String content = CourseSchema.CONTENT;
    stages.add(new SQLTransformer().setStatement("SELECT *, CASE WHEN " + content + " = " + title + " THEN " + title
        + " ELSE concat_ws(' ', " + title + ", " + content + ") END AS text, coalesce(" + title
        + ", '') AS title_text FROM __THIS__"));
    stages.add(new TextNormalizer().setInputCol("text").setOutputCol("text_normalized"));
    stages.add(tokenizer("text_normalized", "tokens", 2));
    stages.add(new StopWordsRemover().setInputCol("tokens").setOutputCol(pairs ? TERMS : WORDS)
        .setCaseSensitive(true).setStopWords(stopWords()));
    if (pairs) {
      stages.add(new NGram().setN(2).setInputCol(TERMS).setOutputCol("bigrams"));
      stages.add(new SQLTransformer().setStatement("SELECT *, concat(" + TERMS + ", bigrams) AS " + WORDS
          + " FROM __THIS__"));
    }
    if (extras.contains(Extra.TITLE_CHAR_GRAMS)) {
      stages.add(new TextNormalizer().setInputCol("title_text").setOutputCol("title_normalized"));
      stages.add(tokenizer("title_normalized", "title_words", 1));
      stages.add(new CharNGrams().setRange(2, 5).setInputCol("title_words").setOutputCol(TITLE_GRAMS));
    }
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  private static RegexTokenizer tokenizer(String input, String output, int minLength) {
    return new RegexTokenizer().setInputCol(input).setOutputCol(output).setPattern(TOKEN_SEPARATORS)
        .setGaps(true).setToLowercase(false).setMinTokenLength(minLength);
  }

  /** Spark's English and French stop words, folded like the text they are compared with. */
  public static String[] stopWords() {
    Set<String> words = new LinkedHashSet<>();
    for (String language : new String[] {"english", "french"}) {
      for (String word : StopWordsRemover.loadDefaultStopWords(language)) {
        for (String token : TextNormalizer.normalize(word).split(TOKEN_SEPARATORS)) {
          if (!token.isEmpty()) {
            words.add(token);
          }
        }
      }
    }
    return words.toArray(String[]::new);
  }
}
