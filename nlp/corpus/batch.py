"""Corpus runs: every input becomes a row; one bad file costs its own row, never the batch.

``run_batch`` expands the inputs, opens the output folder (``nlp.corpus.batch_store``: one
run at a time, whole chunks or none, ``--resume`` only into the same batch), builds
the comparison groups from a sample (``nlp.corpus.comparison_groups``), runs every
document in an isolated worker under a time and memory limit
(``nlp.corpus.batch_workers``) and commits the rows chunk by chunk. A second copy of a
text (same ``doc_id``, in this run or an earlier one) is not analysed again and
adds no rows but its input's. ``finalize`` (``nlp.corpus.batch_finalize``) then writes the
final tables, sorted by path, so they do not depend on workers or interruptions.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from nlp.corpus.batch_finalize import VERSIONS, finalize, read_tables
from nlp.corpus.batch_store import (
    PARTS,
    RUN,
    Done,
    check_folder,
    commit_chunk,
    done_documents,
    input_set_hash,
    is_run,
    locked,
    read_record,
    write_durably,
    write_record,
)
from nlp.corpus.batch_workers import (
    NOT_EVALUATION,
    Failed,
    Limits,
    WorkerContext,
    failed_rows,
    init_worker,
    isolated_map,
    load_models,
    process_document,
)
from nlp.corpus.comparison_groups import GROUPS, Groups, build_groups, sample_tetragrams
from nlp.errors import InputError
from nlp.output.records import PART_SCHEMAS
from nlp.reading.ingest import DOCUMENT_SUFFIXES, IMAGE_SUFFIXES
from nlp.settings import Settings, default_settings
from nlp.version import PIPELINE_VERSION

__all__ = ["GROUPS", "PARTS", "VERSIONS", "Groups", "Limits", "finalize", "input_path", "read_tables", "run_batch"]

# Documents per chunk: small enough to keep memory flat, large enough to keep files few.
CHUNK = int(os.environ.get("JIXIAO_BATCH_CHUNK", "50"))


@dataclass
class Inputs:
    """Every input, sorted; the folders that could not be listed are inputs too, with the reason."""

    paths: list[str]
    unreadable: dict[str, str]


def expand_inputs(inputs: Iterable[str], exclude: Iterable[str] = (), images: bool = False) -> Inputs:
    """Files as named, folders recursively (supported formats only; images with ``images``, for OCR), globs
    expanded; minus ``exclude`` globs.

    A folder that cannot be listed is kept as an input of its own (its row says why),
    never skipped in silence; a file named explicitly is an input even if missing.
    """
    found: set[str] = set()
    unreadable: dict[str, str] = {}
    supported = DOCUMENT_SUFFIXES | IMAGE_SUFFIXES if images else DOCUMENT_SUFFIXES

    def cannot_list(error: OSError) -> None:
        unreadable[str(error.filename)] = f"cannot list folder: {error.strerror or error}"

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for folder, _, files in os.walk(path, onerror=cannot_list):
                found.update(str(Path(folder, f)) for f in files if Path(f).suffix.lower() in supported)
        elif any(ch in item for ch in "*?["):
            found.update(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
        else:
            found.add(item)
    patterns = list(exclude)
    keep = sorted(
        p
        for p in {*found, *unreadable}
        if not any(fnmatch.fnmatch(p, g) or fnmatch.fnmatch(Path(p).name, g) for g in patterns)
    )
    return Inputs(keep, {p: reason for p, reason in unreadable.items() if p in keep})


def worker_count(requested: int | None, n_inputs: int, limits: Limits) -> int:
    """Workers: as asked (default: all cores), but no more than inputs or than memory holds at the limit each."""
    import psutil

    by_memory = psutil.virtual_memory().available // (limits.memory_mb << 20)
    return max(1, min(requested or os.cpu_count() or 1, n_inputs, by_memory))


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
    not_evaluations: int = 0
    skipped: int = 0
    duplicates: int = 0
    evaluations: int = 0
    workers: int = 0
    seconds: float = 0.0
    groups: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, rows: dict[str, list[dict]]) -> None:
        document = rows["documents"][0]
        self.documents += 1
        self.ok += document["status"] == "ok"
        self.not_evaluations += document["status"] == NOT_EVALUATION
        if document["status"] == "error":
            self.failed += 1
            self.errors.append(f"{document['path']}: {document['error']}")
        self.evaluations += len(rows["evaluations"])


def _record(paths: list[str], settings: Settings, limits: Limits) -> dict:
    """What ``run.json`` keeps from the start: enough to tell whether a resumed run is the same batch."""
    from nlp.structure.model_store import model_version

    comparison = settings.comparison.to_json()
    return {
        "state": "running",
        "pipeline_version": PIPELINE_VERSION,
        "model_version": model_version(),
        "inputs": {"count": len(paths), "sha256": input_set_hash(paths)},
        "group_by": comparison.pop("group_by"),
        "reference": comparison,
        "settings": settings.to_json(),
        "limits": limits.to_json(),
    }


def _same_figures(record: dict) -> dict:
    """The part of a record the figures depend on (the settings' content, not the files they came from)."""
    settings = {k: v for k, v in (record.get("settings") or {}).items() if k != "sources"}
    return {
        **{k: record.get(k) for k in ("pipeline_version", "model_version", "group_by", "reference")},
        "settings": settings,
    }


def _check_resume(out: Path, earlier: dict, now: dict, extend: bool) -> None:
    """A resumed run must be the same batch with the same settings (--extend: more inputs, same settings)."""
    if _same_figures(earlier) != _same_figures(now):
        raise InputError(
            str(out), "--resume with other settings, group-by or versions than the run in this folder: use --overwrite"
        )
    if (earlier.get("inputs") or {}).get("sha256") != now["inputs"]["sha256"] and not extend:
        raise InputError(
            str(out),
            f"--resume with other inputs than the run in this folder ({(earlier.get('inputs') or {}).get('count')} "
            f"before, {now['inputs']['count']} now): add --extend to add them to it, or use --overwrite",
        )


def _is_same_finished_run(out: Path, now: dict) -> bool:
    """A finished run of the same inputs and settings: running the command again replaces it."""
    if not (out / RUN).is_file():
        return False
    try:
        earlier = read_record(out)
    except InputError:
        return False
    same_inputs = (earlier.get("inputs") or {}).get("sha256") == now["inputs"]["sha256"]
    return earlier.get("state") == "finished" and same_inputs and _same_figures(earlier) == _same_figures(now)


def _comparison_groups(
    out: Path, paths: list[str], group_by: tuple[str, ...], reuse: bool, sampler: Callable
) -> Groups:
    """The batch's groups: a resumed run's saved ones, else built from the sample and saved."""
    file = out / GROUPS
    if reuse and file.exists():
        try:
            return Groups.load(file)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InputError(str(file), f"unreadable or corrupt ({type(error).__name__}); use --overwrite") from None
    groups = build_groups(paths, group_by, sampler)
    try:
        write_durably(file, groups.save)
    except OSError as error:
        raise InputError(str(out), f"cannot write: {error.strerror or error}") from None
    return groups


def _local_map(workers: int, limits: Limits) -> Callable:
    """``map`` over isolated workers; a task that failed yields ``Failed``."""

    def mapper(function: Callable, items: list, context: WorkerContext | None = None) -> Iterator:
        return isolated_map(function, items, max(1, min(workers, len(items))), limits, init_worker, (context,))

    return mapper


def _dask_map(client) -> Callable:
    """``map`` on dask.distributed, chunk by chunk (memory stays flat, order is kept); Dask isolates the workers."""

    def mapper(function: Callable, items: list, context: WorkerContext | None = None) -> Iterator:
        bound = partial(function, context=context) if context else function
        for start in range(0, len(items), CHUNK):
            for future in client.map(bound, items[start : start + CHUNK], pure=False):
                try:
                    yield future.result()
                except Exception as error:  # a document's failure or its worker's death: its own row
                    yield Failed(f"internal error: {type(error).__name__}: {error}")

    return mapper


def _dask_client(workers: int, scheduler: str | None, limits: Limits):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, memory_limit=f"{limits.memory_mb}MB"
    )
    return Client(cluster), cluster


def run_batch(
    inputs: Iterable[str],
    out: Path,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    progress: Callable[[RunSummary, int], None] | None = None,
    chunk_size: int = CHUNK,
    *,
    overwrite: bool = False,
    extend: bool = False,
    exclude: Iterable[str] = (),
    limits: Limits | None = None,
    settings: Settings | None = None,
    ocr: bool = False,
) -> RunSummary:
    """Analyse every input into ``out``; returns counts. Final tables are written by ``finalize``.

    ``progress(summary, total)`` is called once before the first document (the total
    is known) and after each. Boilerplate is measured against the settings' comparison group:
    the batch's own (or one per ``group_by`` key, e.g. ``("year", "region")``), or a fixed one
    (``shipped`` or a group file from ``jixiao reference build``), with which a document scores
    the same in every batch.
    A folder that cannot take this run, or a full disk, is an ``InputError``.
    """
    started = time.perf_counter()
    settings, limits = settings or default_settings(), limits or Limits()
    found = expand_inputs(inputs, exclude, images=ocr)
    comparison = settings.comparison
    with locked(out):
        record = _record(found.paths, settings, limits)
        overwrite = overwrite or (not resume and _is_same_finished_run(out, record))
        check_folder(out, resume, overwrite)
        resuming = resume and is_run(out)
        if resuming:
            _check_resume(out, read_record(out), record, extend)
        done = done_documents(out) if resuming else Done({}, frozenset(), 0)
        write_record(out, record)
        todo = [p for p in found.paths if p not in done.paths]
        summary = RunSummary(skipped=len(found.paths) - len(todo))
        summary.workers = worker_count(workers, len(todo), limits)
        readable = [p for p in todo if p not in found.unreadable]
        if engine == "dask":
            client, cluster = _dask_client(summary.workers, scheduler, limits)
            mapper = _dask_map(client)
        else:
            client = cluster = None
            load_models()  # once, before the workers fork from this process
            mapper = _local_map(summary.workers, limits)
        try:
            if comparison.fixed is None:
                sampler = partial(mapper, partial(sample_tetragrams, group_by=comparison.group_by))
                groups = _comparison_groups(out, found.paths, comparison.group_by, resuming, _samples(sampler))
                summary.groups = groups.summary()
            else:
                groups, summary.groups = None, record["reference"]
            if progress:
                progress(summary, len(todo))
            context = WorkerContext(frozenset(done.first_copies), groups, settings, ocr)
            analysed = mapper(process_document, readable, context)
            _commit_rows(out, todo, found.unreadable, analysed, done, chunk_size, summary, progress)
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _samples(sampler: Callable) -> Callable:
    """The sample's results, with the inputs that failed to be sampled left out (``None``)."""

    def read(paths: list[str]) -> Iterator:
        return (None if isinstance(item, Failed) else item for item in sampler(paths))

    return read


def _commit_rows(
    out: Path,
    todo: list[str],
    unreadable: dict[str, str],
    analysed: Iterator,
    done: Done,
    chunk_size: int,
    summary: RunSummary,
    progress: Callable[[RunSummary, int], None] | None,
) -> None:
    """Each input's rows, in input order, into chunks committed every ``chunk_size`` documents."""
    number, first_copies = done.next_chunk, dict(done.first_copies)
    chunk: dict[str, list[dict]] = {name: [] for name in PART_SCHEMAS}
    pending = 0
    for path in todo:
        if path in unreadable:
            rows = failed_rows(path, unreadable[path])
        else:
            result = next(analysed)
            rows = failed_rows(path, result.reason) if isinstance(result, Failed) else result
        summary.count(rows)
        summary.duplicates += mark_duplicate(rows, first_copies)
        for name in PART_SCHEMAS:
            chunk[name].extend(rows.get(name, []))
        pending += 1
        if progress:
            progress(summary, len(todo))
        if pending >= chunk_size:
            commit_chunk(out, number, chunk)
            number, pending, chunk = number + 1, 0, {name: [] for name in PART_SCHEMAS}
    if pending:
        commit_chunk(out, number, chunk)


def input_path(out: Path, path: str) -> Path:
    """An input of the batch in ``out`` as a path from here: relative ones are relative to where it ran."""
    run = read_record(out) if (out / "run.json").is_file() else {}
    return Path(run.get("working_directory", ".")) / path
