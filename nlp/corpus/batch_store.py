"""A batch's output folder: whole chunks or none, one run at a time, and what a resumed run may skip.

A chunk of documents is one Parquet part per table (``.parts/<table>/part-N.parquet``,
so ``pandas.read_parquet(".parts/documents")`` reads what is done), and it counts only
once its manifest ``.parts/chunks/chunk-N.json`` exists. The manifest is written
last, after every part is on disk (fsync'd), and names each part with its size and
row count, so a run killed at any instant leaves a chunk whole or absent: parts
without a manifest, or a manifest whose parts do not match it, are removed when the
next run opens the folder and their documents are done again. Every file operation
goes through ``_step``, the hook the tests use to stop a run after any one of them.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from nlp.errors import InputError
from nlp.output.records import PART_SCHEMAS, SCHEMAS

PARTS = ".parts"
CHUNKS = "chunks"
RUN = "run.json"
LOCK = ".jixiao.lock"
# What a finished run writes beside the parts; --overwrite removes exactly these (and .parts).
OUTPUTS = ("jixiao.duckdb", "versions.csv", "comparison_groups.json", RUN)

fault_hook: Callable[[str], None] | None = None  # called before every file operation (fault-injection tests)


def _step(operation: str) -> None:
    if fault_hook is not None:
        fault_hook(operation)


def cannot_write(out: Path, error: OSError) -> InputError:
    """A full disk or a read-only folder: one line naming the folder, exit code 3 from the command."""
    return InputError(str(out), f"cannot write: {error.strerror or error}")


def _fsync_folder(folder: Path) -> None:
    _step("fsync folder")
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_durably(target: Path, write: Callable[[Path], None]) -> None:
    """``write`` a temporary file beside ``target``, fsync it and rename it into place."""
    temporary = target.with_name(f".{target.name}.tmp")
    _step(f"write {temporary.name}")
    write(temporary)
    _step(f"fsync {temporary.name}")
    with open(temporary, "rb") as file:
        os.fsync(file.fileno())
    _step(f"rename {target.name}")
    os.replace(temporary, target)


def _make_folder(folder: Path) -> None:
    if not folder.is_dir():
        _step(f"mkdir {folder.name}")
        folder.mkdir(parents=True)


def _part(out: Path, table: str, number: int) -> Path:
    return out / PARTS / table / f"part-{number:06d}.parquet"


def _manifest(out: Path, number: int) -> Path:
    return out / PARTS / CHUNKS / f"chunk-{number:06d}.json"


def commit_chunk(out: Path, number: int, rows: dict[str, list[dict]]) -> None:
    """Write chunk ``number``: every table's part, then the manifest that makes them count."""
    files = {}
    try:
        for name, schema in PART_SCHEMAS.items():
            table = pa.Table.from_pylist(rows[name], schema=schema)
            target = _part(out, name, number)
            _make_folder(target.parent)
            write_durably(target, lambda path, table=table: pq.write_table(table, path))
            files[name] = {"rows": table.num_rows, "bytes": target.stat().st_size}
        for name in PART_SCHEMAS:
            _fsync_folder(out / PARTS / name)
        manifest = _manifest(out, number)
        _make_folder(manifest.parent)
        text = json.dumps({"chunk": number, "files": files}) + "\n"
        write_durably(manifest, lambda path: path.write_text(text, encoding="utf-8"))
        _fsync_folder(manifest.parent)
    except OSError as error:  # e.g. a full disk: drop this chunk's parts, keep the committed ones
        _remove_chunk(out, number)
        raise cannot_write(out, error) from None


def _remove_chunk(out: Path, number: int) -> None:
    _step(f"remove chunk {number}")
    _manifest(out, number).unlink(missing_ok=True)
    for name in PART_SCHEMAS:
        _part(out, name, number).unlink(missing_ok=True)


def _chunk_is_whole(out: Path, manifest: Path) -> bool:
    """Every part the manifest names is there, with its size and row count (a torn or lost part is not)."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        for name in PART_SCHEMAS:
            part, expected = _part(out, name, data["chunk"]), data["files"][name]
            if part.stat().st_size != expected["bytes"] or pq.read_metadata(part).num_rows != expected["rows"]:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return False


def committed_chunks(out: Path) -> list[int]:
    """The numbers of the whole chunks in ``out``, after removing every trace of the others."""
    folder = out / PARTS / CHUNKS
    whole = []
    for manifest in sorted(folder.glob("chunk-*.json")) if folder.is_dir() else []:
        number = int(manifest.stem.split("-")[1])
        if _chunk_is_whole(out, manifest):
            whole.append(number)
        else:
            _remove_chunk(out, number)
    keep = {_part(out, name, n) for n in whole for name in PART_SCHEMAS} | {_manifest(out, n) for n in whole}
    for name in (*PART_SCHEMAS, CHUNKS):
        folder = out / PARTS / name
        for file in folder.iterdir() if folder.is_dir() else ():
            if file not in keep:  # a torn write, or a part of a chunk never committed
                _step(f"unlink {file.name}")
                file.unlink()
    return whole


def part_files(out: Path, table: str, chunks: list[int]) -> list[str]:
    """The parts of ``table`` in the committed ``chunks``, in chunk order."""
    return [str(_part(out, table, number)) for number in chunks]


def read_parts(out: Path, table: str, chunks: list[int]) -> pa.Table:
    files = part_files(out, table, chunks)
    schema = SCHEMAS.get(table) or PART_SCHEMAS[table]
    return pa.concat_tables([pq.read_table(f, schema=schema) for f in files]) if files else schema.empty_table()


@dataclass
class Done:
    """What earlier runs into the same folder wrote: the first copy of each text, every path, the next chunk."""

    first_copies: dict[str, tuple[str, int]]  # doc_id → (path, n_evaluations)
    paths: frozenset[str]
    next_chunk: int


def done_documents(out: Path) -> Done:
    chunks = committed_chunks(out)
    documents = read_parts(out, "documents", chunks).to_pylist()
    first = {
        row["doc_id"]: (row["path"], row["n_evaluations"])
        for row in documents
        if row["status"] == "ok" and row["duplicate_of"] is None
    }
    return Done(first, frozenset(row["path"] for row in documents), chunks[-1] + 1 if chunks else 0)


_HELD: dict[Path, tuple[int, int]] = {}  # folder → (lock file descriptor, depth): this process's locks


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``out``'s lock (``flock``) while writing; a second run into it is refused. Re-entrant."""
    key = out.resolve()
    if key in _HELD:
        descriptor, depth = _HELD[key]
        _HELD[key] = (descriptor, depth + 1)
    else:
        try:
            out.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise cannot_write(out, error) from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(descriptor)
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise InputError(str(out), "another jixiao batch is writing into this folder") from None
            raise cannot_write(out, error) from None
        _HELD[key] = (descriptor, 1)
    try:
        yield
    finally:
        descriptor, depth = _HELD[key]
        if depth > 1:
            _HELD[key] = (descriptor, depth - 1)
        else:
            del _HELD[key]
            os.close(descriptor)  # closing releases the flock


def is_run(out: Path) -> bool:
    return (out / RUN).exists() or (out / PARTS).exists()


def read_record(out: Path) -> dict:
    """``run.json`` of the run in ``out``; a missing, empty or corrupt one is an ``InputError``."""
    try:
        record = json.loads((out / RUN).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(out / RUN), "missing: this folder holds parts of a run but no run.json") from None
    except (OSError, ValueError) as error:
        raise InputError(str(out / RUN), f"unreadable or corrupt ({type(error).__name__}); use --overwrite") from None
    if not isinstance(record, dict):
        raise InputError(str(out / RUN), "corrupt (not a JSON object); use --overwrite")
    return record


def write_record(out: Path, record: dict) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    try:
        write_durably(out / RUN, lambda path: path.write_text(text, encoding="utf-8"))
    except OSError as error:
        raise cannot_write(out, error) from None


def input_set_hash(paths: list[str]) -> str:
    """A fingerprint of the sorted input paths: a resumed run must be the same batch."""
    return hashlib.sha256("\n".join(sorted(paths)).encode()).hexdigest()


def clear_run(out: Path) -> None:
    """Remove an earlier run's parts and outputs (``--overwrite``); other files in ``out`` are left alone."""
    from nlp.output.records import TABLES

    shutil.rmtree(out / PARTS, ignore_errors=True)
    tables = [f"{name}.{ext}" for name in (*TABLES, "document_copies") for ext in ("parquet", "csv")]
    for name in (*OUTPUTS, *tables):
        (out / name).unlink(missing_ok=True)


def check_folder(out: Path, resume: bool, overwrite: bool) -> None:
    """Refuse to mix runs: an earlier run needs --resume or --overwrite; a foreign non-empty folder --overwrite."""
    if is_run(out):
        if overwrite:
            clear_run(out)
        elif not resume:
            raise InputError(
                str(out), "holds an earlier jixiao run: add --resume to finish it or --overwrite to replace it"
            )
    elif not overwrite and any(entry.name not in (LOCK, f".{RUN}.tmp") for entry in out.iterdir()):
        raise InputError(str(out), "folder is not empty and holds no jixiao run: add --overwrite to write into it")
