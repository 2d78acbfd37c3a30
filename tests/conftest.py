"""Shared paths: the seeds and their DOCX/PDF renderings in corpus/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
RENDERED = sorted((ROOT / "corpus" / "rendered").glob("*.docx")) + sorted((ROOT / "corpus" / "rendered").glob("*.pdf"))


@pytest.fixture(params=SEEDS, ids=lambda p: p.stem[:3])
def seed_path(request) -> Path:
    return request.param


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a small test document and return its path."""
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path
