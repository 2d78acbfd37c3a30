"""Building a comparison group from named documents (``jixiao reference build``).

Reading every input is a corpus job (it uses the batch's input expansion and the gold
files beside the development corpus); the group's format, versions and loading stay in
``nlp.structure.reference_group``, low enough for a single-document run to use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import InputError
from nlp.structure.reference_group import Member, ReferenceGroup
from nlp.text.corpus_stats import Reference, document_tetragrams


@dataclass(frozen=True)
class _Input:
    path: Path
    listed_as: str  # the file as the group file names it


def _inputs(inputs: Iterable[str | Path]) -> list[_Input]:
    """Every document of the inputs (folders searched as ``jixiao batch`` searches them), in a fixed order."""
    from nlp.corpus.batch import expand_inputs

    found: dict[str, _Input] = {}
    for item in inputs:
        root = Path(item)
        expanded = expand_inputs([str(item)])
        for folder, reason in expanded.unreadable.items():
            raise InputError(folder, reason)
        for path in map(Path, expanded.paths):
            listed_as = path.relative_to(root).as_posix() if root.is_dir() else path.name
            found.setdefault(listed_as, _Input(path, listed_as))
    return [found[key] for key in sorted(found)]


def _gold_beside(path: Path) -> tuple[str | None, str | None]:
    """Family and province from ``../gold/<stem>.json`` when the document sits in a development corpus's docs/."""
    from nlp.corpus.gold import GoldError, load_gold_file

    gold = path.parent.parent / "gold" / f"{path.stem}.json"
    if path.parent.name != "docs" or not gold.is_file():
        return None, None
    try:
        answer = load_gold_file(gold)
    except GoldError:
        return None, None
    return answer.family, answer.province


def _member(item: _Input) -> tuple[Member, frozenset[str]]:
    """Read one document (raises ``InputError``): its entry in the group file and its tetragrams."""
    from nlp.reading.ingest import ingest
    from nlp.structure.meta import extract_meta

    document = ingest(item.path)
    meta = extract_meta(document)
    family, province = _gold_beside(item.path)
    digest = hashlib.sha256(item.path.read_bytes()).hexdigest()[:16]
    member = Member(item.listed_as, digest, family, province, meta.year, meta.region)
    return member, document_tetragrams(document.text)


def build_group(
    inputs: Iterable[str | Path], name: str, progress: Callable[[int, int, str], None] | None = None
) -> ReferenceGroup:
    """The group of every document in ``inputs``; an unreadable document is an error (``InputError``).

    A group must be exactly the documents it lists, so nothing is skipped silently.
    """
    items = _inputs(inputs)
    if not items:
        raise InputError(", ".join(map(str, inputs)) or "(no input)", "no documents to build a group from")
    members, tetragram_sets = [], []
    for done, item in enumerate(items, start=1):
        member, grams = _member(item)
        members.append(member)
        tetragram_sets.append(grams)
        if progress:
            progress(done, len(items), item.listed_as)
    common = Reference.from_documents(tetragram_sets, name).boilerplate
    return ReferenceGroup(name, tuple(members), common)
