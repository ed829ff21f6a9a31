package io.inlearning.spark.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharNGramsTest {
  @Test
  void sameGramsAsScikitLearnsCharWbAnalyzer() {
    // TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()("web a photoshop")
    List<String> expected = List.of(" w", "we", "eb", "b ", " we", "web", "eb ", " web", "web ", " web ", " a", "a ",
        " a ", " p", "ph", "ho", "ot", "to", "os", "sh", "ho", "op", "p ", " ph", "pho", "hot", "oto", "tos", "osh",
        "sho", "hop", "op ", " pho", "phot", "hoto", "otos", "tosh", "osho", "shop", "hop ", " phot", "photo", "hotos",
        "otosh", "tosho", "oshop", "shop ");
    assertEquals(expected, CharNGrams.of(List.of("web", "a", "photoshop"), 2, 5));
  }

  @Test
  void noWordsNoGrams() {
    assertEquals(List.of(), CharNGrams.of(List.of(), 2, 5));
  }

  @Test
  void aRangeThatCannotHoldIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CharNGrams().setRange(3, 2));
    assertThrows(IllegalArgumentException.class, () -> new CharNGrams().setRange(0, 2));
  }
}
