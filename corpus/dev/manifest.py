"""Write a gold corpus's manifest.tsv from its gold files: one row per document.

    python corpus/dev/manifest.py [FOLDER]     (FOLDER: corpus/dev by default, corpus/holdout or corpus/scans)


The gold files are the single source of each document's provenance and family; the
manifest is a derived view for people browsing the corpus, and a test fails while it is stale.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nlp.corpus.gold import MANIFEST_COLUMNS, load_gold_file

DEV = Path(__file__).resolve().parent


def manifest_text(folder: Path = DEV) -> str:
    """The manifest as it should read for the gold files now in ``folder/gold`` (sorted by id)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for path in sorted((folder / "gold").glob("*.json")):
        writer.writerow(load_gold_file(path).manifest_row())
    return out.getvalue()


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEV
    target = folder / "manifest.tsv"
    target.write_text(manifest_text(folder), encoding="utf-8")
    print(f"wrote {target}")
