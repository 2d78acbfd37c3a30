"""Model files are checked when loaded: a damaged or tampered one is one line naming it, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SEEDS

from nlp.errors import InputError
from nlp.structure import model_store
from nlp.structure.model_store import MODELS, SECTION_MODEL_FILE, ModelError, load_model, reference
from nlp.structure.reference_group import SHIPPED_FILE

SHIPPED = MODELS / SECTION_MODEL_FILE


def arrays() -> dict[str, np.ndarray]:
    with np.load(SHIPPED, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def saved(tmp_path: Path, **changes: np.ndarray | None) -> Path:
    """The shipped section model with some arrays replaced (or removed, for None)."""
    parts = {**arrays(), **changes}
    path = tmp_path / SECTION_MODEL_FILE
    np.savez_compressed(path, **{k: v for k, v in parts.items() if v is not None})
    return path


def test_the_shipped_model_loads() -> None:
    model = load_model(SHIPPED)
    assert model.weights.shape == (len(model.classes), len(model.feature_names))


def raw(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / SECTION_MODEL_FILE
    path.write_bytes(content)
    return path


def damaged_weights() -> np.ndarray:
    weights = arrays()["weights"].copy()
    weights[0, 0] = np.nan
    return weights


CASES = {
    "not a zip": lambda tmp: raw(tmp, b"not a model at all"),
    "truncated": lambda tmp: raw(tmp, SHIPPED.read_bytes()[:5000]),
    "pickled array": lambda tmp: saved(tmp, classes=np.array([{"a": 1}], dtype=object)),
    "missing array": lambda tmp: saved(tmp, intercept=None),
    "wrong shape": lambda tmp: saved(tmp, weights=arrays()["weights"][:, :10]),
    "wrong dtype": lambda tmp: saved(tmp, classes=np.arange(len(arrays()["classes"]))),
    "not finite": lambda tmp: saved(tmp, weights=damaged_weights()),
    "absent": lambda tmp: tmp / "none.npz",
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_model_file_is_an_input_error_pointing_to_train(tmp_path: Path, case: str) -> None:
    path = CASES[case](tmp_path)
    with pytest.raises(ModelError) as raised:
        load_model(path)
    assert isinstance(raised.value, InputError) and raised.value.path == str(path)
    assert "jixiao train" in raised.value.reason and "\n" not in str(raised.value)


def test_a_model_that_unpacks_too_large_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_store, "MAX_MODEL_BYTES", SHIPPED.stat().st_size)  # the shipped file unpacks larger
    with pytest.raises(ModelError, match="unpacks to more than"):
        load_model(SHIPPED)


@pytest.mark.parametrize(
    "content", ['{"group": "x"}', "[1, 2]", '{"group": "x", "n_documents": "5", "boilerplate_tetragrams": []}', "{"]
)
def test_a_damaged_reference_is_an_input_error(tmp_path: Path, content: str) -> None:
    (tmp_path / SHIPPED_FILE).parent.mkdir(parents=True)
    (tmp_path / SHIPPED_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match="damaged comparison group"):
        reference(tmp_path)


def test_extract_with_a_tampered_model_exits_3_with_one_line(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(MODELS, models, ignore=shutil.ignore_patterns("*.md"))
    saved(models, weights=damaged_weights())
    result = subprocess.run(
        [sys.executable, "-m", "cli", "extract", str(SEEDS[0])],
        cwd=ROOT,
        env={**os.environ, "JIXIAO_MODELS": str(models)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(models / SECTION_MODEL_FILE) in result.stderr
    assert "not finite" in result.stderr and "jixiao train" in result.stderr
    assert "Traceback" not in result.stderr
