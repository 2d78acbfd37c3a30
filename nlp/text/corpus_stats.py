"""Corpus measures of disclosure quality (DOMAIN.md §5) on jieba words, and near-duplicate passages.

- Boilerplate (Lang & Stice-Lawrence 2015): tetragrams (four words within a
  sentence) found in 30–75% of a comparison group's documents; a text's
  boilerplate is the share of its words in sentences holding one.
- Near-duplicates: MinHash LSH (datasketch) over character 5-shingles.

A single document is compared with the group shipped in ``models/reference/dev.json``
(``nlp.structure.reference_group``); a batch run builds its own over the batch unless told otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from nlp.text.segment import tokens

_SENTENCE_ENDS = frozenset("。！？!?；;")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
BOILERPLATE_SHARE = (0.30, 0.75)
_SHINGLE = 5
PERMUTATIONS = 128
DUPLICATE_THRESHOLD = 0.8


@lru_cache(maxsize=16)  # an evaluation's text is measured for quality and again for the batch's tables
def sentence_words(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of each sentence (punctuation dropped), segmenting each line once (cached)."""
    sentences: list[list[str]] = []
    for line in text.split("\n"):
        current: list[str] = []
        for token in tokens(line):
            if token in _SENTENCE_ENDS:
                if current:
                    sentences.append(current)
                current = []
            elif _WORD.search(token):
                current.append(token)
        if current:
            sentences.append(current)
    return tuple(map(tuple, sentences))


def tetragrams(sentence: tuple[str, ...]) -> set[str]:
    return {" ".join(sentence[i : i + 4]) for i in range(len(sentence) - 3)}


def document_tetragrams(text: str) -> frozenset[str]:
    """Every tetragram of a document, for its comparison group's document frequencies."""
    return frozenset().union(*map(tetragrams, sentence_words(text))) if text else frozenset()


@dataclass
class Reference:
    """A comparison group: how many documents, and the tetragrams common enough to be template."""

    group: str
    n_documents: int
    boilerplate: frozenset[str]
    version: str | None = None  # a saved group's content hash (nlp.structure.reference_group); None for a run's own

    @classmethod
    def build(cls, texts: Iterable[str], group: str) -> Reference:
        return cls.from_documents(map(document_tetragrams, texts), group)

    @classmethod
    def from_documents(cls, documents: Iterable[frozenset[str]], group: str) -> Reference:
        """The group of documents given by their tetragram sets (``document_tetragrams``)."""
        frequency: Counter[str] = Counter()
        n = 0
        for found in documents:
            n += 1
            frequency.update(found)
        low, high = BOILERPLATE_SHARE
        common = {t for t, df in frequency.items() if df >= 2 and low <= df / max(n, 1) <= high}
        return cls(group, n, frozenset(common))

    def save(self, path: Path) -> None:
        data = {
            "group": self.group,
            "n_documents": self.n_documents,
            "boilerplate_tetragrams": sorted(self.boilerplate),
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Reference:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["group"], data["n_documents"], frozenset(data["boilerplate_tetragrams"]))

    def boilerplate_share(self, text: str) -> float:
        """Share of the text's words that stand in a sentence holding a common tetragram."""
        return _boilerplate_share(text, self.boilerplate)


@lru_cache(maxsize=16)  # an evaluation is measured for its quality and again for the batch's tables
def _boilerplate_share(text: str, boilerplate: frozenset[str]) -> float:
    sentences = sentence_words(text)
    total = sum(len(s) for s in sentences)
    templated = sum(len(s) for s in sentences if tetragrams(s) & boilerplate)
    return templated / total if total else 0.0


def _shingles(text: str) -> list[bytes]:
    compact = re.sub(r"\s", "", text)
    return [compact[i : i + _SHINGLE].encode() for i in range(max(len(compact) - _SHINGLE + 1, 1))]


@cache
def _lsh_bands(threshold: float) -> tuple[int, int]:
    """datasketch finds its bands by numeric integration on every index it builds: do it once."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    return index.b, index.r


def signatures(passages: list[str]) -> list:
    """MinHash signatures (datasketch) of the passages' character 5-shingles."""
    return list(_signatures(tuple(passages)))


@lru_cache(maxsize=4)  # a document's passages: signed for the document's own check, reused for the batch's
def _signatures(passages: tuple[str, ...]) -> tuple:
    from datasketch import MinHash

    # crc32 (C, stable across processes) in place of datasketch's default SHA-1 in Python: a third of the cost.
    return tuple(MinHash.bulk([_shingles(p) for p in passages], num_perm=PERMUTATIONS, seed=1, hashfunc=zlib.crc32))


def band_keys(signature, threshold: float = DUPLICATE_THRESHOLD) -> list[int]:
    """One 64-bit key per LSH band (the bands datasketch would use): equal keys make a candidate pair.

    Written out so that a batch can match passages across documents in DuckDB, out of
    core, instead of holding a datasketch index of the whole corpus in memory.
    """
    bands, rows = _lsh_bands(threshold)
    values = signature.hashvalues
    return [
        int.from_bytes(hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(),
                       "little", signed=True)
        for i in range(bands)
    ]  # fmt: skip


def near_duplicates(passages: list[str], threshold: float = DUPLICATE_THRESHOLD) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of passages whose estimated Jaccard similarity reaches ``threshold``."""
    from datasketch import MinHashLSH

    if len(passages) < 2:
        return []
    found = signatures(passages)
    index = MinHashLSH(num_perm=PERMUTATIONS, params=_lsh_bands(threshold))
    pairs = set()
    for i, signature in enumerate(found):
        for j in index.query(signature):
            if signature.jaccard(found[j]) >= threshold:
                pairs.add((j, i))
        index.insert(i, signature)
    return sorted(pairs)
