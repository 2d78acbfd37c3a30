"""The jixiao command: document JSON, summary, and one-line errors with exit code 3."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import RENDERED, ROOT, SEEDS, write
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def test_extract_json_has_the_contract_fields_and_exact_offsets(seed_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    for key in ("schema_version", "pipeline_version", "model_version", "doc_id", "source", "meta", "text"):
        assert key in document
    assert document["schema_version"] == "2.0"
    assert document["source"]["format"] == "txt" and document["source"]["encoding"] == "utf-8"
    for flag in document["flags"]:
        assert flag["eval"] is None and 0 <= flag["start"] < flag["end"] <= len(document["text"])
    assert document["model_version"] and document["sections"] and document["evaluations"]
    text = document["text"]
    for section in document["sections"]:
        assert 0 <= section["start"] < section["end"] <= len(text)
        assert text[section["start"] :].startswith(section["heading"][:4])
    for evaluation in document["evaluations"]:
        assert evaluation["kind"] in {"department", "project"}
        assert set(evaluation["sections"]) <= {s["id"] for s in document["sections"]}
    for block in document["blocks"]:
        assert text[block["start"] : block["end"]] == block["text"]
        for row in block.get("rows", []):
            for cell in row:
                assert text[cell["start"] : cell["end"]] == cell["text"]


def test_doc_id_is_the_hash_of_the_normalized_text() -> None:
    import hashlib

    documents = [json.loads(runner.invoke(app, ["extract", str(p), "--json"]).stdout) for p in SEEDS[:2]]
    for document in documents:
        assert document["doc_id"] == hashlib.sha256(document["text"].encode()).hexdigest()[:16]
    assert documents[0]["doc_id"] != documents[1]["doc_id"]


def test_extract_writes_json_file_and_prints_summary(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    result = runner.invoke(app, ["extract", str(RENDERED[0]), "-o", str(out)])
    assert result.exit_code == 0
    assert "段落" in result.stdout and "表格" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["format"] == "docx"
    assert result.stdout.rstrip().endswith(f"已写入 {out}")  # where the JSON went


def test_help_shows_examples() -> None:
    assert "Example" in runner.invoke(app, ["--help"]).stdout
    assert "jixiao extract" in runner.invoke(app, ["extract", "--help"]).stdout


def _truncated_docx(tmp_path: Path) -> Path:
    data = RENDERED[0].read_bytes()
    return write(tmp_path, "cut.docx", data[: len(data) // 2])


def _encrypted_pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "locked")
    pdf.save()
    return path


def _image_only_pdf(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 72, 300, 500, fill=1)
    pdf.save()
    return path


def _zip_not_docx(tmp_path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    return write(tmp_path, "archive.docx", buffer.getvalue())


BAD_INPUTS = {
    "missing": (lambda tmp: tmp / "nope.txt", "no such file"),
    "directory": (lambda tmp: tmp, "directory"),
    "unknown format": (lambda tmp: write(tmp, "table.xlsx", "甲,乙\n"), "unsupported format"),
    "empty": (lambda tmp: write(tmp, "empty.txt", b""), "empty"),
    "whitespace only": (lambda tmp: write(tmp, "blank.md", " \n\t\u3000\n", "utf-8"), "whitespace"),
    "binary named txt": (lambda tmp: write(tmp, "bin.txt", bytes(range(256)) * 4), "binary"),
    "image named txt": (lambda tmp: write(tmp, "img.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "PNG"),
    "undecodable text": (lambda tmp: write(tmp, "bad.txt", b"\x81\x30\xff\xfe\x80" * 40 + b"abc"), "decode"),
    "truncated docx": (_truncated_docx, "truncated"),
    "zip that is not docx": (_zip_not_docx, "not a .docx"),
    "text named pdf": (lambda tmp: write(tmp, "fake.pdf", "这不是PDF"), "not a .pdf"),
    "encrypted pdf": (_encrypted_pdf, "encrypted"),
    "pdf without text layer": (_image_only_pdf, "run with --ocr"),
    "truncated pdf": (lambda tmp: write(tmp, "cut.pdf", RENDERED[-1].read_bytes()[:400]), "PDF"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_exits_3_with_one_line_naming_file_and_reason(tmp_path: Path, case: str) -> None:
    make, reason = BAD_INPUTS[case]
    path = make(tmp_path)
    result = runner.invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_a_fault_of_the_pipeline_on_one_document_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As batch writes it in the document's row: the file, 'internal error' and the exception, exit code 3."""
    import nlp.pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(nlp.pipeline, "analyze", broken)
    path = write(tmp_path, "a.txt", "某县2023年度项目支出绩效自评报告\n一、基本情况\n")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        f"jixiao: {path}: internal error: IndexError: list index out of range"
    ]


def test_console_entry_point_runs_as_a_process(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "cli", "extract", str(SEEDS[2]), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["meta"]["year"] == 2022
    bad = subprocess.run(
        [sys.executable, "-m", "cli", "extract", str(tmp_path / "missing.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 3 and bad.stderr.count("\n") == 1 and bad.stdout == ""


def test_score_and_flags_commands(tmp_path: Path) -> None:
    scores = json.loads(runner.invoke(app, ["score", str(SEEDS[0]), "--json"]).stdout)
    assert [row["name"] for row in scores][1] == "招商引资经费"
    assert {"quality", "grade", "candor", "claimed_score", "recomputed_score", "n_flags"} <= set(scores[0])
    flags = json.loads(runner.invoke(app, ["flags", str(SEEDS[1]), "--json"]).stdout)
    assert {"ARITHMETIC_MISMATCH", "UNIT_ERROR"} <= {f["code"] for f in flags}
    assert all(f["evidence"] for f in flags)
    table = runner.invoke(app, ["score", str(SEEDS[0])])
    assert table.exit_code == 0 and "招商引资经费" in table.stdout
    missing = runner.invoke(app, ["score", str(tmp_path / "none.txt")])
    assert missing.exit_code == 3 and "no such file" in missing.stderr
    bad_weights = runner.invoke(app, ["score", str(SEEDS[0]), "--weights", str(tmp_path / "w.toml")])
    assert bad_weights.exit_code == 3 and "no such config file" in bad_weights.stderr


@pytest.mark.parametrize("command", [["evaluate"], ["evaluate", "--json"], ["train"]])
def test_commands_needing_the_corpus_say_so_outside_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    import nlp.structure.model_store as model_store

    monkeypatch.setattr(model_store, "CORPUS", tmp_path / "corpus")  # as in an installed wheel: no corpus/
    result = runner.invoke(app, command)
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1 and "corpus/" in result.stderr and "annotations" in result.stderr
