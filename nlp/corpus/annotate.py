"""The Label Studio format of jixiao's reading: the labelling config, tasks with pre-annotations, exports read back.

A researcher checks jixiao on their own sample by correcting its reading in Label
Studio, then turns the corrected export into gold answers (``nlp.corpus.annotate_gold``)
that ``jixiao evaluate --gold`` scores against. The reading travels as Label Studio
``predictions``: labelled character spans of the ingested text (offsets in code
points, as Label Studio counts them) for evaluations, indicator rows, problems and
suggestions, flags and section headings; what a span cannot hold (a project's name,
budget and claimed score, an indicator's dimension, cells and values, whether a
statement is boilerplate) is a per-region field of that span, so the annotator edits
it beside the span. The config and the region layout are this module's; the
importer and the agreement report read them back through ``Region``.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nlp.corpus.gold import FAMILIES, FLAG_CODES
from nlp.extraction.indicators import DIMENSIONS
from nlp.structure.sections import LABELS as SECTION_LABELS

# The Labels controls (from_name) and their values.
UNIT_KINDS = ("department", "project")
ITEM_LABELS = ("indicator", "problem", "suggestion")
LABEL_CONTROLS: dict[str, tuple[str, ...]] = {
    "label": (*UNIT_KINDS, *ITEM_LABELS),
    "flag": FLAG_CODES,
    "section": tuple(SECTION_LABELS),
}
# Per-region text fields, by the label whose regions carry them.
UNIT_FIELDS = ("evaluation_name", "planned", "executed", "claimed_score")
INDICATOR_FIELDS = ("indicator_name", "target", "target_value", "actual", "actual_value")
BOILERPLATE = "boilerplate"  # per-region choice of problems and suggestions
FORBIDDEN = "flags_forbidden"  # per-region choices of evaluations: codes that must not be raised
DIMENSION = "dimension"  # per-region choice of indicators
FAMILY = "family"  # task-level choice
TEXT = "text"  # the object tag and the data key holding the document's text


def labelling_config() -> str:
    """The Label Studio labelling config (XML) for the tasks ``export_tasks`` writes."""
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="$doc")
    for name, values in LABEL_CONTROLS.items():
        labels = ET.SubElement(view, "Labels", name=name, toName=TEXT, choice="single")
        for value in values:
            ET.SubElement(labels, "Label", value=value)
    ET.SubElement(view, "Text", name=TEXT, value=f"${TEXT}", granularity="symbol")
    for kind in UNIT_KINDS:
        unit = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=kind)
        for name in UNIT_FIELDS:
            _text_field(unit, name)
        _choices(unit, FORBIDDEN, FLAG_CODES, multiple=True)
    indicator = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue="indicator")
    _choices(indicator, DIMENSION, DIMENSIONS, multiple=False)
    for name in INDICATOR_FIELDS:
        _text_field(indicator, name)
    for kind in ("problem", "suggestion"):
        statement = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=kind)
        _choices(statement, BOILERPLATE, (BOILERPLATE,), multiple=True)
    ET.SubElement(view, "Header", value="template family")
    family = ET.SubElement(view, "Choices", name=FAMILY, toName=TEXT, choice="single", showInline="true")
    for value in FAMILIES:
        ET.SubElement(family, "Choice", value=value)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def _text_field(parent: ET.Element, name: str) -> None:
    ET.SubElement(parent, "Header", value=name)
    ET.SubElement(parent, "TextArea", name=name, toName=TEXT, perRegion="true", editable="true", maxSubmissions="1")


def _choices(parent: ET.Element, name: str, values: Iterable[str], multiple: bool) -> None:
    ET.SubElement(parent, "Header", value=name)
    choices = ET.SubElement(
        parent, "Choices", name=name, toName=TEXT, perRegion="true", choice="multiple" if multiple else "single"
    )
    for value in values:
        ET.SubElement(choices, "Choice", value=value)


@dataclass
class Region:
    """One labelled span and its per-region fields, as Label Studio stores them (one result item each)."""

    id: str
    control: str  # the Labels control: label, flag or section
    label: str
    start: int
    end: int
    text: str
    fields: dict[str, str] = field(default_factory=dict)  # per-region TextArea values
    choices: dict[str, list[str]] = field(default_factory=dict)  # per-region Choices values

    def results(self) -> list[dict]:
        """The Label Studio ``result`` items of this region: its labels, then one per field."""
        span = {"start": self.start, "end": self.end}
        return [
            _result(self.id, self.control, "labels", {**span, "text": self.text, "labels": [self.label]}),
            *(_result(self.id, name, "textarea", {**span, "text": [value]}) for name, value in self.fields.items()),
            *(_result(self.id, name, "choices", {**span, "choices": chosen}) for name, chosen in self.choices.items()),
        ]


def _result(region: str, control: str, kind: str, value: dict) -> dict:
    return {"id": region, "from_name": control, "to_name": TEXT, "type": kind, "value": value}


def _number(value: object) -> str | None:
    """A number as the annotator edits it (the shortest text that reads back as the same float); None for
    what is not a number (a date's value is text)."""
    return repr(float(value)) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _root_spans(evaluation: dict, sections: dict[str, dict]) -> list[tuple[int, int]]:
    """The evaluation's report and/or table: its sections whose parent is not its own (the whole span if none)."""
    own = set(evaluation["sections"])
    roots = [sections[s] for s in evaluation["sections"] if s in sections and sections[s]["parent"] not in own]
    return [(root["start"], root["end"]) for root in roots] or [(evaluation["start"], evaluation["end"])]


def _heading_span(text: str, section: dict) -> tuple[int, int] | None:
    """Where the section's heading stands, without its number (a heading glued from lines spans them).

    None for a heading the outline names but the text does not hold at the section's start (a table's
    synthetic title) and for a heading that is all number (附件1): gold lists headings as written.
    """
    wanted = "".join(section["heading"].split())
    skip = len("".join((section["number"] or "").split()))
    position, matched, start = section["start"], 0, None
    while position < len(text) and matched < len(wanted):
        char = text[position]
        position += 1
        if char.isspace():
            continue
        if char != wanted[matched]:
            return None
        if matched == skip:
            start = position - 1
        matched += 1
    return (start, position) if matched == len(wanted) and start is not None else None


def prediction_regions(result: dict) -> list[Region]:
    """Every region of one document's SPEC §3 JSON (``DocumentResult.to_json()``)."""
    text = result["text"]
    sections = {section["id"]: section for section in result["sections"]}
    regions: list[Region] = []

    def add(control: str, label: str, start: int, end: int, **extra) -> Region:
        region = Region(f"r{len(regions) + 1}", control, label, start, end, text[start:end], **extra)
        regions.append(region)
        return region

    for evaluation in result["evaluations"]:
        budget = evaluation["budget"] or {}
        fields = {
            "evaluation_name": evaluation["name"],
            "planned": _number(budget.get("planned")),
            "executed": _number(budget.get("executed")),
            "claimed_score": _number(evaluation["claimed_score"]),
        }
        for start, end in _root_spans(evaluation, sections):
            add("label", evaluation["kind"], start, end, fields={k: v for k, v in fields.items() if v is not None})
        for indicator in evaluation["indicators"]:
            if not indicator["name"]:
                continue  # a blank row: gold lists it as an EMPTY_INDICATOR flag, not as an indicator
            cells = {
                "indicator_name": indicator["name"],
                "target": (indicator["target"] or {}).get("raw"),
                "target_value": _number((indicator["target"] or {}).get("value")),
                "actual": (indicator["actual"] or {}).get("raw"),
                "actual_value": _number((indicator["actual"] or {}).get("value")),
            }
            add(
                "label", "indicator", indicator["start"], indicator["end"],
                fields={k: v for k, v in cells.items() if v is not None},
                choices={DIMENSION: [indicator["dimension"]]},
            )  # fmt: skip
        for kind, key in (("problem", "problems"), ("suggestion", "suggestions")):
            for statement in evaluation[key]:
                chosen = {BOILERPLATE: [BOILERPLATE]} if statement["boilerplate"] else {}
                add("label", kind, statement["start"], statement["end"], choices=chosen)
    for flag in [*result["flags"], *(f for e in result["evaluations"] for f in e["flags"])]:
        if flag["end"] > flag["start"]:
            add("flag", flag["code"], flag["start"], flag["end"])
    for section in result["sections"]:
        heading = _heading_span(text, section)
        if heading and section["label"] in SECTION_LABELS:
            add("section", section["label"], *heading)
    return regions


@dataclass(frozen=True)
class Provenance:
    """What a gold file records about where a document came from (corpus/dev/README.md)."""

    origin: str
    source_url: str | None
    published: str | None
    retrieved: str | None
    family: str | None
    province: str | None
    level: str | None


def provenance(path: Path) -> Provenance:
    """From the gold answer beside a development-corpus document; else a real document read from this file."""
    from nlp.corpus.gold import GoldError, load_gold_file

    gold = path.parent.parent / "gold" / f"{path.stem}.json"
    if path.parent.name == "docs" and gold.is_file():
        try:
            g = load_gold_file(gold)
        except GoldError:
            pass
        else:
            return Provenance(g.origin, g.source_url, g.published, g.retrieved, g.family, g.province, g.level)
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    return Provenance("real", path.resolve().as_uri(), None, modified, None, None, None)


def task(path: Path, result: dict, model_version: str) -> dict:
    """One Label Studio task: the text and its provenance as ``data``, jixiao's reading as a prediction."""
    origin = provenance(path)
    data = {
        TEXT: result["text"],
        "doc": path.name,
        "source": str(path),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "format": result["source"]["format"],
        **{key: getattr(origin, key) for key in Provenance.__dataclass_fields__},
    }
    items = [item for region in prediction_regions(result) for item in region.results()]
    if origin.family:
        items.append({"from_name": FAMILY, "to_name": TEXT, "type": "choices", "value": {"choices": [origin.family]}})
    return {"data": data, "predictions": [{"model_version": model_version, "result": items}]}


def export_tasks(
    paths: list[Path], analyze: Callable[[Path], dict], progress: Callable[[int, int, str], None] | None = None
) -> list[dict]:
    """A task per document; ``analyze`` returns its SPEC §3 JSON (raising ``InputError`` for bad input).

    Two inputs with one file name would become one gold file: refused.
    """
    from nlp.errors import InputError
    from nlp.version import PIPELINE_VERSION

    seen: dict[str, Path] = {}
    tasks = []
    for done, path in enumerate(paths, start=1):
        if path.stem in seen:
            raise InputError(str(path), f"same name as {seen[path.stem]}: gold files are named by the file's stem")
        seen[path.stem] = path
        result = analyze(path)
        tasks.append(task(path, result, f"jixiao {PIPELINE_VERSION} models {result['model_version']}"))
        if progress:
            progress(done, len(paths), path.name)
    return tasks


MAX_EXPORT_BYTES = 512 * 1024 * 1024  # an export of thousands of long documents stays below this


@dataclass
class AnnotatedTask:
    """One task of a Label Studio export with the annotation taken from it."""

    data: dict
    regions: list[Region]
    choices: dict[str, list[str]]  # task-level choices (the template family)
    annotation: str  # which annotation: its id, or 'prediction' for a task of ``export_tasks``

    @property
    def key(self) -> str:
        """The document, for pairing the same task in two exports: its file name, else its text's hash."""
        return self.data.get("doc") or hashlib.sha256(self.data.get(TEXT, "").encode()).hexdigest()[:16]


def _chosen_annotation(task: dict) -> dict | None:
    """The annotation a task stands for: its ground truth if marked, else its last one not cancelled."""
    kept = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    marked = [a for a in kept if a.get("ground_truth")]
    return (marked or kept or [None])[-1]


def _regions(items: list, where: str) -> tuple[list[Region], dict[str, list[str]]]:
    """Result items → regions (labels items, with the per-region items sharing their id) and task-level choices."""
    from nlp.errors import InputError

    regions: dict[str, Region] = {}
    extras: list[dict] = []
    task_choices: dict[str, list[str]] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            raise InputError(where, "a result item is not an object with a 'value'")
        value, kind = item["value"], item.get("type")
        if kind == "labels":
            try:
                start, end, labels = int(value["start"]), int(value["end"]), value["labels"]
            except (KeyError, TypeError, ValueError):
                raise InputError(where, f"labels result {item.get('id')!r} lacks start, end or labels") from None
            if not isinstance(labels, list) or len(labels) != 1:
                raise InputError(where, f"region {item.get('id')!r} at {start}–{end} needs exactly one label")
            region_id = str(item.get("id") or f"#{len(regions)}")
            regions[region_id] = Region(
                region_id, str(item.get("from_name")), str(labels[0]), start, end, str(value.get("text") or "")
            )
        elif kind in ("textarea", "choices"):
            if "start" in value or item.get("id") in regions:
                extras.append(item)
            elif kind == "choices":
                task_choices[str(item.get("from_name"))] = [str(c) for c in value.get("choices") or []]
    for item in extras:
        region = regions.get(str(item.get("id")))
        if region is None:
            continue  # a field of a region the annotator deleted
        value, name = item["value"], str(item.get("from_name"))
        if item["type"] == "textarea":
            texts = value.get("text") or []
            region.fields[name] = "\n".join(map(str, texts if isinstance(texts, list) else [texts])).strip()
        else:
            region.choices[name] = [str(c) for c in value.get("choices") or []]
    return sorted(regions.values(), key=lambda r: (r.start, -r.end, r.control, r.label)), task_choices


def read_export(path: Path, use_predictions: bool = False) -> tuple[list[AnnotatedTask], int]:
    """The annotated tasks of a Label Studio JSON export, and how many tasks had no annotation.

    ``use_predictions`` reads the pre-annotations instead (a task file of ``export_tasks``).
    A region's text is taken from the task's text at its offsets, so the offsets are checked.
    """
    import json

    from nlp.errors import InputError

    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise InputError(str(path), f"larger than {MAX_EXPORT_BYTES // 2**20} MB")
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8") from None
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise InputError(str(path), "not a Label Studio JSON export (a list of tasks)")
    found, unannotated = [], 0
    for number, item in enumerate(tasks, start=1):
        data = item.get("data")
        if not isinstance(data, dict) or not isinstance(data.get(TEXT), str):
            raise InputError(str(path), f"task {number}: no data.{TEXT}")
        where = f"{path}: task {number} ({data.get('doc') or item.get('id')})"
        chosen = (item.get("predictions") or [None])[0] if use_predictions else _chosen_annotation(item)
        if not isinstance(chosen, dict):
            unannotated += 1
            continue
        regions, choices = _regions(chosen.get("result") or [], where)
        text = data[TEXT]
        for region in regions:
            if not 0 <= region.start < region.end <= len(text):
                raise InputError(where, f"region {region.id} at {region.start}–{region.end} is outside the text")
            region.text = text[region.start : region.end]
        label = "prediction" if use_predictions else str(chosen.get("id", "?"))
        found.append(AnnotatedTask(data, regions, choices, label))
    return found, unannotated
