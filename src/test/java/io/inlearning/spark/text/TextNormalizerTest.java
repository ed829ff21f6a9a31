package io.inlearning.spark.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void foldsAccentsCaseAndLigatures() {
    assertEquals("donnees", TextNormalizer.normalize("Données"));
    assertEquals("donnees", TextNormalizer.normalize("DONNÉES"));
    assertEquals("coeur strasse lodz", TextNormalizer.normalize("Cœur Straße Łódź"));
    assertEquals("fi 2", TextNormalizer.normalize("ﬁ ²"));
    assertEquals("plain ascii, c++ & c#", TextNormalizer.normalize("Plain ASCII, C++ & C#"));
    assertNull(TextNormalizer.normalize(null));
  }

  @Test
  void tokensKeepLettersDigitsAndProgrammingSymbols() {
    String[] tokens = TextNormalizer.normalize("Apprendre le C++ et l'algèbre: 3D, C#!").split(TextFeatures.TOKEN_SEPARATORS);
    assertArrayEquals(new String[] {"apprendre", "le", "c++", "et", "l", "algebre", "3d", "c#"}, tokens);
  }

  @Test
  void stopWordsAreFoldedLikeTheText() {
    List<String> stopWords = Arrays.asList(TextFeatures.stopWords());
    assertTrue(stopWords.contains("ete"), "été, folded");
    assertTrue(stopWords.contains("the"));
    assertTrue(stopWords.contains("nous"));
  }
}
