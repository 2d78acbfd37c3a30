"""The final files: formulas neutralized in CSV only, any path safe, a full disk leaves the old tables."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_batch import _report, tiny_reports

from nlp.corpus import batch_finalize
from nlp.corpus.batch import finalize, read_tables, run_batch
from nlp.errors import InputError

HOSTILE_PROBLEM = '=HYPERLINK("http://x","点我")巡查记录缺3份。'


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Path:
    """A batch whose inputs' paths and text start with what a spreadsheet would run."""
    folder = tmp_path_factory.mktemp("in")
    (folder / "=cmd.txt").write_text(_report(1, HOSTILE_PROBLEM), encoding="utf-8")
    (folder / "+plain.txt").write_text(_report(2, "-部分记录不全，@负责人未签字。"), encoding="utf-8")
    out = folder.parent / "out"
    here = Path.cwd()
    os.chdir(folder)  # relative inputs: the path cells themselves start with = and +
    try:
        run_batch(["=cmd.txt", "+plain.txt"], out, workers=1)
    finally:
        os.chdir(here)
    finalize(out, {})
    return out


def test_csv_cells_that_would_be_formulas_get_a_quote_but_parquet_and_duckdb_keep_the_text(hostile_run: Path) -> None:
    parquet = read_tables(hostile_run)
    csv = {name: pd.read_csv(hostile_run / f"{name}.csv", encoding="utf-8-sig", dtype=str) for name in parquet}
    assert sorted(parquet["documents"].path) == ["+plain.txt", "=cmd.txt"]
    assert sorted(csv["documents"].path) == ["'+plain.txt", "'=cmd.txt"]
    texts = list(parquet["statements"].text)
    assert any(t.startswith("=HYPERLINK") for t in texts) and any(t.startswith("-部分") for t in texts)
    for text in csv["statements"].text:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert sorted(csv["statements"].text) == sorted("'" + t if t[0] in "=+-@" else t for t in texts)
    with duckdb.connect(str(hostile_run / "jixiao.duckdb"), read_only=True) as connection:
        stored = [row[0] for row in connection.execute("SELECT text FROM statements").fetchall()]
    assert sorted(stored) == sorted(texts)


def test_negative_numbers_stay_numbers_in_csv(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with duckdb.connect(":memory:") as connection:
        relation = connection.sql("SELECT -5.5 AS value, '-5.5' AS raw, 'ok' AS text")
        batch_finalize._write_csv(relation, out / "t.csv")
    assert (out / "t.csv").read_text(encoding="utf-8-sig").splitlines() == ["value,raw,text", "-5.5,'-5.5,ok"]


def test_no_sql_is_built_from_paths_and_no_internal_views_are_stored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = tiny_reports(tmp_path / "in's [1]", 2)
    out = tmp_path / "inj'; COPY (SELECT 42 AS pwned) TO 'sqli.csv'; SELECT '" / "o'ut [1]"
    run_batch([str(inputs)], out, workers=1)
    counts = finalize(out, {})
    assert counts["documents"] == 2 and counts["evaluations"] == 2
    assert not list(tmp_path.rglob("sqli.csv"))
    assert sorted(Path(p).parent for p in read_tables(out)["documents"].path) == [inputs, inputs]
    with duckdb.connect(str(out / "jixiao.duckdb"), read_only=True) as connection:
        views = connection.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchall()[0][0]
        tables = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert views == 0 and not any(name.endswith("_parts") for name in tables)
    assert "document_copies" in tables


def test_a_full_disk_while_finalizing_leaves_the_earlier_tables(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run_batch([str(tiny_reports(tmp_path / "in", 2))], out, workers=1)
    finalize(out, {})
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "run.json"}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(batch_finalize.shutil, "copyfileobj", full)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        finalize(out, {})
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "run.json"}
    assert after == before
    assert not (out / ".parts" / batch_finalize.STAGING).exists()


def test_plain_pandas_reads_nullable_integers_and_booleans_and_arrow_reads_plain_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from conftest import SEEDS

    out = tmp_path / "out"
    run_batch([str(SEEDS[4]), str(tmp_path / "missing.txt")], out, workers=1)  # the error row has no year
    finalize(out, {})
    documents = pd.read_parquet(out / "documents.parquet")
    assert str(documents["year"].dtype) == "Int64" and list(documents["status"]).count("error") == 1
    assert str(documents["n_chars"].dtype) == "Int64"
    indicators = pd.read_parquet(out / "indicators.parquet")
    assert len(indicators) and str(indicators["achieved"].dtype) == "boolean"
    assert str(pd.read_parquet(out / "statements.parquet")["boilerplate"].dtype) == "boolean"
    assert str(pd.read_parquet(out / "document_copies.parquet")["path"].dtype) != "object"  # empty, still typed
    schema = pq.read_schema(out / "documents.parquet")  # what R's arrow::read_parquet sees: plain Arrow types
    assert str(schema.field("year").type) == "int64" and str(schema.field("path").type) == "string"
