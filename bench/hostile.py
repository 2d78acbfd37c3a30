"""Hostile inputs: texts built to find a stage worse than linear in the text's length.

Each shape repeats one piece (100,000 ``一、`` lines, one line of digits, ``≥95%`` run
together …) inside a one-report frame, so that every stage, claims and statements
included, sees it. For each shape the full extract is timed at a size and at twice
that size: a linear pipeline takes about twice as long, a quadratic one four times.
The baseline is one jieba pass over the same normalized text, the least any reading
of Chinese prose costs.

PDFs are timed per page, at a number of pages and at twice that: a ruled grid (a page full
of thin cells with short text, like a big 自评表, each cell drawn as its own rectangle), a
denser grid beyond ``MAX_RULES_PER_PAGE`` (read as lines of text) and a long PDF of prose.

Run from the repository root:  python bench/hostile.py [--kb 200] [--shapes cn_heading,digits] [--pages 15]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from nlp.reading.readers.pdf_reader import MAX_RULES_PER_PAGE  # noqa: E402
from nlp.text.segment import segmenter  # noqa: E402

# The piece each shape repeats.
SHAPES = {
    "cn_heading": "一、\n",
    "pcn_heading": "(一)\n",
    "fullwidth_pcn_heading": "（一）\n",
    "ar_heading": "1.\n",
    "nested_headings": "第一部分 概况\n一、基本情况\n(一)项目概况\n1.项目内容\n(1)实施\n①进度\n",
    "titles": "某某局2021年度部门整体支出绩效自评报告\n",
    "years": "2021年",
    "digits": "1234567890",
    "at_least_percent": "≥95%",
    "wanyuan": "万元",
    "bars": "|",
    "share_pairs": "5万元，占5%，",
    "statement_points": "一是",
    "table_rows": "| 数量指标 | 培训人数 | ≥100人 | 120人 |\n",
    "named_cells": "指标名称：甲\n实际值：5\n",
    "laid_out_cells": "实际完成值  三级指标  指标值  ab  ",
    "sideways_rows": "得分\t1\t甲\n",
    # 0.18.0's readers and checks: a layout over page breaks, a form wrapped one cell a line, budget parts,
    # numbered summary points, results prose against a table's rows
    "page_breaks": (
        "三级指标      年度指标值    实际完成值    分值  得分\n"
        "培训人次      ≥100人次      120人次       10    10\n\n\n— 3 —\n\n"
    ),
    "wrapped_cells": "年度指标\n值\n高标准农田建设面\n积\n≥12000亩\n",
    "budget_parts": "| 年度资金总额 | 100 | 90 |\n| 其中：当年财政拨款 | 60 | 50 |\n| 其他资金 | 40 | 40 |\n",
    "summary_points": "3.存在问题。\n(1)部分项目资金支付进度偏慢，高标准农田建设项目尾款需\n待竣工结算审计后支付。\n",
    "claimed_rows": "组织职业技能培训1260人次。\n| 职业技能培训人次 | ≥1000人次 | 1180人次 | 10 | 10 |\n",
    # 0.19.0's checks: one sentence of shares with no full stop, prose lines restating a table's rows
    "share_lists": "支出3万元，占60%；",
    "restated_rows": (
        "1.数量指标：新建大棚，年度目标60座，实际完成58座。\n"
        "| 产出指标 | 数量指标 | 新建大棚数量 | ≥60座 | 58座 | 10 | 9 |\n"
    ),
    # 0.20.0's readers: a notice's project blocks, points whose text opens with a figure, results with their aims
    "notice_blocks": "【甲项目】\n项目名称：甲项目\n自评得分：95分\n",
    "figure_points": "1.甲完成；5.5万元；",
    "aimed_clauses": "产出方面，甲完成1个，目标1个；",
    "form_labels": "项目名称\n",
    "spaced_words": "指标值 字 ",
}
# A department report's title and its statement sections around the piece.
_FRAME = (
    "某某局2021年度部门整体支出绩效自评报告\n一、基本情况\n",
    "\n二、存在问题\n无。\n三、改进建议\n无。\n",
)


def hostile_text(shape: str, size: int) -> str:
    """About ``size`` bytes (UTF-8) of ``shape``'s piece inside the report frame."""
    piece = SHAPES[shape]
    return _FRAME[0] + piece * max(1, size // len(piece.encode())) + _FRAME[1]


# Cells per page (rows, columns) of each PDF shape, (0, 0) for a page of prose lines, and its pages per --pages.
PDF_SHAPES = {"ruled_grid": (60, 10, 1), "dense_grid": (80, 20, 1), "long_pdf": (0, 0, 10)}
_GRID_MARGIN = 30.0  # points around the grid


def hostile_pdf(shape: str, pages: int, path: Path) -> Path:
    """Write ``pages`` pages of ``shape`` (PDF_SHAPES) as a PDF at ``path`` (reportlab, the dev extra)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    rows, columns, _ = PDF_SHAPES[shape]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    width, height = A4
    for _ in range(pages):
        pdf.setLineWidth(0.3)
        if not rows:
            pdf.setFont(font, 10.5)
            for line in range(50):
                pdf.drawString(
                    _GRID_MARGIN * 2, height - 60 - line * 14, "项目按计划完成，资金使用规范，绩效目标基本实现。"
                )
        else:
            pdf.setFont(font, 5)
            cell_width, cell_height = (width - 2 * _GRID_MARGIN) / columns, (height - 2 * _GRID_MARGIN) / rows
            for row in range(rows):
                for column in range(columns):
                    x, y = _GRID_MARGIN + column * cell_width, height - _GRID_MARGIN - (row + 1) * cell_height
                    pdf.rect(x, y, cell_width, cell_height)
                    pdf.drawString(x + 1, y + 2, f"指标{row}-{column}")
        pdf.showPage()
    pdf.save()
    return path


def extract_seconds(text: str, folder: Path) -> float:
    """Seconds of one full extract (ingest included) of ``text`` written as a .txt file."""
    path = folder / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return analyze_seconds(path)


def analyze_seconds(path: Path) -> float:
    """Seconds of one full extract (ingest included) of the file at ``path``."""
    start = time.perf_counter()
    nlp.analyze(path)
    return time.perf_counter() - start


def jieba_seconds(text: str) -> float:
    start = time.perf_counter()
    segmenter().lcut(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, default=200, help="size of each text in KB (and twice that)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    parser.add_argument("--pages", type=int, default=15, help="pages of each PDF (and twice that)")
    parser.add_argument("--pdf-shapes", default=",".join(PDF_SHAPES), help="comma-separated PDF shape names")
    args = parser.parse_args()
    nlp.analyze(sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[0])  # loads jieba and the models untimed
    size = args.kb * 1000
    print(f"| shape | s at {args.kb} KB | s per MB | ratio to jieba | s at {2 * args.kb} KB | doubling ratio |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shapes.split(","):
            text = hostile_text(shape, size)
            once = extract_seconds(text, Path(folder))
            baseline = jieba_seconds(text)
            twice = extract_seconds(hostile_text(shape, 2 * size), Path(folder))
            per_mb = once / (len(text.encode()) / 1e6)
            print(
                f"| {shape} | {once:.2f} | {per_mb:.1f} | {once / max(baseline, 1e-3):.1f} | {twice:.2f} "
                f"| {twice / max(once, 1e-3):.1f} |",
                flush=True,
            )
        time_pdfs(args.pdf_shapes.split(","), args.pages, Path(folder))


def time_pdfs(shapes: list[str], pages: int, folder: Path) -> None:
    """Print, per PDF shape, seconds per page at its number of pages and at twice as many."""
    print(f"\n| PDF shape (table pass up to {MAX_RULES_PER_PAGE} rules a page) | pages | s | s per page ", end="")
    print("| s per MB | s at twice the pages | doubling ratio |\n|---|---|---|---|---|---|---|")
    for shape in shapes:
        count = pages * PDF_SHAPES[shape][2]
        path = hostile_pdf(shape, count, folder / f"{shape}.pdf")
        once = analyze_seconds(path)
        twice = analyze_seconds(hostile_pdf(shape, 2 * count, folder / f"{shape}2.pdf"))
        per_mb = once / (path.stat().st_size / 1e6)
        print(
            f"| {shape} | {count} | {once:.2f} | {once / count:.2f} | {per_mb:.1f} | {twice:.2f} "
            f"| {twice / max(once, 1e-3):.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
