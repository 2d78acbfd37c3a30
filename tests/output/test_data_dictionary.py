"""The data dictionary describes every table and column the batch writes, and the docs are generated from it."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SEEDS

from nlp import InputError, analyze, analyze_corpus
from nlp.corpus.batch import finalize, run_batch
from nlp.output.data_dictionary import (
    MARKDOWN,
    MAX_LABEL,
    TABLES,
    comment_statements,
    describe,
    markdown,
    name_zh,
    name_zh_sql,
)
from nlp.output.data_dictionary import names_zh as all_names
from nlp.structure.sections import LABELS

RAISED_CODE = re.compile(r'code="([A-Z_]+)"|"([A-Z]+_[A-Z_]+)"')


def test_the_markdown_dictionary_is_up_to_date() -> None:
    assert MARKDOWN.read_text(encoding="utf-8") == markdown(), "run: python -m nlp.output.data_dictionary"


def test_every_column_of_every_table_the_batch_writes_is_described(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(SEEDS[0]), str(SEEDS[0].with_suffix(".missing"))], out, workers=1)
    finalize(out, {"pipeline_version": "test"})
    written = sorted(out.glob("*.parquet"))
    assert {file.stem for file in written} >= {"documents", "evaluations", "flags"}
    for file in written:
        assert file.stem in TABLES, f"{file.stem} is not in nlp/output/data_dictionary.py"
        assert pq.read_schema(file).names == [c.name for c in TABLES[file.stem].columns], file.stem


def test_one_document_frames_have_the_dictionary_columns_and_nullable_types() -> None:
    frames = analyze(SEEDS[3]).frames()
    for name, frame in frames.items():
        assert list(frame.columns) == [c.name for c in TABLES[name].columns]
        for column in TABLES[name].columns:
            expected = {"integer": "Int64", "boolean": "boolean", "float": "float64"}.get(column.type)
            assert expected is None or str(frame[column.name].dtype) == expected, (name, column.name)
    assert str(frames["documents"]["year"].dtype) == "Int64"
    assert str(frames["indicators"]["achieved"].dtype) == "boolean"
    assert "execution_rate_pct" in frames["evaluations"] and "execution_rate" not in frames["evaluations"]
    assert frames["flags"]["code_zh"].notna().all() and frames["sections"]["label_zh"].notna().all()
    assert (frames["flags"]["code_zh"] != frames["flags"]["code"]).all()  # every code has a Chinese name


def test_every_flag_code_and_section_label_has_a_chinese_name() -> None:
    source = "".join(
        (ROOT / "nlp" / name).read_text(encoding="utf-8") for name in ("quality/flags.py", "corpus/duplicates.py")
    )
    raised = {code for match in RAISED_CODE.findall(source) for code in match if code}
    assert len(all_names()["flags"]) == 14 and raised <= set(all_names()["flags"])  # the 14 flags of SPEC §3
    assert set(all_names()["labels"]) == set(LABELS)
    assert name_zh("labels", "problems") == "存在问题" and name_zh("flags", None) is None
    assert name_zh("flags", "A_LATER_CODE") == "A_LATER_CODE"  # unnamed codes show as themselves


def test_labels_fit_stata_and_comments_run_in_duckdb_with_quoting() -> None:
    for table in TABLES.values():
        for column in table.columns:
            assert len(describe(column)) <= MAX_LABEL, (table.name, column.name)  # whole as a Stata label
    connection = duckdb.connect()
    for table in TABLES.values():
        columns = ", ".join(f'"{c.name}" VARCHAR' for c in table.columns)
        connection.execute(f'CREATE TABLE "{table.name}" ({columns})')
    for statement in comment_statements():
        connection.execute(statement)
    comments = dict(
        connection.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'documents'"
        ).fetchall()
    )
    assert "run.json's working_directory" in comments["path"]  # a quote inside the comment survived
    (zh,) = connection.execute(f"SELECT {name_zh_sql('flags', 'code')} FROM (SELECT 'UNIT_ERROR' AS code)").fetchone()
    assert zh == "金额单位存疑"


def test_analyze_corpus_takes_one_path_or_a_list_and_matches_one_document_frames() -> None:
    tables = analyze_corpus(str(SEEDS[3]))  # a string is one path, not a list of characters
    assert tables["documents"]["path"].tolist() == [str(SEEDS[3])]
    frames = analyze(SEEDS[3]).frames()
    for name, frame in frames.items():
        assert list(tables[name].columns) == list(frame.columns), name
        assert tables[name].dtypes.astype(str).tolist() == frame.dtypes.astype(str).tolist(), name
    with pytest.raises(InputError, match="no such file"):
        analyze_corpus([SEEDS[3], SEEDS[3].with_name("missing.txt")])
