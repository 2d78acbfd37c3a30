"""The settings of a run: scoring rubric, quality weights, flag thresholds and comparison group, validated once.

Two TOML files hold every number a user may change: ``nlp/extraction/scoring.toml`` (``--scoring``)
and ``nlp/quality/quality.toml`` (``--weights``, with the flag thresholds in its ``[flags]``
table). Each is checked against a schema when loaded (pydantic: every key present
with the right type and range, unknown keys refused by name, no NaN or infinity), so
a bad file ends the command with one line naming the file and the key, never a
traceback or a NaN score. ``Settings.to_json`` is what ``run.json`` records, and
``Settings.from_json`` rebuilds the same settings from it.

The comparison group (``Comparison``) is the one setting that is not a number: a batch's
own documents (split by ``group_by``), the shipped group, or a group file. Held here, the
batch, its workers, the cross-document pass and the dashboard all measure against the same
group, and a run's record names it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from nlp.errors import InputError
from nlp.extraction.scoring import ScoringConfig
from nlp.quality.flags import FlagThresholds
from nlp.quality.rubric import COMPONENTS, QualityConfig
from nlp.structure.model_store import reference
from nlp.structure.reference_group import BATCH, SHIPPED, load_reference
from nlp.text.corpus_stats import Reference

GROUP_FIELDS = ("year", "region", "department")  # what a batch's own group can be split by
PACKAGE = Path(__file__).resolve().parent
DEFAULT_SCORING = PACKAGE / "extraction" / "scoring.toml"
DEFAULT_WEIGHTS = PACKAGE / "quality" / "quality.toml"
MAX_FILE_BYTES = 1 << 20  # a settings file is a few hundred bytes; refuse anything that could exhaust memory

Points = Annotated[float, Field(ge=0, le=100)]  # on the 0–100 scale of scores and penalties
Share = Annotated[float, Field(ge=0, le=1)]
Weight = Annotated[float, Field(ge=0, le=1e6)]  # relative; bounded so that their sum stays finite


class _Table(BaseModel):
    """A TOML table: exactly these keys, numbers as numbers (not strings or booleans), all finite."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class _ScoringWeights(_Table):
    model_config = ConfigDict(populate_by_name=True)

    budget_execution: Annotated[float, Field(ge=0, lt=100)]  # below 100: the indicators' points are scaled by it
    output: Points = Field(alias="产出指标")
    benefit: Points = Field(alias="效益指标")
    satisfaction: Points = Field(alias="满意度指标")
    cost: Points = Field(alias="成本指标")


class _Bands(_Table):
    met: Share
    unclear: Share
    unmet: Share


class _Tolerance(_Table):
    approximate: Annotated[float, Field(ge=0, lt=1)]


class ScoringFile(_Table):
    """``scoring.toml``: DOMAIN.md §3's points and the shares qualitative results earn."""

    weights: _ScoringWeights
    bands: _Bands
    tolerance: _Tolerance


class _QualityWeights(_Table):
    completeness: Weight
    specificity: Weight
    candor: Weight
    consistency: Weight
    originality: Weight

    @model_validator(mode="after")
    def _positive_total(self) -> _QualityWeights:
        if sum(getattr(self, name) for name in COMPONENTS) <= 0:
            raise ValueError("the weights must sum to more than 0")
        return self


class _Candor(_Table):
    base: Points
    none_statement: Points
    none_statement_cap: Points
    missing_problems: Points
    perfect_record: Points
    unsupported_satisfaction: Points
    unsupported_satisfaction_cap: Points
    target_equals_actual: Points
    target_equals_actual_cap: Points
    full_marks: Points
    full_marks_penalty: Points
    full_marks_over_unmet: Points
    shortfall_bonus: Points
    cause_bonus: Points


class _Consistency(_Table):
    arithmetic_mismatch: Points
    unit_error: Points
    narrative_table_conflict: Points
    malformed_table: Points
    malformed_table_cap: Points
    score_gap: Points
    score_mismatch: Points


class _Originality(_Table):
    duplicate_text: Points
    duplicate_text_cap: Points
    boilerplate_text: Points
    boilerplate_text_cap: Points


class _Specificity(_Table):
    claims_for_full_marks: Annotated[int, Field(ge=1, le=1000)]


class _Grades(_Table):
    A: Points
    B: Points
    C: Points

    @model_validator(mode="after")
    def _ordered(self) -> _Grades:
        if not self.A >= self.B >= self.C:
            raise ValueError("the grade edges must satisfy A >= B >= C")
        return self


class _Flags(_Table):
    score_gap: Points
    high_claimed: Points
    points_gap: Points
    total_tolerance: Points
    full_marks: Points
    met_share: Share
    min_rows: Annotated[int, Field(ge=1, le=1000)]
    full_execution: Points
    share_tolerance: Points
    share_tolerance_decimal: Points
    max_yuan: Annotated[float, Field(ge=0, le=1e6)]
    min_passage: Annotated[int, Field(ge=1, le=100_000)]


class WeightsFile(_Table):
    """``quality.toml``: the quality rubric of docs/codebook.md and the flag thresholds."""

    weights: _QualityWeights
    candor: _Candor
    consistency: _Consistency
    originality: _Originality
    specificity: _Specificity
    grades: _Grades
    flags: _Flags


def _problems(error: ValidationError, shown: int = 3) -> str:
    """The faults of a validation on one line, as ``key.path: what is wrong; …`` (a renamed key is two)."""
    problems = []
    for fault in error.errors()[:shown]:
        where = ".".join(str(part) for part in fault["loc"])
        if fault["type"] == "missing":
            reason = "missing"
        elif fault["type"] == "extra_forbidden":
            reason = "unknown key"
        else:
            reason = fault["msg"].removeprefix("Value error, ")
            if fault["type"] != "value_error":
                reason += f" (got {fault['input']!r})"
        problems.append(f"{where}: {reason}" if where else reason)
    more = error.error_count() - shown
    return "; ".join(problems) + (f"; and {more} more" if more > 0 else "")


def validated(data: Any, schema: type[_Table], source: str) -> dict:
    """``data`` checked against ``schema``, as a plain dict keyed as in the file; else an ``InputError``."""
    try:
        return schema.model_validate(data).model_dump(by_alias=True)
    except ValidationError as error:
        raise InputError(source, f"invalid settings: {_problems(error)}") from None


def read_toml(path: Path) -> dict:
    """A settings file's TOML; a missing, oversized, undecodable or malformed file is an ``InputError``."""
    if not path.is_file():
        raise InputError(str(path), "no such config file")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(str(path), f"config file larger than {MAX_FILE_BYTES} bytes")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), f"cannot read config file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(path), f"not valid TOML: {error}") from None


@dataclass(frozen=True)
class Comparison:
    """The group boilerplate and originality are measured against.

    ``choice`` is ``batch`` (a batch's own documents, one group per ``group_by`` key; a
    document analysed alone uses the shipped group), ``shipped``, or a group file written by
    ``jixiao reference build``; ``fixed`` is that group, loaded once.
    """

    choice: str = BATCH
    group_by: tuple[str, ...] = ()
    fixed: Reference | None = None

    @classmethod
    def load(cls, choice: str = BATCH, group_by: Iterable[str] = ()) -> Comparison:
        """A checked choice; ``ValueError`` for a wrong combination, ``InputError`` for a bad group file."""
        fields = tuple(group_by)
        if unknown := [f for f in fields if f not in GROUP_FIELDS]:
            raise ValueError(f"--group-by takes {', '.join(GROUP_FIELDS)}, not {', '.join(unknown)}")
        if fields and choice != BATCH:
            raise ValueError("--group-by splits the batch's own group; it does not go with --reference shipped or FILE")
        if choice in (BATCH, SHIPPED):
            return cls(choice, fields, None if choice == BATCH else load_reference(choice))
        path = str(Path(choice).resolve())  # recorded absolute: a dashboard made elsewhere finds the same file
        return cls(path, fields, load_reference(path))

    def single_document_group(self) -> Reference:
        """The group for a document analysed on its own: the fixed one, else the shipped one."""
        return self.fixed or reference()

    def to_json(self) -> dict:
        """The choice, and for a fixed group its name, version and size (``run.json``'s ``reference``)."""
        fixed = self.fixed
        named = {"name": fixed.group, "version": fixed.version, "n_documents": fixed.n_documents} if fixed else {}
        return {"choice": self.choice, "group_by": list(self.group_by), **named}

    @classmethod
    def from_json(cls, data: Any, source: str) -> Comparison:
        """The comparison a run recorded; its group file must still be the version the run used."""
        if not isinstance(data, dict) or not isinstance(data.get("choice"), str):
            raise InputError(source, "invalid settings: comparison.choice: missing")
        group_by = data.get("group_by") or []
        if not isinstance(group_by, list) or not all(isinstance(f, str) for f in group_by):
            raise InputError(source, "invalid settings: comparison.group_by: not a list of names")
        try:
            comparison = cls.load(data["choice"], group_by)
        except ValueError as error:
            raise InputError(source, f"invalid settings: comparison: {error}") from None
        if comparison.fixed and data.get("version") not in (None, comparison.fixed.version):
            raise InputError(
                source,
                f"comparison group {comparison.choice} is version {comparison.fixed.version}, "
                f"the run used {data['version']}",
            )
        return comparison


@dataclass(frozen=True)
class Settings:
    """Everything a run's figures depend on besides the document and the models."""

    scoring: ScoringConfig
    quality: QualityConfig
    thresholds: FlagThresholds
    sources: dict[str, str]  # "scoring" and "weights": the file each part came from
    comparison: Comparison = field(default_factory=Comparison)

    @classmethod
    def load(
        cls, scoring: Path | None = None, weights: Path | None = None, comparison: Comparison | None = None
    ) -> Settings:
        """The shipped files, or the ones named; raises ``InputError`` for a bad file."""
        scoring_path, weights_path = scoring or DEFAULT_SCORING, weights or DEFAULT_WEIGHTS
        settings = cls.from_json(
            {"scoring": read_toml(scoring_path), "quality": read_toml(weights_path)},
            {"scoring": str(scoring_path), "weights": str(weights_path)},
        )
        return replace(settings, comparison=comparison) if comparison else settings

    @classmethod
    def from_json(cls, data: dict, sources: dict[str, str] | None = None) -> Settings:
        """Settings from ``to_json``'s form (as ``run.json`` records them), validated as the files are."""
        if sources is None:
            recorded = data.get("sources") if isinstance(data, dict) else None
            valid = isinstance(recorded, dict) and all(isinstance(recorded.get(k), str) for k in ("scoring", "weights"))
            sources = recorded if valid else {"scoring": "settings", "weights": "settings"}
        if not isinstance(data, dict):
            raise InputError(sources["weights"], f"invalid settings: not a table (got {type(data).__name__})")
        scoring = validated(data.get("scoring"), ScoringFile, sources["scoring"])
        quality = validated(data.get("quality"), WeightsFile, sources["weights"])
        recorded = data.get("comparison")
        return cls(
            ScoringConfig(scoring["weights"], scoring["bands"], scoring["tolerance"]["approximate"]),
            QualityConfig(quality),
            FlagThresholds(**quality["flags"]),
            {"scoring": sources["scoring"], "weights": sources["weights"]},
            Comparison() if recorded is None else Comparison.from_json(recorded, sources["weights"]),
        )

    def to_json(self) -> dict:
        """Every setting in full, JSON-safe (all finite numbers): enough to reproduce a run."""
        return {
            "sources": dict(self.sources),
            "scoring": {
                "weights": dict(self.scoring.weights),
                "bands": dict(self.scoring.bands),
                "tolerance": {"approximate": self.scoring.approximate},
            },
            "quality": {table: dict(values) for table, values in self.quality.data.items()},
            "comparison": self.comparison.to_json(),
        }


@cache
def load_settings(
    scoring: Path | None = None, weights: Path | None = None, reference: str = BATCH, group_by: tuple[str, ...] = ()
) -> Settings:
    """``Settings.load``, once per process for each choice (the shipped files for None, a batch's own group).

    ``ValueError`` for a wrong comparison choice, ``InputError`` for a bad file.
    """
    return Settings.load(scoring, weights, Comparison.load(reference, group_by))


def default_settings() -> Settings:
    """The shipped settings, read and validated once per process."""
    return load_settings()
