"""Gold answers of the development corpus (``corpus/dev/README.md``): loading, validation and text folding.

A gold file is written by a reader, not by the tool, so it is checked strictly: a
misspelt key or an unknown label would otherwise silently lower (or raise) a score.
Every error names the file and the field. ``fold`` is the one normalization used
for every text comparison against gold, so that surface variants (full-width
punctuation, spaces, traditional characters) never count as reading errors.
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.extraction.indicators import DIMENSIONS
from nlp.structure.sections import LABELS
from nlp.text.normalize import drop_pinyin_glosses

FAMILIES = (
    "sichuan_juesuan",
    "hunan_scoring",
    "anhui_table",
    "yunnan_unit",
    "national_cost",
    "jiangsu_zhejiang",
    "dept_scoring",
    "township_school",
    "national_project",
    "national_dept",
)
ORIGINS = ("real", "written")
KINDS = ("department", "project")
# The flag table of SPEC §3.
FLAG_CODES = (
    "NONE_STATEMENT",
    "MISSING_SECTION",
    "BOILERPLATE_TEXT",
    "DUPLICATE_TEXT",
    "TARGET_EQUALS_ACTUAL",
    "VAGUE_INDICATOR",
    "EMPTY_INDICATOR",
    "MALFORMED_TABLE",
    "UNSUPPORTED_SATISFACTION",
    "SCORE_MISMATCH",
    "ARITHMETIC_MISMATCH",
    "NARRATIVE_TABLE_CONFLICT",
    "UNIT_ERROR",
    "PERFECT_RECORD",
)
MANIFEST_COLUMNS = ("id", "origin", "family", "province", "level", "format", "source_url", "published", "retrieved")

# After NFKC (which already folds ，；：（）！？ and full-width letters): the variants NFKC leaves apart.
_PUNCTUATION = str.maketrans(
    {
        "、": ",",
        "。": ".",
        "“": '"',
        "”": '"',
        "„": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "‘": "'",
        "’": "'",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "〖": "[",
        "〗": "]",
        "《": "<",
        "》": ">",
        "〈": "<",
        "〉": ">",
        "—": "-",
        "–": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "─": "-",
        "~": "-",
        "・": "·",
        "•": "·",
        "≧": "≥",
        "≦": "≤",
    }
)
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


class GoldError(Exception):
    """A gold file or pairs.jsonl that does not follow corpus/dev/README.md; the message names file and field."""

    def __init__(self, path: Path | str, field: str, reason: str) -> None:
        super().__init__(f"{path}: {field}: {reason}" if field else f"{path}: {reason}")


@dataclass(frozen=True)
class GoldIndicator:
    dimension: str
    name: str
    target: str | None
    target_value: float | None
    actual: str | None
    actual_value: float | None


@dataclass(frozen=True)
class GoldStatement:
    text: str
    boilerplate: bool


@dataclass(frozen=True)
class GoldEvaluation:
    kind: str
    name: str | None  # None where the text cuts the name off
    planned: float | None
    executed: float | None
    claimed_score: float | None
    indicators: tuple[GoldIndicator, ...]
    problems: tuple[GoldStatement, ...]
    suggestions: tuple[GoldStatement, ...]
    flags_required: tuple[str, ...]
    flags_forbidden: tuple[str, ...]


@dataclass(frozen=True)
class GoldSection:
    heading: str
    label: str


@dataclass(frozen=True)
class GoldDocument:
    id: str  # the gold file's stem, which is also the document's
    doc: str  # the document's file name in docs/
    origin: str
    family: str
    province: str | None
    level: str | None
    format: str
    source_url: str | None
    published: str | None
    retrieved: str | None
    evaluations: tuple[GoldEvaluation, ...]
    sections: tuple[GoldSection, ...]

    def manifest_row(self) -> dict[str, str]:
        """The row of corpus/dev/manifest.tsv (empty string for what the gold leaves null)."""
        return {column: getattr(self, column) or "" for column in MANIFEST_COLUMNS}


@dataclass(frozen=True)
class GoldRef:
    """One side of a quality pair: a gold evaluation by document id and index."""

    doc: str
    index: int


@dataclass(frozen=True)
class GoldPair:
    better: GoldRef
    worse: GoldRef
    why: str


def _identity(text: str) -> str:
    return text


@lru_cache(maxsize=1)
def _simplifier() -> Callable[[str], str]:
    """``nlp.text.chinese_variants.to_simplified`` when that module exists, else identity (imported once, lazily)."""
    try:
        module = importlib.import_module("nlp.text.chinese_variants")
    except ModuleNotFoundError as error:
        if error.name != "nlp.text.chinese_variants":
            raise
        return _identity
    return getattr(module, "to_simplified", _identity)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Text as compared against gold: NFKC, no whitespace, one form per punctuation mark, simplified characters,
    without the pinyin glosses that ingest drops (gold quotes the page as published)."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", drop_pinyin_glosses(text))).translate(_PUNCTUATION)
    return _simplifier()(folded)


class _Reader:
    """Typed access to one gold file's JSON, raising GoldError with the file and the field's path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, field: str, reason: str) -> GoldError:
        return GoldError(self.path, field, reason)

    def obj(self, value: Any, field: str, required: set[str], optional: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(field or "(top level)", f"expected an object, got {type(value).__name__}")
        where = f"{field}." if field else ""
        for key in sorted(required - value.keys()):
            raise self.fail(f"{where}{key}", "missing")
        for key in sorted(value.keys() - required - optional - {"notes"}):
            raise self.fail(f"{where}{key}", "unknown field")
        return value

    def text(self, obj: dict, key: str, field: str, nullable: bool = False) -> str | None:
        value = obj.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{field}{key}", f"expected a non-empty string, got {value!r}")
        return value

    def number(self, obj: dict, key: str, field: str) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{field}{key}", f"expected a number or null, got {value!r}")
        return float(value)

    def choice(self, obj: dict, key: str, field: str, choices: tuple[str, ...] | list[str]) -> str:
        value = obj.get(key)
        if value not in choices:
            raise self.fail(f"{field}{key}", f"{value!r} is not one of {', '.join(choices)}")
        return value

    def items(self, obj: dict, key: str, field: str) -> list:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{field}{key}", f"expected a list, got {type(value).__name__}")
        return value


def _indicator(reader: _Reader, value: Any, field: str) -> GoldIndicator:
    row = reader.obj(value, field, {"dimension", "name", "target", "actual"}, {"target_value", "actual_value"})
    at = f"{field}."
    raws = {}
    for side in ("target", "actual"):
        raws[side] = reader.text(row, side, at, nullable=True)
        if raws[side] is None and row.get(f"{side}_value") is not None:
            raise reader.fail(f"{at}{side}_value", f"a value without its {side} text")
        if raws[side] is not None and f"{side}_value" not in row:
            raise reader.fail(f"{at}{side}_value", f"missing (null when {side} is not a number)")
    return GoldIndicator(
        dimension=reader.choice(row, "dimension", at, DIMENSIONS),
        name=reader.text(row, "name", at),
        target=raws["target"],
        target_value=reader.number(row, "target_value", at),
        actual=raws["actual"],
        actual_value=reader.number(row, "actual_value", at),
    )


def _statements(reader: _Reader, evaluation: dict, key: str, field: str) -> tuple[GoldStatement, ...]:
    statements = []
    for i, value in enumerate(reader.items(evaluation, key, field)):
        at = f"{field}{key}[{i}]"
        item = reader.obj(value, at, {"text", "boilerplate"}, set())
        if not isinstance(item["boilerplate"], bool):
            raise reader.fail(f"{at}.boilerplate", f"expected true or false, got {item['boilerplate']!r}")
        statements.append(GoldStatement(reader.text(item, "text", f"{at}."), item["boilerplate"]))
    return tuple(statements)


def _codes(reader: _Reader, evaluation: dict, key: str, field: str) -> tuple[str, ...]:
    codes = reader.items(evaluation, key, field)
    for i, code in enumerate(codes):
        if code not in FLAG_CODES:
            raise reader.fail(f"{field}{key}[{i}]", f"{code!r} is not a SPEC §3 flag code")
    return tuple(codes)


def _evaluation(reader: _Reader, value: Any, field: str) -> GoldEvaluation:
    required = {"kind", "name", "budget", "claimed_score", "indicators", "problems", "suggestions"}
    evaluation = reader.obj(value, field, required, {"flags_required", "flags_forbidden"})
    at = f"{field}."
    budget = evaluation["budget"]
    if budget is not None:
        budget = reader.obj(budget, f"{at}budget", {"planned", "executed"}, set())
    return GoldEvaluation(
        kind=reader.choice(evaluation, "kind", at, KINDS),
        name=reader.text(evaluation, "name", at, nullable=True),
        planned=None if budget is None else reader.number(budget, "planned", f"{at}budget."),
        executed=None if budget is None else reader.number(budget, "executed", f"{at}budget."),
        claimed_score=reader.number(evaluation, "claimed_score", at),
        indicators=tuple(
            _indicator(reader, row, f"{at}indicators[{i}]")
            for i, row in enumerate(reader.items(evaluation, "indicators", at))
        ),
        problems=_statements(reader, evaluation, "problems", at),
        suggestions=_statements(reader, evaluation, "suggestions", at),
        flags_required=_codes(reader, evaluation, "flags_required", at),
        flags_forbidden=_codes(reader, evaluation, "flags_forbidden", at),
    )


def parse_gold(data: Any, path: Path) -> GoldDocument:
    """Validate one gold answer (already parsed JSON) read from ``path``, whose stem is the document id."""
    reader = _Reader(path)
    optional = {"province", "level", "format", "source_url", "published", "retrieved", "sections"}
    gold = reader.obj(data, "", {"doc", "origin", "family", "evaluations"}, optional)
    doc = reader.text(gold, "doc", "")
    if Path(doc).name != doc or Path(doc).stem != path.stem:
        raise reader.fail("doc", f"{doc!r} must be the file name docs/{path.stem}.<ext>")
    origin = reader.choice(gold, "origin", "", ORIGINS)
    provenance = {key: reader.text(gold, key, "", nullable=True) for key in ("source_url", "published", "retrieved")}
    if origin == "real":
        for key in ("source_url", "retrieved"):
            reader.text(gold, key, "")
    sections = []
    for i, value in enumerate(reader.items(gold, "sections", "")):
        section = reader.obj(value, f"sections[{i}]", {"heading", "label"}, set())
        at = f"sections[{i}]."
        sections.append(GoldSection(reader.text(section, "heading", at), reader.choice(section, "label", at, LABELS)))
    return GoldDocument(
        id=path.stem,
        doc=doc,
        origin=origin,
        family=reader.choice(gold, "family", "", FAMILIES),
        province=reader.text(gold, "province", "", nullable=True),
        level=reader.text(gold, "level", "", nullable=True),
        format=reader.text(gold, "format", "", nullable=True) or Path(doc).suffix.lstrip("."),
        evaluations=tuple(
            _evaluation(reader, value, f"evaluations[{i}]")
            for i, value in enumerate(reader.items(gold, "evaluations", ""))
        ),
        sections=tuple(sections),
        **provenance,
    )


def load_gold_file(path: Path) -> GoldDocument:
    """Read and validate one ``gold/<id>.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldError(path, "", f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise GoldError(path, "", "not UTF-8") from None
    except json.JSONDecodeError as error:
        raise GoldError(path, "", f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    return parse_gold(data, path)


def load_gold_dir(folder: Path) -> list[GoldDocument]:
    """Every gold answer in ``folder/gold`` (sorted by id); a missing or empty gold folder is an error."""
    if not folder.is_dir():
        raise GoldError(folder, "", "no such directory")
    files = sorted((folder / "gold").glob("*.json"))
    if not files:
        raise GoldError(folder / "gold", "", "no gold files (gold/<id>.json)")
    return [load_gold_file(path) for path in files]


def _resolve(
    reader: _Reader, value: Any, field: str, documents: dict[str, GoldDocument], match: Callable[[str, str], bool]
) -> GoldRef:
    side = reader.obj(value, field, {"doc", "name"}, set())
    doc_name = reader.text(side, "doc", f"{field}.")
    document = documents.get(Path(doc_name).stem)
    if document is None:
        raise reader.fail(f"{field}.doc", f"{doc_name!r} has no gold file")
    name = reader.text(side, "name", f"{field}.")
    exact = [i for i, e in enumerate(document.evaluations) if e.name == name]
    similar = [i for i, e in enumerate(document.evaluations) if e.name is not None and match(e.name, name)]
    found = exact or similar
    if len(found) != 1:
        problem = "no" if not found else "more than one"
        raise reader.fail(f"{field}.name", f"{problem} gold evaluation of {document.id} is named {name!r}")
    return GoldRef(document.id, found[0])


def load_pairs(path: Path, documents: list[GoldDocument], match: Callable[[str, str], bool]) -> list[GoldPair]:
    """``pairs.jsonl``: expert quality pairs naming gold evaluations (``match`` compares evaluation names)."""
    by_id = {document.id: document for document in documents}
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        reader = _Reader(Path(f"{path}:{number}"))
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise reader.fail("", f"not valid JSON: {error.msg}") from None
        pair = reader.obj(data, "", {"better", "worse", "why"}, set())
        pairs.append(
            GoldPair(
                _resolve(reader, pair["better"], "better", by_id, match),
                _resolve(reader, pair["worse"], "worse", by_id, match),
                reader.text(pair, "why", ""),
            )
        )
    return pairs
