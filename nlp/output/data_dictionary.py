"""The data dictionary: every table and column jixiao writes, described once.

One source of truth for the batch tables (SPEC §4): ``nlp.output.records`` builds its
Arrow schemas from it, ``docs/data-dictionary.md`` is generated from it
(``python -m nlp.output.data_dictionary``), the DuckDB file gets its ``COMMENT ON``
statements from it, and the xlsx and Stata exports take their dictionary sheet,
variable labels and value labels from it. The Chinese names of codes (flag codes,
section labels …) are vocabulary, in ``nlp/text/vocab/names_zh.toml``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.text.vocabulary import vocabulary

TYPES = ("string", "integer", "float", "boolean")
MAX_LABEL = 80  # a Stata variable label holds 80 characters
MARKDOWN = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


@dataclass(frozen=True)
class Column:
    """One column: ``type`` one of TYPES; ``codes`` names the section of names_zh.toml its values come from."""

    name: str
    type: str
    meaning: str
    unit: str | None = None
    codes: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    per_document: bool = True  # built from each document's results (nlp.output.records); else by the batch's finalize

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _c(name: str, type_: str, meaning: str, unit: str | None = None, codes: str | None = None) -> Column:
    return Column(name, type_, meaning, unit, codes)


_DOC = _c("doc_id", "string", "Document key: first 16 hex digits of the SHA-256 of the normalized text")
_EVAL = _c("eval_id", "string", "Evaluation key, unique within its document (e1, e2 …)")
_START = _c("start", "integer", "Offset of the evidence's first character in the document text", "characters")
_END = _c("end", "integer", "Offset just past the evidence's last character in the document text", "characters")


def _value_columns(prefix: str, what: str) -> tuple[Column, ...]:
    return (
        _c(f"{prefix}_raw", "string", f"{what} as written in the document"),
        _c(f"{prefix}_kind", "string", f"Kind of the parsed {what.lower()} (number, percent, money, count, date …)"),
        _c(f"{prefix}_value", "float", f"Parsed {what.lower()}; null for ranges and text", f"{prefix}_unit"),
        _c(f"{prefix}_unit", "string", f"Unit of {prefix}_value (万元, %, pp, a measure word …)"),
        _c(f"{prefix}_comparator", "string", f"Comparator of the {what.lower()}: = >= <= > < ~ range"),
    )


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "documents",
            "One row per input of the batch: read (status ok) or not (status error, with the reason)",
            ("doc_id",),
            (
                _DOC,
                _c(
                    "path",
                    "string",
                    "Input path as given to the batch (relative to run.json's working_directory)",
                ),
                _c("format", "string", "Input format (txt, md, docx, pdf, html, xlsx …)"),
                _c("encoding", "string", "Text encoding of a text input; null for binary formats"),
                _c("title", "string", "Title read from the title lines"),
                _c("year", "integer", "Year the title names", "year"),
                _c("region", "string", "Region (province, city, county) the title names"),
                _c("department", "string", "Department the title names"),
                _c("n_chars", "integer", "Length of the normalized text", "characters"),
                _c("n_evaluations", "integer", "Evaluations found in the document", "evaluations"),
                _c("status", "string", "ok: analysed; error: could not be read (see error)", codes="statuses"),
                _c("error", "string", "Why the input could not be read"),
                _c("note", "string", "Codes of what was not read, comma-separated (no_indicators, dense_tables, …)"),
                _c(
                    "ocr_confidence",
                    "float",
                    "Mean OCR confidence (0–1, by characters) of pages read by OCR; null without",
                ),
                _c("duplicate_of", "string", "Path of the first input with the same text; its rows count once"),
                _c("pipeline_version", "string", "jixiao version that wrote the row"),
                _c("model_version", "string", "Hash of the trained model files used"),
            ),
        ),
        Table(
            "sections",
            "The outline: one row per heading, with its label (SPEC §5)",
            ("doc_id", "section_id"),
            (
                _DOC,
                _c("section_id", "string", "Section key, unique within its document"),
                _c("parent_id", "string", "section_id of the enclosing section; null at the top"),
                _c("level", "integer", "Depth in the outline (1 = top)"),
                _c("number", "string", "The heading's numbering as written (一、 （二） 3. …)"),
                _c("heading", "string", "The heading text"),
                _c("label", "string", "Section label of SPEC §5", codes="labels"),
                _c("label_zh", "string", "Chinese name of the label"),
                _c("confidence", "float", "Classifier probability of the label", "probability 0–1"),
                _START,
                _END,
            ),
        ),
        Table(
            "evaluations",
            "One row per self-assessment unit: a department as a whole or one project",
            ("doc_id", "eval_id"),
            (
                _DOC,
                _EVAL,
                _c("kind", "string", "department (部门整体) or project (项目)", codes="kinds"),
                _c("name", "string", "Name of the department or project"),
                _c("budget_planned", "float", "Budget planned (年初预算数 / 全年预算数)", "万元"),
                _c("budget_executed", "float", "Budget executed (全年执行数)", "万元"),
                _c("execution_rate_pct", "float", "Execution rate as stated or computed: 98.5 means 98.5%", "percent"),
                _c("claimed_score", "float", "Self-assessed score stated in the document (自评得分)", "points"),
                _c("recomputed_score", "float", "Score recomputed from the indicator table (DOMAIN.md §3)", "points"),
                _c("quality_score", "float", "Quality of the self-assessment, higher is better", "points 0–100"),
                _c("grade", "string", "Grade of quality_score: A ≥ 85 > B ≥ 70 > C ≥ 55 > D", codes="grades"),
                _c("completeness", "float", "Quality component: the required parts are there", "points 0–100"),
                _c("specificity", "float", "Quality component: measurable targets and stated figures", "points 0–100"),
                _c("candor", "float", "Quality component: real problems stated, not 无", "points 0–100"),
                _c("consistency", "float", "Quality component: scores, sums and texts agree", "points 0–100"),
                _c("originality", "float", "Quality component: little template or copied text", "points 0–100"),
                _c("n_indicators", "integer", "Indicators of the evaluation", "indicators"),
                _c("n_flags", "integer", "Flags raised on the evaluation", "flags"),
                _c("prior_doc_id", "string", "doc_id of the same department's nearest earlier-year document"),
                _c("prior_year", "integer", "Year of the prior_doc_id document", "year"),
                _c("prior_eval", "string", "eval_id in prior_doc_id paired with this one (same kind, alike name)"),
                _c("match_confidence", "float", "Department × evaluation name similarity (Jaro-Winkler)", "0–1"),
                _c("stickiness", "float", "Share of its 8-word sequences found in prior_eval", "share 0–1"),
                _c(
                    "template_reuse",
                    "float",
                    "Share of its 8-word sequences in other departments' same year",
                    "share 0–1",
                ),
            ),
        ),
        Table(
            "indicators",
            "One row per performance indicator (绩效指标), from the 自评表 or the narrative",
            ("doc_id", "eval_id", "start"),
            (
                _DOC,
                _EVAL,
                _c("dimension", "string", "Indicator dimension (数量指标, 质量指标 … 其他)"),
                _c("level1", "string", "一级指标 as written"),
                _c("level2", "string", "二级指标 as written"),
                _c("name", "string", "三级指标: the indicator's name"),
                *_value_columns("target", "Target"),
                *_value_columns("actual", "Actual value"),
                _c("achieved", "boolean", "Whether the actual meets the target; null when it cannot be told"),
                _c("source", "string", "table or narrative", codes="sources"),
                _START,
                _END,
            ),
        ),
        Table(
            "claims",
            "One row per quantitative statement in the narrative",
            ("doc_id", "eval_id", "start"),
            (
                _DOC,
                _EVAL,
                _c("dimension", "string", "Dimension the classifier gives the claim (as for indicators)"),
                _c("subject", "string", "What the figure measures"),
                _c("raw", "string", "The figure as written"),
                _c("kind", "string", "Kind of the parsed figure (number, percent, money, count, date …)"),
                _c("value", "float", "Parsed figure; null for ranges and text", "unit"),
                _c("unit", "string", "Unit of value (万元, %, pp, a measure word …)"),
                _c("comparator", "string", "Comparator of the figure: = >= <= > < ~ range"),
                _c("text", "string", "The claim's text, subject through figure"),
                _START,
                _END,
            ),
        ),
        Table(
            "statements",
            "One row per stated problem or suggestion (one per enumerated point)",
            ("doc_id", "eval_id", "start"),
            (
                _DOC,
                _EVAL,
                _c("kind", "string", "problem or suggestion", codes="statement_kinds"),
                _c("text", "string", "The statement's text"),
                _c("boilerplate", "boolean", "Mostly template phrasing of the comparison group, or a bare 无"),
                _START,
                _END,
            ),
        ),
        Table(
            "flags",
            "One row per quality flag (SPEC §3), with the characters it points at",
            ("doc_id", "start", "code"),
            (
                _DOC,
                _c("eval_id", "string", "The evaluation flagged; null for a flag on the whole document"),
                _c("code", "string", "Flag code", codes="flags"),
                _c("code_zh", "string", "Chinese name of the flag code"),
                _c("severity", "string", "high, medium or low", codes="severities"),
                _c("message", "string", "What was found, in plain words"),
                _START,
                _END,
            ),
        ),
        Table(
            "document_copies",
            "Inputs whose text equals an analysed document's (a DOCX of a TXT, a renamed copy); no other rows",
            ("path",),
            (
                _DOC,
                _c("path", "string", "The copy's path as given to the batch"),
                _c("copy_of", "string", "Path of the analysed input with the same text (its documents row)"),
                _c("format", "string", "Input format of the copy"),
                _c("status", "string", "ok: read; error: could not be read (see error)", codes="statuses"),
                _c("error", "string", "Why the copy could not be read"),
            ),
            per_document=False,
        ),
    )
}


@cache
def names_zh() -> dict[str, dict[str, str]]:
    """Chinese names of codes by kind (``flags``, ``labels``, ``kinds`` …), from names_zh.toml."""
    return vocabulary("names_zh")


def name_zh(kind: str, code: str | None) -> str | None:
    """The Chinese name of ``code``; the code itself when it has none (a code added later), None for None."""
    if code is None:
        return None
    return names_zh()[kind].get(code, code)


def describe(column: Column) -> str:
    """The column's meaning with its unit: a DuckDB comment, an xlsx dictionary row."""
    return f"{column.meaning} [{column.unit}]" if column.unit else column.meaning


def stata_label(column: Column) -> str:
    """A Stata variable label (80 characters at most; the dictionary test keeps them whole)."""
    return describe(column)[:MAX_LABEL]


def _sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(tables: list[str] | None = None) -> list[str]:
    """DuckDB ``COMMENT ON TABLE/COLUMN`` statements for the given tables (all by default).

    Every identifier is double-quoted and every comment a single-quoted literal with its
    quotes doubled; the text comes only from this dictionary, never from a document.
    """
    statements = []
    for name in tables or TABLES:
        table = TABLES[name]
        statements.append(f"COMMENT ON TABLE {_sql_identifier(name)} IS {_sql_literal(table.meaning)}")
        statements.extend(
            f"COMMENT ON COLUMN {_sql_identifier(name)}.{_sql_identifier(c.name)} IS {_sql_literal(describe(c))}"
            for c in table.columns
        )
    return statements


def name_zh_sql(kind: str, column: str) -> str:
    """A DuckDB expression giving the Chinese name of the codes in ``column`` (the code itself if unnamed).

    For tables built in SQL, e.g. the batch's cross-document flags: ``name_zh_sql("flags", "code")``.
    """
    cases = " ".join(f"WHEN {_sql_literal(code)} THEN {_sql_literal(name)}" for code, name in names_zh()[kind].items())
    return f"CASE {_sql_identifier(column)} {cases} ELSE {_sql_identifier(column)} END"


def rows() -> list[dict[str, str]]:
    """The dictionary as rows (table, column, type, unit, meaning, codes): the xlsx sheet, the Markdown."""
    return [
        {
            "table": table.name,
            "column": column.name,
            "type": column.type,
            "unit": column.unit or "",
            "meaning": column.meaning,
            "codes": _codes_text(column),
        }
        for table in TABLES.values()
        for column in table.columns
    ]


def _codes_text(column: Column) -> str:
    if not column.codes:
        return ""
    return "; ".join(f"{code} {name}" for code, name in names_zh()[column.codes].items())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """The text of docs/data-dictionary.md."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by `python -m nlp.output.data_dictionary` from nlp/output/data_dictionary.py and",
        "     nlp/text/vocab/names_zh.toml; edit those, not this file. -->",
        "",
        "Every table `jixiao batch` writes (Parquet, CSV, DuckDB `jixiao.duckdb`, and the xlsx/dta",
        "exports) and every column. The same descriptions are the DuckDB column comments",
        "(`SELECT * FROM duckdb_columns()`), the `dictionary` sheet of the xlsx export and the",
        "variable labels of the Stata export. `nlp.analyze(path).frames()` returns the same",
        "columns with the same types for one document.",
        "",
        "Types: `string`; `integer` (pandas `Int64`, nullable); `float` (null when not stated);",
        "`boolean` (pandas `boolean`, nullable). Offsets `start`/`end` count characters of the",
        "document's normalized text (`text[start:end]` in the document JSON is the evidence).",
        "Amounts are in 万元; percentages in percent points (`98.5` is 98.5%).",
        "",
    ]
    for table in TABLES.values():
        lines += [f"## {table.name}", "", f"{table.meaning}. Key: {', '.join(table.key)}.", ""]
        lines += ["| column | type | unit | meaning |", "|---|---|---|---|"]
        for column in table.columns:
            meaning = column.meaning + (" (codes below)" if column.codes else "")
            lines.append(f"| `{column.name}` | {column.type} | {_cell(column.unit or '')} | {_cell(meaning)} |")
        lines.append("")
    lines += ["## Codes and their Chinese names", ""]
    used = {column.codes: column for table in TABLES.values() for column in table.columns if column.codes}
    for kind, names in names_zh().items():
        where = f" (`{used[kind].name}`)" if kind in used else ""
        lines += [f"### {kind}{where}", "", "| code | 中文 |", "|---|---|"]
        lines += [f"| `{code}` | {_cell(name)} |" for code, name in names.items()]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """``python -m nlp.output.data_dictionary [FILE]``: (re)write the Markdown dictionary."""
    target = Path(argv[0]) if argv else MARKDOWN
    target.write_text(markdown(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
