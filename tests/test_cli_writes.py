"""A write that fails (a full disk, a folder in place of a file) ends a command with one line and code 3."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command", [["extract", str(SEEDS[0])], ["report", str(SEEDS[0])]], ids=["extract", "report"])
def test_a_full_disk_is_one_line_and_code_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list) -> None:
    monkeypatch.setattr(Path, "write_text", full_disk)
    output = tmp_path / "out.file"
    result = runner.invoke(app, [*command, "-o", str(output)])
    assert result.exit_code == 3
    assert result.stderr == f"jixiao: {output}: cannot write: No space left on device\n"


def test_report_to_a_folder_is_one_line_and_code_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(SEEDS[0]), "-o", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr == f"jixiao: {tmp_path}: cannot write: Is a directory\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_extract_json_to_a_full_disk_is_one_line_and_code_3() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cli", "extract", str(SEEDS[0]), "--json"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 3
    assert result.stderr == "jixiao: <stdout>: cannot write: No space left on device\n"
