"""A refactoring changes no output: every corpus file's document JSON and the batch tables over
``corpus/`` equal the recorded snapshot (``python tests/behaviour.py`` re-records it after an
intended change, which the CHANGELOG then explains)."""

from __future__ import annotations

import pytest
from behaviour import DOCUMENTS_SNAPSHOT, TABLES_SNAPSHOT, document_snapshot, load, tables_snapshot


def _differences(before, after, where: str = "") -> list[str]:
    """Paths of the JSON values that differ (the first few), so a failure says what moved."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after)):
            found += _differences(before.get(key), after.get(key), f"{where}.{key}")
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = []
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            found += _differences(old, new, f"{where}[{index}]")
        return found
    return [] if before == after else [where or "."]


@pytest.fixture(scope="module")
def recorded_documents() -> dict:
    return load(DOCUMENTS_SNAPSHOT)


def test_every_corpus_file_gives_the_recorded_document_json(recorded_documents) -> None:
    from behaviour import corpus_files

    assert sorted(recorded_documents) == corpus_files()
    changed = {}
    for path, before in recorded_documents.items():
        moved = _differences(before, document_snapshot(path))
        if moved:
            changed[path] = moved[:5]
    assert not changed, f"document JSON changed: {changed}"


def test_batch_tables_over_the_corpus_are_the_recorded_ones() -> None:
    before = load(TABLES_SNAPSHOT)
    after = tables_snapshot()
    for name, rows in before.items():
        assert after[name][0] == rows[0], f"{name}: columns changed"
        missing = sorted(set(rows) - set(after[name]))[:3]
        added = sorted(set(after[name]) - set(rows))[:3]
        assert not missing and not added, f"{name}: rows changed; lost {missing}, new {added}"


def test_the_comparison_reports_what_moved() -> None:
    before = {"evaluations": [{"name": "a", "score": 1}], "meta": {"year": 2023}}
    after = {"evaluations": [{"name": "a", "score": 2}], "meta": {"year": 2023}}
    assert _differences(before, after) == [".evaluations[0].score"]
    assert _differences(before, before) == []
