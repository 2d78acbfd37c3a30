"""The one jieba segmenter of a process: loaded once, quietly, cached on disk."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import cache, lru_cache

import jieba


@cache
def segmenter() -> jieba.Tokenizer:
    """jieba's default tokenizer, initialized once (about 1 s; the dictionary cache helps a little)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    tokenizer.tmp_dir = os.environ.get("JIXIAO_CACHE", tempfile.gettempdir())
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in segmenter().lcut(text) if word.strip())


def words(text: str) -> list[str]:
    """jieba words of ``text`` without white space tokens.

    Cached: headings, statements and evaluation texts are segmented by more than one stage.
    """
    return list(_words(text))
