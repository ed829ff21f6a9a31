package io.inlearning.spark.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained report.html: a title, then sections of paragraphs, tables and charts (PNG data URIs), no
 * script and nothing fetched, so the page reads the same offline. Built in order, rendered once.
 */
public final class HtmlReport {
  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em auto;max-width:960px;color:#222}
      h1{margin-bottom:.2em}.subtitle{color:#666;margin-top:0}
      section{margin-top:2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}
      table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .7em}
      td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
      figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#555}
      """;

  private final String title;
  private final List<String> parts = new ArrayList<>();
  private boolean sectionOpen;

  private HtmlReport(String title, String subtitle) {
    this.title = title;
    parts.add("<h1>" + escape(title) + "</h1>");
    parts.add("<p class=\"subtitle\">" + escape(subtitle) + "</p>");
  }

  /** A page; the subtitle says what ran and when (the time of rendering is added). */
  public static HtmlReport titled(String title, String subtitle) {
    return new HtmlReport(title, subtitle + " - report written " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  public HtmlReport section(String heading) {
    closeSection();
    parts.add("<section><h2>" + escape(heading) + "</h2>");
    sectionOpen = true;
    return this;
  }

  public HtmlReport paragraph(String text) {
    parts.add("<p>" + escape(text) + "</p>");
    return this;
  }

  public HtmlReport chart(ChartImage chart) {
    parts.add("<figure class=\"chart\"><img alt=\"" + escape(chart.title()) + "\" src=\"" + chart.dataUri()
        + "\"><figcaption>" + escape(chart.title()) + "</figcaption></figure>");
    return this;
  }

  /** Cells that look like numbers are right-aligned. */
  public HtmlReport table(Table table) {
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    table.header().forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      for (String cell : row) {
        html.append(isNumber(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
      }
      html.append("</tr>");
    }
    parts.add(html.append("</tbody></table>").toString());
    return this;
  }

  public String render() {
    closeSection();
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title><style>" + STYLE + "</style></head><body>\n" + String.join("\n", parts) + "\n</body></html>\n";
  }

  private void closeSection() {
    if (sectionOpen) {
      parts.add("</section>");
      sectionOpen = false;
    }
  }

  private static boolean isNumber(String cell) {
    return cell.matches("-?[\\d,]+(\\.\\d+)?( ?%| s)?");
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
