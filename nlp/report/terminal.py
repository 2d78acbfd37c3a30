"""What ``extract``, ``score`` and ``flags`` print for people, at any terminal width.

Every line is measured in terminal cells (a Chinese character takes two; rich's
``cell_len``) and broken where Unicode line breaking allows (UAX #14, by uniseg):
between Chinese characters, at spaces, never inside ``263.2`` or a flag code, and
never before a closing mark such as ``）`` or ``。``. Nothing is cut: a narrow
terminal gets more lines, not ellipses. The width is the terminal's, or ``COLUMNS``,
or 80 when the output is not a terminal (rich's rule). A value the document does
not state prints as 未说明, never ``None``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console
from uniseg.linebreak import line_break_units

from nlp.output.data_dictionary import name_zh
from nlp.quality.rubric import COMPONENTS

MISSING = "未说明"
NO_EVALUATION = "未识别出评价单元"
NBSP = "\u00a0"  # a space that line breaking keeps: "×\u00a02" never starts a line
INDENT = "    "
WIDE = 110  # from this width `score` prints one table row per evaluation
TOP_FLAGS = 3
EVIDENCE_LINES = 2  # a flag's evidence is shown on at most this many lines


def console() -> Console:
    return Console(highlight=False, markup=False, emoji=False)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken only where line breaking allows.

    Lines after the first start with ``indent``. A unit wider than a whole line by
    itself (a very long code or number) is split by cells: the only break inside a word.
    """
    lines: list[str] = []
    line = ""

    def room() -> int:
        return width - (cell_len(indent) if lines else 0)

    def emit(text: str) -> None:
        lines.append((indent if lines else "") + text.rstrip())

    for paragraph_number, paragraph in enumerate(text.split("\n")):
        if paragraph_number:
            emit(line)
            line = ""
        for unit in line_break_units(paragraph):
            if cell_len((line + unit).rstrip()) <= room():
                line += unit
                continue
            if line.strip():
                emit(line)
            line = unit.lstrip()
            while cell_len(line.rstrip()) > room():
                head = _fit(line, room())
                emit(head)
                line = line[len(head) :]
    emit(line)
    return lines


def _fit(text: str, width: int) -> str:
    """The longest start of ``text`` within ``width`` cells (at least one character)."""
    end = 1
    while end < len(text) and cell_len(text[: end + 1]) <= width:
        end += 1
    return text[:end]


def hanging(first: str, text: str, width: int, indent: str = INDENT) -> list[str]:
    """``first`` + ``text`` wrapped to ``width``; continuation lines start at ``indent``."""
    return wrap(first + text, width, indent)


def show(value: float | int | str | None, suffix: str = "") -> str:
    """A number as a reader wants it (``96``, ``88.5``); 未说明 for a value the document does not state."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        value = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value}{suffix}".replace(" ", NBSP)


def budget_line(budget: dict | None) -> str:
    budget = budget or {}
    if all(budget.get(key) is None for key in ("planned", "executed", "rate")):
        return f"预算：{MISSING}"
    planned, executed = show(budget.get("planned"), " 万元"), show(budget.get("executed"), " 万元")
    return f"预算：{planned}，执行 {executed}，执行率 {show(budget.get('rate'), '%')}"


def flag_summary(flags: Iterable[dict], limit: int = TOP_FLAGS) -> str:
    """The most frequent flag codes with their Chinese names: ``NONE_STATEMENT 问题或建议填“无” ×2``."""
    counts = Counter(flag["code"] for flag in flags)
    if not counts:
        return "无标记"
    shown = [
        f"{code} {name_zh('flags', code)}" + (f"{NBSP}×{n}" if n > 1 else "") for code, n in counts.most_common(limit)
    ]
    more = sum(counts.values()) - sum(n for _, n in counts.most_common(limit))
    return "；".join(shown) + (f"；另{NBSP}{more}{NBSP}个" if more else "")


def document_lines(result: dict, width: int) -> list[str]:
    """``extract``: the evaluations first (quality, grade, top flags), then the document and its outline."""
    from nlp.quality.reading_notes import NOTES

    evaluations = result["evaluations"]
    lines = wrap(result["source"]["path"], width)
    lines += [f"评价单元 {len(evaluations)} 个" if evaluations else NO_EVALUATION, ""]
    for e in evaluations:
        quality = e.get("quality") or {}
        lines += hanging(f"{e['id']}  {name_zh('kinds', e['kind'])}  ", e["name"] or MISSING, width)
        lines += hanging(
            INDENT,
            f"质量 {show(quality.get('score'))}（{quality.get('grade') or MISSING}）  "
            f"自评分 {show(e['claimed_score'])}  复算分 {show(e['recomputed_score'])}",
            width,
        )
        lines += hanging(INDENT, budget_line(e.get("budget")), width)
        lines += hanging(
            INDENT,
            f"指标 {len(e['indicators'])}  量化陈述 {len(e['claims'])}  "
            f"问题 {len(e['problems'])}  建议 {len(e['suggestions'])}",
            width,
        )
        lines += hanging(INDENT + "标记：", flag_summary(e["flags"]), width)
        lines.append("")
    meta, source, blocks = result["meta"], result["source"], result["blocks"]
    tables = [b for b in blocks if b["kind"] == "table"]
    lines += hanging(
        "文件  ", f"{source['format']}，{source['encoding'] or '非文本编码'}，doc_id {result['doc_id']}", width
    )
    for key, label in (("title", "标题"), ("year", "年度"), ("region", "地区"), ("department", "部门")):
        lines += hanging(f"{INDENT}{label}  ", show(meta[key]), width)
    lines += hanging(
        INDENT,
        f"正文 {len(result['text'])} 字，段落 {len(blocks) - len(tables)} 个，"
        f"表格 {len(tables)} 个（{sum(len(t['rows']) for t in tables)} 行）",
        width,
    )
    if result["flags"]:
        lines += hanging(INDENT + "全文标记：", flag_summary(result["flags"]), width)
    for note in result.get("notes", []):
        lines += hanging(INDENT + "注意：", NOTES[note], width)
    lines += ["", f"提纲（{len(result['sections'])} 节；标签与置信度）"]
    for section in result["sections"]:
        indent = "  " * section["level"]
        tag = f"［{section['label']} {name_zh('labels', section['label'])} {section['confidence']:.2f}］"
        lines += hanging(indent, f"{section['heading']}  {tag}", width, indent + "  ")
    return lines


def score_lines(rows: list[dict], title: str, width: int) -> list[str]:
    """``score`` stacked, one block per evaluation: for terminals narrower than WIDE (and when there is none)."""
    lines = wrap(title, width) + ([] if rows else [NO_EVALUATION])
    for row in rows:
        lines += hanging(f"{row['eval']}  {name_zh('kinds', row['kind'])}  ", row["name"] or MISSING, width)
        lines += hanging(
            INDENT,
            f"质量 {show(row['quality'])}（{row['grade']}）  "
            + "  ".join(f"{name_zh('components', c)} {show(row[c])}" for c in COMPONENTS),
            width,
        )
        lines += hanging(
            INDENT,
            f"自评分 {show(row['claimed_score'])}  复算分 {show(row['recomputed_score'])}  标记 {row['n_flags']}",
            width,
        )
    return lines


def score_table(rows: list[dict], title: str, screen: Console):
    """``score`` as one table row per evaluation, for wide terminals; the name column takes what is left."""
    from rich import box
    from rich.table import Table

    headers = ["单元", "类型", "名称", "质量", "等级", *(name_zh("components", c) for c in COMPONENTS)]
    headers += ["自评分", "复算分", "标记"]
    cells = [
        [
            row["eval"],
            name_zh("kinds", row["kind"]),
            row["name"] or MISSING,
            show(row["quality"]),
            row["grade"],
            *(show(row[c]) for c in COMPONENTS),
            show(row["claimed_score"]),
            show(row["recomputed_score"]),
            str(row["n_flags"]),
        ]
        for row in rows
    ]

    def table(name_width: int) -> Table:
        built = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
        for i, header in enumerate(headers):
            if i == 2:
                built.add_column(header, width=name_width, no_wrap=True)
            else:
                built.add_column(header, no_wrap=True, justify="left" if i < 5 else "right")
        for row in cells:
            built.add_row(*row[:2], "\n".join(wrap(row[2], name_width)), *row[3:])
        return built

    rest = screen.measure(table(1)).maximum - 1
    longest = max((cell_len(row[2]) for row in cells), default=4)
    return table(max(4, min(longest, screen.width - rest)))


def flag_lines(rows: list[dict], title: str, width: int) -> list[str]:
    """``flags``: per flag a line with code, Chinese name, severity and evaluation, then message and evidence."""
    lines = wrap(title, width)
    for row in rows:
        where = f"{row['eval']} {row['evaluation'] or ''}".strip() if row["eval"] else "全文"
        lines.append("")
        lines += hanging(
            f"{row['code']}  ",
            f"{name_zh('flags', row['code'])}  {name_zh('severities', row['severity'])}  {where}",
            width,
        )
        lines += hanging(INDENT, row["message"], width)
        evidence = hanging(INDENT + "原文：", " ".join(row["evidence"].split()), width)
        if len(evidence) > EVIDENCE_LINES:
            evidence = [*evidence[:EVIDENCE_LINES], f"{INDENT}（原文共 {len(row['evidence'])} 字，--json 给出全部）"]
        lines += evidence
    return lines
