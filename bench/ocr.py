"""OCR speed and character accuracy on rendered pages whose text is known.

Run from the repository root:  python bench/ocr.py [--pages N]
Each of the first N pages of corpus/rendered/*.pdf is rasterized to an image-only
PDF (a scan with its text layer gone) and read with ``ocr=True``; the recognised
text is compared with the text layer of the same page (character accuracy: the
share of matching characters, ``difflib.SequenceMatcher.ratio``). Prints a
Markdown table. Needs the ``ocr`` extra.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.reading.ingest import ingest_bytes  # noqa: E402
from nlp.reading.readers.pdf_reader import OCR_SCALE  # noqa: E402


def one_page_pdfs(path: Path, pages: int) -> list[tuple[bytes, bytes]]:
    """(born-digital page, the same page scanned) for the first ``pages`` pages."""
    source = pdfium.PdfDocument(path)
    pairs = []
    for index in range(min(pages, len(source))):
        single = pdfium.PdfDocument.new()
        single.import_pages(source, [index])
        digital = io.BytesIO()
        single.save(digital)
        scanned = io.BytesIO()
        source[index].render(scale=OCR_SCALE).to_pil().convert("L").save(scanned, format="PDF", resolution=144)
        pairs.append((digital.getvalue(), scanned.getvalue()))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2, help="pages per rendered PDF")
    args = parser.parse_args()
    ingest_bytes(one_page_pdfs(sorted((ROOT / "corpus" / "rendered").glob("*.pdf"))[0], 1)[0][1], "warm.pdf", ocr=True)
    print("| document | pages | seconds/page | pages/s | characters | character accuracy | mean confidence |")
    print("|---|---|---|---|---|---|---|")
    for path in sorted((ROOT / "corpus" / "rendered").glob("*.pdf")):
        pairs = one_page_pdfs(path, args.pages)
        seconds, matched, total, confidences = 0.0, 0.0, 0, []
        for digital, scanned in pairs:
            known = ingest_bytes(digital, path.name).text
            started = time.perf_counter()
            read = ingest_bytes(scanned, path.name, ocr=True)
            seconds += time.perf_counter() - started
            matched += SequenceMatcher(None, known, read.text, autojunk=False).ratio() * len(known)
            total += len(known)
            confidences += [page["confidence"] for page in read.ocr_pages]
        print(
            f"| {path.stem[:3]} | {len(pairs)} | {seconds / len(pairs):.1f} | {len(pairs) / seconds:.3f} "
            f"| {total} | {matched / total:.3f} | {sum(confidences) / len(confidences):.3f} |"
        )


if __name__ == "__main__":
    main()
