"""A batch's final tables: Parquet, CSV (UTF-8 with BOM) and one DuckDB file, from the committed chunks.

DuckDB reads the parts, runs the cross-document duplicate pass, sorts (out of core
if need be) and writes every file into a staging folder; only when all are written
are they moved into place, so a full disk leaves the previous tables as they were.
No SQL text ever holds a path or a document value: paths go through the Python API
or as parameters. ``documents`` has one row per ``doc_id``; the other inputs with
the same text are rows of ``document_copies``. Each Parquet file carries pandas'
metadata, so ``pandas.read_parquet`` gives nullable Int64 and boolean columns. In the CSV files (not in Parquet or
DuckDB) a text cell a spreadsheet would run as a formula gets a leading ``'``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from nlp.corpus.batch_store import (
    PARTS,
    RUN,
    cannot_write,
    committed_chunks,
    locked,
    part_files,
    read_record,
    write_record,
)
from nlp.corpus.stickiness import COLUMNS as STICKINESS_COLUMNS
from nlp.corpus.stickiness import stickiness
from nlp.errors import InputError
from nlp.output.data_dictionary import TABLES as TABLE_NAMES
from nlp.output.data_dictionary import comment_statements, name_zh_sql
from nlp.output.records import PART_SCHEMAS, TABLES, to_pandas
from nlp.settings import Settings

COPIES = "document_copies"
FINAL_TABLES = (*TABLES, COPIES)
VERSIONS = "versions.csv"  # pairs of inputs that are versions of one report (nlp.corpus.duplicates)
FINALIZE_MEMORY = "256MB"  # DuckDB's limit while it sorts and joins the final tables
STAGING = "final"
# Leading characters that make Excel, LibreOffice or Sheets evaluate a cell (OWASP "CSV injection").
FORMULA_START = r"^[=+\-@\t\r]"

# Every input's row, ranked within its text (doc_id): the analysed copy first, then by path.
_RANKED = """
CREATE TEMP TABLE ranked_documents AS SELECT *, row_number() OVER (
    PARTITION BY doc_id ORDER BY status <> 'ok', duplicate_of IS NOT NULL, path, filename, file_row_number
) AS copy_rank FROM documents_parts
"""
_DOCUMENTS = """
CREATE TABLE documents AS SELECT * EXCLUDE (filename, file_row_number, copy_rank)
FROM ranked_documents WHERE copy_rank = 1 ORDER BY path
"""
_COPIES = f"""
CREATE TABLE {COPIES} AS SELECT c.doc_id, c.path, d.path AS copy_of, c.format, c.status, c.error
FROM ranked_documents c JOIN documents d USING (doc_id) WHERE c.copy_rank > 1 ORDER BY c.path
"""
# re-scored by the cross-document pass; stickiness and template reuse from nlp.corpus.stickiness
_EVALUATIONS = f"""(SELECT p.* REPLACE (coalesce(r.originality, p.originality) AS originality,
    coalesce(r.quality_score, p.quality_score) AS quality_score, coalesce(r.grade, p.grade) AS grade,
    coalesce(r.n_flags, p.n_flags) AS n_flags, {", ".join(f"s.{c} AS {c}" for c in STICKINESS_COLUMNS)})
    FROM evaluations_parts p LEFT JOIN rescored r USING (doc_id, eval_id)
    LEFT JOIN stickiness s USING (doc_id, eval_id))"""
# the cross-document flags follow each document's own, in passage order
_FLAGS = f"""(SELECT * FROM flags_parts UNION ALL BY NAME
    SELECT *, {name_zh_sql("flags", "code")} AS code_zh, '~cross' AS filename, start AS file_row_number
    FROM cross_flags)"""
_VERSIONS = """
SELECT min(x.path) AS path, min(y.path) AS version_of FROM version v
JOIN documents x ON x.doc_id = v.b JOIN documents y ON y.doc_id = v.a WHERE v.a < v.b
GROUP BY v.a, v.b ORDER BY 2, 1
"""


def _load_parts(connection, out: Path, chunks: list[int]) -> None:
    """Temporary tables ``<name>_parts`` (never stored): every committed part, with its file and row."""
    for name, schema in PART_SCHEMAS.items():
        files = part_files(out, name, chunks)
        if files:
            connection.execute(
                f"CREATE TEMP TABLE {name}_parts AS "
                "SELECT * FROM read_parquet($files, filename = true, file_row_number = true)",
                {"files": files},
            )
        else:
            connection.register("empty_part", schema.empty_table())
            connection.execute(
                f"CREATE TEMP TABLE {name}_parts AS "
                "SELECT *, '' AS filename, 0::BIGINT AS file_row_number FROM empty_part"
            )
            connection.unregister("empty_part")


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _write_csv(relation, target: Path) -> None:
    """``relation`` as CSV with a BOM, every text cell that would start a formula prefixed with ``'``."""
    columns = []
    for column, kind in zip(relation.columns, relation.types, strict=True):
        name = _quoted(column)
        if str(kind) == "VARCHAR":
            name = f"CASE WHEN regexp_matches({name}, '{FORMULA_START}') THEN '''' || {name} ELSE {name} END AS {name}"
        columns.append(name)
    plain = target.with_name(f".{target.name}.plain")
    relation.project(", ".join(columns)).write_csv(str(plain), header=True)
    with open(plain, "rb") as reader, open(target, "wb") as writer:  # the BOM makes Excel read UTF-8
        writer.write("\ufeff".encode())
        shutil.copyfileobj(reader, writer, 1 << 20)
    plain.unlink()


def _pandas_metadata(relation) -> str:
    """pandas' metadata of the table as ``read_tables`` types it, for its Parquet file's footer.

    With it a plain ``pandas.read_parquet`` gives ``year`` as Int64 and ``achieved`` as
    boolean beside nulls (not float64 / object); readers of plain Arrow (R's arrow, DuckDB,
    Polars) ignore it.
    """
    import pyarrow as pa

    typed = to_pandas(relation.limit(0).to_arrow_table())
    return pa.Schema.from_pandas(typed, preserve_index=False).metadata[b"pandas"].decode()


def _build(staging: Path, out: Path, chunks: list[int], settings: Settings | None) -> tuple[dict, object, int]:
    """Every final file into ``staging``; returns the row counts, the cross-document result and the
    evaluations paired with a prior year's."""
    from nlp.corpus.duplicates import cross_document_duplicates

    # Bounded, spilling to disk beyond: the parent's memory must not grow with the corpus.
    config = {"memory_limit": FINALIZE_MEMORY, "temp_directory": str(out / PARTS / "duckdb")}
    connection = duckdb.connect(str(staging / "jixiao.duckdb"), config=config)
    try:
        _load_parts(connection, out, chunks)
        for statement in (_RANKED, _DOCUMENTS, _COPIES):
            connection.execute(statement)
        connection.execute(
            "CREATE TEMP TABLE document_order AS SELECT doc_id, min(rowid) AS position FROM documents GROUP BY doc_id"
        )
        cross = cross_document_duplicates(connection, settings)
        paired = stickiness(connection)
        sources = {"evaluations": _EVALUATIONS, "flags": _FLAGS}
        for name in TABLES[1:]:
            connection.execute(
                f"CREATE TABLE {name} AS SELECT t.* EXCLUDE (filename, file_row_number) "
                f"FROM {sources.get(name, f'{name}_parts')} t "
                "JOIN document_order d USING (doc_id) ORDER BY d.position, t.filename, t.file_row_number"
            )
        for statement in comment_statements([name for name in FINAL_TABLES if name in TABLE_NAMES]):
            connection.execute(statement)
        counts = {}
        for name in FINAL_TABLES:
            ((counts[name],),) = connection.execute(f"SELECT count(*) FROM {name}").fetchall()
            table = connection.table(name)
            connection.execute(
                f"COPY {name} TO $path (FORMAT parquet, KV_METADATA {{pandas: $pandas}})",
                {"path": str(staging / f"{name}.parquet"), "pandas": _pandas_metadata(table)},
            )
            _write_csv(table, staging / f"{name}.csv")
        _write_csv(connection.sql(_VERSIONS), staging / VERSIONS)
    finally:
        connection.close()
    return counts, cross, paired


def finalize(out: Path, run: dict, settings: Settings | None = None) -> dict[str, int]:
    """Write the final Parquet, CSV and DuckDB files and ``run.json`` (``run`` added to it); return row counts.

    Cross-document re-scoring uses ``settings``, by default those ``run.json`` recorded.

    A failed write (a full disk) is an ``InputError`` naming the folder, and the
    tables of an earlier finalize stay as they were.
    """
    with locked(out):
        recorded = read_record(out) if (out / RUN).exists() else {}  # what run_batch wrote when it started
        if settings is None and recorded.get("settings"):
            settings = Settings.from_json(recorded["settings"])  # re-score with the settings the batch ran with
        chunks = committed_chunks(out)
        staging = out / PARTS / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        try:
            staging.mkdir(parents=True)
            counts, cross, paired = _build(staging, out, chunks, settings)
            for file in sorted(staging.iterdir()):
                os.replace(file, out / file.name)
        except OSError as error:
            raise cannot_write(out, error) from None
        except duckdb.IOException as error:  # DuckDB's own writes (a full disk) report through it
            raise InputError(str(out), f"cannot write: {str(error).splitlines()[0]}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        write_record(
            out,
            {
                **recorded,
                **run,
                "state": "finished",
                "counts": counts,
                "cross_document": {
                    "duplicate_passages": cross.duplicate_passages,
                    "evaluations_rescored": cross.evaluations_rescored,
                    "versions_of_one_report": cross.versions,
                    "evaluations_with_prior_year": paired,
                },
            },
        )
    return counts


def read_tables(out: Path) -> dict:
    """The final tables of a finalized batch folder as pandas DataFrames (nullable integers and booleans)."""
    import pyarrow.parquet as pq

    from nlp.output.records import to_pandas

    return {name: to_pandas(pq.read_table(out / f"{name}.parquet")) for name in FINAL_TABLES}
