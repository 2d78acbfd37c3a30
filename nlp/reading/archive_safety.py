"""Checks on a ZIP package (.docx, .xlsx) before any part of it is unpacked.

Office files are ZIP archives, and a hostile one can hold a gigabyte of XML in a few
megabytes (a ZIP bomb) or declare a compression the standard library cannot read
(which ``zipfile`` reports as ``NotImplementedError``). The central directory lists
every entry's unpacked size, compression and format version before a byte is
inflated, and ``zipfile`` never inflates an entry past its listed size (a lying
entry fails its CRC check instead), so checking the directory bounds what a
reader will ever unpack.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED_BYTES = 200 * 2**20  # the whole package, pictures included
MAX_XML_PART_BYTES = 64 * 2**20  # one part that is parsed into a tree (document.xml is ~1 MB for 100 pages)
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # XML deflates 10–30 times; a bomb hundreds or thousands of times
_RATIO_FLOOR_BYTES = 2**20  # small entries may compress as well as they like
_READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


class UnsafeArchive(ValueError):
    """A package that must not be unpacked; the message says why."""


def check_archive(data: bytes) -> list[str]:
    """Refuse a ZIP bomb or an entry ``zipfile`` cannot read; return the entry names.

    Raises ``zipfile.BadZipFile`` for a damaged or truncated archive and
    ``UnsafeArchive`` for one that is too large, too many-membered or unreadable.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except NotImplementedError as error:  # zipfile refuses a format version it does not know while listing
        raise UnsafeArchive(f"archive uses an unsupported ZIP format ({error})") from None
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive(f"archive holds {len(entries):,} entries, over the {MAX_ENTRIES:,} limit")
    unpacked = 0
    for entry in entries:
        if entry.extract_version > zipfile.MAX_EXTRACT_VERSION or entry.compress_type not in _READABLE_COMPRESSION:
            raise UnsafeArchive(
                f"archive entry {entry.filename!r} uses an unsupported ZIP format "
                f"(version {entry.extract_version / 10:.1f}, compression {entry.compress_type})"
            )
        if entry.filename.endswith((".xml", ".rels")) and entry.file_size > MAX_XML_PART_BYTES:
            raise UnsafeArchive(
                f"{entry.filename} unpacks to {entry.file_size // 2**20} MB, over the "
                f"{MAX_XML_PART_BYTES // 2**20} MB limit for one part (a ZIP bomb?)"
            )
        if entry.file_size > _RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UnsafeArchive(
                f"{entry.filename} is compressed {entry.file_size // max(entry.compress_size, 1):,} times, "
                f"over the limit of {MAX_RATIO} (a ZIP bomb)"
            )
        unpacked += entry.file_size
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnsafeArchive(
            f"archive unpacks to {unpacked // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB limit "
            "(a ZIP bomb, or far larger than a report)"
        )
    return [entry.filename for entry in entries]
