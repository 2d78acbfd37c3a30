"""Ingest throughput per format on the corpus, against a plain read of the same files.

Run from the repository root:  python bench/ingest.py [--repeat N]
Prints a Markdown table (MB/s of input bytes and of normalized text characters).
The lower bound for ingest is reading the bytes; for .txt the gap is decoding and
normalization, for .docx/.pdf it is the format library's parsing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import best_time  # noqa: E402
from nlp import ingest  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per format; the best is reported")
    args = parser.parse_args()
    formats = {
        "txt": sorted((ROOT / "corpus" / "seeds").glob("*.txt")),
        "docx": sorted((ROOT / "corpus" / "rendered").glob("*.docx")),
        "pdf": sorted((ROOT / "corpus" / "rendered").glob("*.pdf")),
    }
    for paths in formats.values():  # warm imports and caches outside the timing
        ingest(paths[0])
    print("| format | files | input MB | plain read MB/s | ingest MB/s | ingest ms/file | text chars/s |")
    print("|---|---|---|---|---|---|---|")
    for name, paths in formats.items():
        size = sum(p.stat().st_size for p in paths) / 1e6
        chars = sum(len(ingest(p).text) for p in paths)
        read = best_time(lambda paths=paths: [p.read_bytes() for p in paths], args.repeat)
        full = best_time(lambda paths=paths: [ingest(p) for p in paths], args.repeat)
        print(
            f"| {name} | {len(paths)} | {size:.3f} | {size / read:,.0f} | {size / full:.2f} "
            f"| {1000 * full / len(paths):.0f} | {chars / full:,.0f} |"
        )


if __name__ == "__main__":
    main()
