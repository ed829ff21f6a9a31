"""A job's report.html in a real browser (Debian's chromium, driven by Selenium through chromedriver):
every chart image is decoded and drawn; the screenshot is kept in target/airflow-tests/."""

from __future__ import annotations

import shutil

import pytest
from conftest import ARTIFACTS, HOUR

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


def test_the_courses_report_renders_its_charts(dag_run, browser):
    report = dag_run[0] / "courses" / HOUR / "report.html"
    browser.get(report.as_uri())
    assert browser.title == "InLearning: courses process"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings[:2] == ["Held-out evaluation", "Confusion matrix"]
    assert {"Data quality", "Timings per phase"} <= set(headings)
    charts = browser.execute_script("""
        return Array.from(document.querySelectorAll('figure.chart img')).map(img => ({
          title: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight}));""")
    assert [chart["title"] for chart in charts][2] == "Confusion matrix (rows: actual, columns: predicted)"
    assert len(charts) == 5
    for chart in charts:
        assert chart["complete"] and chart["width"] >= 800 and chart["height"] >= 400, chart
    # Drawn, not blank: the browser's own pixels of the heat map have many colours.
    colours = browser.execute_script("""
        const img = document.querySelectorAll('figure.chart img')[2];
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < pixels.length; i += 4 * 97) seen.add(pixels[i] + ',' + pixels[i + 1] + ',' + pixels[i + 2]);
        return seen.size;""")
    assert colours > 20, colours
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1100, height + 100)
    browser.save_screenshot(str(ARTIFACTS / "courses-report.png"))
