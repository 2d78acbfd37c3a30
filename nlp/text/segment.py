"""The one jieba segmenter of a process: loaded once, quietly, cached on disk in the user's own folder.

jieba caches its dictionary in the shared temporary folder by default, where another user's
file is in the way ("Dump cache file failed" and a traceback on every run) or, worse, is
loaded. Here the cache lives in ``$JIXIAO_CACHE``, else ``$XDG_CACHE_HOME/jixiao``, else
``~/.cache/jixiao``; where none can be written jieba builds its dictionary without a cache.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import jieba

_JIEBA_LOGGER = logging.getLogger("jieba")
_CACHE_FILE = "jieba.cache"  # the name jieba gives the default dictionary's cache


def cache_folder() -> Path | None:
    """The folder for jieba's dictionary cache, created if need be; None when none can be written."""
    configured = os.environ.get("JIXIAO_CACHE")
    if configured:
        folder = Path(configured)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        try:
            base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
        except RuntimeError:  # no home folder for this user
            return None
        folder = base / "jixiao"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


@contextlib.contextmanager
def _jieba_quiet() -> Iterator[None]:
    """jieba logs a failed cache write as an exception with its traceback; a missing cache only costs time."""
    level = _JIEBA_LOGGER.level
    _JIEBA_LOGGER.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        _JIEBA_LOGGER.setLevel(level)


def _load_cache(tokenizer: jieba.Tokenizer, folder: Path) -> bool:
    """Fill the default tokenizer from jieba's own cache file, read whole; False if there is none or it is bad.

    jieba reads the cache with ``marshal.load`` on the open file, which pulls it in small pieces:
    1.5 s in a fresh process against 0.4 s for ``marshal.loads`` of the file's bytes, most of a
    cold ``jixiao extract``. The file is the one jieba writes (and rebuilds when this fails), in the
    user's own folder.
    """
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return False
    try:
        freq, total = marshal.loads((folder / _CACHE_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


@cache
def segmenter() -> jieba.Tokenizer:
    """jieba's default tokenizer, initialized once (0.4 s from the dictionary cache, 1 s to build it)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    folder = cache_folder()
    # No writable folder: a folder that cannot exist, so jieba neither loads nor keeps a cache.
    tokenizer.tmp_dir = str(folder) if folder else os.devnull
    if folder is None or not _load_cache(tokenizer, folder):
        with _jieba_quiet():
            tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """jieba's tokens of ``text``, white space included, so that they join back to ``text``.

    Cached: a paragraph is segmented once and its tokens serve every stage that
    needs them (the claims' spaCy documents, the boilerplate measure, features).
    """
    return tuple(segmenter().lcut(text))


def words(text: str) -> list[str]:
    """jieba words of ``text`` without white space tokens."""
    return [token for token in tokens(text) if token.strip()]
