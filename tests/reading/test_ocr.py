"""OCR: boxes rebuilt into lines and table cells; images need --ocr; a missing engine is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from PIL import Image
from typer.testing import CliRunner

from cli import app
from nlp import InputError, ingest
from nlp.reading.readers import ocr
from nlp.reading.readers.ocr import Box, rebuild
from nlp.text.blocks import RawParagraph, RawTable


def _box(left: float, top: float, text: str, width: float | None = None, height: float = 20) -> Box:
    return Box(left, top, left + (width or 20 * len(text)), top + height, text, 0.95)


def test_boxes_rebuild_into_paragraph_lines_and_a_table_with_a_wrapped_cell() -> None:
    boxes = [
        _box(100, 50, "绩效自评表"),
        _box(100, 100, "三级指标"),
        _box(300, 101, "指标值"),
        _box(500, 99, "完成值"),
        _box(100, 130, "养护里程"),
        _box(300, 130, "≥120公里"),
        _box(500, 131, "126公里"),
        _box(100, 160, "平均车速"),  # the first line of a wrapped cell
        _box(300, 160, "≥80"),
        _box(500, 160, "89"),
        _box(100, 178, "(公里/时)"),  # its second line touches the first
        _box(140, 260, "存在问题：资金到位较晚。", height=22),
    ]
    blocks = rebuild(boxes)
    assert [type(block) for block in blocks] == [RawParagraph, RawTable, RawParagraph]
    assert [[cell.text for cell in row] for row in blocks[1].rows] == [
        ["三级指标", "指标值", "完成值"],
        ["养护里程", "≥120公里", "126公里"],
        ["平均车速(公里/时)", "≥80", "89"],
    ]
    assert blocks[2].new_paragraph  # indented under the left margin


def test_a_cell_spanning_two_columns_gets_its_colspan() -> None:
    boxes = [
        _box(100, 100, "一级"),
        _box(300, 100, "二级"),
        _box(500, 100, "三级"),
        _box(100, 140, "合计金额说明文字很长很长", width=380),
        _box(500, 140, "100"),
        _box(100, 180, "产出"),
        _box(300, 180, "数量"),
        _box(500, 180, "20"),
    ]
    [table] = rebuild(boxes)
    assert [(cell.text, cell.colspan) for cell in table.rows[1]] == [("合计金额说明文字很长很长", 2), ("100", 1)]


def _png(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    Image.new("RGB", (200, 80), "white").save(path)
    return path


def test_an_image_without_ocr_names_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(_png(tmp_path))])
    assert result.exit_code == 3 and "--ocr" in result.stderr and "Traceback" not in result.stderr


def test_without_the_engine_the_message_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing():
        raise ocr.OcrUnavailable(ocr.INSTALL_HINT)

    monkeypatch.setattr(ocr, "_engine", missing)
    with pytest.raises(InputError, match=r"jixiao\[ocr\]"):
        ingest(_png(tmp_path), ocr=True)


def test_a_damaged_or_huge_image_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="damaged or unreadable image"):
        ingest(write(tmp_path, "cut.png", _png(tmp_path).read_bytes()[:60]), ocr=True)
    monkeypatch.setattr(ocr, "MAX_PIXELS", 1000)
    with pytest.raises(InputError, match="pixel limit"):
        ingest(_png(tmp_path), ocr=True)
