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
