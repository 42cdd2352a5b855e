"""`zitat web` in a real browser: Debian's headless Chromium driven by Selenium, against a real
`zitat web` process on a real redis-server filled by a real `zitat worker` (bundled models).

The flow a journalist takes: search → suggestion → speaker page → filter by stance and date → chart →
article with its quotes highlighted → submit an article and watch its quotes appear → export. An
article carrying <script> and onerror= payloads is shown as text, and no script of it runs. The run
saves a screenshot of the speaker page to docs/web-speaker.png (shown in the README).

The articles are composed for these tests (fictional people). Skipped, with the reason, only when
chromium or chromedriver is missing.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from redis_server import redis_server  # noqa: F401
from zitat_processes import REPO, ZitatProcess, wait_for, worker, zitat_env

CHROMIUM = os.environ.get("ZITAT_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("ZITAT_TEST_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENSHOT = REPO / "docs" / "web-speaker.png"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (os.path.isfile(CHROMIUM) and os.path.isfile(CHROMEDRIVER)),
        reason=f"no headless browser: {CHROMIUM} or {CHROMEDRIVER} is missing "
        "(apt-get install chromium chromium-driver)",
    ),
]

# Composed for these tests: a foreign minister who threatens in March and offers talks later, quoted
# the same way by two outlets; a defence minister; a government spokesman.
ARTICLES = [
    {
        "title": "Albers droht mit neuen Sanktionen",
        "outlet": "Morgenpost",
        "published": "2025-03-04T10:00:00+01:00",
        "url": "https://example.org/morgenpost/albers-droht",
        "text": "Brüssel. Die Außenministerin Katrin Albers hat Moskau mit harten Konsequenzen gedroht. „Wir werden jede "
        "weitere Provokation mit neuen Sanktionen beantworten“, sagte Albers am Dienstag in Brüssel. Europa dürfe "
        "sich nicht erpressen lassen.\n\nDer Regierungssprecher Felix Nowak erklärte, die Bundesregierung stehe "
        "geschlossen hinter der Ministerin. Man werde die Lage genau beobachten.\n",
    },
    {
        "title": "Ministerin bleibt hart",
        "outlet": "Abendblatt",
        "published": "2025-03-05T08:30:00+01:00",
        "url": "https://example.org/abendblatt/ministerin-bleibt-hart",
        "text": "Berlin. Auch am Mittwoch wiederholte die Außenministerin ihre Warnung. »Wir werden jede weitere Provokation "
        "mit neuen Sanktionen beantworten«, sagte Katrin Albers vor Journalisten in Berlin.\n",
    },
    {
        "title": "Albers setzt auf Gespräche",
        "outlet": "Morgenpost",
        "published": "2025-04-11T12:00:00+02:00",
        "url": "https://example.org/morgenpost/albers-gespraeche",
        "text": "Berlin. Wochen nach ihrer Drohung schlägt die Außenministerin versöhnliche Töne an. „Wir sind jederzeit "
        "zu "
        "Verhandlungen bereit und wollen eine friedliche Lösung“, sagte Katrin Albers am Freitag in Berlin. Sie "
        "wolle den Dialog mit allen Seiten suchen.\n",
    },
    {
        "title": "Streit um Truppenverlegung",
        "outlet": "Abendblatt",
        "published": "2025-04-20",
        "url": "https://example.org/abendblatt/truppen",
        "text": "Wien. Der Verteidigungsminister Jonas Brandt verteidigte die Verlegung weiterer Soldaten an die Ostgrenze. "
        "„Wir müssen unsere Abschreckung massiv verstärken“, sagte Brandt. Er warnte vor einer weiteren "
        "Eskalation.\n",
    },
    {
        "title": "Albers warnt erneut",
        "outlet": "Abendblatt",
        "published": "2025-05-02T09:15:00+02:00",
        "url": "https://example.org/abendblatt/albers-warnt",
        "text": "Paris. Die Außenministerin Katrin Albers verschärfte den Ton wieder. „Wer unsere Grenzen bedroht, wird "
        "mit aller Härte zur Rechenschaft gezogen“, sagte Albers in Paris.\n",
    },
]
SUBMITTED = (
    "Kiel. „Wir wollen den Hafen bis zum Sommer vollständig modernisieren und neue Arbeitsplätze "
    "schaffen“, sagte die Bürgermeisterin Eva Hahn am Montag. Hahn kündigte an, sie werde die Pläne "
    "im Rat vorstellen.\n"
)
HOSTILE = (
    "<p>Hamburg. „Wir lehnen jede Gewalt ab <img src=x onerror=\"window.pwned=1;document.title='pwned'\"> "
    "und wollen Frieden“, sagte der Bürgermeister Tobias Krüger am Mittwoch.</p>\n"
    '<script>window.pwned = 2; document.title = "pwned";</script>\n'
    "<p>Krüger kündigte an, er werde die Gespräche mit den Nachbarn fortsetzen.</p>\n"
)
HOSTILE_TITLE = '<script>window.pwned=3</script>Krüger <img src=y onerror="window.pwned=4">'


def _http(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def site(redis_server, tmp_path_factory) -> Iterator[str]:  # noqa: F811
    """A worker and `zitat web` on a fresh Redis, the composed articles fed through POST /api/articles
    and processed; yields the site's base URL."""
    with redis_server.client() as c:
        c.flushall()
    logs = tmp_path_factory.mktemp("web-browser")
    env = zitat_env(redis_server.url, ZITAT_WEB_SECRET="browser-test-secret")
    work = worker(env, logs / "worker.log")
    web = ZitatProcess(["web", "--address", "127.0.0.1:0"], env, logs / "web.log")
    try:
        found: list[str] = []

        def listening() -> bool:
            m = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", web.text())
            if m:
                found.append(m.group(1))
            return bool(m)

        wait_for(listening, 60, "zitat web to listen", web)
        base = found[0]
        jobs = [_http(f"{base}/api/articles", article) for article in ARTICLES]

        def processed() -> bool:
            states = [_http(f"{base}/api/jobs/{j['job_id']}")["state"] for j in jobs]
            assert "failed" not in states, states
            return all(s == "finished" for s in states)

        wait_for(processed, 600, "the worker to process the articles", work, web)
        yield base
    finally:
        web.stop(30)
        work.stop(120)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=de-DE",
        "--window-size=1200,1000",
        "--disable-extensions",
        "--no-first-run",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "de-DE",
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, timeout: float = 20, what: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message=what)


def _find(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def _find_all(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def _set_date(driver, element, iso: str) -> None:
    """Type a date into an empty <input type=date> as a user does: in German order (TT.MM.JJJJ), or,
    where the browser's date field is in US order (headless Chromium's often is), MM/DD/YYYY."""
    year, month, day = iso.split("-")
    for typed in (day + month + year, month + day + year):
        element.send_keys(typed)  # focusing the field puts the caret on its first part
        if element.get_attribute("value") == iso:
            return
        element.clear()
    raise AssertionError(f"could not type {iso} into the date field")


def test_search_speaker_filter_chart_article(site: str, browser) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(site + "/")
    assert "Katrin Albers" in _find(browser, "ol.speakers").text  # the most quoted
    assert _find_all(browser, "section .statement")  # the latest statements

    # a role finds the speaker too
    search = _find(browser, "#suche")
    search.send_keys("Außenmin")
    _wait(browser, lambda d: "Katrin Albers" in _find(d, "#vorschlaege").text, what="suggestion by role")
    search.clear()
    search.send_keys(Keys.ESCAPE)

    # type part of the name, pick the suggestion with the keyboard
    search.send_keys("Alb")
    _wait(
        browser,
        lambda d: any("Katrin Albers" in o.text for o in _find_all(d, "#vorschlaege [role=option]")),
        what="the suggestion",
    )
    search.send_keys(Keys.ARROW_DOWN)
    assert search.get_attribute("aria-activedescendant") == "vorschlag-0"
    search.send_keys(Keys.ENTER)
    _wait(browser, lambda d: d.current_url.endswith("/speakers/Katrin%20Albers"), what="the speaker page")

    assert _find(browser, "h1").text == "Katrin Albers"
    assert "Außenministerin" in _find(browser, ".speaker-head").text
    statements = _find_all(browser, "#statements .statement")
    assert len(statements) >= 3
    repeated = next(s for s in statements if "Provokation" in s.text)
    assert "2×" in repeated.text and "Morgenpost" in repeated.text  # first seen in the earlier article

    chart = _find(browser, "img#chart")
    _wait(
        browser,
        lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart),
        what="the chart",
    )
    assert chart.get_attribute("src").endswith("/speakers/Katrin%20Albers/chart.svg?interval=week")
    browser.set_window_size(1200, 1900)
    browser.execute_script("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    browser.set_window_size(1200, 1000)

    details = repeated.find_element("css selector", "details")
    details.find_element("css selector", "summary").click()
    assert "Abendblatt" in details.text and "Ministerin bleibt hart" in details.text

    # filter: hawkish statements first published in March
    Select(_find(browser, "#f-stance")).select_by_value("hawkish")
    _set_date(browser, _find(browser, "#f-from"), "2025-03-01")
    _set_date(browser, _find(browser, "#f-to"), "2025-03-31")
    _find(browser, "form.filters button[type=submit]").click()
    _wait(browser, lambda d: "stance=hawkish" in d.current_url, what="the filtered view")
    assert "from=2025-03-01" in browser.current_url and "to=2025-03-31" in browser.current_url
    filtered = _find_all(browser, "#statements .statement")
    # the repeated threat, and „Europa dürfe sich nicht erpressen lassen“ (refusing to yield is a hard line)
    assert len(filtered) == 2 and {"Provokation", "erpressen"} <= {w for s in filtered for w in s.text.split()}
    assert all("konfrontativ" in s.find_element("css selector", ".stance").text for s in filtered)
    assert Select(_find(browser, "#f-stance")).first_selected_option.get_attribute("value") == "hawkish"

    # the first article, with its quotes highlighted and attributed
    threat = next(s for s in filtered if "Provokation" in s.text)
    threat.find_element("css selector", ".source a").click()
    _wait(browser, lambda d: "/articles/" in d.current_url, what="the article page")
    assert _find(browser, "h1").text == "Albers droht mit neuen Sanktionen"
    marks = _find_all(browser, "mark.quote")
    assert marks and any("Provokation" in m.text for m in marks)
    assert "Katrin Albers" in _find(browser, ".text").text  # attribution next to the quote
    assert "Felix Nowak" in _find(browser, "ol.quotes").text
    assert "Morgenpost" in _find(browser, "dl.meta").text


def test_export_downloads_the_filtered_view(site: str, browser, downloads: Path) -> None:
    browser.get(site + "/speakers/Katrin%20Albers?stance=conciliatory")
    _find(browser, "#export-csv").click()
    target = downloads / "zitat-Katrin-Albers.csv"
    _wait(browser, lambda d: target.exists() and target.stat().st_size > 0, 30, "the CSV download")
    time.sleep(0.3)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and all(r["stance_label"] == "conciliatory" and r["speaker"] == "Katrin Albers" for r in rows)
    assert any("Verhandlungen" in r["text"] for r in rows)

    _find(browser, "#export-jsonl").click()
    lines = downloads / "zitat-Katrin-Albers.jsonl"
    _wait(browser, lambda d: lines.exists() and lines.stat().st_size > 0, 30, "the JSON Lines download")
    time.sleep(0.3)
    assert all(json.loads(line)["stance"]["label"] == "conciliatory" for line in lines.read_text().splitlines())


def _submit(browser, site: str, text: str, **fields: str) -> None:
    browser.get(site + "/submit")
    _find(browser, "#s-text").send_keys(text)
    for name, value in fields.items():
        _find(browser, f"#s-{name}").send_keys(value)
    _find(browser, "form.submit button[type=submit]").click()
    _wait(browser, lambda d: "/jobs/" in d.current_url, what="the progress page")


def _wait_for_article(browser) -> None:
    """The progress page reloads itself until the quotes are there, then links the article."""
    _wait(browser, lambda d: _find_all(d, "#article-link"), 300, "the article link on the progress page")
    assert "fertig" in _find(browser, "#job").text
    _find(browser, "#article-link").click()
    _wait(browser, lambda d: "/articles/" in d.current_url, what="the article page")


def test_submit_an_article_and_see_its_quotes_appear(site: str, browser) -> None:
    _submit(
        browser,
        site,
        SUBMITTED,
        title="Hafen wird modernisiert",
        outlet="Nordblatt",
        published="2025-06-02T09:00:00+02:00",
    )
    assert _find(browser, "#job").get_attribute("data-state") in ("queued", "started", "finished")
    _wait_for_article(browser)
    assert _find(browser, "h1").text == "Hafen wird modernisiert"
    assert any("Hafen" in m.text for m in _find_all(browser, "mark.quote"))
    assert "Eva Hahn" in _find(browser, "ol.quotes").text
    browser.get(site + "/speakers/Hahn")
    assert _find(browser, "h1").text == "Eva Hahn"


def test_hostile_article_is_shown_inert(site: str, browser) -> None:
    _submit(browser, site, HOSTILE, title=HOSTILE_TITLE, outlet="Testblatt", published="2025-06-03")
    _wait_for_article(browser)
    article_url = browser.current_url
    for page in ("article", "speaker", "home"):
        if page == "speaker":
            browser.get(site + "/speakers/Krüger")
        elif page == "home":
            browser.get(site + "/")
        time.sleep(0.5)  # an image error handler would have fired by now
        assert browser.execute_script("return window.pwned === undefined"), page
        assert browser.title != "pwned", page  # the payloads would set it to exactly that
        assert not browser.execute_script("return document.querySelector('main img:not(#chart), main script')")
    browser.get(site + "/search?q=Frieden")
    assert browser.execute_script("return window.pwned === undefined")
    browser.get(article_url)
    text = _find(browser, "main").text
    assert "<img src=x onerror=\"window.pwned=1;document.title='pwned'\">" in text  # shown as text
    assert "<script>window.pwned=3</script>" in _find(browser, "h1").text
    console = [e["message"] for e in browser.get_log("browser")]
    assert not any("pwned" in m and "Content Security Policy" not in m for m in console), console


def test_narrow_screen_and_error_pages(site: str, browser) -> None:
    browser.set_window_size(400, 900)
    try:
        for path in ("/", "/speakers/Katrin%20Albers", "/submit"):
            browser.get(site + path)
            width = browser.execute_script("return document.documentElement.clientWidth")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width, path
        assert _find(browser, "#s-text").size["width"] <= 400
    finally:
        browser.set_window_size(1200, 1000)
    browser.get(site + "/speakers/Niemand%20Bekannt")
    assert _find(browser, "h1").text == "Person nicht gefunden"
    browser.get(site + "/speakers/Katrin%20Albers?from=gestern")
    assert _find(browser, "h1").text == "Ungültige Eingabe" and "„von“" in _find(browser, ".error-message").text
    assert unquote(browser.current_url).endswith("from=gestern")
