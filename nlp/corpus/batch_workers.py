"""The worker side of a batch: one document → its rows, each under a time and a memory limit.

A corpus holds hostile files (a zip bomb, a table that never ends, a reader bug that
crashes the interpreter), and one of them must cost its own row, never the batch.
``concurrent.futures.ProcessPoolExecutor`` is broken wholesale by one dead worker,
so the documents run in a ``pebble.ProcessPool``: each task has a timeout after which
its worker is killed and replaced, a worker that dies (killed by the OS, ``os._exit``,
a segfault) fails only its task, and ``RLIMIT_AS`` in every worker turns runaway
memory into a ``MemoryError`` (or a death) of that document. Workers are forked from
the parent, which has loaded the models once, so replacing one is cheap.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

import psutil

from nlp.corpus.comparison_groups import Groups
from nlp.errors import InputError
from nlp.output.records import TABLES, document_row, document_rows, error_rows
from nlp.reading.ingest import ingest
from nlp.settings import Settings, default_settings
from nlp.version import PIPELINE_VERSION

NOT_EVALUATION = "not_evaluation"  # documents.status of a text that does not read as a self-evaluation
_AHEAD = 2  # tasks queued per worker: keeps workers busy without holding the corpus in memory


@dataclass(frozen=True)
class Limits:
    """What one document may cost: wall-clock seconds and memory (MB beyond a worker's models)."""

    seconds: float = 120.0
    memory_mb: int = 2048

    def to_json(self) -> dict:
        return {"doc_timeout_seconds": self.seconds, "doc_memory_mb": self.memory_mb}


@dataclass(frozen=True)
class Failed:
    """A task that ended without a result: timed out, ran out of memory, raised, or its worker died."""

    reason: str


@dataclass(frozen=True)
class WorkerContext:
    """What every document of a batch needs: the texts earlier runs did, the comparison groups, the settings."""

    done: frozenset[str] = frozenset()
    groups: Groups | None = None
    settings: Settings | None = None
    ocr: bool = False  # scanned pages and images read by OCR (--ocr)


_CONTEXT = WorkerContext()  # the batch's, set in each worker by ``init_worker``


# Imported lazily by the pipeline; imported once in the parent instead of on each worker's first document.
_WARM_MODULES = (
    "nlp.pipeline",
    "nlp.corpus.duplicates",
    "nlp.corpus.stickiness",
    "nlp.structure.meta",
    "datasketch",
    "jieba.posseg",
)


def load_models() -> None:
    """Load the models and modules once (in the parent, before forking, so that every worker shares them)."""
    import importlib

    from nlp.extraction.claims import claims_pipeline
    from nlp.structure.model_store import reference, section_model
    from nlp.text.segment import segmenter

    for module in _WARM_MODULES:
        importlib.import_module(module)
    segmenter()
    section_model()
    reference()
    claims_pipeline()


def init_worker(context: WorkerContext | None) -> None:
    """Runs once per worker: keep the batch's context (inherited through fork, not sent per document)."""
    global _CONTEXT
    _CONTEXT = context or WorkerContext()


def process_document(path: str, context: WorkerContext | None = None) -> dict:
    """One input → its table rows. Unreadable input is an error row; anything else raised is the caller's."""
    from nlp.corpus.duplicates import passage_rows
    from nlp.corpus.stickiness import ngram_rows
    from nlp.output.schema import doc_id
    from nlp.pipeline import analyze_document
    from nlp.structure.meta import extract_meta
    from nlp.structure.model_store import model_version

    context = context or _CONTEXT
    try:
        document = ingest(path, ocr=context.ocr)
    except InputError as error:
        return error_rows(path, file_id(Path(path)), error.reason, PIPELINE_VERSION, model_version())
    if doc_id(document.text) in context.done:  # a text an earlier run analysed: the parent marks it a copy
        row = document_row(document, extract_meta(document), None, PIPELINE_VERSION, model_version())
        return {name: [row] if name == "documents" else [] for name in TABLES}
    if context.groups:
        group = context.groups.for_document(document)
    else:  # a fixed group (--reference shipped|FILE), else the shipped one
        group = (context.settings or default_settings()).comparison.single_document_group()
    result = analyze_document(document, settings=context.settings, group=group)
    rows = document_rows(result, PIPELINE_VERSION)
    if not result.evaluations and "no_evaluation" not in result.notes:
        # Not a self-evaluation at all (a README, an unrelated text): recorded as such, nothing to score.
        rows["documents"][0]["status"] = NOT_EVALUATION
        return {name: rows[name] if name == "documents" else [] for name in TABLES}
    return {**rows, **passage_rows(result, group), **ngram_rows(result)}


def file_id(path: Path) -> str:
    """A documents key for an input that yields no text: its bytes' hash (streamed), or its path's."""
    try:
        with open(path, "rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()[:16]
    except OSError:
        return hashlib.sha256(str(path).encode()).hexdigest()[:16]


def failed_rows(path: str, reason: str) -> dict:
    """The error row of an input whose worker failed (the text was never returned, so the key is the file's)."""
    from nlp.structure.model_store import model_version

    return error_rows(path, file_id(Path(path)), reason, PIPELINE_VERSION, model_version())


def _limit_memory(memory_mb: int, initializer: Callable | None, initargs: tuple) -> None:
    """Runs first in every worker: cap its address space at what it holds now plus ``memory_mb``."""

    ceiling = psutil.Process().memory_info().vms + (memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    if initializer is not None:
        initializer(*initargs)


def _outcome(future, limits: Limits):
    try:
        return future.result()
    except FutureTimeout:
        return Failed(f"exceeded the time limit of {limits.seconds:g} s")
    except MemoryError:
        return Failed(f"exceeded the memory limit of {limits.memory_mb} MB")
    except Exception as error:  # a worker's death or anything the document raised: that document's row only
        from pebble import ProcessExpired

        if isinstance(error, ProcessExpired):
            how = (
                f"signal {-error.exitcode}" if error.exitcode and error.exitcode < 0 else f"exit code {error.exitcode}"
            )
            return Failed(f"worker died ({how}); memory limit {limits.memory_mb} MB")
        return Failed(f"internal error: {type(error).__name__}: {error}")


def isolated_map(
    function: Callable,
    items: Iterable,
    workers: int,
    limits: Limits,
    initializer: Callable | None = None,
    initargs: tuple = (),
) -> Iterator:
    """``function(item)`` for each item, in order, each in a replaceable worker; a failure yields ``Failed``."""
    from pebble import ProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPool(workers, 0, _limit_memory, (limits.memory_mb, initializer, initargs), context)
    try:
        pending: deque = deque()
        for item in items:
            pending.append(pool.schedule(function, (item,), timeout=limits.seconds))
            if len(pending) >= _AHEAD * workers:
                yield _outcome(pending.popleft(), limits)
        while pending:
            yield _outcome(pending.popleft(), limits)
    finally:
        pool.stop()  # an interrupted run leaves no worker behind
        pool.join()
