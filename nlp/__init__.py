"""jixiao: read Chinese performance self-evaluations and measure their quality."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.errors import InputError
from nlp.ingest import ingest
from nlp.values import parse_value

if TYPE_CHECKING:
    from pathlib import Path

    from nlp.pipeline import DocumentResult

__version__ = "0.2.0"
PIPELINE_VERSION = __version__


def analyze(path: str | Path) -> DocumentResult:
    """Read one document and structure it: text, outline with labels, evaluation units."""
    from nlp.pipeline import analyze as run_pipeline  # jieba and numpy load only when needed

    return run_pipeline(path)


__all__ = ["PIPELINE_VERSION", "InputError", "__version__", "analyze", "ingest", "parse_value"]
