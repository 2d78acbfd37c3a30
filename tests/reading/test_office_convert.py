"""Legacy Word/WPS files through LibreOffice: read like their source; a missing or hung LibreOffice is one line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import write
from typer.testing import CliRunner

from cli import app
from nlp import InputError, ingest
from nlp.reading.ingest import detect_format
from nlp.reading.readers import office_convert

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def require(present: bool, what: str) -> None:
    """Skip a test whose tool is missing, except in CI (``JIXIAO_FORMATS_REQUIRED``), where it must run."""
    if present:
        return
    if os.environ.get("JIXIAO_FORMATS_REQUIRED") or os.environ.get("CI"):
        pytest.fail(f"{what} is required here (JIXIAO_FORMATS_REQUIRED/CI) but not installed")
    pytest.skip(f"{what} is not installed")


def soffice_convert(source: Path, target: str) -> Path:
    """Convert a file with LibreOffice as a user would (the test's own call, not the reader's)."""
    require(office_convert.libreoffice() is not None, "LibreOffice")
    out = source.parent / "converted"
    profile = (source.parent / "profile").as_uri()
    command = [office_convert.libreoffice(), "--headless", f"-env:UserInstallation={profile}"]
    subprocess.run([*command, "--convert-to", target, "--outdir", str(out), str(source)], check=True, timeout=120)
    return out / f"{source.stem}.{target.split(':')[0]}"


REPORT_HTML = """<html><head><meta charset="utf-8"></head><body>
<h1>2023年度道路养护项目支出绩效自评报告</h1><p>一、项目基本情况</p><p>项目预算20万元，实际支出19.5万元。</p>
<table border="1"><tr><td>一级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td></tr>
<tr><td rowspan="2">产出指标</td><td>养护里程</td><td>≥120公里</td><td>126公里</td></tr>
<tr><td>验收合格率</td><td>100%</td><td>100%</td></tr></table></body></html>"""


def _legacy_doc(tmp_path: Path) -> tuple[Path, Path]:
    """The report as a web page and as the .doc Word 97 saves of it.

    Made from HTML because LibreOffice 7.4 drops the tables of python-docx's
    minimal .docx files when it imports them; its HTML import keeps them.
    """
    page = write(tmp_path, "report.html", REPORT_HTML)
    return page, soffice_convert(page, "doc:MS Word 97").with_suffix(".doc")


def test_a_doc_reads_as_the_page_it_was_saved_from(tmp_path: Path) -> None:
    original, legacy = _legacy_doc(tmp_path)
    assert detect_format(legacy.read_bytes(), "report.doc") == "doc"
    assert detect_format(legacy.read_bytes(), "noext") == "doc"  # told by its WordDocument stream
    as_doc, as_page = ingest(legacy), ingest(original)
    assert as_doc.format == "doc" and as_doc.text == as_page.text
    cells = [[(cell.text, cell.rowspan) for cell in row] for row in as_doc.tables[0].rows]
    assert cells == [[(cell.text, cell.rowspan) for cell in row] for row in as_page.tables[0].rows]
    assert cells[1][0] == ("产出指标", 2)


def test_a_wps_named_file_is_converted_too(tmp_path: Path) -> None:
    _, legacy = _legacy_doc(tmp_path)
    wps = write(tmp_path, "report.wps", legacy.read_bytes())
    document = ingest(wps)
    assert document.format == "wps" and "养护里程" in document.text


def test_without_libreoffice_the_message_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_convert.shutil, "which", lambda name: None)
    path = write(tmp_path, "old.doc", _OLE + b"\x00" * 600)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "libreoffice-writer-nogui" in result.stderr and str(path) in result.stderr


def test_a_damaged_doc_is_one_clear_line(tmp_path: Path) -> None:
    require(office_convert.libreoffice() is not None, "LibreOffice")
    with pytest.raises(InputError, match="LibreOffice could not convert it"):
        ingest(write(tmp_path, "cut.doc", _OLE + b"\x00" * 600))


def test_a_hung_conversion_is_killed_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging = write(tmp_path, "soffice", "#!/bin/sh\nsleep 30 &\nsleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(office_convert, "libreoffice", lambda: str(hanging))
    monkeypatch.setattr(office_convert, "TIMEOUT_SECONDS", 0.5)
    with pytest.raises(InputError, match=r"took over 0\.5 s"):
        ingest(write(tmp_path, "slow.doc", _OLE + b"\x00" * 600))
    leftover = subprocess.run(["pgrep", "-f", f"{hanging}"], capture_output=True, text=True).stdout
    assert leftover.strip() == ""  # the whole process group is gone


def test_an_ole_file_that_is_no_document_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a Word, WPS or Excel document"):
        ingest(write(tmp_path, "thing.bin", _OLE + b"\x00" * 600))


@pytest.mark.parametrize("target", ["rtf:Rich Text Format", "odt:writer8"])
def test_rtf_and_opendocument_text_read_as_the_page_they_were_saved_from(tmp_path: Path, target: str) -> None:
    page, legacy = _legacy_doc(tmp_path)  # saved from Word, not from the page: LibreOffice keeps a page a web page
    saved = soffice_convert(legacy, target)
    fmt = target.split(":")[0]
    assert detect_format(saved.read_bytes(), "noext") == fmt  # told by the content, not the name
    as_saved, as_page = ingest(saved), ingest(page)
    assert as_saved.format == fmt
    cells = [[cell.text for cell in row] for row in as_saved.tables[0].rows]
    assert cells == [[cell.text for cell in row] for row in as_page.tables[0].rows]
    assert "项目预算20万元" in as_saved.text


def test_an_opendocument_spreadsheet_reads_as_the_workbook_it_was_saved_from(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in [
        ("三级指标", "年度指标值", "实际完成值"),
        ("养护里程", "≥120公里", "126公里"),
        ("验收合格率", "100%", "100%"),
    ]:
        book.active.append(row)
    book.save(workbook := tmp_path / "table.xlsx")
    saved = soffice_convert(workbook, "ods")
    assert detect_format(saved.read_bytes(), "table.ods") == "ods"
    assert ingest(saved).text == ingest(workbook).text


def test_an_opendocument_bomb_is_refused_before_libreoffice_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import zipfile

    monkeypatch.setattr(office_convert, "convert", lambda *a: pytest.fail("converted before the archive check"))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"\x00" * 300 * 2**20)
    with pytest.raises(InputError, match=str(tmp_path / "bomb.odt")):
        ingest(write(tmp_path, "bomb.odt", packed.getvalue()))
