"""jixiao: read Chinese performance self-evaluations and measure their quality."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.errors import InputError
from nlp.reading.ingest import ingest
from nlp.text.values import parse_value as _parse_value
from nlp.version import PIPELINE_VERSION

if TYPE_CHECKING:
    from nlp.pipeline import Analysis

__version__ = PIPELINE_VERSION


def parse_value(raw: str) -> dict:
    """SPEC §2's public parser: the Value ``raw`` states, as its JSON dict; never raises on any string.

    Inside the package a Value is the typed record ``nlp.text.document.Value``; the public
    function keeps the contract's dict (its ``to_dict()``).
    """
    return _parse_value(raw).to_dict()


def analyze(path: str | Path, scoring: Path | None = None, weights: Path | None = None, ocr: bool = False) -> Analysis:
    """Read one document: text, labelled outline, evaluations with indicators, budgets and scores.

    ``scoring`` names a scoring config in place of ``nlp/extraction/scoring.toml``, ``weights`` a
    quality config in place of ``nlp/quality/quality.toml``; a bad one raises ``InputError``.
    ``ocr`` reads scanned pages and images by OCR (the ``ocr`` extra).
    """
    from nlp.pipeline import analyze as run_pipeline  # jieba and numpy load only when needed
    from nlp.settings import load_settings

    return run_pipeline(path, load_settings(scoring, weights), ocr=ocr)


def analyze_corpus(
    paths: str | Path | Iterable[str | Path], workers: int = 1, engine: str = "local", scheduler: str | None = None
) -> dict:
    """Analyse many documents; returns the SPEC §4 tables as pandas DataFrames (see ``nlp.corpus.batch``).

    ``paths`` is one path (a file, a folder searched recursively or a glob) or a list
    of them; a path that does not exist raises ``InputError`` before anything runs.
    """
    import tempfile

    from nlp.corpus.batch import finalize, read_tables, run_batch

    inputs = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
    for item in inputs:
        if not any(ch in item for ch in "*?[") and not Path(item).exists():
            raise InputError(item, "no such file or folder")
    with tempfile.TemporaryDirectory() as folder:
        run_batch(inputs, Path(folder), workers, engine, scheduler)
        finalize(Path(folder), {"pipeline_version": PIPELINE_VERSION})
        return read_tables(Path(folder))


__all__ = ["PIPELINE_VERSION", "InputError", "__version__", "analyze", "analyze_corpus", "ingest", "parse_value"]
