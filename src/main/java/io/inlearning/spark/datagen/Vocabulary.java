package io.inlearning.spark.datagen;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Words the course generator draws from: per category and language, plus general course vocabulary and
 * function words. Neighbouring categories share some words on purpose (python in programming and data
 * science, statistics in data science and mathematics...), as real catalogues do.
 */
final class Vocabulary implements Serializable {

  record Category(String name, String[] english, String[] french) implements Serializable {}

  static final List<Category> BUILT_IN = List.of(
      new Category("programming",
          words("code function variable loop compiler debugging java python javascript algorithm software "
              + "api class object interface git repository testing refactoring backend frontend framework "
              + "database server deployment container docker microservice recursion syntax library package "
              + "developer programming typescript rust concurrency thread exception c++ c# web"),
          words("code fonction variable boucle compilateur débogage java python javascript algorithme logiciel "
              + "api classe objet interface git dépôt tests refactorisation serveur déploiement conteneur "
              + "développeur programmation bibliothèque syntaxe récursivité exception framework développement "
              + "base données web application programme")),
      new Category("data science",
          words("data dataset statistics regression classification model python pandas machine learning "
              + "neural network training prediction feature clustering visualization analysis notebook "
              + "probability distribution sampling bias variance overfitting spark sql analytics deep "
              + "correlation forecasting dashboard scikit tensorflow algorithm"),
          words("données jeu statistiques régression classification modèle python pandas apprentissage "
              + "automatique réseau neurones entraînement prédiction variables clustering visualisation "
              + "analyse probabilité distribution échantillonnage biais variance surapprentissage spark sql "
              + "corrélation prévision tableau intelligence artificielle algorithme")),
      new Category("design",
          words("design typography color layout interface user experience prototype wireframe figma sketch "
              + "illustration branding logo composition grid contrast palette accessibility usability "
              + "photoshop drawing visual graphic animation motion portfolio creative mockup font"),
          words("design typographie couleur mise page interface utilisateur expérience prototype maquette "
              + "figma illustration identité visuelle logo composition grille contraste palette "
              + "accessibilité ergonomie photoshop dessin graphisme animation portfolio créatif police")),
      new Category("business",
          words("business management marketing strategy sales finance accounting budget leadership team "
              + "startup entrepreneur negotiation customer market growth revenue investment pitch project "
              + "planning kpi dashboard analysis economics brand communication hr recruitment"),
          words("entreprise gestion marketing stratégie ventes finance comptabilité budget leadership équipe "
              + "startup entrepreneur négociation client marché croissance chiffre affaires investissement "
              + "projet planification indicateurs analyse économie marque communication recrutement management")),
      new Category("languages",
          words("english french spanish german grammar vocabulary pronunciation conversation reading writing "
              + "listening speaking verb tense fluency accent dialogue translation idioms beginner "
              + "intermediate exam toefl ielts culture phrases spelling"),
          words("anglais français espagnol allemand grammaire vocabulaire prononciation conversation lecture "
              + "écriture écoute oral verbe conjugaison temps fluidité accent dialogue traduction expressions "
              + "débutant intermédiaire examen delf culture orthographe phrases")),
      new Category("music",
          words("music guitar piano harmony melody rhythm chord scale composition singing voice drums "
              + "production mixing recording audio ear training theory notation jazz classical songwriting "
              + "improvisation tempo instrument band performance synthesizer"),
          words("musique guitare piano harmonie mélodie rythme accord gamme composition chant voix batterie "
              + "production mixage enregistrement audio oreille solfège théorie jazz classique écriture "
              + "chansons improvisation tempo instrument groupe scène synthétiseur")),
      new Category("health",
          words("health nutrition fitness exercise wellbeing sleep stress meditation yoga diet anatomy "
              + "physiology first aid prevention mental care training running strength mobility posture "
              + "breathing habits medicine recovery body"),
          words("santé nutrition forme exercice bien être sommeil stress méditation yoga alimentation "
              + "anatomie physiologie secourisme prévention mentale soins entraînement course renforcement "
              + "mobilité posture respiration habitudes médecine récupération corps")),
      new Category("mathematics",
          words("mathematics algebra geometry calculus equation function derivative integral matrix vector "
              + "probability statistics proof theorem number theory logic linear optimization limits series "
              + "trigonometry analysis graph combinatorics topology"),
          words("mathématiques algèbre géométrie calcul équation fonction dérivée intégrale matrice vecteur "
              + "probabilités statistiques démonstration théorème arithmétique logique linéaire optimisation "
              + "limites suites trigonométrie analyse graphe combinatoire topologie")));

  static final String[] GENERAL_ENGLISH = words(
      "course lesson module introduction learn learning practical project exercise beginner advanced guide "
          + "complete step skills understand master build create discover hands tutorial session week "
          + "certificate quiz example case study real world concepts fundamentals techniques tools online "
          + "video chapter assignment feedback professional career level hours instructor");
  static final String[] GENERAL_FRENCH = words(
      "cours leçon module introduction apprendre apprentissage pratique projet exercice débutant avancé guide "
          + "complet étape compétences comprendre maîtriser construire créer découvrir tutoriel séance semaine "
          + "certificat quiz exemple étude cas concret notions fondamentaux techniques outils ligne vidéo "
          + "chapitre devoir retour professionnel carrière niveau heures formateur");
  static final String[] FUNCTION_ENGLISH = words(
      "the a of and to in for with on this that you your we is are will how from by an at it be can");
  static final String[] FUNCTION_FRENCH = words(
      "le la les de des du et à en pour avec dans ce cette vous votre nous est sont sera comment un une "
          + "sur par l d qui au aux");

  private static final String[] SYLLABLES = words(
      "ka lo mi ra te su no vi da pe ro ta lu ni so ge ba ki mo ve");

  private Vocabulary() {}

  /**
   * The first {@code count} built-in categories; beyond eight, synthetic categories whose words are
   * generated from syllables (so any number of classes can be tested).
   */
  static List<Category> categories(int count) {
    List<Category> categories = new ArrayList<>(BUILT_IN.subList(0, Math.min(count, BUILT_IN.size())));
    for (int k = BUILT_IN.size(); k < count; k++) {
      SplittableRandom random = new SplittableRandom(7919L * k);
      String[] english = new String[40];
      String[] french = new String[40];
      for (int i = 0; i < english.length; i++) {
        english[i] = pseudoWord(random);
        french[i] = pseudoWord(random) + "e";
      }
      categories.add(new Category(String.format("topic %02d", k + 1), english, french));
    }
    return categories;
  }

  /** A made-up word: names, brands and jargon that make up the long tail of a real vocabulary. */
  static String pseudoWord(SplittableRandom random) {
    StringBuilder word = new StringBuilder();
    int syllables = 2 + random.nextInt(3);
    for (int i = 0; i < syllables; i++) {
      word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return word.toString();
  }

  private static String[] words(String text) {
    return text.trim().split("\\s+");
  }
}
