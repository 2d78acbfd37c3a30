"""Label Studio annotations → gold answers in the format of ``corpus/dev`` (``jixiao annotate import``).

Regions become evaluations, indicator rows, problems, suggestions, flags and section
headings (the layout of ``nlp.corpus.annotate``). An evaluation may be marked by several
regions (its report and its 自评表): regions of one kind and one name are one
evaluation. An item (indicator, statement, flag) belongs to the innermost evaluation
region holding it, else to the last one starting before it (a 自评表 printed after its
report), else to the first. Every gold file is checked by ``nlp.corpus.gold.parse_gold``
before it is written, so the output is gold that ``jixiao evaluate --gold`` accepts.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nlp.corpus.annotate import (
    BOILERPLATE,
    DIMENSION,
    FAMILY,
    FORBIDDEN,
    TEXT,
    UNIT_KINDS,
    AnnotatedTask,
    Region,
)
from nlp.corpus.gold import GoldError, parse_gold
from nlp.errors import InputError

_SAFE_STEM = re.compile(r"^[\w\u4e00-\u9fff.+-]{1,120}$")
_SPACES = re.compile(r"\s*\n\s*")


@dataclass
class _Unit:
    kind: str
    name: str | None
    regions: list[Region] = field(default_factory=list)
    items: list[Region] = field(default_factory=list)


def _number(region: Region, key: str, where: str) -> float | None:
    """A per-region number field: empty for null; ``,`` and a trailing % or 万元 are tolerated."""
    raw = region.fields.get(key, "").replace(",", "").removesuffix("%").removesuffix("万元").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        reason = f"{key} of the {region.label} at {region.start}–{region.end} is not a number: {raw!r}"
        raise InputError(where, reason) from None


def _units(regions: list[Region]) -> list[_Unit]:
    """Evaluation regions grouped by kind and name (a nameless region is a unit of its own), in text order."""
    units: list[_Unit] = []
    by_key: dict[tuple[str, str], _Unit] = {}
    for region in regions:
        if region.control != "label" or region.label not in UNIT_KINDS:
            continue
        name = region.fields.get("evaluation_name") or None
        unit = by_key.get((region.label, name)) if name else None
        if unit is None:
            unit = _Unit(region.label, name)
            units.append(unit)
            if name:
                by_key[(region.label, name)] = unit
        unit.regions.append(region)
    return units


def _owner(item: Region, units: list[_Unit]) -> _Unit:
    holding = [(r.end - r.start, u) for u in units for r in u.regions if r.start <= item.start and item.end <= r.end]
    if holding:
        return min(holding, key=lambda pair: pair[0])[1]
    before = [(r.start, u) for u in units for r in u.regions if r.start <= item.start]
    return max(before, key=lambda pair: pair[0])[1] if before else units[0]


def _evaluation(unit: _Unit, where: str) -> dict:
    planned = next((v for r in unit.regions if (v := _number(r, "planned", where)) is not None), None)
    executed = next((v for r in unit.regions if (v := _number(r, "executed", where)) is not None), None)
    claimed = next((v for r in unit.regions if (v := _number(r, "claimed_score", where)) is not None), None)
    evaluation = {
        "kind": unit.kind,
        "name": unit.name,
        "budget": None if planned is None and executed is None else {"planned": planned, "executed": executed},
        "claimed_score": claimed,
        "indicators": [],
        "problems": [],
        "suggestions": [],
        "flags_required": [],
        "flags_forbidden": sorted({code for r in unit.regions for code in r.choices.get(FORBIDDEN, [])}),
    }
    for item in sorted(unit.items, key=lambda r: (r.start, r.end)):
        if item.control == "flag":
            if item.label not in evaluation["flags_required"]:
                evaluation["flags_required"].append(item.label)
        elif item.label == "indicator":
            evaluation["indicators"].append(_indicator(item, where))
        else:
            statement = {"text": item.text.strip(), "boilerplate": BOILERPLATE in item.choices.get(BOILERPLATE, [])}
            evaluation[f"{item.label}s"].append(statement)
    if not evaluation["flags_forbidden"]:
        del evaluation["flags_forbidden"]
    return evaluation


def _indicator(item: Region, where: str) -> dict:
    dimension = item.choices.get(DIMENSION, [])
    if len(dimension) != 1:
        raise InputError(where, f"indicator at {item.start}–{item.end} needs one {DIMENSION}")
    row = {"dimension": dimension[0], "name": item.fields.get("indicator_name") or None}
    if not row["name"]:
        raise InputError(where, f"indicator at {item.start}–{item.end} has no indicator_name")
    for side in ("target", "actual"):
        row[side] = item.fields.get(side) or None
        row[f"{side}_value"] = _number(item, f"{side}_value", where) if row[side] else None
    return row


def gold_answer(task: AnnotatedTask, doc: str, where: str) -> dict:
    """The gold answer (corpus/dev/README.md) of one annotated task whose document is stored as ``doc``."""
    data = task.data
    units = _units(task.regions)
    items = [r for r in task.regions if r.control == "flag" or (r.control == "label" and r.label not in UNIT_KINDS)]
    if items and not units:
        raise InputError(where, "indicators, statements or flags but no department or project region")
    for item in items:
        _owner(item, units).items.append(item)
    family = (task.choices.get(FAMILY) or [data.get(FAMILY)])[0]
    if not family:
        raise InputError(where, f"no template {FAMILY} chosen")
    sections: dict[str, dict] = {}  # a gold heading names its first occurrence, so a recurring one is kept once
    for region in task.regions:
        heading = _SPACES.sub("", region.text).strip()
        if region.control == "section" and heading:
            sections.setdefault(heading, {"heading": heading, "label": region.label})
    answer = {
        "doc": doc,
        **{key: data.get(key) for key in ("origin", "source_url", "published", "retrieved")},
        "family": family,
        **{key: data.get(key) for key in ("province", "level", "format")},
        "notes": f"imported from a Label Studio export (annotation {task.annotation}) by jixiao annotate import",
        "evaluations": [_evaluation(unit, where) for unit in units],
        "sections": list(sections.values()),
    }
    return answer


def _stored_document(task: AnnotatedTask, folder: Path, where: str) -> str:
    """Copy the original file into ``docs/`` when it is still the one annotated, else write the text; its name."""
    data = task.data
    stem = Path(str(data.get("doc") or "")).stem
    if not _SAFE_STEM.match(stem):
        stem = hashlib.sha256(data[TEXT].encode()).hexdigest()[:16]
    source = Path(str(data.get("source") or ""))
    unchanged = data.get("source") and source.is_file() and source.suffix
    if unchanged and hashlib.sha256(source.read_bytes()).hexdigest() == data.get("sha256"):
        name = f"{stem}{source.suffix.lower()}"
        shutil.copyfile(source, folder / name)
        return name
    name = f"{stem}.txt"
    (folder / name).write_text(data[TEXT], encoding="utf-8")
    return name


def import_gold(tasks: list[AnnotatedTask], out: Path, where: str) -> list[Path]:
    """Write ``out/gold/<id>.json`` and ``out/docs/<id>.<ext>`` for every task; the gold files written."""
    (out / "gold").mkdir(parents=True, exist_ok=True)
    (out / "docs").mkdir(exist_ok=True)
    written, names = [], set()
    for task in tasks:
        here = f"{where}: {task.key}"
        doc = _stored_document(task, out / "docs", here)
        if doc in names:
            raise InputError(here, f"two tasks are the document {doc}")
        names.add(doc)
        gold_path = out / "gold" / f"{Path(doc).stem}.json"
        answer = gold_answer(task, doc, here)
        try:
            parse_gold(answer, gold_path)
        except GoldError as error:
            raise InputError(here, f"the annotation does not make valid gold: {error}") from None
        gold_path.write_text(json.dumps(answer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(gold_path)
    return written
