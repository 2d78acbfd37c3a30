"""Corpus runs: every input becomes a documents row; tables stream to disk in parts.

Each chunk of documents is written as one Parquet part per table, atomically
(written aside, then renamed), so a run killed at any moment leaves only whole
parts; ``--resume`` reads them, skips the inputs they hold and finishes. A second
copy of a text (same ``doc_id``, in this run or an earlier one) is not analysed
again: its documents row names the first copy in ``duplicate_of`` and it adds
no other rows, so nothing is counted twice. At the end the parts become the
final tables — Parquet, CSV (UTF-8 with BOM) and one DuckDB file — sorted by
path, so the result does not depend on the number of workers or on
interruptions.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from nlp.corpus_stats import Reference
from nlp.records import PART_SCHEMAS, SCHEMAS, TABLES, document_row, document_rows, error_rows

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm", ".xlsx", ".xls"}
PARTS = ".parts"
# Documents per part: small enough to keep memory flat, large enough to keep files few.
CHUNK = int(os.environ.get("JIXIAO_BATCH_CHUNK", "50"))


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files as named, folders recursively (supported formats only), globs expanded; sorted, unique."""
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        elif any(ch in item for ch in "*?["):
            found.update(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        else:
            found.add(path)  # named explicitly: a row even if missing or unsupported
    return sorted(found, key=lambda p: str(p))


def _file_id(path: Path) -> str:
    """A documents key for an input that yields no text: its bytes' hash, or its path's."""
    try:
        data = path.read_bytes()
    except OSError:
        data = str(path).encode()
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class _WorkerState:
    done: frozenset[str] = frozenset()
    groups_file: str | None = None
    groups: Groups | None = None

    def comparison_groups(self) -> Groups | None:
        """The batch's groups, read from the file the parent wrote after the sample (once per worker)."""
        if self.groups is None and self.groups_file:
            self.groups = Groups.load(Path(self.groups_file))
        return self.groups


_STATE = _WorkerState()


def _init_worker(done: frozenset[str], groups_file: str | None = None) -> None:
    """Runs once per worker process: remember what is done, load models before the first document.

    The same workers first read the sample for the comparison groups, so the groups
    reach them as a file, read on their first document.
    """
    _STATE.done, _STATE.groups_file, _STATE.groups = done, groups_file, None
    from nlp.claims import claims_pipeline
    from nlp.model_store import reference, section_model

    section_model()
    reference()
    claims_pipeline()


def process_document(path: str, done: frozenset[str] | None = None, groups: Groups | None = None) -> dict:
    """One input → its table rows; never raises: an unreadable input is an error row."""
    import nlp
    from nlp.duplicates import passage_rows
    from nlp.meta import extract_meta
    from nlp.model_store import model_version, reference
    from nlp.pipeline import analyze_document
    from nlp.schema import doc_id

    done = _STATE.done if done is None else done
    groups = _STATE.comparison_groups() if groups is None else groups
    try:
        document = nlp.ingest(path)
    except nlp.InputError as error:
        return error_rows(path, _file_id(Path(path)), error.reason, nlp.PIPELINE_VERSION, model_version())
    key = doc_id(document.text)
    if key in done:  # the text of a document an earlier run analysed: the parent marks this copy a duplicate
        row = document_row(document, extract_meta(document), None, nlp.PIPELINE_VERSION, model_version())
        return {name: [row] if name == "documents" else [] for name in TABLES}
    try:
        group = groups.for_document(document) if groups else reference()
        result = analyze_document(document, group=group)
        return {**document_rows(result, nlp.PIPELINE_VERSION), **passage_rows(result, group)}
    except Exception as error:  # a corpus run never loses a document: a failure is a row
        reason = f"internal error: {type(error).__name__}: {error}"
        return error_rows(path, key, reason, nlp.PIPELINE_VERSION, model_version())


GROUPS = "comparison_groups.json"
VERSIONS = "versions.csv"  # pairs of inputs that are versions of one report (nlp.duplicates)
FINALIZE_MEMORY = "256MB"  # DuckDB's limit while it sorts and joins the final tables
SAMPLE = 100  # documents read (by the parent, before the run) to build the comparison groups
MIN_GROUP = 5  # sampled documents a group needs before it replaces the whole batch's


@dataclass
class Groups:
    """The batch's comparison groups: the whole batch, and one per ``group_by`` key with enough documents."""

    group_by: tuple[str, ...]
    whole: Reference
    by_key: dict[str, Reference]

    def key(self, meta) -> str:
        return group_key(meta, self.group_by)

    def for_document(self, document) -> Reference:
        """The group a batch measures this document against."""
        from nlp.meta import extract_meta

        return self.reference_for(extract_meta(document))

    def reference_for(self, meta) -> Reference:
        return self.by_key.get(self.key(meta), self.whole) if self.group_by else self.whole

    def save(self, path: Path) -> None:
        data = {
            "group_by": list(self.group_by),
            "groups": {
                key: {"n_documents": ref.n_documents, "boilerplate_tetragrams": sorted(ref.boilerplate)}
                for key, ref in {"*": self.whole, **self.by_key}.items()
            },
        }
        path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Groups:
        data = json.loads(path.read_text(encoding="utf-8"))
        refs = {
            key: Reference(f"batch:{key}", value["n_documents"], frozenset(value["boilerplate_tetragrams"]))
            for key, value in data["groups"].items()
        }
        whole = refs.pop("*")
        return cls(tuple(data["group_by"]), whole, refs)

    def summary(self) -> dict:
        return {"group_by": list(self.group_by), "whole_batch_sample": self.whole.n_documents,
                "groups": {k: r.n_documents for k, r in self.by_key.items()}}  # fmt: skip


def group_key(meta, group_by: tuple[str, ...]) -> str:
    return "|".join(str(getattr(meta, field)) for field in group_by)


def sample_tetragrams(path: str, group_by: tuple[str, ...]) -> tuple[str, frozenset[str]] | None:
    """A sampled input's group key and tetragrams; None if it cannot be read (run in the workers)."""
    import nlp
    from nlp.corpus_stats import document_tetragrams
    from nlp.meta import extract_meta

    try:
        document = nlp.ingest(path)
    except nlp.InputError:
        return None
    key = group_key(extract_meta(document), group_by) if group_by else ""
    return key, document_tetragrams(document.text)


def build_groups(paths: list[str], group_by: tuple[str, ...], mapper: Callable = map) -> Groups:
    """Comparison groups from a deterministic sample of the batch (every k-th input, at most SAMPLE).

    ``mapper`` is ``map`` or a process pool's ``map``: the sample is read in the workers.
    """
    step = max(1, len(paths) // SAMPLE)
    sample = paths[::step][:SAMPLE]
    found = [item for item in mapper(sample_tetragrams, sample, [group_by] * len(sample)) if item is not None]
    whole = Reference.from_documents((grams for _, grams in found), "batch:*")
    by_key: dict[str, list[frozenset[str]]] = {}
    for key, grams in found:
        by_key.setdefault(key, []).append(grams)
    groups = {
        key: Reference.from_documents(members, f"batch:{key}")
        for key, members in by_key.items()
        if group_by and len(members) >= MIN_GROUP
    }
    return Groups(group_by, whole, groups)


def _write_part(out: Path, number: int, rows: dict[str, list[dict]]) -> None:
    for name, schema in PART_SCHEMAS.items():
        folder = out / PARTS / name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{number:06d}.parquet"
        temporary = folder / f".part-{number:06d}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(rows[name], schema=schema), temporary)
        os.replace(temporary, target)


def _read_parts(out: Path, name: str) -> pa.Table:
    files = sorted((out / PARTS / name).glob("part-*.parquet"))
    if not files:
        return SCHEMAS[name].empty_table()
    return pa.concat_tables(pq.read_table(f, schema=SCHEMAS[name]) for f in files)


@dataclass
class Done:
    """What earlier runs into the same folder wrote: the first copy of each text, every path, the next part."""

    first_copies: dict[str, tuple[str, int]]  # doc_id → (path, n_evaluations)
    paths: frozenset[str]
    next_part: int


def done_documents(out: Path) -> Done:
    documents = _read_parts(out, "documents").to_pylist()
    parts = sorted((out / PARTS / "documents").glob("part-*.parquet")) if (out / PARTS).exists() else []
    first = {
        row["doc_id"]: (row["path"], row["n_evaluations"])
        for row in documents
        if row["status"] == "ok" and row["duplicate_of"] is None
    }
    return Done(
        first, frozenset(row["path"] for row in documents), int(parts[-1].stem.split("-")[1]) + 1 if parts else 0
    )


def mark_duplicate(rows: dict[str, list[dict]], first_copies: dict[str, tuple[str, int]]) -> bool:
    """Keep only the documents row of a second copy of a text, pointing at the first; True if it was one.

    Identical texts share a doc_id, so their rows would double every count keyed on it.
    """
    row = rows["documents"][0]
    if row["status"] != "ok":
        return False
    path, n_evaluations = first_copies.setdefault(row["doc_id"], (row["path"], row["n_evaluations"]))
    if path == row["path"]:
        return False
    row.update(duplicate_of=path, n_evaluations=n_evaluations)
    for name in PART_SCHEMAS:
        if name != "documents":
            rows[name] = []
    return True


@dataclass
class RunSummary:
    documents: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    evaluations: int = 0
    seconds: float = 0.0
    groups: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _local_results(
    paths: list[str], workers: int, done: frozenset[str], groups_file: Path, make_groups: Callable[[Callable], object]
) -> Iterator[dict]:
    """Results in input order; the same processes first read the sample for the groups (``make_groups``)."""
    if workers <= 1:
        _init_worker(done, str(groups_file))
        make_groups(map)
        yield from (process_document(p) for p in paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(done, str(groups_file))) as pool:
        make_groups(pool.map)
        yield from pool.map(process_document, paths, chunksize=4)  # map keeps input order


def _dask_results(
    paths: list[str], workers: int, done: frozenset[str], scheduler: str | None, groups: Groups
) -> Iterator[dict]:
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        for start in range(0, len(paths), CHUNK):  # submit chunk by chunk: memory stays flat, order is kept
            futures = client.map(process_document, paths[start : start + CHUNK], done=done, groups=groups, pure=False)
            yield from client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(
    inputs: Iterable[str],
    out: Path,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    progress: Callable[[RunSummary, int], None] | None = None,
    chunk_size: int = CHUNK,
    group_by: tuple[str, ...] = (),
) -> RunSummary:
    """Analyse every input into ``out``; returns counts. Final tables are written by ``finalize``.

    Boilerplate is measured against the batch's own comparison group (or one per
    ``group_by`` key, e.g. ``("year", "region")``), built first from a sample of
    the inputs and kept in ``out`` so that a resumed run uses the same groups.
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    if not resume and (out / PARTS).exists():
        for file in (out / PARTS).rglob("*"):
            if file.is_file():
                file.unlink()
    done = done_documents(out) if resume else Done({}, frozenset(), 0)
    part, first_copies = done.next_part, done.first_copies
    paths = [str(p) for p in expand_inputs(inputs)]
    todo = [p for p in paths if p not in done.paths]
    summary = RunSummary(skipped=len(paths) - len(todo))
    groups_file = out / GROUPS

    def make_groups(mapper: Callable) -> Groups:
        """The batch's comparison groups, saved for the workers and for a resumed run."""
        if resume and groups_file.exists():
            groups = Groups.load(groups_file)
        else:
            groups = build_groups(paths, tuple(group_by), mapper)
            groups.save(groups_file)
        summary.groups = groups.summary()
        return groups

    workers = workers or os.cpu_count() or 1
    if engine == "dask":
        results = _dask_results(todo, workers, frozenset(first_copies), scheduler, make_groups(map))
    else:
        results = _local_results(todo, workers, frozenset(first_copies), groups_file, make_groups)
    chunk: dict[str, list[dict]] = {name: [] for name in PART_SCHEMAS}
    pending = 0
    for rows in results:
        document = rows["documents"][0]
        summary.documents += 1
        summary.ok += document["status"] == "ok"
        summary.failed += document["status"] == "error"
        summary.duplicates += mark_duplicate(rows, first_copies)
        if document["status"] == "error":
            summary.errors.append(f"{document['path']}: {document['error']}")
        summary.evaluations += len(rows["evaluations"])
        for name in PART_SCHEMAS:
            chunk[name].extend(rows.get(name, []))
        pending += 1
        if progress:
            progress(summary, len(todo))
        if pending >= chunk_size:
            _write_part(out, part, chunk)
            part, pending, chunk = part + 1, 0, {name: [] for name in PART_SCHEMAS}
    if pending:
        _write_part(out, part, chunk)
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _parts_view(connection, out: Path, name: str) -> None:
    """``<name>_parts``: every part of a table, with the file and row each row came from."""
    folder = out / PARTS / name
    if folder.exists() and any(folder.glob("part-*.parquet")):
        source = f"read_parquet('{folder}/part-*.parquet', filename = true, file_row_number = true)"
    else:
        connection.register(f"{name}_empty", PART_SCHEMAS[name].empty_table())
        source = f"(SELECT *, '' AS filename, 0 AS file_row_number FROM {name}_empty)"
    connection.execute(f'CREATE VIEW "{name}_parts" AS SELECT * FROM {source}')


def finalize(out: Path, run: dict) -> dict[str, int]:
    """Write the final Parquet, CSV and DuckDB files and run.json; return the row counts.

    DuckDB reads the parts, runs the cross-document duplicate pass, sorts (out of
    core if need be) and writes every file, so memory stays flat however large the corpus.
    """
    import duckdb

    from nlp.duplicates import cross_document_duplicates

    temporary_db = out / ".jixiao.duckdb.tmp"
    temporary_db.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary_db))
    # Bounded, spilling to disk beyond: the parent's memory must not grow with the corpus.
    connection.execute(f"SET memory_limit = '{FINALIZE_MEMORY}'; SET temp_directory = '{out / PARTS / 'duckdb'}'")
    for name in PART_SCHEMAS:
        _parts_view(connection, out, name)
    connection.execute(
        "CREATE TABLE documents AS SELECT * EXCLUDE (filename, file_row_number) FROM documents_parts "
        "ORDER BY path, filename, file_row_number"
    )
    connection.execute(
        "CREATE TEMP TABLE document_order AS SELECT doc_id, min(rowid) AS position FROM documents GROUP BY doc_id"
    )
    cross = cross_document_duplicates(connection)
    sources = {
        "evaluations": "(SELECT p.* REPLACE (coalesce(r.originality, p.originality) AS originality, "
        "coalesce(r.quality_score, p.quality_score) AS quality_score, coalesce(r.grade, p.grade) AS grade, "
        "coalesce(r.n_flags, p.n_flags) AS n_flags) FROM evaluations_parts p "
        "LEFT JOIN rescored r USING (doc_id, eval_id))",
        # the cross-document flags follow each document's own, in passage order
        "flags": "(SELECT * FROM flags_parts UNION ALL BY NAME "
        "SELECT *, '~cross' AS filename, start AS file_row_number FROM cross_flags)",
    }
    for name in TABLES[1:]:
        connection.execute(
            f'CREATE TABLE "{name}" AS SELECT t.* EXCLUDE (filename, file_row_number) '
            f"FROM {sources.get(name, f'{name}_parts')} t "
            "JOIN document_order d USING (doc_id) ORDER BY d.position, t.filename, t.file_row_number"
        )
    counts = {}
    for name in TABLES:
        counts[name] = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        parquet, csv = out / f".{name}.parquet.tmp", out / f".{name}.csv.tmp"
        connection.execute(f"COPY \"{name}\" TO '{parquet}' (FORMAT PARQUET)")
        connection.execute(f"COPY \"{name}\" TO '{csv}' (FORMAT CSV, HEADER)")
        os.replace(parquet, out / f"{name}.parquet")
        _with_bom(csv, out / f"{name}.csv")
    versions = out / ".versions.csv.tmp"
    connection.execute(
        "COPY (SELECT min(x.path) AS path, min(y.path) AS version_of FROM version v "
        "JOIN documents x ON x.doc_id = v.b JOIN documents y ON y.doc_id = v.a WHERE v.a < v.b "
        f"GROUP BY v.a, v.b ORDER BY 2, 1) TO '{versions}' (FORMAT CSV, HEADER)"
    )
    _with_bom(versions, out / VERSIONS)
    connection.close()
    os.replace(temporary_db, out / "jixiao.duckdb")
    run = {
        **run,
        "counts": counts,
        "cross_document": {
            "duplicate_passages": cross.duplicate_passages,
            "evaluations_rescored": cross.evaluations_rescored,
            "versions_of_one_report": cross.versions,
        },
    }
    (out / "run.json").write_text(json.dumps(run, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return counts


def read_tables(out: Path) -> dict:
    """The final tables of a finalized batch folder as pandas DataFrames."""
    import pandas as pd

    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


def input_path(out: Path, path: str) -> Path:
    """An input of the batch in ``out`` as a path from here: relative ones are relative to where it ran."""
    run_file = out / "run.json"
    run = json.loads(run_file.read_text(encoding="utf-8")) if run_file.is_file() else {}
    return Path(run.get("working_directory", ".")) / path


def _with_bom(source: Path, target: Path) -> None:
    """Prefix a UTF-8 BOM (so Excel reads the CSV as UTF-8), streaming, then move into place."""
    import shutil

    staged = target.with_name(f".{target.name}.bom.tmp")
    with open(source, "rb") as reader, open(staged, "wb") as writer:
        writer.write("\ufeff".encode())
        shutil.copyfileobj(reader, writer, 1 << 20)
    source.unlink()
    os.replace(staged, target)
