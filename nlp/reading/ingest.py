"""Ingest: any supported file → one normalized text plus blocks with offsets.

The format is decided by the bytes (PDF, ZIP, OLE and image signatures, the parts
inside a ZIP or an OLE file, HTML markup), the extension only telling Markdown from
plain text and naming WPS files. Legacy Word and WPS files are converted by
LibreOffice (``nlp.reading.readers.office_convert``); scanned pages and images are read by
OCR only when asked (``ocr=True``: it is slow and needs the ``ocr`` extra). ZIP
packages are checked before they are unpacked (``nlp.reading.archive_safety``) and inputs
are limited in size (``JIXIAO_MAX_INPUT_MB``). Every failure a user can cause by
handing us a file becomes an ``InputError`` naming the file and the reason.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from nlp.errors import InputError
from nlp.reading.archive_safety import UnsafeArchive, check_archive
from nlp.reading.decoding import decode_text
from nlp.reading.furniture import drop_furniture
from nlp.text.blocks import Block, Cell, IngestedText, RawBlock, RawCell, RawParagraph, RawTable
from nlp.text.chinese_variants import is_traditional, to_simplified
from nlp.text.normalize import clean_inline, drop_pinyin_glosses, rejoin_paragraphs

TEXT_SUFFIXES = {"": "txt", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_HTML_SUFFIXES = {".html", ".htm"}
_DELIMITERS = {".csv": ",", ".tsv": "\t"}  # a sheet exported as delimited text: its format is its suffix
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE stream names are stored in UTF-16: an encrypted .docx/.xlsx holds the first,
# a Word or WPS text document the second.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# formats LibreOffice turns into one we read
_CONVERTED = {"doc": "docx", "wps": "docx", "rtf": "docx", "odt": "docx", "et": "xlsx", "ods": "xlsx"}
# an OpenDocument package names its kind in its first entry, ``mimetype`` (…text, …text-web, …spreadsheet)
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# What a folder given to ``batch`` is searched for (images only when they are to be read by OCR); .csv/.tsv only
# when named or globbed: a batch's own tables and a corpus's manifests are delimited text too.
DOCUMENT_SUFFIXES = frozenset(
    {
        *TEXT_SUFFIXES,
        *_HTML_SUFFIXES,
        ".docx",
        ".pdf",
        ".xlsx",
        ".xls",
        *(f".{fmt}" for fmt in _CONVERTED),
    }
    - {""}
)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
_TEXT_FORMATS = frozenset({"txt", "md", "html", "csv", "tsv"})
MAX_TEXT_MB = 50  # a 500-page report is 1–2 MB of text
MAX_INPUT_MB = 200  # PDFs, workbooks and scans carry pictures
_MAX_INPUT_ENV = "JIXIAO_MAX_INPUT_MB"
_HTML_MARKS = (b"<!doctype html", b"<html")
_SNIFF_BYTES = 1024
_IMAGE_SIGNATURES = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}
_IMAGE_NAMES = {"png": "a PNG image", "jpeg": "a JPEG image", "tiff": "a TIFF image"}
_NO_TEXT = {
    "html": "no text content (the page holds only markup, scripts or navigation)",
    "xlsx": "no text content (every sheet is empty)",
    "xls": "no text content (every sheet is empty)",
    **dict.fromkeys(_IMAGE_NAMES, "no text recognised by OCR"),
}
_BINARY_SIGNATURES = {
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "an executable",
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
    """'xlsx' for a ZIP holding a workbook, 'odt'/'ods' for an OpenDocument, else 'docx' (whose reader explains
    what else it is)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            kind = _opening(archive, "mimetype") if "mimetype" in names else ""
    except Exception:  # BadZipFile, or a format zipfile does not know (NotImplementedError)
        return "xlsx" if suffix == ".xlsx" else "docx"  # its reader reports the damage
    if opendocument := next((fmt for mime, fmt in _OPENDOCUMENT.items() if kind.startswith(mime)), None):
        return opendocument
    return "xlsx" if "xl/workbook.xml" in names else "docx"


def _opening(archive: zipfile.ZipFile, name: str, size: int = 100) -> str:
    """The first bytes of an entry, decompressed no further: the package is not checked yet."""
    with archive.open(name) as entry:
        return entry.read(size).decode("ascii", "replace")


def _ole_format(data: bytes, path: str, suffix: str) -> str:
    """'xls' for a legacy workbook, 'et' for a WPS one, 'doc' or 'wps' for a Word or WPS text document."""
    if _ENCRYPTED_PACKAGE in data:
        kind = "workbook" if suffix in (".xlsx", ".xls", ".et") else "Office document"
        raise InputError(path, f"encrypted (password-protected) {kind}; not supported (remove the password)")
    if suffix == ".xls":
        return "xls"
    if suffix in (".et", ".wps"):
        return suffix[1:]
    if suffix == ".doc" or _WORD_STREAM in data:
        return "doc"
    raise InputError(path, "an OLE file that is not a Word, WPS or Excel document; not supported")


def detect_format(data: bytes, path: str) -> str:
    """The format from the content (a value of ``IngestedText.format``); raise InputError for an unsupported one."""
    suffix = Path(path).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, suffix)
    if data.startswith(_OLE_SIGNATURE):
        return _ole_format(data, path, suffix)
    for signature, image in _IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return image
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
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
    if suffix in _DELIMITERS:
        return suffix[1:]
    if suffix not in TEXT_SUFFIXES:
        expected = ".txt, .md, .html, .docx, .doc, .wps, .rtf, .odt, .pdf, .xlsx, .xls, .et, .ods, .csv, .tsv"
        expected += ", or with --ocr .png/.jpg/.tif"
        raise InputError(path, f"unsupported format '{suffix}' (expected {expected})")
    return TEXT_SUFFIXES[suffix]


def _checked_archive(data: bytes, path: str, kind: str) -> set[str]:
    """The entry names of a ZIP package that is safe to unpack (``nlp.reading.archive_safety``)."""
    try:
        return set(check_archive(data))
    except UnsafeArchive as error:
        raise InputError(path, str(error)) from None
    except Exception:  # zipfile.BadZipFile, or any other failure to parse a hostile directory
        raise InputError(path, f"damaged or truncated .{kind} (not a readable ZIP archive)") from None


def _read_docx(data: bytes, path: str) -> list[RawBlock]:
    from nlp.reading.readers.docx_reader import read_docx

    names = _checked_archive(data, path, "docx")
    if "word/document.xml" not in names:
        raise InputError(path, "a ZIP archive but not a .docx or .xlsx (no word/document.xml, no xl/workbook.xml)")
    try:
        return read_docx(data)
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged .docx: {type(error).__name__}: {error}".rstrip(": ")) from None


def _read_pdf(data: bytes, path: str, ocr: bool) -> tuple[list[RawBlock], list[dict], list[int]]:
    import pypdfium2 as pdfium

    from nlp.reading.readers.ocr import OcrUnavailable
    from nlp.reading.readers.pdf_reader import PdfReadError, read_pdf

    try:
        read = read_pdf(data, ocr)
        return read.blocks, [page.to_dict() for page in read.ocr_pages], read.dense_table_pages
    except OcrUnavailable as error:
        raise InputError(path, f"reading scanned pages needs OCR: {error}") from None
    except PdfReadError as error:
        raise InputError(path, str(error)) from None
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(path, "encrypted (password-protected) PDF; not supported") from None
        raise InputError(path, f"damaged or unreadable PDF ({error})") from None
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged PDF: {type(error).__name__}: {error}") from None


def _read_workbook(data: bytes, path: str, fmt: str) -> list[RawBlock]:
    from nlp.reading.readers.excel_reader import WorkbookError, read_workbook

    try:
        return read_workbook(data, fmt)
    except WorkbookError as error:
        raise InputError(path, str(error)) from None
    except Exception as error:  # any parser failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged .{fmt}: {type(error).__name__}: {error}".rstrip(": ")) from None


def _read_delimited(data: bytes, path: str, fmt: str) -> tuple[list[RawBlock], str]:
    from nlp.reading.readers.excel_reader import WorkbookError, read_delimited

    decoded, encoding = decode_text(data, path)
    try:
        return read_delimited(decoded, _DELIMITERS[f".{fmt}"]), encoding
    except WorkbookError as error:
        raise InputError(path, str(error)) from None
    except csv.Error as error:
        raise InputError(path, f"damaged .{fmt}: {error}") from None


def _read_image(data: bytes, path: str, fmt: str, ocr: bool) -> tuple[list[RawBlock], list[dict]]:
    """Every frame of an image (a TIFF scan may hold many pages) read by OCR."""
    from PIL import ImageSequence

    from nlp.reading.readers.ocr import OcrUnavailable, open_image, read_page

    if not ocr:
        raise InputError(path, f"{_IMAGE_NAMES[fmt]}; run with --ocr to read it by OCR")
    try:
        image = open_image(data)
        pages = [read_page(frame, number) for number, frame in enumerate(ImageSequence.Iterator(image), start=1)]
    except OcrUnavailable as error:
        raise InputError(path, f"reading images needs OCR: {error}") from None
    except Exception as error:  # any decoder failure on untrusted bytes is unreadable input
        raise InputError(path, f"damaged or unreadable image: {type(error).__name__}: {error}".rstrip(": ")) from None
    return [block for page in pages for block in page.blocks], [page.to_dict() for page in pages]


def _convert(data: bytes, path: str, fmt: str) -> bytes:
    """A .doc/.wps/.rtf/.odt as .docx, a .et/.ods as .xlsx, by LibreOffice."""
    from nlp.reading.readers.office_convert import ConversionError, convert

    try:
        return convert(data, f".{fmt}", _CONVERTED[fmt])
    except ConversionError as error:
        raise InputError(path, str(error)) from None


def max_input_bytes(fmt: str | None) -> int:
    """The size limit for a format (None: before it is known): ``JIXIAO_MAX_INPUT_MB`` or the default."""
    configured = os.environ.get(_MAX_INPUT_ENV, "").strip()
    if configured:
        try:
            megabytes = float(configured)
        except ValueError:
            raise InputError(_MAX_INPUT_ENV, f"not a number of megabytes: {configured!r}") from None
    else:
        megabytes = MAX_TEXT_MB if fmt in _TEXT_FORMATS else MAX_INPUT_MB
    return int(megabytes * 2**20)


def _check_size(size: int, path: str, fmt: str | None) -> None:
    limit = max_input_bytes(fmt)
    if size > limit:
        kind = f"a .{fmt} file" if fmt else "an input"
        reason = f"file is {size / 2**20:.1f} MB, over the {round(limit / 2**20, 2):g} MB limit for {kind}"
        raise InputError(path, f"{reason} (set {_MAX_INPUT_ENV} to raise it)")


def _read_html(data: bytes, path: str) -> tuple[list[RawBlock], str]:
    from nlp.reading.readers.html_reader import HtmlReadError, decode_html, read_html

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


def ingest_bytes(data: bytes, path: str, ocr: bool = False) -> IngestedText:
    """Ingest a file's bytes; ``path`` names it in errors and in the result; ``ocr`` reads scans and images."""
    if not data.strip():
        raise InputError(path, "empty file" if not data else "file holds only whitespace")
    fmt = detect_format(data, path)
    _check_size(len(data), path, fmt)
    encoding = None
    converted_from: str | None = None
    decided = False  # plain text is converted before its tables are read, the other formats after
    ocr_pages = None
    dense_table_pages: list[int] = []
    if fmt in _OPENDOCUMENT.values():
        _checked_archive(data, path, fmt)  # a package is unpacked by LibreOffice only once it is safe to
    readable, kind = (_convert(data, path, fmt), _CONVERTED[fmt]) if fmt in _CONVERTED else (data, fmt)
    if kind == "pdf":
        raw, ocr_pages, dense_table_pages = _read_pdf(data, path, ocr)
    elif kind in _IMAGE_NAMES:
        raw, ocr_pages = _read_image(data, path, kind, ocr)
    elif kind == "docx":
        raw = _read_docx(readable, path)
    elif kind in ("xlsx", "xls"):
        raw = _read_workbook(readable, path, kind)
    elif fmt == "html":
        raw, encoding = _read_html(data, path)
    elif fmt in ("csv", "tsv"):
        raw, encoding = _read_delimited(data, path, fmt)
    else:
        from nlp.reading.readers.plaintext import read_plaintext

        decoded, encoding = decode_text(data, path)
        # a mirror's glosses (指(zhǐ)标) and traditional forms (指標) are taken off before the tables are looked
        # for, which know their headers by the simplified words
        decoded = drop_pinyin_glosses(decoded)
        decided, converted_from = True, "traditional" if is_traditional(decoded) else None
        raw = read_plaintext(to_simplified(decoded) if converted_from else decoded, markdown=fmt == "md")
    cleaned = _clean(raw)
    converted_from = converted_from if decided else _simplify(cleaned)
    text, blocks = layout(rejoin_paragraphs(drop_furniture(cleaned)))
    if not text.strip():
        raise InputError(path, _NO_TEXT.get(fmt, "no text content (empty or whitespace only)"))
    return IngestedText(
        path=path,
        format=fmt,
        encoding=encoding,
        text=text,
        blocks=blocks,
        converted_from=converted_from,
        ocr_pages=ocr_pages or None,
        dense_table_pages=dense_table_pages,
    )


def ingest(path: str | Path, ocr: bool = False) -> IngestedText:
    """Read and normalize one document; raise InputError for anything unreadable."""
    name = str(path)
    file = Path(path)
    if not file.exists():
        raise InputError(name, "no such file")
    if file.is_dir():
        raise InputError(name, "is a directory, not a file")
    try:
        _check_size(file.stat().st_size, name, None)  # before reading: the largest any format may be
        data = file.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read file: {error.strerror or error}") from None
    return ingest_bytes(data, name, ocr)
