"""One document through every stage: ingest, then the named stages of ``STAGES`` in order.

Each stage is a small function with one job that reads and fills one ``Analysis``
(in the spirit of spaCy's ``Language.pipeline``); ``run`` owns their order, can stop
after any of them (a prefix of the pipeline) and can time each (``jixiao extract
--profile``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.extraction.claims import claims_pipeline, find_claims
from nlp.extraction.fill import fill_evaluation, scores_from_summaries
from nlp.extraction.statements import by_named_project, find_statements, from_department_summary, mark_boilerplate
from nlp.output.schema import document_json
from nlp.quality.flags import check_document
from nlp.quality.reading_notes import reading_notes
from nlp.quality.rubric import assess
from nlp.reading.ingest import ingest
from nlp.settings import Settings, default_settings
from nlp.structure.linear_model import LinearModel
from nlp.structure.meta import extract_meta
from nlp.structure.model_store import model_version, section_model
from nlp.structure.outline import build_outline
from nlp.structure.sections import label_sections
from nlp.structure.units import find_evaluations
from nlp.text.blocks import IngestedText
from nlp.text.corpus_stats import Reference
from nlp.text.document import Document
from nlp.version import PIPELINE_VERSION


@dataclass(kw_only=True)
class Analysis(Document):
    """The ``Document`` the stages read and fill, with what the run needs: settings, comparison group,
    model version and the stages run so far; the result once every stage ran."""

    settings: Settings
    group: Reference  # the comparison group for boilerplate and originality
    model_version: str | None = None
    section_labeller: LinearModel | None = None  # None: the shipped section model
    stages_run: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The SPEC §3 document JSON."""
        self._require_every_stage()
        return document_json(self, PIPELINE_VERSION)

    def frames(self) -> dict:
        """The SPEC §4 tables of this document as pandas DataFrames."""
        from nlp.output.records import document_rows, frames

        self._require_every_stage()
        return frames(document_rows(self, PIPELINE_VERSION))

    def _require_every_stage(self) -> None:
        """A prefix of the pipeline is for inspecting; its half-filled result must not pass for a document's."""
        if len(self.stages_run) < len(STAGES):
            raise ValueError(f"the pipeline stopped after {self.stages_run[-1]!r}: the output needs every stage")


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Analysis], None]


def _meta(state: Analysis) -> None:
    state.meta = extract_meta(state.ingested)


def _outline(state: Analysis) -> None:
    state.set_sections(build_outline(state.ingested))


def _labels(state: Analysis) -> None:
    label_sections(state.ingested, state.sections_by_id, state.section_labeller or section_model())


def _evaluations(state: Analysis) -> None:
    state.evaluations = find_evaluations(state.ingested, state.sections, state.meta)


def _indicators(state: Analysis) -> None:
    """Indicators, budget, goal, claimed and recomputed score of each evaluation."""
    for evaluation in state.evaluations:
        fill_evaluation(state.ingested, state.sections_by_id, evaluation, state.settings.scoring)


def _claims(state: Analysis) -> None:
    claims = claims_pipeline()
    for evaluation in state.evaluations:
        spans = evaluation.spans(state.sections_by_id)
        evaluation.claims = find_claims(state.ingested, state.sections, spans, claims)


def _statements(state: Analysis) -> None:
    for evaluation in state.evaluations:
        evaluation.statements, _ = find_statements(
            state.ingested, state.sections_by_id, evaluation.sections, (evaluation.start, evaluation.end)
        )
    by_named_project(state.ingested, state.evaluations)
    from_department_summary(state.ingested, state.sections_by_id, state.sections, state.evaluations)
    for evaluation in state.evaluations:
        mark_boilerplate(evaluation.statements, state.group)


def _summaries(state: Analysis) -> None:
    scores_from_summaries(state.ingested, state.sections, state.evaluations)


def _flags(state: Analysis) -> None:
    state.flags = check_document(state.ingested, state.sections_by_id, state.evaluations, state.settings.thresholds)


def _quality(state: Analysis) -> None:
    by_id, config = state.sections_by_id, state.settings.quality
    for evaluation in state.evaluations:
        evaluation.quality = assess(evaluation, by_id, evaluation.text(state.ingested, by_id), state.group, config)


def _notes(state: Analysis) -> None:
    state.notes = reading_notes(state.ingested, state.evaluations)


STAGES: list[Stage] = [
    Stage("meta", _meta),
    Stage("outline", _outline),
    Stage("labels", _labels),
    Stage("evaluations", _evaluations),
    Stage("indicators", _indicators),
    Stage("claims", _claims),
    Stage("statements", _statements),
    Stage("summaries", _summaries),
    Stage("flags", _flags),
    Stage("quality", _quality),
    Stage("notes", _notes),
]
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run(
    document: IngestedText,
    settings: Settings | None = None,
    group: Reference | None = None,
    stop_after: str | None = None,
    profile: dict[str, float] | None = None,
    section_labeller: LinearModel | None = None,
) -> Analysis:
    """Every stage in order (or up to and including ``stop_after``); each one's seconds into ``profile``.

    ``section_labeller`` replaces the shipped section model: scoring a document the shipped one learned
    from takes the model trained without its template family.
    """
    if stop_after is not None and stop_after not in STAGE_NAMES:
        raise ValueError(f"no stage {stop_after!r}; the stages are {', '.join(STAGE_NAMES)}")
    settings = settings or default_settings()
    state = Analysis(
        document,
        settings=settings,
        group=group or settings.comparison.single_document_group(),
        model_version=model_version(),
        section_labeller=section_labeller,
    )
    for stage in STAGES:
        started = time.perf_counter()
        stage.run(state)
        state.stages_run.append(stage.name)
        if profile is not None:
            profile[stage.name] = time.perf_counter() - started
        if stage.name == stop_after:
            break
    return state


def analyze(
    path: str | Path,
    settings: Settings | None = None,
    profile: dict[str, float] | None = None,
    ocr: bool = False,
    section_labeller: LinearModel | None = None,
) -> Analysis:
    """Read one document (``ocr``: scanned pages and images too) and run every stage; ``InputError`` if unreadable."""
    started = time.perf_counter()
    document = ingest(path, ocr=ocr)
    if profile is not None:
        profile["ingest"] = time.perf_counter() - started
    return run(document, settings, profile=profile, section_labeller=section_labeller)


def analyze_document(
    document: IngestedText,
    settings: Settings | None = None,
    group: Reference | None = None,
    stop_after: str | None = None,
) -> Analysis:
    """Every stage after ingest, on a document already read.

    ``group`` is the comparison group for boilerplate (a batch's own); by default the settings' fixed
    group, else the shipped one.
    """
    return run(document, settings, group, stop_after)
