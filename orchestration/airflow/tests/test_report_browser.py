"""The jobs' report.html in a real browser (Debian's chromium, driven by Selenium through chromedriver):
every chart image is decoded and drawn, the sections a reader needs are there and legible; the screenshots are
kept in target/airflow-tests/."""

from __future__ import annotations

import shutil

import pytest
from conftest import ARTIFACTS, current_model, inlearning

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver not installed")


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def pixels(browser, index: int) -> dict:
    """Colours of chart `index` as the browser decoded it: distinct colours sampled, and dark-blue pixels
    (the navy cells that hid the black figures of the confusion matrix)."""
    return browser.execute_script("""
        const img = document.querySelectorAll('figure.chart img')[arguments[0]];
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        let darkBlue = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (i % (4 * 97) == 0) seen.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
          if (data[i + 2] > data[i] + 40 && (data[i] + data[i + 1] + data[i + 2]) / 3 < 80) darkBlue++;
        }
        return {colours: seen.size, darkBlue: darkBlue};""", index)


def screenshot(browser, name: str) -> None:
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1100, height + 100)
    browser.save_screenshot(str(ARTIFACTS / name))


def test_the_courses_report_renders_its_charts(dag_run, browser):
    report = current_model(dag_run[0], "classifier") / "report.html"
    browser.get(report.as_uri())
    assert browser.title == "InLearning: courses train"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings[:2] == ["Held-out evaluation", "Confusion matrix"]
    assert {"Data quality", "Timings per phase"} <= set(headings)
    charts = browser.execute_script("""
        return Array.from(document.querySelectorAll('figure.chart img')).map(img => ({
          title: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight}));""")
    assert [chart["title"] for chart in charts][2] == "Confusion matrix (rows: actual, columns: predicted)"
    assert len(charts) == 4  # a training: no predictions to chart
    for chart in charts:
        assert chart["complete"] and chart["width"] >= 800 and chart["height"] >= 400, chart
    # Drawn, not blank: the browser's own pixels of the heat map have many colours; and legible: no cell is
    # dark enough to hide its black figure (a well-classified hour puts most courses on the diagonal).
    heat_map = pixels(browser, 2)
    assert heat_map["colours"] > 20, heat_map
    assert heat_map["darkBlue"] < 200, heat_map
    screenshot(browser, "courses-report.png")


@pytest.fixture(scope="module")
def analytics_report(airflow_env, tmp_path_factory):
    """The analytics job in local mode on generated events, into a warehouse: its report.html."""
    work = tmp_path_factory.mktemp("analytics")
    inlearning(airflow_env, "generate", "events", "--count", "6000", "--files", "3", "--out", str(work / "drop"))
    inlearning(airflow_env, "analytics", "--source", f"files:{work / 'drop'}", "--warehouse",
               str(work / "warehouse"), "--checkpoint", str(work / "out" / "checkpoint"),
               "--trigger", "available-now", "--max-files-per-trigger", "1")
    return work / "out" / "report.html"


def test_the_analytics_report_shows_events_courses_and_phases(analytics_report, browser):
    browser.get(analytics_report.as_uri())
    assert browser.title == "InLearning: course analytics"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings == ["Events per category over time", "Busiest courses", "Late events", "Data quality",
                        "Timings per phase"]
    text = browser.find_element("tag name", "body").text
    # Plain words, not the metrics' field names; the chart says it counts events.
    assert "rows_dropped_by_watermark" not in text and "No phase timings" not in text
    charts = browser.execute_script("""
        return Array.from(document.querySelectorAll('figure.chart img')).map(img => ({
          title: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight}));""")
    titles = [chart["title"] for chart in charts]
    assert titles == ["Events per category per window", "Busiest courses: learners, enrolments and completions",
                      "Rejected records by reason", "Seconds per phase"], titles
    for index, chart in enumerate(charts):
        assert chart["complete"] and chart["width"] >= 800 and chart["height"] >= 400, chart
        assert pixels(browser, index)["colours"] > 10, chart
    # The busiest courses: a row per course with its figures, the completion rate as a percentage.
    table = browser.find_elements("css selector", "table")[0]
    header = [cell.text for cell in table.find_elements("css selector", "th")]
    assert header == ["course", "category", "events", "peak learners", "enrolments", "completions", "completion rate"]
    rows = table.find_elements("css selector", "tr")[1:]
    assert len(rows) == 15
    first = [cell.text for cell in rows[0].find_elements("css selector", "td")]
    assert int(first[2].replace(",", "")) >= int(first[3].replace(",", "")) > 0, first
    assert first[6].endswith(" %") or first[6] == "-", first
    phases = [row.find_elements("css selector", "td")[0].text
              for row in browser.find_elements("css selector", "table")[-1].find_elements("css selector", "tr")[1:]]
    assert "add_batch" in phases and phases[-1] == "total", phases
    screenshot(browser, "analytics-report.png")
