"""The per-document HTML report: the text with its evidence highlighted, score cards, indicators.

Rendered from the document JSON (SPEC §3), so a saved ``jixiao extract --json``
renders the same as a fresh analysis. Every piece of document text reaches the
page through Jinja2's autoescaping or as JSON that the page's script only ever
writes with ``textContent``; a Content-Security-Policy admits no script but the
page's own (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from jinja2 import Environment, PackageLoader

from nlp.output.data_dictionary import name_zh
from nlp.quality.reading_notes import NOTES
from nlp.quality.rubric import COMPONENT_NAMES, COMPONENTS
from nlp.report.terminal import budget_line

EVIDENCE_KINDS = {  # kind → legend name; the order is the legend's and the details panel's
    "indicator": "绩效指标",
    "claim": "量化陈述",
    "problem": "存在问题",
    "suggestion": "改进建议",
    "flag": "质量标记",
}
_COMPARATORS = {"=": "", ">=": "≥", "<=": "≤", ">": ">", "<": "<", "~": "约"}


@cache
def environment() -> Environment:
    """The Jinja2 environment of every report; autoescaping is on for everything it renders."""
    env = Environment(
        loader=PackageLoader("nlp.report", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["value"] = format_value
    env.filters["number"] = format_number
    env.filters["zh"] = lambda code, kind: name_zh(kind, code)  # Chinese names of labels, flag codes, severities
    env.filters["budget"] = budget_line  # as the terminal says it: 未说明 for an amount not stated
    return env


@cache
def asset(name: str) -> str:
    """A CSS or JS file of ``nlp/report/templates``, to be inlined (the reports load nothing)."""
    return (Path(__file__).with_name("templates") / name).read_text(encoding="utf-8")


def content_security_policy(script: str) -> str:
    """No network, and no script but ``script``: an injected ``<script>`` or ``onerror=`` cannot run."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"


def json_for_script(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>`` or ``<!--`` can close it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def format_number(value: float | None, digits: int = 2) -> str:
    if value is None or value != value:  # None, or NaN from a table
        return "—"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def format_value(value: dict | None) -> str:
    """A parsed Value as a reader checks it: ``≥95 %`` (the unit says the kind); ``—`` when nothing was parsed."""
    if not value:
        return "—"
    if value.get("value") is None and value.get("low") is None:
        return "文字（无数值）"
    if value["comparator"] == "range" or value.get("low") is not None:
        amount = f"{value['low']}–{value['high']}"
    elif value["kind"] == "date":
        amount = str(value["value"])
    else:
        amount = format_number(value["value"], 4)
    prefix = _COMPARATORS.get(value["comparator"], "")
    return f"{prefix}{amount}{(' ' + value['unit']) if value.get('unit') else ''}"


@dataclass
class Evidence:
    """One highlighted span and what was extracted from it."""

    id: str
    kind: str
    start: int
    end: int
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": EVIDENCE_KINDS[self.kind], "title": self.title, "details": self.details}


def _spanned(item: dict) -> bool:
    return item.get("start") is not None and item.get("end") is not None and item["end"] > item["start"]


def _indicator_details(indicator: dict) -> list[tuple[str, str]]:
    achieved = {True: "是", False: "否", None: "无法判断"}[indicator["achieved"]]
    return [
        ("维度", f"{indicator['level1'] or '—'} / {indicator['level2'] or '—'}"),
        ("预期目标", f"{(indicator['target'] or {}).get('raw', '—')} → {format_value(indicator['target'])}"),
        ("实际完成", f"{(indicator['actual'] or {}).get('raw', '—')} → {format_value(indicator['actual'])}"),
        ("是否达成", achieved),
        ("来源", "自评表" if indicator["source"] == "table" else "叙述"),
    ]


def _evaluation_evidence(evaluation: dict) -> list[tuple[str, dict, str, list[tuple[str, str]]]]:
    where = ("评价单元", evaluation["name"] or evaluation["id"])
    found = [
        ("indicator", i, f"{i['dimension']}：{i['name'] or '（未填名称）'}", [where, *_indicator_details(i)])
        for i in evaluation["indicators"]
    ]
    found += [
        ("claim", c, f"{c['dimension']}：{c['value']['raw']}",
         [where, ("主体", c["subject"] or "—"), ("数值", format_value(c["value"]))])
        for c in evaluation["claims"]
    ]  # fmt: skip
    for kind, statements in (("problem", evaluation["problems"]), ("suggestion", evaluation["suggestions"])):
        found += [
            (
                kind,
                s,
                EVIDENCE_KINDS[kind],
                [where, ("模板化", "是（无实质内容或模板化）" if s["boilerplate"] else "否")],
            )
            for s in statements
        ]
    return found


def evidence(document: dict) -> list[Evidence]:
    """Every extracted item with a span in the text, in a stable order (ids ``k1``, ``k2`` …)."""
    found = [item for evaluation in document["evaluations"] for item in _evaluation_evidence(evaluation)]
    found += [
        ("flag", f, f"{f['code']}（{name_zh('severities', f['severity'])}）",
         [("说明", f["message"]), ("评价单元", f["eval"] or "全文")])
        for f in all_flags(document)
    ]  # fmt: skip
    spanned = [item for item in found if _spanned(item[1])]
    return [
        Evidence(f"k{number}", kind, source["start"], source["end"], title, details)
        for number, (kind, source, title, details) in enumerate(spanned, 1)
    ]


def all_flags(document: dict) -> list[dict]:
    """The document's flags and every evaluation's, in that order."""
    return [*document["flags"], *(flag for e in document["evaluations"] for flag in e["flags"])]


@dataclass
class Segment:
    """A run of text covered by the same evidence; ``anchors`` are section ids starting here."""

    text: str
    ids: list[str]
    kinds: list[str]
    anchors: list[str]
    hover: str = ""  # what the highlight holds, shown by the browser on hover


def segments(text: str, items: list[Evidence], anchors: dict[int, list[str]]) -> list[Segment]:
    """Cut the text wherever a highlight or a section starts or ends.

    Highlights overlap (a claim inside a problem, a flag over an indicator row),
    so each piece lists every item covering it rather than nesting tags.
    """
    cuts = sorted({0, len(text), *anchors, *(i.start for i in items), *(i.end for i in items)})
    by_start = sorted(items, key=lambda i: i.start)
    active: list[Evidence] = []
    pieces: list[Segment] = []
    next_item = 0
    for start, end in pairwise(cuts):
        while next_item < len(by_start) and by_start[next_item].start <= start:
            active.append(by_start[next_item])
            next_item += 1
        active = [i for i in active if i.end > start]
        covering = [i for i in active if i.start <= start and i.end >= end]
        kinds = [k for k in EVIDENCE_KINDS if any(i.kind == k for i in covering)]
        hover = "；".join(f"{EVIDENCE_KINDS[i.kind]}：{i.title}" for i in covering)
        pieces.append(Segment(text[start:end], [i.id for i in covering], kinds, anchors.get(start, []), hover))
    return pieces


def _depths(sections: list[dict]) -> dict[str, int]:
    parents = {s["id"]: s["parent"] for s in sections}
    depths: dict[str, int] = {}
    for section in sections:
        depth, parent = 0, section["parent"]
        while parent is not None:
            depth, parent = depth + 1, parents.get(parent)
        depths[section["id"]] = depth
    return depths


def _anchors(document: dict) -> dict[int, list[str]]:
    anchors: dict[int, list[str]] = {}
    for section in document["sections"]:
        anchors.setdefault(section["start"], []).append(f"sec-{section['id']}")
    for evaluation in document["evaluations"]:
        anchors.setdefault(evaluation["start"], []).append(f"eval-{evaluation['id']}")
    return anchors


def render_document(document: dict) -> str:
    """The self-contained HTML page of one analysed document (its SPEC §3 JSON)."""
    items = evidence(document)
    flag_ids = iter(i.id for i in items if i.kind == "flag")
    script = asset("document.js")
    return (
        environment()
        .get_template("document.html.j2")
        .render(
            doc=document,
            pipeline_version=document["pipeline_version"],
            title=document["meta"].get("title") or Path(document["source"]["path"]).name,
            css=asset("report.css"),
            script=script,
            csp=content_security_policy(script),
            data=json_for_script({i.id: i.to_dict() for i in items}),
            segments=segments(document["text"], items, _anchors(document)),
            depths=_depths(document["sections"]),
            flags=[(f, next(flag_ids) if _spanned(f) else None) for f in all_flags(document)],
            kinds=EVIDENCE_KINDS,
            notes=[NOTES.get(note, note) for note in document.get("notes", [])],
            components=[(c, COMPONENT_NAMES[c]) for c in COMPONENTS],
        )
    )


def write_document_report(document: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_document(document), encoding="utf-8")
