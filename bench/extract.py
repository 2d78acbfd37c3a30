"""Full extract per document (ingest → outline → labels → units → indicators, budgets, scores)
against one jieba pass over the same normalized text, in one warm process.

Run from the repository root:  python bench/extract.py [--repeat N] [--corpus seeds|dev]
(``dev``: the development corpus of corpus/dev/docs, every template family and table surface).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from bench.timing import paired_ratio  # noqa: E402
from nlp.text.segment import segmenter, tokens  # noqa: E402
from nlp.text.values import parse_value  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9, help="pairs of runs")
    parser.add_argument("--corpus", choices=("seeds", "dev"), default="seeds", help="which documents")
    args = parser.parse_args()
    folder = ROOT / "corpus" / ("seeds" if args.corpus == "seeds" else "dev/docs")
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".docx"))
    started = time.perf_counter()
    nlp.analyze(paths[0])  # loads jieba and the model once, outside the timing
    warmup = time.perf_counter() - started
    texts = [nlp.ingest(p).text for p in paths]

    def extract_all() -> None:
        tokens.cache_clear()  # a word or value cache warm from the previous repeat would flatter the figure
        parse_value.cache_clear()
        for path in paths:
            nlp.analyze(path)

    extract, jieba_pass, ratio = paired_ratio(extract_all, lambda: [segmenter().lcut(t) for t in texts], args.repeat)
    chars = sum(len(t) for t in texts)
    print(f"documents: {len(paths)}, {chars:,} characters; first call (jieba and model load): {warmup:.2f} s")
    print("| stage | best ms per document | median ratio to one jieba pass, run back to back |")
    print("|---|---|---|")
    print(f"| full extract | {1000 * extract / len(paths):.1f} | {ratio:.2f} |")
    print(f"| one jieba.lcut pass | {1000 * jieba_pass / len(paths):.1f} | 1.00 |")


if __name__ == "__main__":
    main()
