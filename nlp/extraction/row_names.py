"""Which rows of a 自评表 a phrase of the report names, in its own words.

Prose names a row otherwise than its 三级指标 cell (组织职业技能培训 for 职业技能培训人次, 新建大棚 for
新建大棚数量). A phrase names a row when the two share a run of several characters that is most of the
shorter. Rows are indexed by the runs of their names (a run many rows share names none of them), so the
rows a phrase may name are found in about its length, not the table's.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from nlp.text.document import Indicator

MIN_SHARED_NAME = 4  # characters a phrase and a row's name share at least (职业技能培训)
_SHARED_NAME_SHARE = 0.6  # and of the shorter of the two
_MAX_ROWS_OF_RUN = 8  # a run of characters more rows share than this (职业技能) names none of them


class RowNames:
    """The rows of one evaluation's tables, looked up by the phrases that name them."""

    def __init__(self, rows: list[Indicator]) -> None:
        self.rows = rows
        self._names = [_words(row.name or "") for row in rows]
        index: dict[str, list[int]] = {}
        for k, name in enumerate(self._names):
            for run in _runs(name):
                index.setdefault(run, []).append(k)
        self._by_run = {run: ks for run, ks in index.items() if len(ks) <= _MAX_ROWS_OF_RUN}

    def named(self, phrase: str) -> list[int]:
        """The rows (by index) whose names ``phrase`` shares most of its words with, the closest first (the longest
        run shared; then table order)."""
        words = _words(phrase)
        candidates = {k for run in _runs(words) for k in self._by_run.get(run, ())}
        shared = {k: _shared(words, self._names[k]) for k in candidates}
        alike = [k for k in candidates if _enough(shared[k], words, self._names[k])]
        return sorted(alike, key=lambda k: (-shared[k], k))


def _runs(text: str) -> set[str]:
    """The runs of MIN_SHARED_NAME characters of a name or phrase."""
    return {text[k : k + MIN_SHARED_NAME] for k in range(len(text) - MIN_SHARED_NAME + 1)}


# Marks a name may carry or lose on its way through a page (“双随机、一公开”检查, a PDF's 开展 双随机 检查“”).
_NOT_WORDS = re.compile(r"[\s“”\"‘’'「」『』]")


def _words(text: str) -> str:
    return _NOT_WORDS.sub("", text)


def _shared(phrase: str, name: str) -> int:
    """The characters of the longest run two names have in common."""
    return SequenceMatcher(None, phrase, name, autojunk=False).find_longest_match().size


def _enough(shared: int, phrase: str, name: str) -> bool:
    return shared >= MIN_SHARED_NAME and shared >= _SHARED_NAME_SHARE * min(len(phrase), len(name))
