"""Bytes to str for plain-text inputs (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK).

Order follows LIBRARIES.md: a BOM or strict UTF-8 settles most files at once;
charset-normalizer decides the rest; GB18030 (a superset of GBK and GB2312) is the
last resort because Chinese government files that are not UTF-8 are almost always
in it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from nlp.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings we accept from the detector; anything else for a Chinese document is a
# wrong guess on binary data (cp1252, mac_roman …), which we then refuse.
_ACCEPTED = {"utf_8", "ascii", "gb18030", "gbk", "gb2312", "hz", "utf_16", "utf_16_le", "utf_16_be", "big5"}
# Control characters other than tab/newline/carriage return/form feed are a sign
# of binary data, not text.
_MAX_CONTROL_SHARE = 0.01
# Unicode category Cc (C0 and C1 controls) but the whitespace ones, \t \n \v \f \r.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MIN_PLAUSIBLE_SHARE = 0.9


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese document is made of: Han, ASCII, CJK punctuation, full width."""
    if not text:
        return 0.0
    usual = sum(
        1
        for ch in text
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return usual / len(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: of the two byte orders, the one that reads as Chinese or ASCII text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if text is not None and (best is None or _plausible_share(text) > _plausible_share(best[0])):
            best = (text, encoding)
    if best is not None and _plausible_share(best[0]) >= _MIN_PLAUSIBLE_SHARE:
        return best
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _candidates(data: bytes):
    """Yield (text, encoding) guesses, most certain first."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            yield _strict(data, encoding), encoding
            return
    yield _strict(data, "utf-8"), "utf-8"
    utf16 = _utf16_without_bom(data)
    if utf16:
        yield utf16
    if b"\x00" in data:
        return  # NUL bytes in something that is not UTF-16: binary
    best = from_bytes(data).best()
    if best is not None and best.encoding in _ACCEPTED:
        yield str(best), best.encoding.replace("_", "-")
    yield _strict(data, "gb18030"), "gb18030"


def _is_binary_text(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROLS.findall(text))
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file; raise InputError when it is binary or in no supported encoding."""
    saw_binary = False
    for text, encoding in _candidates(data):
        if text is None:
            continue
        if _is_binary_text(text):
            saw_binary = True
            continue
        return text, encoding
    if saw_binary or b"\x00" in data:
        raise InputError(path, "binary data, not text (expected a .txt/.md text file)")
    raise InputError(path, "cannot decode text: not UTF-8, UTF-16 or GB18030/GBK")
