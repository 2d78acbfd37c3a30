"""Corpus runs: one row per input, resumable after an interruption, independent of workers and engine."""

from __future__ import annotations

import errno
import json
import os
import re
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
from nlp.corpus.batch import PARTS, Limits, expand_inputs, finalize, read_tables, run_batch, worker_count
from nlp.output.records import typed
from nlp.report.dashboard import batch_settings


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


def test_a_second_copy_of_a_text_is_a_row_of_document_copies(tmp_path: Path) -> None:
    copy = write(tmp_path, "renamed.txt", SEEDS[2].read_bytes())
    inputs = first, second = sorted([str(copy), str(SEEDS[2])])  # inputs run in path order
    run_batch(inputs, tmp_path / "together", workers=1)
    together = tables_of(tmp_path / "together")
    documents, copies = together["documents"], together["document_copies"]
    assert list(documents.path) == [first] and documents.doc_id.is_unique  # one row per doc_id: merges stay 1:1
    assert copies[["doc_id", "path", "copy_of"]].values.tolist() == [[documents.doc_id[0], second, first]]
    assert documents.n_evaluations[0] == 1
    assert not together["evaluations"].duplicated(["doc_id", "eval_id"]).any()  # counted once

    out = tmp_path / "resumed"
    run_batch(inputs[:1], out, workers=1)
    summary = run_batch(inputs, out, workers=1, resume=True, extend=True)  # the copy is read, not analysed again
    assert (summary.documents, summary.duplicates, summary.skipped) == (1, 1, 1)
    assert_same_tables(tables_of(out), together)


def test_kill_minus_nine_then_resume(tmp_path: Path, reference_run: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cli", "batch", *map(str, SEEDS[:3]), "--out", str(out), "--workers", "1"]
    env = {**os.environ, "JIXIAO_BATCH_CHUNK": "1"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((out / PARTS / "chunks").glob("chunk-*.json")) and time.monotonic() < deadline:
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
        pd.testing.assert_frame_equal(typed(name, pd.read_parquet(out / f"{name}.parquet")), frame, obj=name)
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
    assert loose.returncode == 0 and "共 2 份文档（已读取 1 份，读取失败 1 份，不是绩效自评 0 份）" in loose.stdout
    assert f"下一步：jixiao report --corpus {tmp_path / 'o'}" in loose.stdout and "读取失败：" in loose.stderr
    said = [line for line in loose.stdout.splitlines() if not line.startswith("表格：")]  # file names stay as they are
    assert not any(re.search(r"\b(documents|wrote|evaluations|flags|failed)\b", line) for line in said), said
    other_inputs = [*command[:4], str(SEEDS[1]), *command[5:]]
    refused = subprocess.run(other_inputs, cwd=ROOT, capture_output=True, text=True, check=False)
    assert refused.returncode == 3 and refused.stderr.count("\n") == 1 and "--overwrite" in refused.stderr
    again = subprocess.run([*command, "--workers", "1"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert again.returncode == 0, "running the same batch again replaces its finished run"
    strict = subprocess.run(
        [*command, "--workers", "1", "--strict", "--overwrite"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert strict.returncode == 3


def tiny_reports(folder: Path, n: int) -> Path:
    """``n`` small self-evaluations in ``folder`` (fast to analyse): r0.txt, r1.txt, …"""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i}.txt").write_text(_report(i, f"第{i}号片区巡查记录缺{i + 2}份。"), encoding="utf-8")
    return folder


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


def test_an_unreadable_folder_or_file_is_an_error_row_not_a_silent_skip(tmp_path: Path, monkeypatch) -> None:
    folder = tiny_reports(tmp_path / "in", 2)
    locked_folder, locked_file = folder / "locked", folder / "r1.txt"
    locked_folder.mkdir()
    (locked_folder / "hidden.txt").write_text(_report(9, TEMPLATE_PROBLEM), encoding="utf-8")
    if os.geteuid() == 0:  # root reads through permissions: refuse these two as the OS would refuse a user
        real_scandir, real_read = os.scandir, Path.read_bytes

        def scandir(path="."):
            if isinstance(path, str | os.PathLike) and Path(path) == locked_folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        def read_bytes(self):
            if self == locked_file:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        locked_folder.chmod(0)
        locked_file.chmod(0)
    try:
        summary = run_batch([str(folder)], tmp_path / "out", workers=1)
    finally:
        locked_folder.chmod(0o755)
        locked_file.chmod(0o644)
    assert (summary.ok, summary.failed) == (1, 2)
    errors = tables_of(tmp_path / "out")["documents"].set_index("path").error
    assert errors[str(locked_folder)] == "cannot list folder: Permission denied"
    assert errors[str(locked_file)] == "cannot read file: Permission denied"


def test_a_folder_gives_every_readable_format_and_images_only_for_ocr(tmp_path: Path) -> None:
    names = ["a.doc", "b.WPS", "c.rtf", "d.odt", "e.ods", "f.et", "g.htm", "h.png", "i.jpg", "notes.log"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    documents = {Path(p).name for p in expand_inputs([str(tmp_path)]).paths}
    assert documents == set(names[:7])
    assert {Path(p).name for p in expand_inputs([str(tmp_path)], images=True).paths} == set(names[:9])


def test_exclude_globs_and_inputs_that_are_not_self_evaluations(tmp_path: Path) -> None:
    folder = tiny_reports(tmp_path / "in", 2)
    (folder / "README.md").write_text("# 数据说明\n\n本文件夹存放下载的文件，按年份整理。\n", encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "r9.txt").write_text(_report(9, TEMPLATE_PROBLEM), encoding="utf-8")
    expanded = expand_inputs([str(folder)], exclude=["*/drafts/*", "r1.*"])
    assert [Path(p).name for p in expanded.paths] == ["README.md", "r0.txt"]
    summary = run_batch([str(folder)], tmp_path / "out", workers=1, exclude=["*/drafts/*", "r1.*"])
    assert (summary.ok, summary.not_evaluations) == (1, 1)
    tables = tables_of(tmp_path / "out")
    documents = tables["documents"].set_index("path")
    assert documents.status[str(folder / "README.md")] == "not_evaluation"
    readme_id = documents.doc_id[str(folder / "README.md")]
    assert not any((tables[name].doc_id == readme_id).any() for name in ("sections", "evaluations", "flags"))


def test_workers_are_capped_by_inputs_and_memory_and_progress_knows_the_total_first(tmp_path: Path) -> None:
    assert worker_count(32, 5, Limits()) <= 5
    assert worker_count(None, 1, Limits()) == 1
    assert worker_count(32, 100, Limits(memory_mb=1 << 30)) == 1  # no machine has room for two such workers
    calls: list[tuple[int, int]] = []
    summary = run_batch(
        [str(tiny_reports(tmp_path / "in", 3))], tmp_path / "out", workers=32,
        progress=lambda s, total: calls.append((s.documents, total)),
    )  # fmt: skip
    assert summary.workers <= 3
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]  # the total is known before the first document


def test_a_full_disk_ends_the_command_with_one_line_and_exit_code_3(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from cli import app
    from nlp.corpus import batch_store

    def full(*args, **kwargs) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(batch_store.pq, "write_table", full)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(tiny_reports(tmp_path / "in", 1)), "--out", str(out)])
    assert result.exit_code == 3
    assert result.stderr == f"jixiao: {out}: cannot write: No space left on device\n"
    assert not list((out / PARTS).rglob("*.parquet"))


def test_a_fixed_reference_gives_a_document_the_same_score_in_any_batch(tmp_path: Path) -> None:
    scores = []
    for n, inputs in enumerate(([SEEDS[2]], SEEDS[:4])):
        out = tmp_path / f"run{n}"
        command = [sys.executable, "-m", "cli", "batch", *map(str, inputs), "--out", str(out), "--reference", "shipped"]
        assert subprocess.run([*command, "--workers", "1"], cwd=ROOT, capture_output=True, check=False).returncode == 0
        evaluations = pd.read_parquet(out / "evaluations.parquet")
        documents = pd.read_parquet(out / "documents.parquet")
        seed = documents.loc[documents["path"] == str(SEEDS[2]), "doc_id"].iloc[0]
        scores.append(evaluations.loc[evaluations["doc_id"] == seed, "quality_score"].tolist())
        run = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert run["reference"]["choice"] == "shipped" and run["reference"]["n_documents"] == len(
            list((ROOT / "corpus" / "dev" / "docs").iterdir())
        )
        # the dashboard and the cross-document pass rebuild the same fixed group from the record
        assert batch_settings(out).comparison.fixed.version == run["reference"]["version"]
    assert scores[0] and scores[0] == scores[1]
    assert scores[0] == [e["quality"]["score"] for e in nlp.analyze(SEEDS[2]).to_json()["evaluations"]]


def test_a_folder_leaves_delimited_tables_to_be_named(tmp_path: Path) -> None:
    """A batch's own tables and a corpus's manifests are .csv/.tsv: a folder scan skips them, a glob or a name not."""
    for name in ("a.txt", "documents.csv", "manifest.tsv"):
        (tmp_path / name).write_bytes(b"x")
    assert {Path(p).name for p in expand_inputs([str(tmp_path)]).paths} == {"a.txt"}
    assert {Path(p).name for p in expand_inputs([str(tmp_path / "*.csv")]).paths} == {"documents.csv"}
