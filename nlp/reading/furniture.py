"""Page furniture of scraped government pages: breadcrumbs, 发布时间, 浏览量, footers.

A scraper keeps what a site prints around a document; left in, it glues onto the
title and turns into names, statements and claims. A paragraph is dropped when it
is wholly furniture, judged by its shape, not by a keyword alone (``资金来源：财政拨款``
in a report stays):

- a breadcrumb (``当前位置：首页 > …``, ``首页>>政务公开>>预算绩效``);
- a downloadable file's name (``附件：自评表.xlsx``);
- a line made only of furniture items (``KEY：short value``, page controls, footer
  labels) that holds two or more of them, or one that no report writes as a line
  of its own (``浏览量:1``), or one that a report may write (``来源：财务科``) standing
  in the page's header or footer: before the first heading or prose, or after the
  last.
- a short line in the header between two dropped lines that reads as no title,
  prose or organisation (``我要收藏`` / ``X站点`` / ``文章分享``): a widget's label;
- a short value in the header on the line after its key standing alone (``索引号`` /
  ``2023-00017``, ``发文机构`` / ``某县某局``): a page's metadata laid out one field a line.

The vocabulary and its tiers are data, in ``nlp/text/vocab/furniture.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from nlp.text.blocks import RawBlock, RawParagraph
from nlp.text.normalize import starts_enumeration
from nlp.text.vocabulary import alternation, title_endings, title_sign, vocabulary

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MAX_LINE_CHARS = 200  # a longer line is text, whatever it contains
_MAX_FILE_NAME_CHARS = 80
_MAX_COPY_NAME_CHARS = 20  # 项目绩效评价报告(2): a file's name before its copy's number
_MAX_COPY_NUMBER_DIGITS = 2
_MAX_HEADER_LINE_CHARS = 40  # a longer line without a number or a full stop is prose
_BRACKETS = re.compile(r"[【】\[\]]")
_SEPARATORS = re.compile(r"[\s|丨/·•_-]+")
_SPACE = re.compile(r"\s+")
_COLON_OUT_OF_PLACE = re.compile(r"：|:(?!\d|//)")  # a colon in a value starts an unknown key
_TITLE_LIKE = re.compile(r"\d|[。，,；;：:]")  # a year, a number or a clause: more than a widget's label


@dataclass(frozen=True)
class _Vocabulary:
    """The compiled vocabulary: one pattern per shape, tiers by term."""

    breadcrumb: re.Pattern[str]
    arrows: re.Pattern[str]
    min_segments: int
    segment: re.Pattern[str]
    bars: re.Pattern[str]
    bar_segment: re.Pattern[str]
    terms: re.Pattern[str]  # any term, without the boundary checks: a cheap first test
    markers: re.Pattern[str]
    tiers: dict[str, str]
    max_value_chars: int
    prose_marks: re.Pattern[str]
    attachment: re.Pattern[str]
    notices: re.Pattern[str]
    printed: re.Pattern[str]  # a browser's print head or foot: the page's address, the date and time printed
    preview_label: re.Pattern[str]  # 文档介绍: (and a file name) before the first line of the copy a site shows
    copy_name: re.Pattern[str]  # 某报告(2) before the copy's first line, with no label
    max_notice_chars: int
    tail_markers: frozenset[str]  # END, 往期推荐: a post's end, the platform's list of other posts after it


@cache
def _vocabulary() -> _Vocabulary:
    data = vocabulary("furniture")
    crumbs, values = data["breadcrumb"], data["values"]
    tiers: dict[str, str] = {}
    for kind in ("keys", "controls", "footer"):
        for tier, terms in data[kind].items():
            tiers.update(dict.fromkeys(terms, tier))
    words = _spaced(data["keys"]["page"] + data["keys"]["edge"] + data["keys"]["companion"])
    terms = _spaced(list(tiers))
    controls = alternation(data["controls"]["page"])
    footer = alternation(data["footer"]["page"] + data["footer"]["edge"])
    # A key or control not glued to a preceding word, or followed by a colon (财务科作者：…);
    # a footer label with a name or number on either side but not running into a word.
    ends = rf"(?=\s*[:：]|[^{_HAN}A-Za-z]|$)"
    markers = (
        rf"(?P<key>(?<![{_HAN}])(?:{words}){ends}|(?:{words})(?=\s*[:：]))\s*[:：]?"
        rf"|(?P<control>(?<![{_HAN}])(?:{controls}){ends}|(?:{controls})(?=\s*[:：]))\s*[:：]?"
        rf"|(?P<footer>{footer})(?![{_HAN}])\s*[:：]?"
    )
    labels, home = alternation(crumbs["labels"]), alternation(crumbs["home"])
    separators = alternation(crumbs["separators"])
    attachment_labels = alternation(data["attachments"]["labels"])
    suffixes = "|".join(data["attachments"]["suffixes"])
    # a sharing site's file name with its copy's number, run into the title it copies (项目绩效评价报告(2)某县…报告)
    endings = alternation(title_endings("report", "table"))
    copy_name = rf"[^()（）:：]{{0,{_MAX_COPY_NAME_CHARS}}}?(?:{endings})[(（]\d{{1,{_MAX_COPY_NUMBER_DIGITS}}}[)）]"
    return _Vocabulary(
        breadcrumb=re.compile(rf"^(?:(?:{labels})\s*(?:[:：]|(?=\s*(?:{home})))|(?:{home})\s*(?:{separators}))"),
        arrows=re.compile(alternation(crumbs["arrows"])),
        min_segments=crumbs["min_segments"],
        segment=re.compile(rf"^[{_HAN}A-Za-z() ]{{1,{crumbs['max_segment_chars']}}}$"),
        bars=re.compile(alternation(crumbs["bars"])),
        bar_segment=re.compile(rf"^(?=.*[{_HAN}])[{_HAN}A-Za-z\d() ]{{2,{crumbs['max_segment_chars']}}}$"),
        terms=re.compile(terms),
        markers=re.compile(markers),
        tiers=tiers,
        max_value_chars=values["max_chars"],
        prose_marks=re.compile("[" + re.escape(values["prose_marks"]) + "]"),
        notices=re.compile(alternation(data["notices"]["page"])),
        printed=re.compile(f"{data['printed']['address']}|{data['printed']['stamp']}", re.IGNORECASE),
        preview_label=re.compile(rf"^(?:{alternation(data['preview']['labels'])})\s*[:：]\s*(?:{copy_name})?(?=\S)"),
        copy_name=re.compile(rf"^{copy_name}(?=\S)"),
        max_notice_chars=data["notices"]["max_line_chars"],
        tail_markers=frozenset(data["tail"]["markers"]),
        attachment=re.compile(
            rf"^(?:(?:{attachment_labels})\s*\d*\s*[:：]?\s*)?[^。；;，,：]{{1,{_MAX_FILE_NAME_CHARS}}}"
            rf"\.(?:{suffixes})(?:\s*\(\s*[\d.]+\s*[KMG]?B?\s*\))?$",
            re.IGNORECASE,
        ),
    )


def _spaced(words: list[str]) -> str:
    """An alternation of words, longest first, that a page may print with a space between characters (索 引 号)."""
    return "|".join(r"\s?".join(map(re.escape, word)) for word in sorted(words, key=len, reverse=True))


def _is_breadcrumb(text: str, vocab: _Vocabulary) -> bool:
    if vocab.breadcrumb.match(text):
        return "。" not in text
    segments = [segment.strip() for segment in vocab.arrows.split(text)]
    if segments and not segments[0]:  # >>政务公开>>重点领域>>…: the home link left out
        segments = segments[1:]
    return len(segments) >= vocab.min_segments and all(vocab.segment.match(s) for s in segments)


def _value_like(gap: str, vocab: _Vocabulary) -> bool:
    """A short value (财务科, 2022-04-15 14:54, 1), not a clause of prose."""
    return (
        len(gap) <= vocab.max_value_chars and not vocab.prose_marks.search(gap) and not _COLON_OUT_OF_PLACE.search(gap)
    )


def _items(text: str, vocab: _Vocabulary) -> list[str] | None:
    """The tiers of the furniture items that make up the line, or None if anything else is in it.

    Text between two items is the value of the one before (a key's) or the name
    beside a footer label; a control stands alone; nothing precedes a key.
    """
    if not vocab.terms.search(text):
        return None
    line = _BRACKETS.sub(" ", text)
    tiers: list[str] = []
    position, previous = 0, None
    for match in vocab.markers.finditer(line):
        kind = match.lastgroup
        if not _gap_fits(line[position : match.start()], previous, kind, vocab):
            return None
        tiers.append(vocab.tiers[_SPACE.sub("", match.group(kind))])
        position, previous = match.end(), kind
    if not tiers or not _gap_fits(line[position:], previous, None, vocab):
        return None
    return tiers


def _gap_fits(gap: str, previous: str | None, following: str | None, vocab: _Vocabulary) -> bool:
    """May this text stand between the items ``previous`` and ``following`` (None: the line's end)?"""
    if not _SEPARATORS.sub("", gap):
        return True
    carries_value = previous in ("key", "footer") or following == "footer"
    return carries_value and _value_like(gap.strip(), vocab)


def _classify(block: RawBlock, vocab: _Vocabulary) -> list[str] | None:
    """The items of a paragraph that is furniture in shape (a breadcrumb or file name is one page item)."""
    if not isinstance(block, RawParagraph) or not block.text or len(block.text) > _MAX_LINE_CHARS:
        return None
    if _is_breadcrumb(block.text, vocab) or vocab.attachment.match(block.text) or vocab.printed.match(block.text):
        return ["page"]
    if len(block.text) <= vocab.max_notice_chars and vocab.notices.search(block.text):
        return ["page"]
    if _is_title_bar(block.text, vocab) and not _is_title_line(block):
        return ["edge"]
    return _items(block.text, vocab)


def _is_title_bar(text: str, vocab: _Vocabulary) -> bool:
    """A site's title bar or keyword line (某县人民政府-政务公开-财政信息): short phrases split by a bar, no title.
    Also the words of a report (预算-决算-绩效), so it is dropped only in the page's header or footer."""
    segments = [segment.strip() for segment in vocab.bars.split(text)]
    return len(segments) >= vocab.min_segments and all(vocab.bar_segment.match(s) for s in segments)


def _is_body(block: RawBlock) -> bool:
    """A table, heading or prose: what the page's header ends at and its footer starts after."""
    if not isinstance(block, RawParagraph):
        return True
    text = block.text
    return starts_enumeration(text) or "。" in text or len(text) > _MAX_HEADER_LINE_CHARS


def drop_furniture(blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks without the paragraphs that are page furniture (see the module docstring)."""
    vocab = _vocabulary()
    shapes = [_classify(block, vocab) for block in blocks]
    body = [i for i, (block, items) in enumerate(zip(blocks, shapes, strict=True)) if items is None and _is_body(block)]
    first_body, last_body = (body[0], body[-1]) if body else (len(blocks), -1)
    dropped = [
        bool(items)
        and (len(items) >= 2 or items[0] == "page" or (items[0] == "edge" and (i < first_body or i > last_body)))
        for i, items in enumerate(shapes)
    ]
    for i in range(1, min(first_body, len(blocks) - 1)):
        if dropped[i - 1] and dropped[i + 1] and not dropped[i] and _widget_label(blocks[i]):
            dropped[i] = True
    for i in range(min(first_body, len(blocks)) - 1):  # the value, too, stands before the body
        if shapes[i] and shapes[i + 1] is None and _lone_key(blocks[i], vocab):
            dropped[i] = True
            dropped[i + 1] = _header_value(blocks[i + 1], blocks[i + 2] if i + 2 < len(blocks) else None, vocab)
    header = {block.text.strip() for block in blocks[:first_body] if isinstance(block, RawParagraph)}
    for i in range(min(first_body, len(blocks))):
        dropped[i] = dropped[i] or _is_browser_title(blocks[i], header, vocab)
    tail = _post_tail(blocks, vocab)
    kept = [block for block, drop in zip(blocks[:tail], dropped, strict=False) if not drop]
    return _without_preview_labels(kept, vocab)


def _post_tail(blocks: list[RawBlock], vocab: _Vocabulary) -> int:
    """Where a post's closing mark or its platform's list of other posts starts (END ⏎ 往期推荐 ⏎ 某某会召开 ⏎ …):
    a marker alone on its line with only short lines after it; the blocks' end when there is none."""
    for k in range(len(blocks) - 1, -1, -1):
        block = blocks[k]
        if not isinstance(block, RawParagraph) or len(block.text) > _MAX_HEADER_LINE_CHARS:
            return len(blocks)
        if _SEPARATORS.sub("", block.text) in vocab.tail_markers:
            tail = k
            while tail > 0 and isinstance(blocks[tail - 1], RawParagraph):
                if _SEPARATORS.sub("", blocks[tail - 1].text) not in vocab.tail_markers:
                    break
                tail -= 1
            return tail
    return len(blocks)


def _without_preview_labels(blocks: list[RawBlock], vocab: _Vocabulary) -> list[RawBlock]:
    """A sharing site's label (文档介绍:) cut from the line it runs onto, and its file name with a copy's number
    (项目绩效评价报告(2)) from the first line of the copy: elsewhere 评分表(1) is the text's own reference."""
    first = next((k for k, block in enumerate(blocks) if isinstance(block, RawParagraph) and block.text), None)
    cut = []
    for k, block in enumerate(blocks):
        label = vocab.preview_label.match(block.text) if isinstance(block, RawParagraph) else None
        label = label or (vocab.copy_name.match(block.text) if k == first else None)
        cut.append(replace(block, text=block.text[label.end() :]) if label else block)
    return cut


def _is_browser_title(block: RawBlock, header: set[str], vocab: _Vocabulary) -> bool:
    """A browser title (某某报告-民生工程-某县人民政府): the document's title, then the site's section and name,
    over the title standing on a line of its own in the header. Glued onto it, it would double the title. The
    title may hold a bar of its own (2021-2023年…报告): any run of the first segments may be it."""
    if not isinstance(block, RawParagraph):
        return False
    titles = (block.text[: bar.start()].strip() for bar in vocab.bars.finditer(block.text))
    return any(title in header and _holds_title(title) for title in titles)


def _lone_key(block: RawBlock, vocab: _Vocabulary) -> bool:
    """A line that is one key and nothing else (索引号, [发文机构]:): its value stands on the next line."""
    line = _SEPARATORS.sub("", _BRACKETS.sub("", block.text)).rstrip(":：") if isinstance(block, RawParagraph) else ""
    key = vocab.markers.fullmatch(line)
    return key is not None and key.lastgroup == "key"


def _header_value(block: RawBlock, following: RawBlock | None, vocab: _Vocabulary) -> bool:
    """A short line that may be a key's value (2023-00017, 某县某局, 有效): no prose, no title.

    An organisation right over a title is the issuing body's line of the title, whatever stands above it.
    """
    text = block.text if isinstance(block, RawParagraph) else ""
    if not 0 < len(text) <= vocab.max_value_chars or vocab.prose_marks.search(text) or _is_title_line(block):
        return False
    return not (text.endswith(tuple(vocabulary("titles")["organisation_endings"])) and _is_title_line(following))


def _is_title_line(block: RawBlock | None) -> bool:
    """A line holding a title; a report's type alone (绩效自评报告, a 公开目录's value) names none."""
    return isinstance(block, RawParagraph) and _holds_title(block.text)


def _holds_title(text: str) -> bool:
    """Does ``text`` hold a title, not only a report's type (绩效自评报告)?"""
    sign = title_sign("report", "table", "other")
    return bool(sign.search(text)) and not sign.fullmatch(text.strip())


def _widget_label(block: RawBlock) -> bool:
    """A short header line between two furniture lines that reads as no title: a widget's label (X站点).

    An organisation's name there (某某局, the issuing body over its title) is kept.
    """
    text = block.text if isinstance(block, RawParagraph) else ""
    limit = vocabulary("furniture")["header"]["max_sandwiched_chars"]
    return (
        0 < len(text) <= limit
        and not _TITLE_LIKE.search(text)
        and not title_sign("report", "table", "other").search(text)
        and not text.endswith(tuple(vocabulary("titles")["organisation_endings"]))
    )
