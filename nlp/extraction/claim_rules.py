"""Where a report states a quantity about its work: clause, subject and value.

Hand-written: which quantities are claims is a matter of this genre's prose.
A claim is a quantity with a unit (money, percent, count, measure) in a clause
of narrative text; dates, ordinals (第3次), bare numbers and quantities inside
document references (《…》, 〔2021〕10号) are context, not claims. The subject is
what the clause says before the value, without link words (达, 为, 共计 …); a
subject listing several things before 均/都 shares one value among them
(``办结率、回访率均达100%`` is two claims).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.text.document import Value
from nlp.text.values import Quantity, find_quantities, quantity_value
from nlp.text.vocabulary import marker

# a comma between digits groups thousands (7,436人), it ends no clause
_CLAUSE = re.compile(r"(?:[^，,；;。！？!?\n：:]|(?<=\d),(?=\d{3}(?!\d)))+")
_TRAILING_LINKS = re.compile(
    r"(?:均达到|均达|均为|都达到|分别达到|分别为|分别达|达到了|达到|达|为|是|共计|合计|累计|共|计|约|近|超过|突破|了|已)+$"
)
_TRAILING_LINKS_CHARS = 24  # the link words closing a subject fit in its last characters
_LEADING = re.compile(
    rf"^(?:[、(（\s]|{marker('point')}|其中|同时|另外|此外|并且|并|且|及|和|以及"
    f"|{marker('ar', ends='.、)')}|{marker('par')})+"
)
_LONE_NUMERAL = re.compile("^[零〇一二两三四五六七八九十百千万]")
_SHARED = re.compile(r"(?:均|都)(?:达到|达|为)?$")
# An unclosed 《 ends at the next 《, and 号's number starts at its first digit: one pass over any text.
_REFERENCE = re.compile(r"《[^》《]*》|〔[^〕〔]*〕|\[[^\]\[]*\]|(?<!\d)\d+号")
_SUBJECT_AFTER = re.compile(r"[\u4e00-\u9fff“”\w()]{2,12}")  # 1名预备党员顺利转正: the noun follows
_SHARE = re.compile(r"^占")  # 占79.3%: a share qualifying the amount before it, not a claim of its own
_CONTEXT_AFTER = 3


@dataclass
class RawClaim:
    subject: str
    value: Value
    start: int  # the claim's text: subject through value
    end: int
    value_start: int
    value_end: int


def _is_claim_quantity(clause: str, quantity: Quantity, references: list[tuple[int, int]]) -> bool:
    written = clause[quantity.start : quantity.end]
    if quantity.kind in ("date", "date_range") or (quantity.unit is None and not re.search("[万亿]", written)):
        return False  # a bare number is a code or an ordinal; 675万 (a bare large figure) is a claim
    if quantity.start > 0 and clause[quantity.start - 1] == "第":
        return False
    if _LONE_NUMERAL.match(written) and not _LONE_NUMERAL.match(written[1:]):
        return False  # 一项, 八项规定, 零部件: a lone Chinese numeral is rarely a figure
    return not any(start <= quantity.start < end for start, end in references)


def _without_trailing_links(subject: str) -> str:
    """The subject without the link words it ends with (…达到, …共计); looked for in its last characters
    only, so that a long clause costs one pass."""
    cut = len(subject) - _TRAILING_LINKS_CHARS
    if cut <= 0:
        return _TRAILING_LINKS.sub("", subject).strip()
    return (subject[:cut] + _TRAILING_LINKS.sub("", subject[cut:])).strip()


def claims_in(text: str, offset: int = 0) -> list[RawClaim]:
    """Claims in ``text``; offsets are into ``text`` plus ``offset``."""
    found: list[RawClaim] = []
    for clause_match in _CLAUSE.finditer(text):
        clause, base = clause_match.group(), clause_match.start()
        references = [(m.start(), m.end()) for m in _REFERENCE.finditer(clause)]
        subject_from = 0
        for quantity in find_quantities(clause):
            if not _is_claim_quantity(clause, quantity, references):
                continue
            raw_subject = clause[subject_from : quantity.start]
            leading = _LEADING.match(raw_subject)
            skipped = leading.end() if leading else 0
            stripped = raw_subject[skipped:].strip()
            shared = bool(_SHARED.search(stripped))
            subject = _without_trailing_links(stripped)
            if not subject:
                following = _SUBJECT_AFTER.match(clause, quantity.end)
                subject = following.group() if following else ""
            if subject and not _SHARE.match(subject):
                context = clause[subject_from : quantity.end + _CONTEXT_AFTER]  # 以上, 左右 follow the value
                value = quantity_value(clause[quantity.start : quantity.end], quantity, context)
                start = base + subject_from + skipped
                subjects = [s for s in subject.split("、") if s] if shared and "、" in subject else [subject]
                for one in subjects:
                    found.append(
                        RawClaim(
                            subject=one,
                            value=value,
                            start=offset + start,
                            end=offset + base + quantity.end,
                            value_start=offset + base + quantity.start,
                            value_end=offset + base + quantity.end,
                        )
                    )
            subject_from = quantity.end
    return found
