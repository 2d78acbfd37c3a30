"""Excel workbooks: sheets as tables with merges resolved, values as written; the same 自评表 in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import write
from test_ingest import assert_offsets_slice
from typer.testing import CliRunner

import nlp
from cli import app
from nlp import InputError, ingest
from nlp.reading import archive_safety
from nlp.reading.ingest import detect_format, ingest_bytes
from nlp.reading.readers.excel_reader import format_date, format_number

TITLE = "2023年度农村公路养护项目支出绩效自评表"
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
# The written form; in the workbook the values marked below are typed cells.
ROWS = [
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "20", "20"],
    ["", "质量指标", "验收合格率", "100%", "95%", "20", "19"],  # 0.95 in 0%
    ["", "时效指标", "完成时间", "2023年12月31日前", "2023-12-31", "10", "10"],  # a date cell
    ["效益指标", "社会效益指标", "平均车速(公里/小时)", "≥80", "89.974", "20", "20"],  # a float
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92.5%", "30", "29.5"],  # 0.925 in 0.0%
    ["总分", "", "", "", "", "100", "98.5"],
]
PROBLEMS = "存在问题：养护资金到位较晚。"


def render_txt() -> str:
    return "\n".join([TITLE, "\t".join(HEADER), *("\t".join(row) for row in ROWS), PROBLEMS]) + "\n"


def render_md() -> str:
    table = ["| " + " | ".join(row) + " |" for row in [HEADER, ["---"] * len(HEADER), *ROWS]]
    return "\n".join([f"# {TITLE}", "", *table, "", PROBLEMS]) + "\n"


def render_delimited(delimiter: str) -> str:
    """The form as a sheet exported to .csv/.tsv: every row as wide as the widest, the title over the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    width = len(HEADER)
    for row in [[TITLE], HEADER, *ROWS, [PROBLEMS]]:
        writer.writerow(row + [""] * (width - len(row)))
    return buffer.getvalue()


def render_html() -> str:
    cells = "".join(f"<th>{text}</th>" for text in HEADER)
    body = [f"<tr>{cells}</tr>"]
    for r, row in enumerate(ROWS):
        tds = []
        for c, text in enumerate(row):
            if c == 0 and r == 0:
                tds.append(f"<td rowspan='3'>{text}</td>")
            elif c == 0 and r in (1, 2):
                continue
            elif r == len(ROWS) - 1 and c == 0:
                tds.append(f"<td colspan='5'>{text}</td>")
            elif r == len(ROWS) - 1 and c < 5:
                continue
            else:
                tds.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><script>track()</script></head><body>"
        "<div class='breadcrumb'>当前位置：首页 &gt; 绩效公开</div>"
        f"<h2>{TITLE}</h2><p>发布时间：2024-03-01 来源：县交通局</p>"
        f"<table border='1'>{''.join(body)}</table><p>{PROBLEMS}</p></body></html>"
    )


def fill_sheet(sheet, title: str = TITLE, problems: str | None = PROBLEMS) -> None:
    sheet.append([title])
    sheet.merge_cells("A1:G1")
    sheet.append([])  # an empty row, dropped
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([text or None for text in row])
    sheet["E5"] = 0.95
    sheet["E5"].number_format = "0%"
    sheet["E6"] = dt.datetime(2023, 12, 31)
    sheet["E6"].number_format = "yyyy/m/d"
    sheet["E7"] = 89.974
    sheet["E8"] = 0.925
    sheet["E8"].number_format = "0.0%"
    for cell, value in (("F4", 20), ("G4", 20.0), ("G8", 29.5), ("G9", 98.5)):
        sheet[cell] = value
    sheet.merge_cells("A4:A6")
    sheet.merge_cells("A9:E9")
    if problems:
        sheet.append([problems])


def render_xlsx(path: Path, sheets: int = 1) -> Path:
    book = openpyxl.Workbook()
    fill_sheet(book.active)
    for n in range(1, sheets):
        fill_sheet(book.create_sheet(f"项目{n + 1}"), TITLE.replace("农村公路养护", f"危桥改造{n}"))
    book.save(path)
    return path


def indicators(path: Path) -> list[tuple[str, list[tuple[str, str | None, str | None]]]]:
    result = nlp.analyze(path)
    return [
        (
            evaluation.name,
            [
                (i.name, i.target and i.target.raw, i.actual and i.actual.raw)
                for i in evaluation.indicators
                if i.source == "table"
            ],
        )
        for evaluation in result.evaluations
    ]


def test_one_written_form_reads_the_same_in_every_format(tmp_path: Path) -> None:
    expected = indicators(write(tmp_path, "a.txt", render_txt()))
    assert expected[0][0] == "农村公路养护"
    assert [name for name, _, _ in expected[0][1]] == [
        "养护里程",
        "验收合格率",
        "完成时间",
        "平均车速(公里/小时)",
        "群众满意度",
    ]
    assert indicators(write(tmp_path, "a.md", render_md())) == expected
    assert indicators(write(tmp_path, "a.html", render_html())) == expected
    assert indicators(render_xlsx(tmp_path / "a.xlsx")) == expected
    assert indicators(write(tmp_path, "a.csv", render_delimited(","), "gb18030")) == expected
    assert indicators(write(tmp_path, "a.tsv", render_delimited("\t"), "utf-8")) == expected


def test_a_csv_export_reads_a_name_whose_merged_cell_it_left_empty_and_quoted_cells(tmp_path: Path) -> None:
    """项目名称,,X: the value's merge became an empty cell; a quoted cell keeps its commas and line breaks."""
    rows = [
        "项目名称,,城乡居民健康体检补助项目,,",
        "主管部门,,某县卫生健康局,实施单位,某县疾病预防控制中心",
        ",".join(HEADER[:5]),
        '产出指标,数量指标,体检人数,"≥24,000人","23,100人"',
        '满意度指标,服务对象满意度指标,参检群众满意度,≥90%,"95%\n(问卷调查300份)"',
    ]
    document = ingest(write(tmp_path, "form.csv", "\n".join(rows) + "\n", "utf-8"))
    assert document.format == "csv" and document.encoding == "utf-8"
    assert_offsets_slice(document)
    (evaluation,) = nlp.analyze(document.path).evaluations
    assert evaluation.name == "城乡居民健康体检补助项目"
    assert [(i.name, i.target.value, i.actual.value) for i in evaluation.indicators] == [
        ("体检人数", 24000, 23100),
        ("参检群众满意度", 90, 95),
    ]


def test_workbook_cells_read_as_written_with_merges_resolved(tmp_path: Path) -> None:
    document = ingest(render_xlsx(tmp_path / "a.xlsx"))
    assert document.format == "xlsx" and document.encoding is None
    assert document.paragraphs[0].text == TITLE  # the merged title row reads as the form's title
    rows = document.tables[0].rows
    assert [[c.text for c in row] for row in rows] == [HEADER, *ROWS[:-1], ["总分", "100", "98.5"]]
    assert rows[1][0].rowspan == 3 and rows[2][0].continued and rows[3][0].continued
    assert rows[-1][0].colspan == 5
    assert document.paragraphs[-1].text == PROBLEMS
    assert_offsets_slice(document)


def test_one_form_per_sheet_gives_one_evaluation_per_sheet(tmp_path: Path) -> None:
    path = render_xlsx(tmp_path / "a.xlsx", sheets=2)
    document = ingest(path)
    assert [b.text for b in document.paragraphs if b.text.startswith("项目")] == ["项目2"]  # "Sheet" is not named
    found = indicators(path)
    assert [name for name, _ in found] == ["农村公路养护", "危桥改造1"]
    assert found[0][1] == found[1][1] and len(found[0][1]) == 5


def test_hidden_sheets_empty_rows_and_columns_are_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"] = "指标", "目标值"
    sheet["C6"], sheet["D6"] = "人数", "≥26人"
    sheet["H40"].number_format = "0.00"  # formatted, empty: outside the used text
    book.create_sheet("下拉选项").append(["是", "否"])
    book["下拉选项"].sheet_state = "hidden"
    book.save(tmp_path / "a.xlsx")
    document = ingest(tmp_path / "a.xlsx")
    assert document.text == "指标\t目标值\n人数\t≥26人"


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (89.974, "General", "89.974"),
        (89.97399999999999, "General", "89.974"),
        (0.1 + 0.2, "General", "0.3"),
        (20.0, "General", "20"),
        (20, "0.00", "20.00"),
        (1286400.5, "#,##0.00", "1,286,400.50"),
        (0.95, "0%", "95%"),
        (0.9234, "0.00%", "92.34%"),
        (0.125, "0%", "13%"),  # half up, as Excel shows it
        (2.5, '0"万元"', "2.5"),  # no decimals in the format: the number as stored
        (-3.14159, "0.00;[Red]-0.00", "-3.14"),
        (1e20, "General", "1e+20"),
    ],
)
def test_numbers_show_as_written(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


def test_dates_are_iso() -> None:
    assert format_date(dt.datetime(2023, 12, 31), "yyyy/m/d") == "2023-12-31"
    assert format_date(dt.datetime(2023, 12, 1), 'yyyy"年"m"月"') == "2023-12"
    assert format_date(dt.datetime(2023, 12, 31, 8, 30), "yyyy-mm-dd hh:mm") == "2023-12-31 08:30"
    assert format_date(dt.time(8, 30), "h:mm") == "08:30"


def _xlsx_bytes(tmp_path: Path) -> bytes:
    return render_xlsx(tmp_path / "ok.xlsx").read_bytes()


def _with_sheet_xml(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


def _huge_dimension(tmp_path: Path) -> Path:
    def widen(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)

    return write(tmp_path, "huge.xlsx", _with_sheet_xml(_xlsx_bytes(tmp_path), widen))


def _zip_bomb(tmp_path: Path) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * 2**20
            for _ in range(201):
                member.write(chunk)
    return write(tmp_path, "bomb.xlsx", out.getvalue())


def _broken_sheet(tmp_path: Path) -> Path:
    return write(tmp_path, "broken.xlsx", _with_sheet_xml(_xlsx_bytes(tmp_path), lambda xml: xml[: len(xml) // 2]))


def _zip_of_neither(tmp_path: Path) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/styles.xml", "<styleSheet/>")
    return write(tmp_path, "a.xlsx", out.getvalue())


def _empty_workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.create_sheet("空白")
    book.save(tmp_path / "empty.xlsx")
    return tmp_path / "empty.xlsx"


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

BAD_WORKBOOKS = {
    "truncated xlsx": (lambda tmp: write(tmp, "cut.xlsx", _xlsx_bytes(tmp)[:300]), "damaged or truncated .xlsx"),
    "corrupt sheet xml": (_broken_sheet, "damaged .xlsx"),
    "zip bomb": (_zip_bomb, "ZIP bomb"),
    "huge sheet": (_huge_dimension, "over the 2,000,000 limit"),
    "encrypted xlsx": (
        lambda tmp: write(tmp, "secret.xlsx", _OLE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")),
        "encrypted (password-protected) workbook",
    ),
    "corrupt xls": (lambda tmp: write(tmp, "cut.xls", _OLE + b"\x00" * 600), "damaged .xls"),
    "text named xls": (lambda tmp: write(tmp, "data.xls", "甲,乙\n1,2\n"), "not an Excel workbook"),
    "empty workbook": (_empty_workbook, "no text content (every sheet is empty)"),
    "legacy doc": (lambda tmp: write(tmp, "old.doc", _OLE + b"\x00" * 600), "LibreOffice"),
    "zip of neither": (_zip_of_neither, "not a .docx or .xlsx"),
}


@pytest.mark.parametrize("case", BAD_WORKBOOKS, ids=list(BAD_WORKBOOKS))
def test_bad_workbooks_raise_one_clear_line(tmp_path: Path, case: str) -> None:
    make, reason = BAD_WORKBOOKS[case]
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        ingest(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_cli_exits_3_on_a_corrupt_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.xlsx", _xlsx_bytes(tmp_path)[:300])
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 3 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_sizes_are_checked_before_the_workbook_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _xlsx_bytes(tmp_path)
    monkeypatch.setattr(archive_safety, "MAX_UNPACKED_BYTES", 1000)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened before the size check"))
    with pytest.raises(InputError, match="over the 0 MB limit"):
        ingest_bytes(data, "a.xlsx")


def test_formats_are_told_apart_by_content(tmp_path: Path) -> None:
    data = _xlsx_bytes(tmp_path)
    assert detect_format(data, "report.docx") == "xlsx"  # a misnamed workbook is still a workbook
    assert detect_format(data, "noext") == "xlsx"
    assert detect_format(_OLE + b"\x00" * 600, "a.XLS") == "xls"


def test_a_cover_sheet_and_a_problems_sheet_join_the_form_of_their_project(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append(["某县2023年度项目支出绩效自评表"])
    for label, value in (("项目名称：", "草原补奖资金"), ("实施单位：", "某县草原站"), ("填报日期：", "2024年3月18日")):
        cover.append([label, value])
    cover.append(["某县财政局制"])
    form = book.create_sheet("自评表")
    form.append(["项目支出绩效自评表"])
    form.append(["项目名称", "草原补奖资金"])
    form.append(["项目资金", "年初预算数", "全年预算数", "全年执行数", "执行率"])
    form.append(["年度资金总额", 100, 120, 110, "91.67%"])
    form.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"])
    form.append(["产出指标", "数量指标", "禁牧面积", "≥286万亩", "286万亩"])
    listed = book.create_sheet("问题及措施")
    listed.append(["草原补奖资金项目存在的问题及改进措施"])
    listed.append(["一、存在的问题"])
    for row in (["序号", "问题描述"], [1, "户籍信息更新滞后。"], [2, "资金下达较晚。"], ["二、改进措施"]):
        listed.append(row)
    for row in (["序号", "措施内容"], [1, "每季度比对户籍信息。"], [2, "下达后15日内兑付。"]):
        listed.append(row)
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = nlp.analyze(path)
    # the cover's title and labelled lines are no evaluation of their own, the sheet's name no title's words
    assert [e.name for e in result.evaluations] == ["草原补奖资金"]
    assert "某县财政局制自评表" not in [s.heading for s in result.sections]
    evaluation = result.evaluations[0]
    assert evaluation.budget.planned == 120
    assert [(s.kind, s.text) for s in evaluation.statements] == [
        ("problem", "户籍信息更新滞后。"),
        ("problem", "资金下达较晚。"),
        ("suggestion", "每季度比对户籍信息。"),
        ("suggestion", "下达后15日内兑付。"),
    ]


def test_a_csv_of_too_many_cells_is_refused_in_one_line(tmp_path: Path) -> None:
    row = ",".join(["甲"] * 250) + "\n"
    path = write(tmp_path, "huge.csv", row * 1000, "utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 3
    assert result.output.strip() == f"jixiao: {path}: the sheet spans over 200,000 cells"
    wide = write(tmp_path, "wide.csv", "甲,乙\n" * 3000 + "," * 20000 + "丙\n", "utf-8")
    result = CliRunner().invoke(app, ["extract", str(wide)])
    assert result.exit_code == 3
    assert result.output.strip() == f"jixiao: {wide}: a row of over 256 columns (row 3001)"


def test_forms_stacked_on_one_sheet_are_one_table_and_one_evaluation_each(tmp_path: Path) -> None:
    """Each form opens with its title row after an empty row; a form's own one-text rows (a note) stay with it."""
    book = openpyxl.Workbook()
    sheet = book.active
    row = 1
    for name, actual in (("农村公路养护", "126公里"), ("危桥改造", "5座")):
        sheet.cell(row, 1, f"{name}项目支出绩效自评表")
        sheet.cell(row + 1, 1, "项目名称")
        sheet.cell(row + 1, 2, f"{name}项目")
        for column, text in enumerate(HEADER[:5], 1):
            sheet.cell(row + 2, column, text)
        for column, text in enumerate(["产出指标", "数量指标", "完成量", "≥1", actual], 1):
            sheet.cell(row + 3, column, text)
        sheet.cell(row + 4, 1, "注：金额单位为万元。")
        row += 7  # two empty rows between the forms
    book.save(tmp_path / "stacked.xlsx")
    document = ingest(tmp_path / "stacked.xlsx")
    assert [b.kind for b in document.blocks] == ["paragraph", "table", "paragraph"] * 2
    evaluations = nlp.analyze(tmp_path / "stacked.xlsx").evaluations
    assert [(e.name, [i.actual.raw for i in e.indicators]) for e in evaluations] == [
        ("农村公路养护项目", ["126公里"]),
        ("危桥改造项目", ["5座"]),
    ]
