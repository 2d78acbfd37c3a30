"""The output folder: a run killed at any file operation resumes to the same rows; one run per folder."""

from __future__ import annotations

import copy
import errno
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from test_batch import tiny_reports

from nlp.corpus import batch_store
from nlp.corpus.batch import Limits, RunSummary, _commit_rows, finalize, read_tables, run_batch
from nlp.corpus.batch_store import PARTS, committed_chunks, done_documents, read_parts
from nlp.corpus.batch_workers import process_document
from nlp.errors import InputError
from nlp.output.records import PART_SCHEMAS
from nlp.settings import load_settings


class Killed(BaseException):
    """Stands for ``kill -9``: nothing of the run's own error handling may catch it."""


def parts_of(out: Path) -> dict[str, pa.Table]:
    chunks = committed_chunks(out)
    return {name: read_parts(out, name, chunks) for name in PART_SCHEMAS}


def assert_same_parts(out: Path, expected: dict[str, pa.Table], when: str) -> None:
    for name, table in parts_of(out).items():
        assert table.equals(expected[name]), f"{name} after {when}: {table.num_rows} rows, {expected[name].num_rows}"


def kill_after(monkeypatch, n: int) -> list[str]:
    """Make the ``n``-th file operation from now the last one; returns the operations seen.

    ``fsync`` is still an operation to die at but does nothing: what it guards
    against (a power cut) cannot be seen from inside, and it costs seconds here.
    """
    seen: list[str] = []
    monkeypatch.setattr(batch_store.os, "fsync", lambda descriptor: None)

    def hook(operation: str) -> None:
        seen.append(operation)
        if len(seen) == n:
            raise Killed(operation)

    monkeypatch.setattr(batch_store, "fault_hook", hook)
    return seen


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> tuple[list[str], list[dict]]:
    """Two inputs and the rows their analysis returns (the worker's real output, computed once)."""
    folder = tiny_reports(tmp_path_factory.mktemp("in"), 2)
    paths = sorted(str(p) for p in folder.iterdir())
    return paths, [process_document(p) for p in paths]


def commit(out: Path, paths: list[str], rows: list[dict], chunk_size: int) -> None:
    """What ``run_batch`` does once the rows arrive: skip what ``out`` holds, commit the rest chunk by chunk."""
    done = done_documents(out)
    todo = [(p, r) for p, r in zip(paths, rows, strict=True) if p not in done.paths]
    results = (copy.deepcopy(r) for _, r in todo)
    _commit_rows(out, [p for p, _ in todo], {}, results, done, chunk_size, RunSummary(), None)


def test_commits_killed_at_every_file_operation_resume_to_the_rows_of_a_clean_run(
    tmp_path, monkeypatch, analysed
) -> None:
    paths, rows, chunk_size = *analysed, 1
    operations = kill_after(monkeypatch, 0)  # counts only
    commit(tmp_path / "clean", paths, rows, chunk_size)
    expected = parts_of(tmp_path / "clean")
    assert len(operations) > 30  # every part and manifest write, fsync and rename is a point to die at
    for n in range(1, len(operations) + 1):
        out = tmp_path / f"killed-{n}"
        kill_after(monkeypatch, n)
        with pytest.raises(Killed):
            commit(out, paths, rows, chunk_size)
        monkeypatch.setattr(batch_store, "fault_hook", None)
        commit(out, paths, rows, chunk_size)  # the resumed run
        assert_same_parts(out, expected, f"a kill at operation {n} ({operations[n - 1]})")


def test_a_batch_killed_before_its_first_chunk_or_at_its_end_resumes_to_the_tables_of_a_clean_run(
    tmp_path, monkeypatch
) -> None:
    """The file operations of run_batch itself (run.json, the comparison groups), the first of a chunk, the last."""
    inputs = [str(tiny_reports(tmp_path / "in", 2))]
    clean = tmp_path / "clean"
    operations = kill_after(monkeypatch, 0)
    run_batch(inputs, clean, workers=1, chunk_size=1)
    first_part = next(i for i, op in enumerate(operations, 1) if op.startswith("write .part-"))
    expected = parts_of(clean)
    for n in [*range(1, first_part + 1), len(operations)]:
        out = tmp_path / f"killed-{n}"
        kill_after(monkeypatch, n)
        with pytest.raises(Killed):
            run_batch(inputs, out, workers=1, chunk_size=1)
        monkeypatch.setattr(batch_store, "fault_hook", None)
        run_batch(inputs, out, workers=1, chunk_size=1, resume=True)
        assert_same_parts(out, expected, f"a kill at operation {n} ({operations[n - 1]})")
    finalize(out, {})
    finalize(clean, {})
    for name, frame in read_tables(out).items():
        pd.testing.assert_frame_equal(frame, read_tables(clean)[name], obj=name)


def test_a_torn_part_of_a_committed_chunk_is_done_again(tmp_path) -> None:
    inputs = [str(tiny_reports(tmp_path / "in", 2))]
    out = tmp_path / "out"
    run_batch(inputs, out, workers=1, chunk_size=1)
    expected = parts_of(out)
    (out / PARTS / "flags" / "part-000001.parquet").write_bytes(b"torn")  # the manifest no longer matches
    summary = run_batch(inputs, out, workers=1, chunk_size=1, resume=True)
    assert (summary.documents, summary.skipped) == (1, 1)
    assert_same_parts(out, expected, "a torn part")


def test_a_full_disk_while_committing_leaves_no_half_chunk(tmp_path, monkeypatch) -> None:
    inputs = [str(tiny_reports(tmp_path / "in", 2))]
    out = tmp_path / "out"
    writes = []
    real = batch_store.pq.write_table

    def write_table(table, where, *args, **kwargs) -> None:
        writes.append(where)
        if len(writes) == len(PART_SCHEMAS) + 3:  # inside the second chunk
            raise OSError(errno.ENOSPC, "No space left on device")
        real(table, where, *args, **kwargs)

    monkeypatch.setattr(batch_store.pq, "write_table", write_table)
    with pytest.raises(InputError, match="No space left on device"):
        run_batch(inputs, out, workers=1, chunk_size=1)
    assert committed_chunks(out) == [0]
    assert sorted(p.name for p in (out / PARTS / "documents").iterdir()) == ["part-000000.parquet"]


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; from pathlib import Path; from nlp.corpus.batch_store import locked\n"
        "with locked(Path(sys.argv[1])): pass"
    )
    with batch_store.locked(out):
        held = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=False)
    assert "another jixiao batch is writing into this folder" in held.stderr
    with batch_store.locked(out):  # released: it can be taken again
        pass


def test_a_folder_of_other_files_or_an_earlier_run_is_refused_without_a_flag(tmp_path) -> None:
    inputs = [str(tiny_reports(tmp_path / "in", 1))]
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(InputError, match="--overwrite"):
        run_batch(inputs, foreign, workers=1)
    run_batch(inputs, foreign, workers=1, overwrite=True)
    assert (foreign / "thesis.docx").read_bytes() == b"mine"  # --overwrite writes beside, never deletes, others' files
    with pytest.raises(InputError, match=r"--resume.*--overwrite"):
        run_batch(inputs, foreign, workers=1)


def test_resume_with_other_inputs_needs_extend(tmp_path) -> None:
    folder = tiny_reports(tmp_path / "in", 3)
    first, *rest = sorted(str(p) for p in folder.iterdir())
    out = tmp_path / "out"
    run_batch([first], out, workers=1)
    with pytest.raises(InputError, match=r"other inputs.*--extend"):
        run_batch([first, *rest], out, workers=1, resume=True)
    summary = run_batch([first, *rest], out, workers=1, resume=True, extend=True)
    assert (summary.skipped, summary.documents) == (1, 2)
    with pytest.raises(InputError, match="other settings"):
        run_batch([first, *rest], out, workers=1, resume=True, settings=load_settings(group_by=("year",)))


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]"])
def test_an_empty_or_corrupt_run_json_on_resume_is_one_error(tmp_path, content: bytes) -> None:
    inputs = [str(tiny_reports(tmp_path / "in", 1))]
    out = tmp_path / "out"
    run_batch(inputs, out, workers=1)
    (out / "run.json").write_bytes(content)
    with pytest.raises(InputError, match=r"run.json: .*corrupt"):
        run_batch(inputs, out, workers=1, resume=True)


def test_run_json_records_the_batch(tmp_path) -> None:
    inputs = [str(tiny_reports(tmp_path / "in", 1))]
    out = tmp_path / "out"
    run_batch(inputs, out, workers=1, limits=Limits(seconds=30, memory_mb=512))
    finalize(out, {"parameters": {"workers": 1}})
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["limits"] == {"doc_timeout_seconds": 30.0, "doc_memory_mb": 512}
    assert record["inputs"]["count"] == 1 and len(record["inputs"]["sha256"]) == 64
    assert record["settings"]["quality"]["weights"]["candor"] > 0
    assert record["state"] == "finished" and record["parameters"] == {"workers": 1}
