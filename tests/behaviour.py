"""Snapshots of what jixiao produces over ``corpus/``: every file's document JSON and the batch tables.

The architecture rework promised that moving code changes no output. ``record()`` writes the
snapshot (``python tests/behaviour.py``) after an intended change; ``tests/test_behaviour_kept.py``
compares a fresh run with it, file by file and table by table, so an unintended change fails
with the names of what moved. The text itself is kept as its SHA-256 (it is the input, and large).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
DOCUMENTS_SNAPSHOT = SNAPSHOTS / "documents.json.gz"
TABLES_SNAPSHOT = SNAPSHOTS / "tables.json.gz"
TABLES = ("documents", "sections", "evaluations", "indicators", "claims", "statements", "flags")


def corpus_files() -> list[str]:
    """The documents a batch over ``corpus/`` reads, as paths relative to the repository."""
    sys.path.insert(0, str(ROOT))
    from nlp.corpus.batch import expand_inputs

    found = expand_inputs([str(ROOT / "corpus")]).paths
    return sorted(str(Path(path).resolve().relative_to(ROOT)) for path in found)


def document_snapshot(relative_path: str) -> dict:
    """One file's document JSON with its text replaced by the text's digest."""
    import nlp

    try:
        result = nlp.analyze(ROOT / relative_path).to_json()
    except nlp.InputError as error:
        return {"input_error": str(error).replace(str(ROOT) + "/", "")}
    result["text"] = hashlib.sha256(result["text"].encode("utf-8")).hexdigest()
    result["source"]["path"] = relative_path
    return json.loads(json.dumps(result, sort_keys=True))


def documents_snapshot() -> dict[str, dict]:
    return {path: document_snapshot(path) for path in corpus_files()}


def tables_snapshot() -> dict[str, list[str]]:
    """The batch tables over ``corpus/`` as sorted CSV lines, run as a user runs it."""
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        subprocess.run(
            [sys.executable, "-m", "cli", "batch", "corpus/", "--out", str(out), "--workers", "2"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        snapshot = {}
        for name in TABLES:
            frame = pd.read_parquet(out / f"{name}.parquet")
            buffer = io.StringIO()
            frame.to_csv(buffer, index=False)
            header, *rows = buffer.getvalue().splitlines()
            snapshot[name] = [header, *sorted(rows)]
        return snapshot


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8")
    path.write_bytes(gzip.compress(payload, mtime=0))


def load(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


def record() -> None:
    _write(DOCUMENTS_SNAPSHOT, documents_snapshot())
    _write(TABLES_SNAPSHOT, tables_snapshot())


if __name__ == "__main__":
    record()
