"""The query page in a real browser: headless Chromium driven by selenium.

Needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)
and the selenium package; skipped with the reason when either is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import start_server
from tests.test_serve_support import make_store

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install selenium)")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="headless Chromium not installed: apt-get update && apt-get install -y chromium chromium-driver",
)

REPO_QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_store(tmp_path_factory.mktemp("web") / "store")
    qdir = tmp_path_factory.mktemp("queries")
    (qdir / "a_zones.rq").write_text(
        "# 有哪些开发区？ / Which zones are there?\nPREFIX zkg: <https://w3id.org/zonekg/ontology#>\n"
        "SELECT ?zone WHERE { ?zone a zkg:Zone }\n",
        encoding="utf-8",
    )
    (qdir / "b_parks.rq").write_text("# 园区 / Parks\nSELECT ?park WHERE { ?z zkg:hasPark ?park }\n", encoding="utf-8")
    srv = start_server(root, port=0, timeout=10, queries_dir=qdir)
    srv.qdir = qdir
    yield srv
    srv.shutdown()


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")  # never let selenium fetch drivers
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        opts.add_argument(flag)
    drv = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    drv.set_page_load_timeout(20)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(drv, cond, timeout=15):
    return WebDriverWait(drv, timeout).until(cond)


def _open(browser, server):
    browser.get(server.url + "/")
    _wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")


def test_type_a_query_run_it_and_see_the_rows(browser, server):
    _open(browser, server)
    editor = browser.find_element(By.ID, "query")
    prefilled = editor.get_attribute("value")
    assert "PREFIX zkg: <https://w3id.org/zonekg/ontology#>" in prefilled
    assert "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in prefilled

    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    assert editor.get_attribute("value") == ""
    editor.send_keys(
        "PREFIX zkg: <https://w3id.org/zonekg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?zone ?label ?park WHERE { ?zone a zkg:Zone ; rdfs:label ?label . OPTIONAL { ?zone zkg:hasPark ?park } } ORDER BY DESC(?label)"
    )
    browser.find_element(By.ID, "run").click()
    table = _wait(browser, EC.visibility_of_element_located((By.ID, "results")))
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == ["zone", "label", "park"]
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert len(rows) == 2
    # ORDER BY DESC(?label): 苏 (U+82CF) sorts after 天 (U+5929)
    assert rows[0][0] == "<https://w3id.org/zonekg/id/zone/suzhou>"
    assert rows[0][1].startswith("苏州工业园区") and rows[0][1].endswith("@zh")
    assert rows[0][2] == "<https://w3id.org/zonekg/id/park/biobay>"
    assert rows[1][1].startswith("天津经济技术开发区") and rows[1][2] == ""
    assert browser.find_element(By.ID, "status").text.startswith("2 rows")

    # The CSV download link answers the same rows.
    href = browser.find_element(By.ID, "dl-csv").get_attribute("href")
    assert urllib.parse.urlsplit(href).path == "/sparql"
    with urllib.request.urlopen(href, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/csv")
        csv_text = r.read().decode("utf-8")
    assert csv_text.splitlines()[0] == "zone,label,park"
    assert "苏州工业园区" in csv_text and "天津经济技术开发区" in csv_text


def test_samples_are_listed_and_load_into_the_editor(browser, server):
    _open(browser, server)
    buttons = browser.find_elements(By.CSS_SELECTOR, "#sample-list button")
    assert [b.text for b in buttons] == ["有哪些开发区？ / Which zones are there?", "园区 / Parks"]
    buttons[1].click()
    text = browser.find_element(By.ID, "query").get_attribute("value")
    # A sample without PREFIX lines gets the prefix block put in front of it.
    assert text.startswith("PREFIX ") and text.rstrip().endswith("SELECT ?park WHERE { ?z zkg:hasPark ?park }")
    browser.find_element(By.ID, "run").click()
    table = _wait(browser, EC.visibility_of_element_located((By.ID, "results")))
    cells = [td.text for td in table.find_elements(By.CSS_SELECTOR, "tbody td")]
    assert cells == ["<https://w3id.org/zonekg/id/park/biobay>"]


def test_a_malformed_query_shows_the_parser_message(browser, server):
    _open(browser, server)
    editor = browser.find_element(By.ID, "query")
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys("SELECT * WHERE { ?s ")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)  # the keyboard shortcut runs it too
    err = _wait(browser, EC.visibility_of_element_located((By.ID, "error")))
    assert err.text.startswith("400")
    assert "malformed query" in err.text
    assert not browser.find_element(By.ID, "results").is_displayed()


def test_the_repo_sample_queries_are_all_listed(browser, tmp_path):
    files = sorted(REPO_QUERIES.glob("*.rq"))
    if not files:
        pytest.skip("no queries/*.rq in this checkout")
    root = make_store(tmp_path / "store")
    with start_server(root, port=0, timeout=10, workers=1, queries_dir=REPO_QUERIES) as srv:
        browser.get(srv.url + "/")
        _wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        titles = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#sample-list button")]
    expected = [f.read_text(encoding="utf-8").splitlines()[0].lstrip("#").strip() for f in files]
    assert titles == expected
