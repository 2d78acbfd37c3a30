"""Cold start: a fresh ``jixiao extract`` of one short document, against ``python -c pass`` and ``jixiao --help``.

Each command runs as a new process (as a user runs it), back to back, ``--repeat``
times; the best wall time of each and the median ratios are printed, so a slow
spell of a shared machine shows in all three. ``python -X importtime`` of the same
extract names the imports that cost the most.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIXIAO = Path(sys.executable).with_name("jixiao")
SHORT = ROOT / "tests" / "documents" / "anhui_project.txt"


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def costliest_imports(document: Path, top: int) -> list[tuple[float, str]]:
    """The ``top`` packages imported by a cold extract, by cumulative seconds (first-level only)."""
    code = f"import sys, cli; sys.argv = ['jixiao', 'extract', {str(document)!r}]; cli.app()"
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    found = []
    for line in run.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if match and len(match.group(2)) <= 2:
            found.append((int(match.group(1)) / 1e6, match.group(3)))
    return sorted(found, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--document", type=Path, default=SHORT)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "jixiao --help": [str(JIXIAO), "--help"],
        "jixiao extract": [str(JIXIAO), "extract", str(args.document)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    extract = times["jixiao extract"]
    print(f"document: {args.document.name} ({len(args.document.read_text(encoding='utf-8'))} characters)")
    print("| command | best s | median ratio of extract to it |")
    print("|---|---|---|")
    for name, seconds in times.items():
        ratio = statistics.median(e / s for e, s in zip(extract, seconds, strict=True))
        print(f"| {name} | {min(seconds):.2f} | {ratio:.1f} |")
    print("\ncostliest imports of a cold extract (cumulative s):")
    for seconds, name in costliest_imports(args.document, 8):
        print(f"  {seconds:6.2f}  {name}")


if __name__ == "__main__":
    main()
