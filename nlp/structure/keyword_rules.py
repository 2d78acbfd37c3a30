"""Ordered keyword rules: the baselines the trained models are measured against, and one of their features."""

from __future__ import annotations

import re


class KeywordRules:
    """(label, pattern) pairs tried in order; the first pattern found in the text gives the label."""

    def __init__(self, rules: list[tuple[str, str]]) -> None:
        self.rules = [(label, re.compile(pattern)) for label, pattern in rules]

    def first(self, text: str) -> str | None:
        return next((label for label, pattern in self.rules if pattern.search(text)), None)


def alternation(patterns: list[str]) -> str:
    """One regular expression matching any of ``patterns`` (each kept whole as a group)."""
    return "|".join(f"(?:{pattern})" for pattern in patterns)
