"""Isolation: a document that crashes, hangs, blows its memory or raises costs its own row, never the batch."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd

import nlp.corpus.batch
from nlp.corpus.batch import Limits, finalize, read_tables, run_batch
from nlp.corpus.batch_workers import process_document
from nlp.corpus.comparison_groups import sample_tetragrams

LIMITS = Limits(seconds=6, memory_mb=256)


def misbehaving(path: str, context=None) -> dict:
    """The real analysis, except for inputs named after what they do to their worker."""
    name = Path(path).stem
    if name == "crash":
        os._exit(1)
    if name == "hang":
        time.sleep(60)
    if name == "memory":
        bytearray(1 << 31)  # a zip bomb's worth, far past the limit
    if name == "bug":
        raise NotImplementedError("That compression method is not supported")
    return process_document(path, context)


def sampler_failing_on_r1(path: str, group_by: tuple[str, ...]):
    if Path(path).stem == "r1":
        raise NotImplementedError("zip file version 20.0")  # what a hostile DOCX did to the sample
    if Path(path).stem == "r2":
        os._exit(9)
    return sample_tetragrams(path, group_by)


def reports(folder: Path, names: list[str]) -> list[str]:
    from test_batch import _report

    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        (folder / f"{name}.txt").write_text(_report(i, f"第{i}号片区巡查记录缺{i + 2}份。"), encoding="utf-8")
    return sorted(str(folder / f"{name}.txt") for name in names)


def test_a_crash_a_hang_a_memory_blowup_and_a_bug_are_error_rows_and_the_rest_is_written(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(nlp.corpus.batch, "process_document", misbehaving)
    inputs = reports(tmp_path / "in", ["a", "bug", "crash", "hang", "memory", "z"])
    started = time.monotonic()
    summary = run_batch(inputs, tmp_path / "out", workers=2, limits=LIMITS)
    assert time.monotonic() - started < 40  # the hang cost its time limit, not its 60 s
    assert (summary.ok, summary.failed) == (2, 4)
    finalize(tmp_path / "out", {})
    documents = read_tables(tmp_path / "out")["documents"].set_index("path")
    errors = {Path(p).stem: e for p, e in documents.error.items()}
    assert pd.isna(errors["a"]) and pd.isna(errors["z"])
    assert errors["bug"] == "internal error: NotImplementedError: That compression method is not supported"
    assert errors["crash"].startswith("worker died (exit code 1)")
    assert errors["hang"] == "exceeded the time limit of 6 s"
    assert errors["memory"] == "exceeded the memory limit of 256 MB"
    assert len(read_tables(tmp_path / "out")["evaluations"]) == 2


def test_an_input_that_breaks_the_sample_is_left_out_of_the_group_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(nlp.corpus.batch, "sample_tetragrams", sampler_failing_on_r1)
    inputs = reports(tmp_path / "in", ["r0", "r1", "r2", "r3"])
    summary = run_batch(inputs, tmp_path / "out", workers=1, limits=LIMITS)
    assert summary.groups["whole_batch_sample"] == 2
    assert (summary.documents, summary.ok) == (4, 4)
