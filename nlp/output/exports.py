"""The finished batch tables as files researchers open: Excel workbooks and Stata datasets.

Parquet and CSV need no export: ``pandas.read_parquet``, R's ``arrow::read_parquet``
and DuckDB read them as they are. Excel and Stata each need their limits met:

- xlsx (openpyxl, write-only): one sheet per table and the data dictionary as a
  sheet; text is always stored as text (a cell starting with ``=`` is not a
  formula), characters a workbook cannot hold are dropped, a cell keeps at most
  32,767 characters and a table longer than a sheet continues on the next.
- dta (pandas ``to_stata``, version 118 for Unicode): variable labels from the
  dictionary, value labels for code columns (stored as labelled integers), long
  text as strL; ``end`` is named ``_end`` (a Stata reserved word); an empty table
  is written too, with 0 observations and typed variables.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from nlp.output.data_dictionary import TABLES, names_zh, rows, stata_label

FORMATS = ("xlsx", "dta")
XLSX_MAX_ROWS = 1_048_576  # rows of one sheet, header included
XLSX_MAX_CELL = 32_767  # characters of one cell
STATA_MAX_STR = 2045  # bytes of a Stata str#; longer text becomes strL
STATA_RENAMED = {"end": "_end"}  # `end` is a Stata reserved word


def write_exports(out_dir: Path, tables: dict[str, pd.DataFrame], formats: Iterable[str]) -> list[Path]:
    """Write ``tables`` (as ``nlp.corpus.batch.read_tables`` returns them) in each of ``formats``; the files written.

    xlsx: ``out_dir/jixiao.xlsx``; dta: ``out_dir/<table>.dta`` per table.
    """
    written = []
    for kind in formats:
        if kind == "xlsx":
            written.append(write_xlsx(out_dir / "jixiao.xlsx", tables))
        elif kind == "dta":
            written += [write_dta(out_dir / f"{name}.dta", name, frame) for name, frame in tables.items()]
        else:
            raise ValueError(f"unknown export format {kind!r}: choose from {', '.join(FORMATS)}")
    return written


def write_xlsx(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """One sheet per table (continued on ``name (2)`` … past a sheet's rows), then the dictionary."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, frame in tables.items():
        body = XLSX_MAX_ROWS - 1
        for part, start in enumerate(range(0, max(len(frame), 1), body)):
            sheet = workbook.create_sheet(name if part == 0 else f"{name} ({part + 1})")
            _append_rows(sheet, list(frame.columns), frame.iloc[start : start + body].itertuples(index=False))
    dictionary = rows()
    sheet = workbook.create_sheet("dictionary")
    _append_rows(sheet, list(dictionary[0]), (entry.values() for entry in dictionary))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _append_rows(sheet, header: list[str], body: Iterable[Iterable]) -> None:
    sheet.append(header)
    for values in body:
        sheet.append([_xlsx_cell(sheet, value) for value in values])


def _xlsx_cell(sheet, value):
    """A value as a cell: missing values empty, strings always text (never a formula)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if not isinstance(value, str):
        return value.item() if hasattr(value, "item") else value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL])
    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    return cell


def write_dta(path: Path, name: str, frame: pd.DataFrame) -> Path:
    """Table ``name`` as a Stata 14+ dataset (format 118, Unicode) with variable and value labels."""
    table = TABLES[name]
    frame = frame.copy()
    value_labels = {}
    for column in table.columns:
        if column.name not in frame:
            continue
        series = frame[column.name]
        if column.codes:
            # Stata labels integers: codes become 1, 2 … labelled with the code (code_zh has the Chinese name);
            # plain integers, not a Categorical, so an empty table still has a typed column
            known = list(names_zh()[column.codes])
            codes = known + sorted(set(series.dropna()) - set(known))
            frame[column.name] = series.map({code: number for number, code in enumerate(codes, 1)}).astype("Int16")
            value_labels[STATA_RENAMED.get(column.name, column.name)] = dict(enumerate(codes, 1))
        elif column.type == "string":
            frame[column.name] = series.fillna("").astype(str)  # Stata's missing string is ""
        elif column.type == "boolean":
            frame[column.name] = series.astype("Int8")
    strl = [
        column
        for column in frame.columns
        if frame[column].dtype == object
        and frame[column].map(lambda text: len(text.encode("utf-8"))).max() > STATA_MAX_STR
    ]
    labels = {STATA_RENAMED.get(c.name, c.name): stata_label(c) for c in table.columns if c.name in frame}
    frame = frame.rename(columns=STATA_RENAMED)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_stata(
        path,
        write_index=False,
        version=118,
        variable_labels=labels,
        value_labels=value_labels,
        data_label=table.meaning[:80],
        convert_strl=strl,
    )
    return path
