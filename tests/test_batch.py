"""Corpus runs: one row per input, resumable after an interruption, independent of workers and engine."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, SEEDS, write

import nlp
from nlp.batch import PARTS, finalize, read_tables, run_batch


def tables_of(out: Path) -> dict[str, pd.DataFrame]:
    finalize(out, {"pipeline_version": nlp.PIPELINE_VERSION})
    return read_tables(out)


def assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    run_batch([str(p) for p in SEEDS[:3]], out, workers=1)
    return out


def test_every_input_becomes_a_row_and_bad_files_do_not_stop_the_run(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    out = tmp_path / "out"
    summary = run_batch([str(SEEDS[2]), str(bad), str(tmp_path / "missing.docx")], out, workers=1)
    assert (summary.ok, summary.failed) == (1, 2)
    documents = tables_of(out)["documents"]
    assert len(documents) == 3
    failed = documents[documents.status == "error"].set_index("path")
    assert "PNG" in failed.loc[str(bad), "error"]
    assert failed.loc[str(tmp_path / "missing.docx"), "error"] == "no such file"


def test_folders_and_globs(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "deep"
    folder.mkdir(parents=True)
    shutil.copy(SEEDS[2], folder / "a.txt")
    (folder / "notes.json").write_text("{}")  # not a supported format: not picked up from a folder
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in"), str(SEEDS[4].parent / "004_*.txt")], out, workers=1)
    assert len(tables_of(out)["documents"]) == 2


def test_worker_count_does_not_change_the_tables(tmp_path: Path, reference_run: Path) -> None:
    out = tmp_path / "two"
    run_batch([str(p) for p in SEEDS[:3]], out, workers=2)
    assert_same_tables(tables_of(out), tables_of(reference_run))


def test_resume_after_an_interruption_gives_the_same_tables(tmp_path: Path, reference_run: Path) -> None:
    out = tmp_path / "out"

    def interrupt(summary, total) -> None:
        if summary.documents == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([str(p) for p in SEEDS[:3]], out, workers=1, progress=interrupt, chunk_size=1)
    (out / PARTS / "documents" / ".part-000099.parquet.tmp").write_bytes(b"torn write")  # a half-written part
    summary = run_batch([str(p) for p in SEEDS[:3]], out, workers=1, resume=True)
    assert summary.documents >= 1
    assert_same_tables(tables_of(out), tables_of(reference_run))


def test_a_second_copy_of_a_text_is_a_row_pointing_at_the_first(tmp_path: Path) -> None:
    copy = write(tmp_path, "renamed.txt", SEEDS[2].read_bytes())
    inputs = first, second = sorted([str(copy), str(SEEDS[2])])  # inputs run in path order
    run_batch(inputs, tmp_path / "together", workers=1)
    together = tables_of(tmp_path / "together")
    documents = together["documents"].set_index("path")
    assert documents.loc[second, "duplicate_of"] == first
    assert pd.isna(documents.loc[first, "duplicate_of"])
    assert documents.loc[first, "n_evaluations"] == documents.loc[second, "n_evaluations"] == 1
    assert not together["evaluations"].duplicated(["doc_id", "eval_id"]).any()  # counted once

    out = tmp_path / "resumed"
    run_batch(inputs[:1], out, workers=1)
    summary = run_batch(inputs, out, workers=1, resume=True)  # the copy is read, not analysed again
    assert (summary.documents, summary.duplicates, summary.skipped) == (1, 1, 1)
    assert_same_tables(tables_of(out), together)


def test_kill_minus_nine_then_resume(tmp_path: Path, reference_run: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cli", "batch", *map(str, SEEDS[:3]), "--out", str(out), "--workers", "1"]
    env = {**os.environ, "JIXIAO_BATCH_CHUNK": "1"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((out / PARTS / "flags").glob("part-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    pd.read_parquet(out / PARTS / "documents")  # what is there reads cleanly
    done = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert_same_tables(tables_of(out), tables_of(reference_run))


def test_finalize_writes_parquet_csv_with_bom_and_duckdb(tmp_path: Path, reference_run: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference_run, out)
    finalize(out, {"pipeline_version": nlp.PIPELINE_VERSION})
    assert (out / "evaluations.csv").read_bytes().startswith("\ufeff".encode())
    for name, frame in tables_of(out).items():  # the files hold the final tables, in the same order
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), frame, obj=name, check_dtype=False)
    csv = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert list(csv.path) == list(tables_of(out)["documents"].path)
    with duckdb.connect(str(out / "jixiao.duckdb"), read_only=True) as connection:
        (count,) = connection.execute("SELECT count(*) FROM evaluations").fetchone()
    assert count == len(pd.read_parquet(out / "evaluations.parquet")) == 4 + 2 + 1
    assert '"counts"' in (out / "run.json").read_text(encoding="utf-8")


def test_dask_engine_equals_the_local_engine(tmp_path: Path, reference_run: Path) -> None:
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    run_batch([str(p) for p in SEEDS[:3]], out, workers=2, engine="dask")
    assert_same_tables(tables_of(out), tables_of(reference_run))


def test_python_api(reference_run: Path) -> None:
    tables = nlp.analyze_corpus(SEEDS[:3])
    assert_same_tables(tables, tables_of(reference_run))
    frames = nlp.analyze(SEEDS[2]).frames()
    assert len(frames["documents"]) == 1 and len(frames["evaluations"]) == 1


def test_batch_command_summary_and_strict(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "cli",
        "batch",
        str(SEEDS[2]),
        str(tmp_path / "x.pdf"),
        "--out",
        str(tmp_path / "o"),
    ]
    loose = subprocess.run([*command, "--workers", "1"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert loose.returncode == 0 and "2 documents (1 ok, 1 failed)" in loose.stdout
    strict = subprocess.run(
        [*command, "--workers", "1", "--strict"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert strict.returncode == 3


TEMPLATE_PROBLEM = "部分路段巡查记录填写不完整，养护台账归档不及时。"


def _report(i: int, problem: str) -> str:
    return (
        f"2023年度第{i}号项目支出绩效自评报告\n（第{i}号项目）\n一、项目概况\n本项目服务{i * 17 + 3}户居民。\n"
        f"二、评价结论\n完成第{i}号目标。\n三、存在的问题\n{problem}\n四、改进建议\n增加第{i}号巡查{i + 2}次。\n"
    )


def test_the_batch_is_its_own_comparison_group(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(10):
        own = f"第{i}号片区道路破损{i + 4}处，原因是雨季施工延误{i + 1}周。"
        (folder / f"r{i}.txt").write_text(_report(i, TEMPLATE_PROBLEM if i < 4 else own), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, workers=1)
    assert summary.groups["whole_batch_sample"] == 10
    flags = tables_of(out)["flags"]
    documents = tables_of(out)["documents"].set_index("doc_id")
    flagged = {Path(documents.loc[d, "path"]).name for d in flags[flags.code == "BOILERPLATE_TEXT"].doc_id}
    assert flagged == {f"r{i}.txt" for i in range(4)}  # the template problem, in 40% of the batch
    single = nlp.analyze(folder / "r0.txt")  # alone, against the seeds' group, it is not template phrasing
    assert "BOILERPLATE_TEXT" not in {f.code for e in single.evaluations for f in e.flags}
    assert (out / "comparison_groups.json").exists()
