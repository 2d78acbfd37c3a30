"""jixiao: read Chinese performance self-evaluations and measure their quality."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nlp.errors import InputError
from nlp.ingest import ingest
from nlp.values import parse_value

if TYPE_CHECKING:
    from nlp.pipeline import DocumentResult

__version__ = "0.4.0"
PIPELINE_VERSION = __version__


def analyze(path: str | Path, scoring: Path | None = None, weights: Path | None = None) -> DocumentResult:
    """Read one document: text, labelled outline, evaluations with indicators, budgets and scores.

    ``scoring`` names a scoring config in place of ``nlp/scoring.toml``, ``weights`` a
    quality config in place of ``nlp/quality.toml``.
    """
    from nlp.pipeline import analyze as run_pipeline  # jieba and numpy load only when needed

    return run_pipeline(path, scoring, weights)


def analyze_corpus(paths, workers: int = 1, engine: str = "local", scheduler: str | None = None) -> dict:
    """Analyse many documents; returns the SPEC §4 tables as pandas DataFrames (see ``nlp.batch``)."""
    import tempfile

    from nlp.batch import finalize, read_tables, run_batch

    with tempfile.TemporaryDirectory() as folder:
        run_batch([str(p) for p in paths], Path(folder), workers, engine, scheduler)
        finalize(Path(folder), {"pipeline_version": PIPELINE_VERSION})
        return read_tables(Path(folder))


__all__ = ["PIPELINE_VERSION", "InputError", "__version__", "analyze", "analyze_corpus", "ingest", "parse_value"]
