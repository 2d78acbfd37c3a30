"""Where the trained models live, their version, and loading them (cheaply, once)."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from nlp.corpus_stats import Reference
from nlp.linear_model import LinearModel

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# models/ beside the package in a checkout; JIXIAO_MODELS points elsewhere.
MODELS = Path(os.environ.get("JIXIAO_MODELS", ROOT / "models"))
SECTION_MODEL_FILE = "sections.npz"
CLAIM_MODEL_FILE = "claims.npz"
REFERENCE_FILE = "reference.json"


class ModelsMissing(RuntimeError):
    """The trained models are not where expected: run ``jixiao train``."""


def model_version(models: Path = MODELS) -> str | None:
    """Hash of the model files: the same files, the same version."""
    files = sorted([*models.glob("*.npz"), *models.glob("*.json")])
    if not files:
        return None
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


@cache
def section_model(models: Path = MODELS) -> LinearModel:
    path = models / SECTION_MODEL_FILE
    if not path.exists():
        raise ModelsMissing(f"no section model at {path}; run 'jixiao train'")
    return LinearModel.load(path)


@cache
def reference(models: Path = MODELS) -> Reference:
    """The comparison group of ``corpus/`` for single-document runs."""
    path = models / REFERENCE_FILE
    if not path.exists():
        raise ModelsMissing(f"no corpus reference at {path}; run 'jixiao train'")
    return Reference.load(path)
