"""A batch's comparison groups for boilerplate: built from a sample of its own inputs.

Boilerplate is phrasing shared by many documents of the same kind, so a batch is
measured against itself (or one group per ``group_by`` key, e.g. year and region)
rather than against the seeds. The sample is read in the same isolated workers as
the documents (``nlp.corpus.batch_workers``): an input that cannot be sampled is just left
out of the groups and gets its error row later.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import InputError
from nlp.reading.ingest import ingest
from nlp.text.corpus_stats import Reference

GROUPS = "comparison_groups.json"
SAMPLE = 100  # documents read (before the run) to build the comparison groups
MIN_GROUP = 5  # sampled documents a group needs before it replaces the whole batch's

Sampled = tuple[str, frozenset[str]]  # an input's group key and its tetragrams


@dataclass
class Groups:
    """The batch's comparison groups: the whole batch, and one per ``group_by`` key with enough documents."""

    group_by: tuple[str, ...]
    whole: Reference
    by_key: dict[str, Reference]

    def key(self, meta) -> str:
        return group_key(meta, self.group_by)

    def for_document(self, document) -> Reference:
        """The group a batch measures this document against."""
        from nlp.structure.meta import extract_meta

        return self.reference_for(extract_meta(document))

    def reference_for(self, meta) -> Reference:
        return self.by_key.get(self.key(meta), self.whole) if self.group_by else self.whole

    def to_json(self) -> dict:
        return {
            "group_by": list(self.group_by),
            "groups": {
                key: {"n_documents": ref.n_documents, "boilerplate_tetragrams": sorted(ref.boilerplate)}
                for key, ref in {"*": self.whole, **self.by_key}.items()
            },
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Groups:
        data = json.loads(path.read_text(encoding="utf-8"))
        refs = {
            key: Reference(f"batch:{key}", value["n_documents"], frozenset(value["boilerplate_tetragrams"]))
            for key, value in data["groups"].items()
        }
        whole = refs.pop("*")
        return cls(tuple(data["group_by"]), whole, refs)

    def summary(self) -> dict:
        return {"group_by": list(self.group_by), "whole_batch_sample": self.whole.n_documents,
                "groups": {k: r.n_documents for k, r in self.by_key.items()}}  # fmt: skip


def group_key(meta, group_by: tuple[str, ...]) -> str:
    return "|".join(str(getattr(meta, field)) for field in group_by)


def sample_tetragrams(path: str, group_by: tuple[str, ...]) -> Sampled | None:
    """A sampled input's group key and tetragrams; None if it cannot be read (run in the workers)."""
    from nlp.structure.meta import extract_meta
    from nlp.text.corpus_stats import document_tetragrams

    try:
        document = ingest(path)
    except InputError:
        return None
    key = group_key(extract_meta(document), group_by) if group_by else ""
    return key, document_tetragrams(document.text)


def sample_of(paths: list[str]) -> list[str]:
    """A deterministic sample of the batch: every k-th input, at most SAMPLE."""
    return paths[:: max(1, len(paths) // SAMPLE)][:SAMPLE]


def build_groups(
    paths: list[str], group_by: tuple[str, ...], sampler: Callable[[list[str]], Iterable[Sampled | None]]
) -> Groups:
    """Comparison groups from the sample of ``paths``; ``sampler`` reads it (None for an input it could not)."""
    found = [item for item in sampler(sample_of(paths)) if item is not None]
    whole = Reference.from_documents((grams for _, grams in found), "batch:*")
    by_key: dict[str, list[frozenset[str]]] = {}
    for key, grams in found:
        by_key.setdefault(key, []).append(grams)
    groups = {
        key: Reference.from_documents(members, f"batch:{key}")
        for key, members in by_key.items()
        if group_by and len(members) >= MIN_GROUP
    }
    return Groups(group_by, whole, groups)
