"""Ingest: any supported file → one normalized text plus blocks with offsets.

The format is decided by the bytes (PDF, ZIP and OLE signatures, the parts inside a
ZIP, HTML markup), the extension only telling Markdown from plain text and a legacy
.xls from the other OLE files. Every failure a user can cause by handing us a file
becomes an ``InputError`` naming the file and the reason.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from nlp.blocks import Block, Cell, IngestedText, RawBlock, RawCell, RawParagraph, RawTable
from nlp.chinese_variants import is_traditional, to_simplified
from nlp.decoding import decode_text
from nlp.errors import InputError
from nlp.furniture import drop_furniture
from nlp.normalize import clean_inline, rejoin_paragraphs

TEXT_SUFFIXES = {"": "txt", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_HTML_SUFFIXES = {".html", ".htm"}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx/.xlsx is an OLE file holding this stream (its name is UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_MARKS = (b"<!doctype html", b"<html")
_SNIFF_BYTES = 1024
_NO_TEXT = {
    "html": "no text content (the page holds only markup, scripts or navigation)",
    "xlsx": "no text content (every sheet is empty)",
    "xls": "no text content (every sheet is empty)",
}
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "an executable",
    b"{\\rtf": "an RTF document (save it as .docx)",
}


def _looks_like_html(data: bytes) -> bool:
    """A page's markup in its first KB: a doctype or <html>, or a bare <table> the file opens with.

    NUL bytes are dropped first, so that a UTF-16 page is recognised as well.
    """
    head = data[:_SNIFF_BYTES].replace(b"\x00", b"").lower()
    if any(mark in head for mark in _HTML_MARKS):
        return True
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<") and b"<table" in head


def _zip_format(data: bytes, suffix: str) -> str:
    """'xlsx' for a ZIP holding a workbook, else 'docx' (whose reader explains what else it is)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return "xlsx" if suffix == ".xlsx" else "docx"  # its reader reports the damage
    return "xlsx" if "xl/workbook.xml" in names else "docx"


def _ole_format(data: bytes, path: str, suffix: str) -> str:
    """'xls' for a legacy workbook; every other OLE file is refused."""
    if _ENCRYPTED_PACKAGE in data and suffix in (".xlsx", ".xls"):
        raise InputError(path, "encrypted (password-protected) workbook; not supported (remove the password)")
    if suffix == ".xls":
        return "xls"
    raise InputError(path, "legacy .doc or password-protected Office file; not supported (save it as .docx)")


def detect_format(data: bytes, path: str) -> str:
    """Return 'pdf', 'docx', 'xlsx', 'xls', 'html', 'txt' or 'md' from the content; raise InputError otherwise."""
    suffix = Path(path).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, suffix)
    if data.startswith(_OLE_SIGNATURE):
        return _ole_format(data, path, suffix)
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"unsupported format: {what}")
    # before the suffix check: web systems export HTML tables as .xls
    if suffix in _HTML_SUFFIXES or _looks_like_html(data):
        return "html"
    if suffix in (".xlsx", ".xls"):
        reason = f"named {suffix} but its content is not an Excel workbook (no {suffix[1:].upper()} signature)"
        raise InputError(path, f"unsupported format: {reason}")
    if suffix in (".pdf", ".docx"):
        raise InputError(path, f"not a {suffix} file: its content has no {suffix[1:].upper()} signature")
    if suffix not in TEXT_SUFFIXES:
        raise InputError(path, f"unsupported format '{suffix}' (expected .txt, .md, .html, .docx, .pdf, .xlsx or .xls)")
    return TEXT_SUFFIXES[suffix]


def _read_docx(data: bytes, path: str) -> list[RawBlock]:
    from nlp.readers.docx_reader import read_docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise InputError(path, "damaged or truncated .docx (not a readable ZIP archive)") from None
    if "word/document.xml" not in names:
        raise InputError(path, "a ZIP archive but not a .docx or .xlsx (no word/document.xml, no xl/workbook.xml)")
    try:
        return read_docx(data)
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged .docx: {type(error).__name__}: {error}".rstrip(": ")) from None


def _read_pdf(data: bytes, path: str) -> list[RawBlock]:
    import pypdfium2 as pdfium

    from nlp.readers.pdf_reader import PdfReadError, read_pdf

    try:
        return read_pdf(data)
    except PdfReadError as error:
        raise InputError(path, str(error)) from None
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(path, "encrypted (password-protected) PDF; not supported") from None
        raise InputError(path, f"damaged or unreadable PDF ({error})") from None
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged PDF: {type(error).__name__}: {error}") from None


def _read_workbook(data: bytes, path: str, fmt: str) -> list[RawBlock]:
    from nlp.readers.excel_reader import WorkbookError, read_workbook

    try:
        return read_workbook(data, fmt)
    except WorkbookError as error:
        raise InputError(path, str(error)) from None
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged .{fmt}: {type(error).__name__}: {error}".rstrip(": ")) from None


def _read_html(data: bytes, path: str) -> tuple[list[RawBlock], str]:
    from nlp.readers.html_reader import HtmlReadError, decode_html, read_html

    decoded, encoding = decode_html(data, path)
    try:
        return read_html(decoded), encoding
    except HtmlReadError as error:
        raise InputError(path, str(error)) from None
    except Exception as error:  # any parser failure on untrusted markup is unreadable input
        raise InputError(path, f"unreadable HTML: {type(error).__name__}: {error}".rstrip(": ")) from None


def _texts_of(blocks: list[RawBlock]) -> Iterator[RawParagraph | RawCell]:
    """Every paragraph and table cell, in order: the things that hold text."""
    for block in blocks:
        if isinstance(block, RawParagraph):
            yield block
        else:
            yield from (cell for row in block.rows for cell in row)


def _clean(blocks: list[RawBlock]) -> list[RawBlock]:
    for holder in _texts_of(blocks):
        holder.text = clean_inline(holder.text)
    for block in blocks:
        if isinstance(block, RawTable):
            block.rows = [row for row in block.rows if any(cell.text for cell in row)]
    return [b for b in blocks if not isinstance(b, RawTable) or b.rows]


def _simplify(blocks: list[RawBlock]) -> str | None:
    """Convert a traditional-character document to simplified in place; name what it was converted from.

    Decided once for the whole document; the conversion keeps every text's length,
    so offsets into the result are offsets into the original as well.
    """
    if not is_traditional("\n".join(holder.text for holder in _texts_of(blocks))):
        return None
    for holder in _texts_of(blocks):
        holder.text = to_simplified(holder.text)
    return "traditional"


def layout(blocks: list[RawBlock]) -> tuple[str, list[Block]]:
    """Lay blocks out one per line (a table one line per row, cells tab-separated), with offsets."""
    parts: list[str] = []
    laid_out: list[Block] = []
    position = 0
    for raw in blocks:
        if parts:
            parts.append("\n")
            position += 1
        start = position
        if isinstance(raw, RawParagraph):
            parts.append(raw.text)
            position += len(raw.text)
            laid_out.append(Block("paragraph", start, position, raw.text, raw.heading_level, raw.bold))
            continue
        rows: list[list[Cell]] = []
        for r, raw_row in enumerate(raw.rows):
            if r:
                parts.append("\n")
                position += 1
            row: list[Cell] = []
            for c, raw_cell in enumerate(raw_row):
                if c:
                    parts.append("\t")
                    position += 1
                parts.append(raw_cell.text)
                row.append(
                    Cell(
                        r,
                        c,
                        position,
                        position + len(raw_cell.text),
                        raw_cell.text,
                        raw_cell.colspan,
                        raw_cell.rowspan,
                        raw_cell.continued,
                    )
                )
                position += len(raw_cell.text)
            rows.append(row)
        text = "".join(parts)[start:position]
        laid_out.append(Block("table", start, position, text, rows=rows))
    return "".join(parts), laid_out


def ingest_bytes(data: bytes, path: str) -> IngestedText:
    """Ingest a file's bytes; ``path`` names it in errors and in the result."""
    if not data.strip():
        raise InputError(path, "empty file" if not data else "file holds only whitespace")
    fmt = detect_format(data, path)
    encoding = None
    if fmt == "pdf":
        raw = _read_pdf(data, path)
    elif fmt == "docx":
        raw = _read_docx(data, path)
    elif fmt in ("xlsx", "xls"):
        raw = _read_workbook(data, path, fmt)
    elif fmt == "html":
        raw, encoding = _read_html(data, path)
    else:
        from nlp.readers.plaintext import read_plaintext

        decoded, encoding = decode_text(data, path)
        raw = read_plaintext(decoded, markdown=fmt == "md")
    cleaned = _clean(raw)
    converted_from = _simplify(cleaned)
    text, blocks = layout(rejoin_paragraphs(drop_furniture(cleaned)))
    if not text.strip():
        raise InputError(path, _NO_TEXT.get(fmt, "no text content (empty or whitespace only)"))
    return IngestedText(
        path=path, format=fmt, encoding=encoding, text=text, blocks=blocks, converted_from=converted_from
    )


def ingest(path: str | Path) -> IngestedText:
    """Read and normalize one document; raise InputError for anything unreadable."""
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError(name, "no such file")
    if file.is_dir():
        raise InputError(name, "is a directory, not a file")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read file: {error.strerror or error}") from None
    return ingest_bytes(data, name)
