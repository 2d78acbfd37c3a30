"""Settings: the shipped files load and round-trip; every kind of bad file is one line and exit code 3."""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from cli import app
from nlp.errors import InputError
from nlp.settings import DEFAULT_SCORING, DEFAULT_WEIGHTS, Comparison, Settings, default_settings, load_settings

runner = CliRunner()
SHIPPED_WEIGHTS = DEFAULT_WEIGHTS.read_text(encoding="utf-8")
SHIPPED_SCORING = DEFAULT_SCORING.read_text(encoding="utf-8")


def edited(tmp_path: Path, text: str, old: str, new: str, name: str = "w.toml") -> Path:
    assert old in text, old  # the edit must apply, or the test would check the shipped file
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_shipped_files_load_whole() -> None:
    settings = default_settings()
    assert settings is default_settings()  # read once per process
    assert settings.quality.weights == dict.fromkeys(settings.quality.weights, 0.2)
    assert settings.scoring.weights["产出指标"] == 50 and settings.scoring.bands["unmet"] == 0.5
    assert settings.thresholds.score_gap == 10 and settings.thresholds.min_passage == 40
    assert settings.sources == {"scoring": str(DEFAULT_SCORING), "weights": str(DEFAULT_WEIGHTS)}


def test_to_json_records_every_setting_and_rebuilds_the_same_settings() -> None:
    settings = default_settings()
    recorded = json.loads(json.dumps(settings.to_json(), allow_nan=False))  # JSON-safe
    assert recorded["quality"] == tomllib.loads(SHIPPED_WEIGHTS)  # every table and key, in full
    assert recorded["scoring"] == tomllib.loads(SHIPPED_SCORING)
    assert Settings.from_json(recorded) == settings


def test_a_changed_value_reaches_the_settings(tmp_path: Path) -> None:
    path = edited(tmp_path, SHIPPED_WEIGHTS, "score_gap = 10.0", "score_gap = 25")
    assert Settings.load(weights=path).thresholds.score_gap == 25.0


BAD_WEIGHTS = [
    # (what, old, new, words of the one-line reason)
    ("negative weight", "candor = 0.2", "candor = -1.0", "weights.candor: Input should be greater than or equal to 0"),
    ("NaN weight", "candor = 0.2", "candor = nan", "weights.candor: Input should be a finite number"),
    ("infinite weight", "candor = 0.2", "candor = inf", "weights.candor: Input should be a finite number"),
    ("huge weight", "candor = 0.2", "candor = 1e308", "weights.candor: Input should be less than or equal to"),
    ("string weight", "candor = 0.2", 'candor = "0.2"', "weights.candor: Input should be a valid number"),
    ("boolean weight", "candor = 0.2", "candor = true", "weights.candor: Input should be a valid number"),
    ("missing key", "candor = 0.2\n", "", "weights.candor: missing"),
    ("unknown key", "candor = 0.2", "candour = 0.2", "weights.candour: unknown key"),
    ("missing table", "[grades]", "[grades_]", "grades: missing"),
    ("grades out of order", "B = 70", "B = 90", "grades: the grade edges must satisfy A >= B >= C"),
    ("zero claims for full marks", "claims_for_full_marks = 10", "claims_for_full_marks = 0", "greater than or equal"),
    ("penalty over 100", "unit_error = 15", "unit_error = 150", "consistency.unit_error: Input should be less"),
    ("malformed TOML", "candor = 0.2", "candor = ", "not valid TOML"),
]


@pytest.mark.parametrize(("what", "old", "new", "reason"), BAD_WEIGHTS, ids=[case[0] for case in BAD_WEIGHTS])
def test_a_bad_weights_file_is_refused_with_its_key(tmp_path: Path, what: str, old: str, new: str, reason: str) -> None:
    path = edited(tmp_path, SHIPPED_WEIGHTS, old, new)
    with pytest.raises(InputError) as raised:
        Settings.load(weights=path)
    assert raised.value.path == str(path) and reason in raised.value.reason


def test_zero_weights_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text(SHIPPED_WEIGHTS.replace("= 0.2\n", "= 0\n"), encoding="utf-8")
    with pytest.raises(InputError, match="weights: the weights must sum to more than 0"):
        Settings.load(weights=path)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("budget_execution = 10", "budget_execution = 100", "weights.budget_execution: Input should be less than 100"),
        ('"产出指标" = 50', '"产出" = 50', "weights.产出: unknown key"),
        ("unmet = 0.5", "unmet = 1.5", "bands.unmet: Input should be less than or equal to 1"),
        ("approximate = 0.1", "approximate = nan", "tolerance.approximate: Input should be a finite number"),
    ],
)
def test_a_bad_scoring_file_is_refused_with_its_key(tmp_path: Path, old: str, new: str, reason: str) -> None:
    path = edited(tmp_path, SHIPPED_SCORING, old, new, "s.toml")
    with pytest.raises(InputError) as raised:
        Settings.load(scoring=path)
    assert reason in raised.value.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "invalid settings: weights: missing"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"x" * (2 << 20), "larger than"),
    ],
    ids=["empty", "binary", "oversized"],
)
def test_unreadable_files_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "w.toml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        Settings.load(weights=path)


def test_from_json_validates_what_a_run_recorded() -> None:
    recorded = default_settings().to_json()
    recorded["quality"]["weights"]["candor"] = math.nan
    with pytest.raises(InputError, match=r"weights\.candor: Input should be a finite number"):
        Settings.from_json(recorded)
    with pytest.raises(InputError, match="invalid settings: not a table"):
        Settings.from_json([1, 2])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="invalid settings: Input should be a valid dictionary"):
        Settings.from_json({"sources": 7, "scoring": None})


@pytest.mark.parametrize("command", ["extract", "score", "flags"])
def test_the_commands_end_a_bad_settings_file_with_one_line_and_code_3(tmp_path: Path, command: str) -> None:
    path = edited(tmp_path, SHIPPED_WEIGHTS, "candor = 0.2", "candor = -5")
    result = runner.invoke(app, [command, str(SEEDS[0]), "--weights", str(path)])
    assert result.exit_code == 3 and result.stdout == ""
    reason = "invalid settings: weights.candor: Input should be greater than or equal to 0 (got -5)"
    assert result.stderr == f"jixiao: {path}: {reason}\n"
    missing = runner.invoke(app, [command, str(SEEDS[0]), "--scoring", str(tmp_path / "none.toml")])
    assert missing.exit_code == 3 and missing.stderr.count("\n") == 1 and "no such config file" in missing.stderr


def test_flag_thresholds_come_from_the_weights_file(tmp_path: Path) -> None:
    """With SCORE_MISMATCH's gap raised past any difference, the report that has it loses it."""
    seed = ROOT / "corpus" / "validity" / "poor_training.md"
    default = json.loads(runner.invoke(app, ["flags", str(seed), "--json"]).stdout)
    lenient = edited(tmp_path, SHIPPED_WEIGHTS, "score_gap = 10.0", "score_gap = 100")
    relaxed = json.loads(runner.invoke(app, ["flags", str(seed), "--json", "--weights", str(lenient)]).stdout)
    assert any(f["code"] == "SCORE_MISMATCH" and "相差较大" in f["message"] for f in default)
    assert not any(f["code"] == "SCORE_MISMATCH" and "相差较大" in f["message"] for f in relaxed)


def test_the_comparison_group_is_a_setting_recorded_and_rebuilt() -> None:
    shipped = load_settings(reference="shipped")
    fixed = shipped.comparison.fixed
    assert fixed is not None and shipped.comparison.single_document_group() is fixed
    assert default_settings().comparison == Comparison()  # a batch's own group; alone, the shipped one
    recorded = json.loads(json.dumps(shipped.to_json(), allow_nan=False))
    assert recorded["comparison"] == {
        "choice": "shipped", "group_by": [], "name": fixed.group, "version": fixed.version,
        "n_documents": fixed.n_documents,
    }  # fmt: skip
    assert Settings.from_json(recorded) == shipped
    recorded["comparison"]["version"] = "000000000000"  # the group file changed since the run
    with pytest.raises(InputError, match="the run used 000000000000"):
        Settings.from_json(recorded)


@pytest.mark.parametrize(
    ("choice", "group_by", "words"),
    [("batch", ("colour",), "not colour"), ("shipped", ("year",), "does not go with --reference")],
)
def test_a_wrong_comparison_choice_is_refused(choice: str, group_by: tuple[str, ...], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Comparison.load(choice, group_by)


def test_batch_takes_a_wrong_comparison_choice_as_a_usage_error(tmp_path: Path) -> None:
    command = ["batch", str(SEEDS[0]), "--out", str(tmp_path / "o"), "--group-by", "year", "--reference", "shipped"]
    result = runner.invoke(app, command)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "does not go with" in result.stderr
    assert not (tmp_path / "o").exists()
