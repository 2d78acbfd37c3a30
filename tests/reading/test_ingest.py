"""Ingest: every format and encoding gives one normalized text whose offsets slice exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RENDERED, ROOT, SEEDS, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import InputError, ingest
from nlp.reading.ingest import ingest_bytes


def assert_offsets_slice(document) -> None:
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for row in block.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text
                assert "\t" not in cell.text and "\n" not in cell.text
        if block.kind == "paragraph":
            assert "\n" not in block.text


@pytest.mark.parametrize("path", SEEDS + RENDERED, ids=lambda p: p.name[:3] + p.suffix)
def test_every_document_ingests_and_offsets_slice_the_text(path: Path) -> None:
    document = ingest(path)
    assert document.text.strip()
    assert document.paragraphs
    assert_offsets_slice(document)


def test_conversion_artifacts_are_removed(seed_path: Path) -> None:
    text = ingest(seed_path).text
    for artifact in ("[bookmark:", "[image:", "**", "<b>", "</b>", "\u3000"):
        assert artifact not in text


def test_full_width_forms_fold_but_chinese_punctuation_stays(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "（一）２０２２年完成ＬＥＤ屏改造，满意度达到９５％。")
    assert ingest(path).text == "(一)2022年完成LED屏改造，满意度达到95%。"


def test_spaces_go_next_to_numbers_but_stay_between_words(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "第一部分 部门概况\n截至 2022 年 12 月 31 日，共 26845 件。")
    assert [b.text for b in ingest(path).blocks] == ["第一部分 部门概况", "截至2022年12月31日，共26845件。"]


def test_sentence_broken_by_blank_line_is_rejoined(tmp_path: Path) -> None:
    text = "(二)存在问题。\n\n一是因资金紧张，存在预算执行\n\n进度跟不上现象。二是指标有待完善。\n"
    blocks = ingest(write(tmp_path, "a.txt", text)).blocks
    assert [b.text for b in blocks] == [
        "(二)存在问题。",
        "一是因资金紧张，存在预算执行进度跟不上现象。二是指标有待完善。",
    ]


def test_seed_000_problem_statement_is_one_paragraph() -> None:
    texts = [b.text for b in ingest(SEEDS[0]).paragraphs]
    assert any("存在部门预算执行进度跟不上现象" in t for t in texts)


def test_headings_and_list_items_are_not_glued(tmp_path: Path) -> None:
    text = (
        "2022年度\n某县财政局\n部门决算\n"
        "一、部门职责\n"
        "1.评价指标体系、评价方法及评价标准\n"
        "本项目主要遵循相关性原则，依据资金使用的方向\n"
        "(1)负责预算编制，组织实施\n"
        "(2)负责绩效管理\n"
        "- 一、收入支出决算总表\n"
        "- 二、收入决算表\n"
        "(三)相关建议。\n无\n"
    )
    texts = [b.text for b in ingest(write(tmp_path, "a.md", text)).blocks]
    assert texts == [
        "2022年度",
        "某县财政局",
        "部门决算",
        "一、部门职责",
        "1.评价指标体系、评价方法及评价标准",
        "本项目主要遵循相关性原则，依据资金使用的方向",
        "(1)负责预算编制，组织实施",
        "(2)负责绩效管理",
        "一、收入支出决算总表",
        "二、收入决算表",
        "(三)相关建议。",
        "无",
    ]


def test_markdown_headings_and_bold_lines_become_hints(tmp_path: Path) -> None:
    text = "## **一、评价结论及建议**\n\n**(一)评价结论。**\n\n正文*不*变。\n"
    blocks = ingest(write(tmp_path, "a.md", text)).blocks
    assert [(b.text, b.heading_level, b.bold) for b in blocks] == [
        ("一、评价结论及建议", 2, True),
        ("(一)评价结论。", None, True),
        ("正文*不*变。", None, False),
    ]


TAB_FLATTENED = (
    "项目自评表\n"
    "\t一级指标\n\t二级指标\n\t三级指标\n\t预期指标值\n\t实际完成指标值\n"
    "\n"
    "\t产出指标\n\t数量指标\n\t培训人数\n\t200人\n\t210人\n"
    "\n"
    "\t\n\t质量指标\n\t合格\n率\n\t≥95%\n\t97%\n"
    "\n"
    "\t满意度指标\n\t满意\n度指标\n\t\n\n\n\n学员满意度\n\t≧90%\n\t92%\n"
    "\n\n\n"
    "结论段落。\n"
)


def test_tab_flattened_table_rows_cells_and_broken_cells(tmp_path: Path) -> None:
    document = ingest(write(tmp_path, "a.txt", TAB_FLATTENED))
    (table,) = document.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"],
        ["产出指标", "数量指标", "培训人数", "200人", "210人"],
        ["", "质量指标", "合格率", "≥95%", "97%"],
        ["满意度指标", "满意度指标", "学员满意度", "≧90%", "92%"],
    ]
    assert [b.text for b in document.paragraphs] == ["项目自评表", "结论段落。"]
    assert_offsets_slice(document)


def test_two_blank_lines_separate_back_to_back_tables(tmp_path: Path) -> None:
    text = "\t表一\n\t甲\n\n\t乙\n\n\n\t表二\n\t丙\n"
    tables = ingest(write(tmp_path, "a.txt", text)).tables
    assert [[[c.text for c in row] for row in t.rows] for t in tables] == [
        [["表一", "甲"], ["乙"]],
        [["表二", "丙"]],
    ]


def test_seed_tables_keep_their_indicator_rows() -> None:
    tables = ingest(SEEDS[3]).tables  # 003: five 自评表 back to back
    assert len(tables) == 5
    for table in tables:
        header = next(row for row in table.rows if any(c.text == "三级指标" for c in row))
        assert [c.text for c in header][-2:] == ["预期指标值", "实际完成指标值"]


def test_markdown_pipe_table(tmp_path: Path) -> None:
    text = "| 一级指标 | 三级指标 | 指标值 |\n|---|:---:|---|\n| 产出指标 | 培训人数 | 200人 |\n|  | 合格率 | ≥95% |\n"
    (table,) = ingest(write(tmp_path, "a.md", text)).tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["一级指标", "三级指标", "指标值"],
        ["产出指标", "培训人数", "200人"],
        ["", "合格率", "≥95%"],
    ]


def test_tab_separated_lines_become_a_table(tmp_path: Path) -> None:
    text = "目录\n一、部门职责\t1\n二、机构设置\t3\n"
    (table,) = ingest(write(tmp_path, "a.txt", text)).tables
    assert [[c.text for c in row] for row in table.rows] == [["一、部门职责", "1"], ["二、机构设置", "3"]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    original = SEEDS[2].read_text(encoding="utf-8")
    reference = ingest(SEEDS[2])
    path = write(tmp_path, "seed.txt", original, encoding=encoding)
    document = ingest(path)
    assert document.text == reference.text
    assert document.encoding.replace("_", "-") in {encoding, "utf-16", "gb18030", "gbk"}


def test_short_gbk_text_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "存在问题：无。", encoding="gbk")
    assert ingest(path).text == "存在问题：无。"


def _cells(document) -> list[list[str]]:
    return [[c.text for row in t.rows for c in row if c.text] for t in document.tables]


@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.name[:3] + p.suffix)
def test_rendered_formats_match_the_text_seed(path: Path) -> None:
    reference = ingest(ROOT / "corpus" / "seeds" / f"{path.stem}.txt")
    document = ingest(path)
    expected = [b.text for b in reference.paragraphs]
    found = {b.text for b in document.paragraphs}
    share = sum(text in found for text in expected) / len(expected)
    assert share >= 0.95, f"only {share:.1%} of paragraphs identical"
    assert _cells(document) == _cells(reference)


def test_docx_merged_cells_are_resolved(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "年度绩效指标"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    for r, (name, value) in enumerate([("人数", "17人"), ("费用", "75.6万元")], start=1):
        table.cell(r, 1).text, table.cell(r, 2).text = name, value
    document.add_paragraph("后记")
    path = tmp_path / "a.docx"
    document.save(str(path))

    result = ingest(path)
    assert [b.kind for b in result.blocks] == ["paragraph", "table", "paragraph"]
    rows = result.tables[0].rows
    assert [[c.text for c in row] for row in rows] == [
        ["年度绩效指标"],
        ["产出指标", "人数", "17人"],
        ["", "费用", "75.6万元"],
    ]
    assert rows[0][0].colspan == 3
    assert rows[1][0].rowspan == 2 and rows[2][0].continued


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda s: s.encode("utf-8")),
        st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
    ),
    name=st.sampled_from(["a.txt", "a.md", "a.docx", "a.pdf", "a.csv", "noext"]),
)
def test_arbitrary_bytes_either_ingest_or_raise_input_error(data: bytes, name: str) -> None:
    try:
        document = ingest_bytes(data, name)
    except InputError as error:
        assert str(error).startswith(f"{name}: ") and "\n" not in str(error)
        return
    assert_offsets_slice(document)


def _docx_with(tmp_path: Path, document_xml: bytes) -> bytes:
    """A rendered .docx whose document.xml is replaced."""
    import io
    import zipfile

    source = zipfile.ZipFile(RENDERED[0])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            archive.writestr(item.filename, data)
    return buffer.getvalue()


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import tracemalloc

    bomb = _docx_with(tmp_path, b"<w:document>" + b" " * (80 * 2**20) + b"</w:document>")
    assert len(bomb) < 2**20
    tracemalloc.start()
    with pytest.raises(InputError, match="ZIP bomb"):
        ingest_bytes(bomb, "bomb.docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 2**20  # nothing was inflated


def test_a_zip_entry_of_an_unknown_version_is_one_clear_line(tmp_path: Path) -> None:
    data = bytearray(RENDERED[0].read_bytes())
    directory = data.find(b"PK\x01\x02")  # the first central directory entry: version needed at +6
    data[directory + 6 : directory + 8] = (200).to_bytes(2, "little")  # "version 20.0"
    with pytest.raises(InputError, match=r"unsupported ZIP format .*version 20\.0"):
        ingest_bytes(bytes(data), "new.docx")


def test_inputs_over_the_size_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.txt", "绩效自评报告。\n" * 20_000)
    monkeypatch.setenv("JIXIAO_MAX_INPUT_MB", "0.1")
    with pytest.raises(InputError, match=r"over the 0\.1 MB limit .*JIXIAO_MAX_INPUT_MB"):
        ingest(path)
    monkeypatch.setenv("JIXIAO_MAX_INPUT_MB", "lots")
    with pytest.raises(InputError, match="not a number"):
        ingest(path)
    monkeypatch.delenv("JIXIAO_MAX_INPUT_MB")
    assert ingest(path).text


def test_unicode_line_and_paragraph_separators_break_lines() -> None:
    document = ingest_bytes("第一行\u2028第二行\u2029第三行\r第四行".encode(), "t.txt")
    assert [b.text for b in document.blocks] == ["第一行", "第二行", "第三行", "第四行"]


def test_a_docx_table_framing_the_page_gives_the_content_of_its_cells(tmp_path: Path) -> None:
    """The whole page one borderless table: the report in one cell, its 自评表 a table nested in the next."""
    import docx

    document = docx.Document()
    frame = document.add_table(rows=1, cols=2)
    left, right = frame.cell(0, 0), frame.cell(0, 1)
    left.text = "一、项目概况"
    left.add_paragraph("项目于2023年完工。")
    right.text = "项目支出绩效自评表"
    nested = right.add_table(rows=2, cols=2)
    for r, (name, value) in enumerate([("三级指标", "实际完成值"), ("培训人数", "215人次")]):
        nested.cell(r, 0).text, nested.cell(r, 1).text = name, value
    path = tmp_path / "framed.docx"
    document.save(str(path))

    result = ingest(path)
    assert [b.kind for b in result.blocks] == ["paragraph", "paragraph", "paragraph", "table"]
    assert [[c.text for c in row] for row in result.tables[0].rows] == [
        ["三级指标", "实际完成值"],
        ["培训人数", "215人次"],
    ]
    assert_offsets_slice(result)


def test_a_form_with_a_table_nested_in_one_cell_stays_a_form(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    form = document.add_table(rows=2, cols=4)
    for col, text in enumerate(["三级指标", "年度指标值", "实际完成值", "备注"]):
        form.cell(0, col).text = text
    for col, text in enumerate(["培训人数", "≥200人次", "215人次"]):
        form.cell(1, col).text = text
    form.cell(1, 3).add_table(rows=1, cols=2).cell(0, 0).text = "附注"
    path = tmp_path / "form.docx"
    document.save(str(path))
    rows = ingest(path).tables[0].rows
    assert [c.text for c in rows[1]][:3] == ["培训人数", "≥200人次", "215人次"]
