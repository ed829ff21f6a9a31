package io.inlearning.spark.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The charts of the job reports, drawn with XChart into PNG images. Every helper takes plain values (what
 * metrics.json holds) and refuses empty data: a page shows a sentence instead of an empty chart.
 */
public final class Charts {
  private static final int WIDTH = 860;
  private static final int HEIGHT = 420;

  static {
    // Reports are drawn on servers and CI machines without a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** One bar per label, in the map's order. */
  public static ChartImage bar(String title, String xTitle, String yTitle,
                                                            Map<String, ? extends Number> values) {
    return groupedBar(title, xTitle, yTitle, List.copyOf(values.keySet()),
        Map.of(yTitle, List.copyOf(values.values())));
  }

  /** Bars side by side: one group per category, one bar per series (values in category order). */
  public static ChartImage groupedBar(String title, String xTitle, String yTitle,
      List<String> categories, Map<String, ? extends List<? extends Number>> series) {
    requireData(title, categories);
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    numbers(chart.getStyler());
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    series.forEach((name, values) -> chart.addSeries(name, categories, List.copyOf(values)));
    return draw(title, chart);
  }

  /** Counts in bins: {@code edges} has one more value than {@code counts}. */
  public static ChartImage histogram(String title, String xTitle, double[] edges,
                                                                  long[] counts) {
    if (edges.length != counts.length + 1) {
      throw new IllegalArgumentException("a histogram needs one more edge than counts");
    }
    Map<String, Long> bins = new java.util.LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      bins.put(String.format(Locale.ROOT, "%.2f", (edges[i] + edges[i + 1]) / 2), counts[i]);
    }
    return bar(title, xTitle, "count", bins);
  }

  /**
   * A heat map of {@code values[row][column]}, the first row at the top (XChart draws the first y value at
   * the bottom, so the rows are handed over reversed); each cell shows its value.
   */
  public static ChartImage heatMap(String title, String columnsTitle,
      List<String> columns, String rowsTitle, List<String> rows, long[][] values) {
    requireData(title, rows);
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(Math.max(HEIGHT, 60 + 44 * rows.size()))
        .title(title).xAxisTitle(columnsTitle).yAxisTitle(rowsTitle).build();
    style(chart.getStyler());
    chart.getStyler().setShowValue(true);
    chart.getStyler().setHeatMapValueDecimalPattern("#,##0");
    // Light to mid blue: the values are drawn in black, readable on every cell (a navy top made them vanish).
    chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6)});
    chart.getStyler().setValueFontColor(Color.BLACK);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    chart.getStyler().setXAxisLabelRotation(columns.size() > 6 ? 30 : 0);
    List<Number[]> cells = new ArrayList<>();
    int last = rows.size() - 1;
    for (int row = 0; row <= last; row++) {
      for (int column = 0; column < columns.size(); column++) {
        cells.add(new Number[] {column, last - row, values[row][column]});
      }
    }
    List<String> bottomUp = new ArrayList<>(rows);
    java.util.Collections.reverse(bottomUp);
    chart.addSeries(title, columns, bottomUp, cells);
    return draw(title, chart);
  }

  /**
   * One line per series over time, e.g. course counts per category per window (the analytics job):
   * {@code series} maps a name to its values by instant.
   */
  public static ChartImage timeSeries(String title, String yTitle,
      Map<String, ? extends SortedMap<Instant, ? extends Number>> series) {
    requireData(title, List.copyOf(series.keySet()));
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("time (UTC)")
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    numbers(chart.getStyler());
    chart.getStyler().setDatePattern("MM-dd HH:mm");
    chart.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    series.forEach((name, points) -> {
      if (!points.isEmpty()) {
        chart.addSeries(name, points.keySet().stream().map(Date::from).toList(), List.copyOf(points.values()));
      }
    });
    return draw(title, chart);
  }

  /**
   * Series colours that read on white (matplotlib's tab10 without its pale olive): XChart's default palette has
   * a light yellow.
   */
  private static final Color[] SERIES = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
      new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
      new Color(0x17BECF), new Color(0x393B79)};

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setAntiAlias(true);
    styler.setSeriesColors(SERIES);
  }

  /** Axis labels with a leading zero (XChart's default writes 0.05 as ".05") and thousands separators. */
  private static void numbers(org.knowm.xchart.style.AxesChartStyler styler) {
    styler.setYAxisDecimalPattern("#,##0.###");
  }

  private static void requireData(String title, List<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no data for the chart " + title);
    }
  }

  private static ChartImage draw(String title, Chart<?, ?> chart) {
    try {
      return new ChartImage(title,
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart " + title, e);
    }
  }
}
