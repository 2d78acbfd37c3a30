"""Agreement of two annotators on the same documents (``jixiao annotate agreement A.json B.json``).

Two Label Studio exports are paired task by task (by the document's file name).
Within a task, spans are compared per Labels control (evaluations/items, flags,
section headings are separate layers):

- **span F1, exact**: spans with equal control, label, start and end;
  F1 = 2·agreed / (spans of A + spans of B), so it is symmetric.
- **span F1, overlap**: spans of equal control and label paired one to one when
  they share at least one character, the largest overlap first.
- **Cohen's kappa on labels** (scikit-learn ``cohen_kappa_score``): spans of one
  control paired one to one by overlap whatever their labels; a span the other
  annotator left out is paired with the label ``(none)``.
- **Cohen's kappa on boilerplate**: over the problem and suggestion spans paired
  by overlap, whether each annotator marked the statement boilerplate.

A kappa that is undefined (fewer than two pairs, or one class throughout for both)
is reported as null.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from nlp.corpus.annotate import BOILERPLATE, AnnotatedTask, Region, read_export
from nlp.corpus.gold_eval import greedy_match

NONE = "(none)"
STATEMENTS = ("problem", "suggestion")


def pair_by_overlap(
    a: Sequence[Region], b: Sequence[Region], same: Callable[[Region, Region], bool]
) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) of overlapping spans for which ``same`` holds, the largest overlap first."""

    def key(i: int, j: int) -> tuple[int] | None:
        overlap = min(a[i].end, b[j].end) - max(a[i].start, b[j].start)
        return (-overlap,) if overlap > 0 and same(a[i], b[j]) else None

    return greedy_match(len(a), len(b), key)


def _f1(agreed: int, n_a: int, n_b: int) -> float | None:
    return round(2 * agreed / (n_a + n_b), 4) if n_a + n_b else None


def _kappa(a: list[str], b: list[str]) -> float | None:
    from sklearn.metrics import cohen_kappa_score

    if len(a) < 2 or len(set(a) | set(b)) < 2:
        return None
    kappa = float(cohen_kappa_score(a, b))
    return None if math.isnan(kappa) else round(kappa, 4)


def _same_label(x: Region, y: Region) -> bool:
    return x.label == y.label


def agreement(tasks_a: list[AnnotatedTask], tasks_b: list[AnnotatedTask]) -> dict:
    """The figures of the module docstring over the tasks both exports annotated."""
    by_key_b = {task.key: task for task in tasks_b}
    shared = [(task, by_key_b[task.key]) for task in tasks_a if task.key in by_key_b]
    controls = sorted({r.control for task in (*tasks_a, *tasks_b) for r in task.regions})
    counts: Counter[str] = Counter()
    per_label: dict[str, Counter[str]] = {}
    labels_a: dict[str, list[str]] = {c: [] for c in controls}
    labels_b: dict[str, list[str]] = {c: [] for c in controls}
    boiler_a: list[str] = []
    boiler_b: list[str] = []
    for task_a, task_b in shared:
        for control in controls:
            a = [r for r in task_a.regions if r.control == control]
            b = [r for r in task_b.regions if r.control == control]
            exact = Counter((r.label, r.start, r.end) for r in a) & Counter((r.label, r.start, r.end) for r in b)
            overlap = pair_by_overlap(a, b, _same_label)
            counts.update(a=len(a), b=len(b), exact=sum(exact.values()), overlap=len(overlap))
            for side, regions in (("a", a), ("b", b)):
                for region in regions:
                    per_label.setdefault(f"{control}:{region.label}", Counter())[side] += 1
            for i, _ in overlap:
                per_label[f"{control}:{a[i].label}"]["overlap"] += 1
            paired = pair_by_overlap(a, b, lambda x, y: True)
            labels_a[control] += [a[i].label for i, _ in paired]
            labels_b[control] += [b[j].label for _, j in paired]
            left_a = set(range(len(a))) - {i for i, _ in paired}
            left_b = set(range(len(b))) - {j for _, j in paired}
            labels_a[control] += [a[i].label for i in sorted(left_a)] + [NONE] * len(left_b)
            labels_b[control] += [NONE] * len(left_a) + [b[j].label for j in sorted(left_b)]
        statements_a = [r for r in task_a.regions if r.control == "label" and r.label in STATEMENTS]
        statements_b = [r for r in task_b.regions if r.control == "label" and r.label in STATEMENTS]
        for i, j in pair_by_overlap(statements_a, statements_b, lambda x, y: True):
            boiler_a.append(str(BOILERPLATE in statements_a[i].choices.get(BOILERPLATE, [])).lower())
            boiler_b.append(str(BOILERPLATE in statements_b[j].choices.get(BOILERPLATE, [])).lower())
    return {
        "tasks": {"a": len(tasks_a), "b": len(tasks_b), "compared": len(shared)},
        "spans": {"a": counts["a"], "b": counts["b"]},
        "span_f1_exact": _f1(counts["exact"], counts["a"], counts["b"]),
        "span_f1_overlap": _f1(counts["overlap"], counts["a"], counts["b"]),
        "per_label_f1_overlap": {
            label: {"f1": _f1(c["overlap"], c["a"], c["b"]), "a": c["a"], "b": c["b"]}
            for label, c in sorted(per_label.items())
        },
        "kappa_labels": {
            control: {"kappa": _kappa(labels_a[control], labels_b[control]), "n": len(labels_a[control])}
            for control in controls
        },
        "kappa_boilerplate": {"kappa": _kappa(boiler_a, boiler_b), "n": len(boiler_a)},
        "method": (
            "tasks paired by document; spans compared per control; kappa over spans paired by overlap, "
            f"a span without a partner paired with {NONE}"
        ),
    }


def agreement_of_files(a: Path, b: Path) -> dict:
    """Agreement of the annotations of two Label Studio exports (``InputError`` for an unreadable one)."""
    tasks_a, _ = read_export(a)
    tasks_b, _ = read_export(b)
    return {"a": str(a), "b": str(b), **agreement(tasks_a, tasks_b)}
