"""Hostile inputs: texts built to find a stage worse than linear in the text's length.

Each shape repeats one piece (100,000 ``一、`` lines, one line of digits, ``≥95%`` run
together …) inside a one-report frame, so that every stage, claims and statements
included, sees it. For each shape the full extract is timed at a size and at twice
that size: a linear pipeline takes about twice as long, a quadratic one four times.
The baseline is one jieba pass over the same normalized text, the least any reading
of Chinese prose costs.

Run from the repository root:  python bench/hostile.py [--kb 200] [--shapes cn_heading,digits]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from nlp.text.segment import segmenter  # noqa: E402

# The piece each shape repeats.
SHAPES = {
    "cn_heading": "一、\n",
    "pcn_heading": "(一)\n",
    "fullwidth_pcn_heading": "（一）\n",
    "ar_heading": "1.\n",
    "nested_headings": "第一部分 概况\n一、基本情况\n(一)项目概况\n1.项目内容\n(1)实施\n①进度\n",
    "titles": "某某局2021年度部门整体支出绩效自评报告\n",
    "years": "2021年",
    "digits": "1234567890",
    "at_least_percent": "≥95%",
    "wanyuan": "万元",
    "bars": "|",
    "share_pairs": "5万元，占5%，",
    "statement_points": "一是",
    "table_rows": "| 数量指标 | 培训人数 | ≥100人 | 120人 |\n",
}
# A department report's title and its statement sections around the piece.
_FRAME = (
    "某某局2021年度部门整体支出绩效自评报告\n一、基本情况\n",
    "\n二、存在问题\n无。\n三、改进建议\n无。\n",
)


def hostile_text(shape: str, size: int) -> str:
    """About ``size`` bytes (UTF-8) of ``shape``'s piece inside the report frame."""
    piece = SHAPES[shape]
    return _FRAME[0] + piece * max(1, size // len(piece.encode())) + _FRAME[1]


def extract_seconds(text: str, folder: Path) -> float:
    """Seconds of one full extract (ingest included) of ``text`` written as a .txt file."""
    path = folder / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    nlp.analyze(path)
    return time.perf_counter() - start


def jieba_seconds(text: str) -> float:
    start = time.perf_counter()
    segmenter().lcut(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, default=200, help="size of each text in KB (and twice that)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    args = parser.parse_args()
    nlp.analyze(sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[0])  # loads jieba and the models untimed
    size = args.kb * 1000
    print(f"| shape | s at {args.kb} KB | s per MB | ratio to jieba | s at {2 * args.kb} KB | doubling ratio |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shapes.split(","):
            text = hostile_text(shape, size)
            once = extract_seconds(text, Path(folder))
            baseline = jieba_seconds(text)
            twice = extract_seconds(hostile_text(shape, 2 * size), Path(folder))
            per_mb = once / (len(text.encode()) / 1e6)
            print(
                f"| {shape} | {once:.2f} | {per_mb:.1f} | {once / max(baseline, 1e-3):.1f} | {twice:.2f} "
                f"| {twice / max(once, 1e-3):.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
