"""xlsx and Stata exports of the batch tables: every table, labels from the dictionary, text kept as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SEEDS
from openpyxl import load_workbook

from nlp import analyze
from nlp.output.data_dictionary import TABLES, stata_label
from nlp.output.exports import STATA_MAX_STR, write_exports


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    frames = analyze(SEEDS[3]).frames()
    statements = frames["statements"]
    hostile = statements.iloc[[0, 0]].copy()
    hostile["text"] = ['=HYPERLINK("http://x")\x07', "长" * (STATA_MAX_STR // 3 + 10)]  # a formula; longer than str#
    frames["statements"] = pd.concat([statements, hostile], ignore_index=True)
    return frames


def test_xlsx_has_every_table_and_the_dictionary_and_no_formulas(tables: dict, tmp_path: Path) -> None:
    (path,) = write_exports(tmp_path, tables, ["xlsx"])
    workbook = load_workbook(path)
    assert workbook.sheetnames == [*tables, "dictionary"]
    statements = workbook["statements"]
    header = [cell.value for cell in statements[1]]
    assert header == list(tables["statements"].columns)
    texts = [row[header.index("text")] for row in statements.iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("http://x")' in texts  # stored as text, the control character dropped
    assert all(cell.data_type != "f" for row in statements.iter_rows() for cell in row)
    dictionary = list(workbook["dictionary"].iter_rows(values_only=True))
    assert dictionary[0][:3] == ("table", "column", "type") and len(dictionary) - 1 == sum(
        len(t.columns) for t in TABLES.values()
    )
    evaluations = pd.read_excel(path, sheet_name="evaluations")
    assert len(evaluations) == len(tables["evaluations"])


def test_stata_has_variable_and_value_labels_and_long_text(tables: dict, tmp_path: Path) -> None:
    written = write_exports(tmp_path, tables, ["dta"])
    assert {p.stem for p in written} == set(tables)
    with pd.io.stata.StataReader(tmp_path / "flags.dta") as reader:
        labels = reader.variable_labels()
        value_labels = reader.value_labels()
        flags = reader.read()
    assert labels["code"] == stata_label(TABLES["flags"].column("code"))
    assert "UNIT_ERROR" in next(iter(value_labels.values())).values()
    assert list(flags["code"]) == list(tables["flags"]["code"])
    statements = pd.read_stata(tmp_path / "statements.dta")
    assert statements["text"].str.len().max() == STATA_MAX_STR // 3 + 10  # kept whole as strL
    documents = pd.read_stata(tmp_path / "documents.dta")
    assert documents["year"].fillna(-1).tolist() == tables["documents"]["year"].astype("float").fillna(-1).tolist()


def test_unknown_format_is_refused(tables: dict, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx, dta"):
        write_exports(tmp_path, tables, ["sav"])


def test_empty_tables_are_written_with_typed_variables(tables: dict, tmp_path: Path) -> None:
    empty = {name: frame.iloc[0:0] for name, frame in tables.items()}  # e.g. a batch without copies or flags
    written = write_exports(tmp_path, empty, ["dta", "xlsx"])
    assert {p.name for p in written} == {f"{name}.dta" for name in tables} | {"jixiao.xlsx"}
    flags = pd.read_stata(tmp_path / "flags.dta")
    assert len(flags) == 0 and list(flags.columns) == [c if c != "end" else "_end" for c in tables["flags"].columns]
