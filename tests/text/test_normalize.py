"""Line joining in nlp.text.normalize."""

from __future__ import annotations

from nlp.text.normalize import glue_lines


def test_glue_lines_spaces_only_between_latin_words() -> None:
    assert glue_lines(["abc", "", "def", "中文", "x"]) == "abc def中文x"
