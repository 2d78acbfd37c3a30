"""Batch throughput on synthetic corpora built from the seeds, against one jieba pass.

Run from the repository root:  python bench/corpus.py --sizes 100 1000 --workers 1 2
For each size it writes N documents made by recombining and perturbing the
seeds (the 决算 part of one seed with the evaluation reports of another; every
number scaled by a random factor; place names swapped), runs ``jixiao batch``
in a subprocess at each worker count, and reports documents per second, MB per
second, peak resident memory of the batch's largest process, and the ratio of
core-time per document to one ``jieba.lcut`` pass over the same texts (timed on
the first 1,000 documents and scaled to the corpus).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = ["攀枝花市", "乐山市", "剑阁县", "仁和区", "市中区", "西区", "雨湖区", "五华区", "蜀山区", "东区"]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_EVALUATIONS = re.compile(r"第四部分|附件")


def _perturb(text: str, rng: random.Random) -> str:
    def scale(match: re.Match) -> str:
        number = match.group()
        if len(number) == 4 and number.startswith("20"):
            return number  # a year
        value = float(number) * rng.uniform(0.7, 1.3)
        return f"{value:.2f}" if "." in number else str(max(1, round(value)))

    text = _NUMBER.sub(scale, text)
    for place in PLACES[:3]:
        text = text.replace(place, rng.choice(PLACES))
    return text


def build_corpus(size: int, folder: Path, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    halves = []
    for text in seeds:
        cut = _EVALUATIONS.search(text, len(text) // 3)
        halves.append((text[: cut.start()], text[cut.start() :]) if cut else (text, ""))
    paths = []
    for i in range(size):
        head = halves[i % len(halves)][0]
        tail = halves[rng.randrange(len(halves))][1]
        path = folder / f"doc_{i:05d}.txt"
        path.write_text(_perturb(head + tail, rng), encoding="utf-8")
        paths.append(path)
    return paths


JIEBA_SAMPLE = 1000  # documents segmented to time the jieba pass; a larger corpus scales it per document


def jieba_pass(paths: list[Path]) -> float:
    """Seconds one jieba.lcut pass over every document's normalized text takes in this process."""
    import nlp
    from nlp.text.segment import segmenter

    sample = paths[:JIEBA_SAMPLE]
    texts = [nlp.ingest(p).text for p in sample]
    tokenizer = segmenter()
    start = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    return (time.perf_counter() - start) * len(paths) / len(sample)


def run(paths_folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``jixiao batch`` over the folder.

    The peak is that of the largest single process of this run (the batch or one of
    its workers), from ``wait4`` on the batch's own process.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "batch", str(paths_folder), "--out", str(out), "--workers", str(workers)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"jixiao batch failed on {paths_folder}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print("| documents | workers | seconds | docs/s | MB/s | peak RSS MB | core-time per doc ÷ jieba pass |")
    print("|---|---|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            paths = build_corpus(size, Path(folder) / "in")
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            segmenting = jieba_pass(paths)
            for workers in args.workers:
                wall, peak = run(Path(folder) / "in", Path(folder) / f"out{workers}", workers)
                ratio = wall * workers / segmenting
                print(
                    f"| {size:,} | {workers} | {wall:.1f} | {size / wall:.1f} | {megabytes / wall:.2f} "
                    f"| {peak:.0f} | {ratio:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
