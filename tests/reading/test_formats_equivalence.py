"""One written 自评表 in every format reads to the same evaluation and indicators; a scan by OCR within a tolerance.

txt, md, html and xlsx are compared in tests/test_excel_reader.py; here the same form
goes through .docx and .pdf (corpus/render_formats.py), .doc (LibreOffice) and a
scanned PDF (the PDF rasterized to an image-only PDF, read with ``ocr=True``).
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import ROOT, write
from test_excel_reader import indicators, render_html, render_txt
from test_office_convert import require, soffice_convert
from typer.testing import CliRunner

import nlp
from cli import app
from nlp import ingest
from nlp.reading.readers import ocr

# A scan must give at least this share of the indicators exactly (name, target, actual).
OCR_TOLERANCE = 0.8


def _render_formats():
    spec = importlib.util.spec_from_file_location("render_formats", ROOT / "corpus" / "render_formats.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("render_formats", module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """The form as text and its reading (evaluation name, table indicators)."""
    folder = tmp_path_factory.mktemp("form")
    text = write(folder, "form.txt", render_txt())
    return text, indicators(text)


def test_docx_and_pdf_read_as_the_text(form: tuple[Path, list]) -> None:
    text, expected = form
    render = _render_formats()
    blocks = ingest(text).blocks
    render.write_docx(blocks, text.with_suffix(".docx"))
    render.write_pdf(blocks, text.with_suffix(".pdf"))
    assert indicators(text.with_suffix(".docx")) == expected
    assert indicators(text.with_suffix(".pdf")) == expected


def test_doc_reads_as_the_page_it_was_saved_from(form: tuple[Path, list]) -> None:
    text, expected = form
    page = write(text.parent, "page.html", render_html())
    legacy = soffice_convert(page, "doc:MS Word 97").with_suffix(".doc")
    assert indicators(legacy) == indicators(page) == expected


def scan(pdf_path: Path, target: Path, scale: float = 2.0) -> Path:
    """Rasterize every page and save the images as an image-only PDF: a scan without its text layer."""
    pdf = pdfium.PdfDocument(pdf_path)
    images = [pdf[index].render(scale=scale).to_pil().convert("L") for index in range(len(pdf))]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=72 * scale)
    target.write_bytes(buffer.getvalue())
    return target


def test_a_scanned_form_reads_by_ocr_within_the_tolerance(form: tuple[Path, list]) -> None:
    require(ocr.available(), "the ocr extra (rapidocr-onnxruntime)")
    text, expected = form
    born_digital = text.with_suffix(".pdf")
    _render_formats().write_pdf(ingest(text).blocks, born_digital)
    scanned = scan(born_digital, text.parent / "scan.pdf")
    with pytest.raises(nlp.InputError, match="--ocr"):
        ingest(scanned)
    document = ingest(scanned, ocr=True)
    assert [page["page"] for page in document.ocr_pages] == [1] and document.ocr_pages[0]["confidence"] > 0.9
    accuracy = SequenceMatcher(None, ingest(born_digital).text, document.text, autojunk=False).ratio()
    assert accuracy > 0.95
    result = nlp.analyze(scanned, ocr=True)
    [(name, found)] = [
        (
            e.name,
            [
                (i.name, i.target and i.target.raw, i.actual and i.actual.raw)
                for i in e.indicators
                if i.source == "table"
            ],
        )
        for e in result.evaluations
    ]
    assert name == expected[0][0]
    same = sum(1 for item in expected[0][1] if item in found)
    assert same >= OCR_TOLERANCE * len(expected[0][1]), (found, expected)


def test_evaluate_gold_reads_a_scanned_document_by_ocr_when_asked(form: tuple[Path, list], tmp_path: Path) -> None:
    require(ocr.available(), "the ocr extra (rapidocr-onnxruntime)")
    text, expected = form
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    _render_formats().write_pdf(ingest(text).blocks, tmp_path / "form.pdf")
    scan(tmp_path / "form.pdf", tmp_path / "docs" / "w_scan.pdf")
    evaluation = {"kind": "project", "name": expected[0][0], "budget": None, "claimed_score": None}
    evaluation |= {"indicators": [], "problems": [], "suggestions": [], "flags_required": [], "flags_forbidden": []}
    gold = {"doc": "w_scan.pdf", "origin": "written", "family": "anhui_table", "province": "四川", "level": "county"}
    gold |= {"format": "pdf", "evaluations": [evaluation], "sections": []}
    (tmp_path / "gold" / "w_scan.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    without = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--json"])
    [refused] = json.loads(without.stdout)["failures"]
    assert "--ocr" in refused["reason"]
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--ocr", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["failures"] == [] and report["overall"]["figures"]["evaluations_recall"]["num"] == 1
    assert runner.invoke(app, ["evaluate", "--ocr"]).exit_code == 2  # --ocr without --gold
