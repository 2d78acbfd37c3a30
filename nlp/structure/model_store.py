"""Where the trained models live, their version, and loading them (cheaply, once)."""

from __future__ import annotations

import hashlib
import os
import zipfile
from functools import cache
from pathlib import Path

import numpy as np

from nlp.errors import InputError
from nlp.structure.linear_model import LinearModel
from nlp.text.corpus_stats import Reference

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def models_folder() -> Path:
    """JIXIAO_MODELS if set; else nlp/models/ of an installed wheel; else a checkout's top-level models/.

    pyproject.toml maps the checkout's models/ to the package ``nlp.models``, so a wheel
    or sdist install carries them inside the package; an editable install reads them in place.
    """
    if "JIXIAO_MODELS" in os.environ:
        return Path(os.environ["JIXIAO_MODELS"])
    shipped = Path(__file__).resolve().parents[1] / "models"
    return shipped if shipped.is_dir() else ROOT / "models"


MODELS = models_folder()
SECTION_MODEL_FILE = "sections.npz"
CLAIM_MODEL_FILE = "claims.npz"


MAX_MODEL_BYTES = 256 << 20  # unpacked size a model file may claim; the shipped ones are well under 1 MB
_REMEDY = "run 'jixiao train' in a checkout, or reinstall jixiao"


class ModelError(InputError):
    """A model file that is missing, damaged or not one ``jixiao train`` wrote: one line, exit code 3."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(str(path), f"{problem}; {_REMEDY}")


def load_model(path: Path) -> LinearModel:
    """A ``LinearModel`` file checked before use: arrays present, shapes agreeing, numbers finite.

    Loaded without pickle (``allow_pickle=False``), so a tampered file can fail but never
    run code; its declared unpacked size is bounded first, so it cannot exhaust memory.
    """
    if not path.is_file():
        raise ModelError(path, "no such model file")
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_MODEL_BYTES:
                raise ModelError(path, f"model file unpacks to more than {MAX_MODEL_BYTES} bytes")
        model = LinearModel.load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        raise ModelError(path, f"damaged model file ({type(error).__name__}: {error})") from None
    problem = _model_problem(model)
    if problem:
        raise ModelError(path, f"damaged model file ({problem})")
    return model


def _model_problem(model: LinearModel) -> str | None:
    """What is wrong with a loaded model's arrays, or None."""
    n_classes, n_features = len(model.classes), len(model.feature_names)
    expected = {
        "classes": (model.classes, "U", (n_classes,)),
        "feature_names": (model.feature_names, "U", (n_features,)),
        "weights": (model.weights, "f", (n_classes, n_features)),
        "intercept": (model.intercept, "f", (n_classes,)),
    }
    for name, (array, kind, shape) in expected.items():
        if array.dtype.kind != kind or array.shape != shape:
            return f"{name} is {array.dtype} of shape {array.shape}, expected kind {kind!r} of shape {shape}"
    if n_classes == 0:
        return "no classes"
    if not (np.isfinite(model.weights).all() and np.isfinite(model.intercept).all()):
        return "weights that are not finite numbers"
    return None


def model_version(models: Path = MODELS) -> str | None:
    """Hash of the model files: the same files, the same version."""
    files = sorted([*models.glob("*.npz"), *models.glob("*.json"), *models.glob("reference/*.json")])
    if not files:
        return None
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(models).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


@cache
def section_model(models: Path = MODELS) -> LinearModel:
    return load_model(models / SECTION_MODEL_FILE)


@cache
def reference(models: Path = MODELS) -> Reference:
    """The shipped comparison group (built from the development corpus) for single-document runs.

    A fixed group makes one document score the same in every run; ``jixiao reference build``
    writes it and ``nlp.structure.reference_group`` checks its format and version when it is read.
    """
    from nlp.structure.reference_group import SHIPPED_FILE, load_group

    try:
        return load_group(models / SHIPPED_FILE).reference()
    except InputError as error:
        raise ModelError(models / SHIPPED_FILE, f"damaged comparison group ({error.reason})") from None
