"""A built wheel carries the models and templates: every command works from it, outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

# What the wheel is built from: the package, the CLI, the models, and the metadata files.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "cli.py", "nlp", "models")


def _run(*command: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv holding only the wheel; the dependencies come from this interpreter's site-packages."""
    base = tmp_path_factory.mktemp("packaging")
    source = base / "source"  # a copy, so the build leaves nothing in the checkout and sees no corpus/
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if name == "nlp" else {}))
    env = {key: value for key, value in os.environ.items() if key not in ("JIXIAO_MODELS", "PYTHONPATH")}
    built = _run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q", "-w", base,
                 cwd=source, env=env)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = base.glob("jixiao-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = Path(
        subprocess.check_output(
            [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        )
        .decode()
        .strip()
    )
    # The dependencies: a path line (its own .pth files, such as an editable install's, are not read).
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "-q",
                     wheel, cwd=base, env=env)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    return venv, env


def test_wheel_holds_models_and_templates(installed: tuple[Path, dict[str, str]]) -> None:
    venv, env = installed
    where = _run(venv / "bin" / "python", "-c", "import nlp, cli; print(nlp.__file__); print(cli.__file__)",
                 cwd=venv, env=env)  # fmt: skip
    assert all(str(venv) in line for line in where.stdout.splitlines()), where.stdout  # not the checkout's
    package = Path(where.stdout.splitlines()[0]).parent
    for shipped in (
        "models/sections.npz",
        "models/claims.npz",
        "models/reference/dev.json",
        "report/templates/document.html.j2",
        "text/vocab/tables.toml",
        "quality/quality.toml",
        "extraction/scoring.toml",
    ):
        assert (package / shipped).is_file(), shipped


def test_every_command_runs_from_the_wheel_outside_the_checkout(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    venv, env = installed
    jixiao = venv / "bin" / "jixiao"
    document = tmp_path / "report.txt"
    shutil.copy(SEEDS[0], document)

    version = _run(jixiao, "--version", cwd=tmp_path, env=env)
    assert version.returncode == 0 and "schema" in version.stdout and "missing" not in version.stdout
    assert str(venv) in version.stdout  # the models inside the installed package

    extracted = _run(jixiao, "extract", document, "--json", cwd=tmp_path, env=env)
    assert extracted.returncode == 0, extracted.stderr
    result = json.loads(extracted.stdout)
    assert result["model_version"] and result["evaluations"]

    scored = _run(jixiao, "score", document, "--json", cwd=tmp_path, env=env)
    assert scored.returncode == 0 and json.loads(scored.stdout), scored.stderr

    batch = _run(jixiao, "batch", document, "--out", tmp_path / "out", "--workers", "1", cwd=tmp_path, env=env)
    assert batch.returncode == 0, batch.stderr
    assert (tmp_path / "out" / "evaluations.parquet").is_file()

    page = _run(jixiao, "report", document, "-o", tmp_path / "report.html", cwd=tmp_path, env=env)
    assert page.returncode == 0, page.stderr
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")

    for command in ("train", "evaluate"):  # both need the annotated corpus of a checkout
        needs_corpus = _run(jixiao, command, cwd=tmp_path, env=env)
        assert needs_corpus.returncode == 3 and needs_corpus.stderr.count("\n") == 1, needs_corpus.stderr
        assert "corpus/" in needs_corpus.stderr and "Traceback" not in needs_corpus.stderr


def test_citation_names_the_package_version() -> None:
    from nlp.version import PIPELINE_VERSION

    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{PIPELINE_VERSION}"' in citation and "cff-version: 1.2.0" in citation
