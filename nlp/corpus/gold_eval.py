"""Scoring the whole pipeline against the gold answers of ``corpus/dev`` (``jixiao evaluate --gold DIR``).

Each document in ``DIR/docs`` is analysed and its SPEC §3 JSON compared with
``DIR/gold/<id>.json``. Every comparison of text goes through ``nlp.corpus.gold.fold``.
Counts are kept per document and summed per template family and overall before
dividing (micro averages), and every figure is reported with its numerator and
denominator ``n``. A document that cannot be analysed counts as one that produced
nothing (and is listed among the failures). In a checkout, a document the shipped
section model learned from (a seed or a ``corpus/dev`` document, told by its bytes)
is read with the section model trained without its template family
(``nlp.corpus.training.FamilyFolds``): leave-one-family-out.

Definitions:

- **evaluations** P / R / F1: predicted and gold evaluations are paired one to one,
  most similar first, when their kinds are equal and their names match: names are
  compared after removing years (2023年度), the report words 项目支出 部门整体支出 绩效
  自评报告 评价报告 自评表 自评 报告 项目 单位, and punctuation; two such cores match
  when one contains the other or their difflib ratio is ≥ 0.6. A gold evaluation
  whose name the text cuts off (``name: null``) takes the first predicted one of its
  kind left over after the named are paired. P = matched /
  predicted, R = matched / gold, F1 = 2·matched / (predicted + gold).
- **indicators** R / P: pooled over the document (not per evaluation, so an indicator
  attached to the wrong evaluation still shows whether it was read): gold rows and
  predicted indicators paired one to one by folded name (equal, or one contains the
  other and the shorter has ≥ 2 characters, or ratio ≥ 0.75; ties go to the pair
  whose evaluations are matched). R = matched gold rows / gold rows, P = matched
  predicted / all predicted indicators.
- **values** accuracy: over matched indicator pairs, each target and actual the gold
  states. Correct when the gold number equals the predicted Value's ``value``
  (relative tolerance 1e-6; a predicted range is not equal), or, where the gold has
  no number, when the predicted Value exists and its folded ``raw`` equals, contains
  or is contained in the gold's.
- **budget** accuracy: over matched evaluations, each of planned and executed that
  gold or prediction states; correct when both are stated and agree within 0.005
  万元 or 0.1%.
- **claimed score** accuracy: over matched evaluations where gold or prediction
  states one; correct when both agree within 0.01.
- **statements** R / P: problems with problems and suggestions with suggestions of
  each matched evaluation, paired one to one when one folded text contains the other
  or their longest common substring is ≥ 0.6 of the shorter. Statements of unmatched
  evaluations count as unfound (gold, in R) or unconfirmed (predicted, in P).
  **boilerplate** accuracy: matched statement pairs whose ``boilerplate`` agrees.
- **flags** R: over matched evaluations, required codes raised by a flag whose
  ``eval`` is that evaluation (its own flags or document flags naming it) / required
  codes. **flags false alarms**: forbidden codes so raised / forbidden codes listed.
- **sections** accuracy: each gold heading finds the first predicted section whose
  folded heading (its number removed) equals it, else the first that contains or is
  contained in it (the shorter ≥ 2 characters); correct when the labels are equal
  (no section found = wrong).
- **pairs** accuracy: over ``DIR/pairs.jsonl``, pairs whose better evaluation has the
  higher ``quality.score`` (both must be matched; otherwise wrong). A pair counts in
  a family when both its documents belong to that family, and always overall.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from nlp.corpus.gold import (
    FAMILIES,
    GoldDocument,
    GoldEvaluation,
    GoldIndicator,
    GoldPair,
    GoldStatement,
    fold,
    load_gold_dir,
)
from nlp.corpus.gold import load_pairs as _load_pairs

if TYPE_CHECKING:
    from nlp.corpus.training import FamilyFolds

# figure → (short label for the table, what it counts).
FIGURES: dict[str, tuple[str, str]] = {
    "evaluations_precision": ("evaluations P", "matched / predicted evaluations"),
    "evaluations_recall": ("evaluations R", "matched / gold evaluations"),
    "evaluations_f1": ("evaluations F1", "2 x matched / (predicted + gold evaluations)"),
    "indicators_recall": ("indicators R", "matched / gold indicator rows (pooled per document)"),
    "indicators_precision": ("indicators P", "matched / predicted indicators"),
    "values_accuracy": ("values acc", "correct / gold targets and actuals of matched indicators"),
    "budget_accuracy": ("budget acc", "correct / planned and executed stated by gold or prediction"),
    "claimed_score_accuracy": ("claimed score acc", "correct / claimed scores stated by gold or prediction"),
    "statements_recall": ("statements R", "matched / gold problems and suggestions"),
    "statements_precision": ("statements P", "matched / predicted problems and suggestions"),
    "boilerplate_accuracy": ("boilerplate acc", "boilerplate agrees / matched statements"),
    "flags_recall": ("flags R", "required codes raised / required codes (matched evaluations)"),
    "flags_false_alarm_rate": ("flags false alarm", "forbidden codes raised / forbidden codes listed"),
    "sections_accuracy": ("sections acc", "label equal / gold sections"),
    "pairs_accuracy": ("pairs acc", "better evaluation scored higher / expert pairs"),
}
METHOD = (
    "leave-one-family-out: the section model learns from the five annotated seeds and the gold section labels "
    "of corpus/dev; a document it learned from is read with the model trained without its template family "
    "(the claim model learns from the seeds only), so each figure says how a template never seen is read"
)
_REPORT_WORDS = ("部门整体支出", "项目支出", "自评报告", "评价报告", "自评表", "绩效", "自评", "报告", "项目", "单位")
_EMPTY_DOCUMENT: dict = {"evaluations": [], "sections": [], "flags": []}

Tally = dict[str, list[int]]  # figure → [numerator, denominator]


def _new_tally() -> Tally:
    return {key: [0, 0] for key in FIGURES}


def _add(tally: Tally, key: str, numerator: int, denominator: int) -> None:
    tally[key][0] += numerator
    tally[key][1] += denominator


def _ratio(a: str, b: str, floor: float) -> float | None:
    """difflib ratio of two folded strings when it reaches ``floor`` (cheap upper bounds first)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= floor else None


def name_core(name: str) -> str:
    """An evaluation name without years, report-type words and punctuation: what identifies the unit."""
    core = re.sub(r"(?:19|20)\d{2}年度?|[〇零一二三四五六七八九]{4}年度?", "", fold(name))
    core = re.sub(r"[\W_]+", "", core)
    for word in _REPORT_WORDS:
        core = core.replace(word, "")
    return core


def name_similarity(gold: str, predicted: str) -> float | None:
    """Similarity of two evaluation names' cores when they match (containment or ratio ≥ 0.6), else None."""
    a, b = name_core(gold), name_core(predicted)
    if not a or not b:
        return None
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio if a in b or b in a or ratio >= 0.6 else None


def names_match(gold: str, predicted: str) -> bool:
    return name_similarity(gold, predicted) is not None


def greedy_match(n_gold: int, n_predicted: int, key: Callable[[int, int], tuple | None]) -> list[tuple[int, int]]:
    """One-to-one pairs, best first: ``key(g, p)`` is None for no match, else a sort key (smaller is better)."""
    candidates = sorted((k, g, p) for g in range(n_gold) for p in range(n_predicted) if (k := key(g, p)) is not None)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def match_evaluations(gold: Sequence[GoldEvaluation], predicted: Sequence[dict]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of evaluations of the same kind whose names match, most similar first.

    A gold evaluation whose name the text cuts off (``name: null``) takes the first predicted evaluation of its
    kind left over once every named one is paired: its name cannot be judged, its presence can.
    """

    def key(g: int, p: int) -> tuple | None:
        if gold[g].kind != predicted[p].get("kind"):
            return None
        if gold[g].name is None:
            return (1, 0.0)
        similarity = name_similarity(gold[g].name, predicted[p].get("name") or "")
        return None if similarity is None else (0, -similarity)

    return greedy_match(len(gold), len(predicted), key)


def indicator_similarity(gold: str, predicted: str) -> float | None:
    """Similarity of two indicator names when they match (equal, containment ≥ 2 chars, ratio ≥ 0.75), else None."""
    a, b = fold(gold), fold(predicted)
    if not a or not b:
        return None
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 2 and shorter in longer:
        return SequenceMatcher(None, a, b, autojunk=False).ratio()
    return _ratio(a, b, 0.75)


def match_indicators(
    gold: Sequence[tuple[int, GoldIndicator]],
    predicted: Sequence[tuple[int, dict]],
    evaluation_pairs: dict[int, int],
) -> list[tuple[int, int]]:
    """Pool-wide pairs of (evaluation index, row) lists; among equals, rows of matched evaluations pair first."""

    def key(g: int, p: int) -> tuple | None:
        similarity = indicator_similarity(gold[g][1].name, predicted[p][1].get("name") or "")
        if similarity is None:
            return None
        return (-similarity, evaluation_pairs.get(gold[g][0]) != predicted[p][0])

    return greedy_match(len(gold), len(predicted), key)


def value_correct(raw: str, number: float | None, predicted: dict | None) -> bool:
    """Whether a predicted Value (as the document JSON states it) reads the gold cell ``raw`` (whose number is
    ``number``, None for text): gold is scored against the output contract, not the records behind it."""
    if predicted is None:
        return False
    if number is not None:
        value = predicted.get("value")
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return is_number and math.isclose(value, number, rel_tol=1e-6, abs_tol=1e-9)
    a, b = fold(raw), fold(predicted.get("raw") or "")
    return bool(a and b) and (a in b or b in a)


def amount_close(gold: float | None, predicted: float | None) -> bool:
    """Budget amounts in 万元 agree: both stated and within 0.005 万元 or 0.1%."""
    if gold is None or predicted is None:
        return False
    gap = abs(gold - predicted)
    return gap <= 0.005 + 1e-9 or gap <= 0.001 * abs(gold) + 1e-9


def statement_overlap(gold: str, predicted: str) -> float | None:
    """Share of the shorter folded text in the longest common substring (1.0 for containment) when ≥ 0.6."""
    a, b = fold(gold), fold(predicted)
    if not a or not b:
        return None
    shorter = min(len(a), len(b))
    if a in b or b in a:
        return 1.0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    share = match.size / shorter
    return share if share >= 0.6 else None


def match_statements(gold: Sequence[GoldStatement], predicted: Sequence[dict]) -> list[tuple[int, int]]:
    """One-to-one statement pairs by overlap; among equal overlaps the closer lengths pair first (无 with 无。)."""

    def key(g: int, p: int) -> tuple | None:
        text = predicted[p].get("text") or ""
        overlap = statement_overlap(gold[g].text, text)
        if overlap is None:
            return None
        lengths = sorted((len(fold(gold[g].text)), len(fold(text))))
        return (-overlap, -lengths[0] / lengths[1])

    return greedy_match(len(gold), len(predicted), key)


def find_section(heading: str, sections: Sequence[dict]) -> dict | None:
    """The predicted section a gold heading names: the first equal one, else the first containing or contained."""
    target = fold(heading)
    folded = []
    for section in sections:
        text, number = section.get("heading") or "", section.get("number") or ""
        # a heading that is only its marker (目录, 第一部分) is named by the marker itself
        own = text[len(number) :] if number and text.startswith(number) else text
        folded.append(fold(own) or fold(text))
    for section, candidate in zip(sections, folded, strict=True):
        if candidate == target:
            return section
    for section, candidate in zip(sections, folded, strict=True):
        shorter, longer = sorted((candidate, target), key=len)
        if len(shorter) >= 2 and shorter in longer:
            return section
    return None


@dataclass
class DocumentScore:
    """One document's counts and what did not match, for the per-document report."""

    id: str
    family: str
    status: str  # ok | error | no_evaluation
    reason: str | None
    tally: Tally
    quality: dict[int, float | None] = field(default_factory=dict)  # gold evaluation index → predicted quality
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "family": self.family,
            "status": self.status,
            "reason": self.reason,
            "figures": figures(self.tally),
            **self.details,
        }


def _flag_codes(evaluation: dict, document_flags: Sequence[dict]) -> set[str]:
    """Codes of the flags whose ``eval`` is this evaluation (its own flags or document flags naming it)."""
    flags = [*evaluation.get("flags", []), *document_flags]
    return {flag["code"] for flag in flags if flag.get("eval") == evaluation.get("id")}


def _score_evaluation(tally: Tally, gold: GoldEvaluation, predicted: dict, document_flags: Sequence[dict]) -> None:
    """Budget, claimed score and flags of one matched evaluation."""
    budget = predicted.get("budget") or {}
    for gold_amount, predicted_amount in (
        (gold.planned, budget.get("planned")),
        (gold.executed, budget.get("executed")),
    ):
        if gold_amount is not None or predicted_amount is not None:
            _add(tally, "budget_accuracy", amount_close(gold_amount, predicted_amount), 1)
    claimed = predicted.get("claimed_score")
    if gold.claimed_score is not None or claimed is not None:
        agree = gold.claimed_score is not None and claimed is not None and abs(gold.claimed_score - claimed) <= 0.01
        _add(tally, "claimed_score_accuracy", agree, 1)
    codes = _flag_codes(predicted, document_flags)
    _add(tally, "flags_recall", sum(code in codes for code in gold.flags_required), len(gold.flags_required))
    _add(
        tally, "flags_false_alarm_rate", sum(code in codes for code in gold.flags_forbidden), len(gold.flags_forbidden)
    )


def _score_statements(tally: Tally, gold: GoldEvaluation | None, predicted: dict | None) -> None:
    """Problems and suggestions of a matched pair, or of one side alone (all unmatched)."""
    for kind in ("problems", "suggestions"):
        gold_items = getattr(gold, kind) if gold is not None else ()
        predicted_items = predicted.get(kind, []) if predicted is not None else []
        pairs = match_statements(gold_items, predicted_items)
        _add(tally, "statements_recall", len(pairs), len(gold_items))
        _add(tally, "statements_precision", len(pairs), len(predicted_items))
        agree = sum(gold_items[g].boilerplate == bool(predicted_items[p].get("boilerplate")) for g, p in pairs)
        _add(tally, "boilerplate_accuracy", agree, len(pairs))


def score_document(gold: GoldDocument, predicted: dict | None, reason: str | None = None) -> DocumentScore:
    """Compare one document's SPEC §3 JSON (None when analysis failed, for ``reason``) with its gold."""
    document = predicted if predicted is not None else _EMPTY_DOCUMENT
    evaluations = document["evaluations"]
    tally = _new_tally()
    pairs = match_evaluations(gold.evaluations, evaluations)
    _add(tally, "evaluations_precision", len(pairs), len(evaluations))
    _add(tally, "evaluations_recall", len(pairs), len(gold.evaluations))
    _add(tally, "evaluations_f1", 2 * len(pairs), len(evaluations) + len(gold.evaluations))

    gold_rows = [(i, row) for i, evaluation in enumerate(gold.evaluations) for row in evaluation.indicators]
    predicted_rows = [(j, row) for j, evaluation in enumerate(evaluations) for row in evaluation.get("indicators", [])]
    indicator_pairs = match_indicators(gold_rows, predicted_rows, dict(pairs))
    _add(tally, "indicators_recall", len(indicator_pairs), len(gold_rows))
    _add(tally, "indicators_precision", len(indicator_pairs), len(predicted_rows))
    for g, p in indicator_pairs:
        gold_row, predicted_row = gold_rows[g][1], predicted_rows[p][1]
        for raw, number, value in (
            (gold_row.target, gold_row.target_value, predicted_row.get("target")),
            (gold_row.actual, gold_row.actual_value, predicted_row.get("actual")),
        ):
            if raw is not None:
                _add(tally, "values_accuracy", value_correct(raw, number, value), 1)

    matched = dict(pairs)
    for g, evaluation in enumerate(gold.evaluations):
        counterpart = evaluations[matched[g]] if g in matched else None
        _score_statements(tally, evaluation, counterpart)
        if counterpart is not None:
            _score_evaluation(tally, evaluation, counterpart, document["flags"])
    for p in sorted(set(range(len(evaluations))) - set(matched.values())):
        _score_statements(tally, None, evaluations[p])

    wrong_sections = []
    for section in gold.sections:
        found = find_section(section.heading, document["sections"])
        correct = found is not None and found.get("label") == section.label
        _add(tally, "sections_accuracy", correct, 1)
        if not correct:
            predicted_label = found.get("label") if found is not None else None
            wrong_sections.append({"heading": section.heading, "gold": section.label, "predicted": predicted_label})

    if predicted is None:
        status = "error"
    elif not evaluations and gold.evaluations:
        status, reason = "no_evaluation", "no evaluation found"
    else:
        status = "ok"
    matched_rows = {g for g, _ in indicator_pairs}
    details = {
        "evaluations": {
            "matched": [[gold.evaluations[g].name, evaluations[p].get("name")] for g, p in pairs],
            "gold_unmatched": [e.name for g, e in enumerate(gold.evaluations) if g not in matched],
            "predicted_unmatched": [e.get("name") for p, e in enumerate(evaluations) if p not in set(matched.values())],
        },
        "indicators_gold_unmatched": [row.name for g, (_, row) in enumerate(gold_rows) if g not in matched_rows],
        "sections_wrong": wrong_sections,
    }
    quality = {g: (evaluations[p].get("quality") or {}).get("score") for g, p in pairs}
    return DocumentScore(gold.id, gold.family, status, reason, tally, quality, details)


def score_pair(pair: GoldPair, scores: dict[str, DocumentScore]) -> bool:
    """Whether the predicted quality ranks the expert's better evaluation above the worse one."""
    better = scores[pair.better.doc].quality.get(pair.better.index)
    worse = scores[pair.worse.doc].quality.get(pair.worse.index)
    return better is not None and worse is not None and better > worse


def figures(tally: Tally) -> dict[str, dict]:
    """Each figure as value (None when n is 0), numerator and n."""
    return {
        key: {"value": round(num / den, 4) if den else None, "num": num, "n": den} for key, (num, den) in tally.items()
    }


def load_pairs(folder: Path, documents: Sequence[GoldDocument]) -> list[GoldPair]:
    """The expert pairs of ``folder/pairs.jsonl`` (none when the file is absent)."""
    path = folder / "pairs.jsonl"
    return _load_pairs(path, list(documents), names_match) if path.is_file() else []


def _analyse(path: Path, folds: FamilyFolds | None, ocr: bool = False) -> tuple[dict | None, str | None]:
    """The document JSON, or None and the reason: one failing document must not stop the scoring."""
    from nlp.errors import InputError
    from nlp.pipeline import analyze  # the whole pipeline loads only when documents are scored

    try:
        return analyze(path, section_labeller=folds.model_for(path) if folds else None, ocr=ocr).to_json(), None
    except InputError as error:
        return None, str(error)
    except Exception as error:  # a pipeline fault on one document is reported as that document's failure
        return None, f"{path}: {type(error).__name__}: {error}"


def _family_folds() -> FamilyFolds | None:
    """Leave-one-family-out models in a checkout (which holds the corpus the shipped model learned from)."""
    from nlp.corpus.training import FamilyFolds
    from nlp.structure.model_store import CORPUS

    return FamilyFolds(CORPUS) if (CORPUS / "annotations").is_dir() else None


def evaluate_gold(
    folder: Path,
    family: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    ocr: bool = False,
) -> dict:
    """Analyse every gold document of ``folder`` (optionally one family) and score it: overall, per family, each.
    With ``ocr`` scanned PDFs and images are read by OCR, as ``jixiao extract --ocr`` reads them."""
    every = load_gold_dir(folder)
    documents = [gold for gold in every if family is None or gold.family == family]
    selected = {gold.id for gold in documents}
    pairs = [p for p in load_pairs(folder, every) if {p.better.doc, p.worse.doc} <= selected]
    scores: dict[str, DocumentScore] = {}
    folds = _family_folds()
    for done, gold in enumerate(documents):
        if progress is not None:
            progress(done, len(documents), gold.id)
        predicted, reason = _analyse(folder / "docs" / gold.doc, folds, ocr)
        scores[gold.id] = score_document(gold, predicted, reason)

    overall = _new_tally()
    per_family: dict[str, Tally] = {}
    for score in scores.values():
        tally = per_family.setdefault(score.family, _new_tally())
        for key, (num, den) in score.tally.items():
            _add(overall, key, num, den)
            _add(tally, key, num, den)
    for pair in pairs:
        correct = score_pair(pair, scores)
        _add(overall, "pairs_accuracy", correct, 1)
        families = {scores[pair.better.doc].family, scores[pair.worse.doc].family}
        if len(families) == 1:
            _add(per_family[families.pop()], "pairs_accuracy", correct, 1)
    n_documents = {name: sum(s.family == name for s in scores.values()) for name in per_family}
    return {
        "method": METHOD,
        "gold": str(folder),
        "definitions": {key: definition for key, (_, definition) in FIGURES.items()},
        "overall": {"documents": len(scores), "figures": figures(overall)},
        "per_family": {
            name: {"documents": n_documents[name], "figures": figures(per_family[name])}
            for name in FAMILIES
            if name in per_family
        },
        "per_document": [score.to_dict() for score in scores.values()],
        "failures": [
            {"id": s.id, "family": s.family, "status": s.status, "reason": s.reason}
            for s in scores.values()
            if s.status != "ok"
        ],
    }
