"""Regenerate the README's screenshots of both reports (run by hand after changing a template).

    .venv/bin/jixiao batch corpus/ --out out/
    .venv/bin/python docs/screenshots.py out/

Needs Debian's Chromium at /usr/bin/chromium and Playwright (the dev extra).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

import nlp
from nlp.report.dashboard import write_corpus_report
from nlp.report.document_report import write_document_report

DOCS = Path(__file__).resolve().parent
SEED = DOCS.parent / "corpus" / "seeds" / "004_380c218f37ec32c7.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
WIDTH = 900  # pixels of the PNG in the README


def shoot(page, url: str, target: Path, click: str | None = None) -> None:
    page.goto(url)
    if click:
        page.locator(click).first.click()
    page.screenshot(path=str(target))
    image = Image.open(target)
    image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
    image.quantize(colors=128).save(target, optimize=True)  # small enough to keep in git


def main(batch_out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        document_page, corpus_page = Path(folder) / "document.html", Path(folder) / "corpus.html"
        write_document_report(nlp.analyze(SEED).to_json(), document_page)
        write_corpus_report(batch_out, corpus_page, with_documents=False)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            shoot(page, document_page.as_uri() + "#indicators", DOCS / "report_document.png", "mark.hl.flag")
            shoot(page, corpus_page.as_uri(), DOCS / "report_corpus.png")
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
