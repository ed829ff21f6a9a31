package io.inlearning.spark.text;

import io.inlearning.spark.records.CourseSchema;
import java.util.EnumSet;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Unit-length TF-IDF vectors of course texts, from the same terms as the classifier's (title + content,
 * accent folding, tokens, stop words): the dot product of two vectors is the cosine of their texts.
 */
public final class CourseTextVectors {
  public static final String VECTOR = "text_vector";

  private CourseTextVectors() {}

  /** (course_id, text_vector) of course records, the vocabulary and IDF fitted on these courses. */
  public static Dataset<Row> of(Dataset<Row> courses) {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        TextFeatures.pipeline(EnumSet.noneOf(TextFeatures.Extra.class)),
        new CountVectorizer().setInputCol(TextFeatures.WORDS).setOutputCol("text_tf").setBinary(true),
        new IDF().setInputCol("text_tf").setOutputCol("text_tfidf"),
        new Normalizer().setInputCol("text_tfidf").setOutputCol(VECTOR).setP(2.0)});
    return pipeline.fit(courses).transform(courses).select(CourseSchema.COURSE_ID, VECTOR);
  }
}
