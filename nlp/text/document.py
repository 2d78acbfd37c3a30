"""The document model: one typed record for each thing jixiao reads in a document, in one place.

A ``Document`` holds the ingested text and blocks, the meta, the sections with the index
every stage looks them up in (built once, by ``Document.set_sections``), the evaluations
and the document-level flags. An ``Evaluation`` holds its ``Budget``, ``Indicator``s,
``Claim``s, ``Statement``s, ``Flag``s and ``Quality``; targets, actuals and claimed figures
are ``Value``s (SPEC §2). The stages of ``nlp.pipeline`` read and add to these records;
each record's ``to_dict`` is its SPEC §3 JSON, which ``nlp.output`` assembles.

The records live in the text layer, beside the blocks they point into, because the lowest
stage already makes one (``nlp.text.values`` returns a ``Value``); they import nothing of
jixiao but ``nlp.text.blocks``, so any layer can hold them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from nlp.text.blocks import IngestedText


@dataclass(frozen=True, slots=True)
class Value:
    """A SPEC §2 Value: what one target, actual or claimed figure says, read from its ``raw`` text.

    Frozen, so one Value can be shared by a claim, its spaCy span and the tables without a copy;
    ``value``, ``low`` and ``high`` are floats, or ISO strings for dates.
    """

    raw: str
    kind: str  # number | percent | money | count | date | date_range | text
    value: float | str | None = None
    low: float | str | None = None
    high: float | str | None = None
    unit: str | None = None
    comparator: str | None = None  # = >= <= > < ~ range; None for text

    def to_dict(self) -> dict:
        """The SPEC §2 JSON object, keys in the contract's order."""
        return {
            "raw": self.raw,
            "kind": self.kind,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "comparator": self.comparator,
        }


@dataclass
class DocumentMeta:
    """Title, year, region and department (SPEC §3 ``meta``), read from the opening lines."""

    title: str | None = None
    year: int | None = None
    region: str | None = None
    department: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Section:
    """One heading and the text it governs, up to the next heading at its level or above."""

    id: str
    parent: str | None
    level: int
    number: str | None
    heading: str
    style: str
    start: int
    end: int
    heading_end: int  # where the heading line (or merged title lines) ends
    label: str | None = None
    confidence: float | None = None
    children: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["children"], data["heading_end"], data["style"]
        return data


@dataclass
class Budget:
    """An evaluation's budget in 万元 and its execution rate in percent; null where not stated."""

    planned: float | None = None
    executed: float | None = None
    rate: float | None = None

    def complete(self) -> Budget:
        """Fill the rate from the amounts when the text does not state it."""
        if self.rate is None and self.planned and self.executed is not None:
            self.rate = round(self.executed / self.planned * 100, 2)
        return self

    def to_dict(self) -> dict:
        return {"planned": self.planned, "executed": self.executed, "rate": self.rate, "unit": "万元"}


@dataclass
class Indicator:
    """One 三级指标 row of a 自评表, or one ``数量指标：…`` line of a report (DOMAIN.md §2)."""

    dimension: str
    level1: str | None
    level2: str | None
    name: str | None
    target: Value | None
    actual: Value | None
    weight: float | None
    points: float | None
    source: str  # table | narrative
    start: int
    end: int
    achieved: bool | None = None
    repaired: str | None = None  # what a shifted or swapped row needed, for MALFORMED_TABLE
    reason: str | None = None  # 偏差原因分析及改进措施, where the table has it

    @property
    def empty(self) -> bool:
        """A row or dimension left blank (EMPTY_INDICATOR)."""
        return not self.name and self.target is None and self.actual is None

    def to_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "target": self.target.to_dict() if self.target is not None else None,
            "actual": self.actual.to_dict() if self.actual is not None else None,
            "weight": self.weight,
            "points": self.points,
            "achieved": self.achieved,
            "source": self.source,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Claim:
    """A quantitative statement of the narrative: its subject, Value and dimension, with offsets of both."""

    dimension: str
    subject: str
    value: Value
    text: str
    start: int
    end: int
    value_start: int
    value_end: int
    confidence: float

    def to_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "subject": self.subject,
            "value": self.value.to_dict(),
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Statement:
    """One enumerated problem or suggestion; a 无/暂无 section is one ``none_statement``."""

    kind: str  # problem | suggestion
    text: str
    start: int
    end: int
    none_statement: bool
    boilerplate: bool = False
    row_reason: bool = False  # an indicator row's own deviation reason: its row makes it specific

    def to_dict(self) -> dict:
        return {"text": self.text, "boilerplate": self.boilerplate, "start": self.start, "end": self.end}


@dataclass
class Flag:
    """A SPEC §3 flag with its evidence offsets; ``eval`` is None for a document-level one."""

    code: str
    severity: str
    message: str
    eval: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "eval": self.eval,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Quality:
    """SPEC §3 ``quality`` of one evaluation (``nlp.quality.rubric``): how good the self-assessment is."""

    score: float
    grade: str
    components: dict[str, float]
    weights: dict[str, float]
    explanations: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Passage:
    """A run of the text a record quotes (a 年度总体目标 cell), with its offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Goal:
    """A 自评表's 年度总体目标: what was expected and what it says was achieved."""

    expected: Passage
    actual: Passage | None

    def to_dict(self) -> dict:
        return {"expected": self.expected.to_dict(), "actual": self.actual.to_dict() if self.actual else None}


@dataclass
class Evaluation:
    """One self-assessment unit (a department or a project); the stages fill it in order."""

    id: str
    kind: str  # department | project
    name: str | None
    start: int
    end: int
    sections: list[str]
    roots: list[str] = field(default_factory=list)  # the report and/or table sections merged
    budget: Budget | None = None
    claimed_score: float | None = None
    recomputed_score: float | None = None
    indicators: list[Indicator] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    quality: Quality | None = None
    goal: Goal | None = None  # 年度总体目标
    form: tuple[int, int] | None = None  # a flattened 自评表's form part, a line before its indicator table
    table_total: float | None = None  # the points its 自评表's own 总分/合计 row states
    # prose lines that state a table row again (数量指标：新建大棚60座…), each with its row: no indicators of their own
    restated: list[tuple[Indicator, Indicator]] = field(default_factory=list)

    def spans(self, sections: dict[str, Section]) -> list[tuple[int, int]]:
        """(start, end) of each root it merges: its report and/or its 自评表 (the whole text for a fallback)."""
        roots = [(sections[root].start, sections[root].end) for root in self.roots]
        return ([self.form] if self.form and roots else []) + roots or [(self.start, self.end)]

    def text(self, document: IngestedText, sections: dict[str, Section]) -> str:
        """Its report and table text, joined."""
        return "\n".join(document.text[start:end] for start, end in self.spans(sections))

    def to_dict(self) -> dict:
        """SPEC §3 evaluation; the fields later stages fill are null or empty."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "sections": self.sections,
            "budget": (self.budget or Budget()).to_dict(),
            "claimed_score": self.claimed_score,
            "recomputed_score": self.recomputed_score,
            "goal": self.goal.to_dict() if self.goal is not None else None,
            "indicators": [indicator.to_dict() for indicator in self.indicators],
            "claims": [claim.to_dict() for claim in self.claims],
            "problems": [s.to_dict() for s in self.statements if s.kind == "problem"],
            "suggestions": [s.to_dict() for s in self.statements if s.kind == "suggestion"],
            "flags": [flag.to_dict() for flag in self.flags],
            "quality": self.quality.to_dict() if self.quality is not None else None,
        }


@dataclass
class Document:
    """A document and what the stages have read in it so far (``nlp.pipeline.Analysis`` is one)."""

    ingested: IngestedText  # the normalized text and its blocks every offset points into
    meta: DocumentMeta | None = None
    sections: list[Section] = field(default_factory=list)
    sections_by_id: dict[str, Section] = field(default_factory=dict)
    evaluations: list[Evaluation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)  # document-level; each evaluation holds its own
    notes: list[str] = field(default_factory=list)  # codes of nlp.quality.reading_notes.NOTES

    def set_sections(self, sections: list[Section]) -> None:
        """The outline and its index, built here once for every later stage."""
        self.sections = sections
        self.sections_by_id = {section.id: section for section in sections}
