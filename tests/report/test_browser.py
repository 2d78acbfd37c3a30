"""Both reports in a real browser: Debian's headless Chromium driven by Playwright.

``.ci/run`` installs Chromium and sets JIXIAO_BROWSER_REQUIRED, so there these
tests run or fail; elsewhere they are skipped when /usr/bin/chromium is absent.
Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.corpus.batch import finalize, run_batch
from nlp.report.dashboard import write_corpus_report
from nlp.report.document_report import write_document_report

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = ROOT / "tests" / "documents" / "hostile_markup.txt"
# No first-run, sync or update traffic: this machine's network is closed.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not CHROMIUM.exists():
    if os.environ.get("JIXIAO_BROWSER_REQUIRED"):
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:  # Playwright gives it a fresh, empty profile
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page with every console error, uncaught exception and dialog (an ``alert``) recorded."""

    def __init__(self, browser, url: str) -> None:
        self.problems: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type in (
            "error", "warning") else None)  # fmt: skip
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(url)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> tuple[Path, dict]:
    document = nlp.analyze(HOSTILE).to_json()
    path = tmp_path_factory.mktemp("report") / "hostile.html"
    write_document_report(document, path)
    return path, document


def test_document_report_shows_evidence_and_runs_no_injected_script(browser, hostile_report) -> None:
    path, document = hostile_report
    watched = Watched(browser, path.as_uri())
    page = watched.page
    assert page.locator("mark.hl").count() > 0
    assert page.locator("section.card").count() == len(document["evaluations"])
    assert page.locator(".card .grade").count() == len(document["evaluations"])
    for kind in ("claim", "problem", "suggestion", "flag"):
        assert page.locator(f"mark.hl.{kind}").count() > 0, kind
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert "<script>window.pwned=1</script>" in page.locator("#text").inner_text()  # shown as text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "document_report.png"))
    assert watched.problems == []


def test_clicking_a_flag_shows_its_message(browser, hostile_report) -> None:
    watched = Watched(browser, hostile_report[0].as_uri())
    page = watched.page
    evidence = json.loads(page.locator("#evidence-data").text_content())
    mark = page.locator("mark.hl.flag").first
    assert "质量标记" in mark.get_attribute("title")  # what hovering shows
    mark.click()
    flag_ids = [key for key in mark.get_attribute("data-ann").split() if evidence[key]["kind"] == "flag"]
    message = dict(evidence[flag_ids[0]]["details"])["说明"]
    assert message in page.locator("#details-items").inner_text()
    assert "active" in mark.get_attribute("class")

    link = page.locator("button.flag-link").first
    link.click()
    expected = dict(evidence[link.get_attribute("data-ann")]["details"])["说明"]
    assert page.locator("#details-items").inner_text().count(expected) == 1
    page.screenshot(path=str(ARTIFACTS / "document_report_flag.png"))
    assert watched.problems == []


def test_legend_hides_and_shows_a_kind(browser, hostile_report) -> None:
    watched = Watched(browser, hostile_report[0].as_uri())
    page = watched.page
    background = "getComputedStyle(document.querySelector('mark.hl.problem')).backgroundColor"
    shown = page.evaluate(background)
    page.locator(".legend input[value=problem]").uncheck()
    assert page.evaluate(background) == "rgba(0, 0, 0, 0)" != shown
    page.locator(".legend input[value=problem]").check()
    assert page.evaluate(background) == shown


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    run_batch([*map(str, SEEDS), str(HOSTILE)], folder / "out", workers=1)
    finalize(folder / "out", {"pipeline_version": nlp.PIPELINE_VERSION})
    page = folder / "dashboard.html"
    write_corpus_report(folder / "out", page)
    return page


def test_dashboard_plots_sort_and_link(browser, dashboard: Path) -> None:
    watched = Watched(browser, dashboard.as_uri())
    page = watched.page
    assert page.locator("figure svg").count() >= 4
    header = page.locator("#evaluations th", has_text="质量分")
    column = (
        "Array.from(document.querySelectorAll('#evaluations tbody tr')).map(r => parseFloat(r.cells[7].dataset.value))"
    )
    header.click()
    ascending = [v for v in page.evaluate(column) if v == v]
    assert ascending == sorted(ascending) and len(ascending) > 5
    header.click()
    descending = [v for v in page.evaluate(column) if v == v]
    assert descending == sorted(descending, reverse=True)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "corpus_dashboard.png"), full_page=True)
    assert watched.problems == []

    page.locator("#evaluations a", has_text="查看").first.click()
    page.wait_for_load_state()
    assert page.url.split("#")[1].startswith("card-")
    assert page.locator(f"#{page.url.split('#')[1]}").count() == 1
    assert watched.problems == []
