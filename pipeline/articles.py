"""Stage 1c: split a repaired newspaper page into articles and attach headlines and bylines.

Page dumps print bodies first and the display lines (headlines, kickers, bylines, the 导读
box) apart from them, often at the end of the page. Bodies are split at news leads
("本报讯") and wherever display lines come between them. A headline is attached only when
its character bigrams clearly overlap one body more than any other; otherwise it stays
empty rather than being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.ingest import SourceDoc
from pipeline.repair import NEWS_LEADS, is_byline, is_prose, repair_page, repair_paragraphs

DIGEST_LABELS = {"导读"}
SUBTITLE_DASH = "——"
PULL_QUOTE = re.compile(r"“[^“”\n]+”")  # a quotation printed alone, its speaker on the line after it
BYLINE_START = re.compile(r"^(本报)?(记者|通讯员|摄影)")
PHOTO_CREDIT_END = "摄"
# "图为培训现场。 本报记者 张磊 摄": a photo caption printed on its own, with its credit.
CAPTION_MAX_CHARS = 200  # a block opening with 图为 this long is a caption, not a body
CAPTION = re.compile(r"^(?:图为|上图|下图|左图|右图|图[：:])(?P<text>.*?[。！]?)\s*(?P<credit>[^。！]{2,30}摄)?$")
# "本报讯 记者王薇报道：" or "本报讯（记者 王薇）" → the byline inside the lead.
LEAD_BYLINE = re.compile(
    r"^本报讯\s*(?:[（(](?P<bracketed>[^）)]{2,40})[）)]|(?P<reported>[^，。：:]{2,40}?)报道[：:])"
)
# "■ 8月3日，…。（通讯员 高敏）": a brief's credit at its end.
TRAILING_CREDIT = re.compile(r"[（(](?P<credit>(?:本报)?(?:特约|见习|实习)?(?:记者|通讯员)[^（）()]{1,30})[）)]$")
# A page's folio line: 第2版 or 星期二, or a masthead of the paper's name and date alone.
FOLIO = re.compile(
    r"第\s*[0-9一二三四五六七八九十]+\s*版|星期[一二三四五六日天]"
    r"|^[\u4e00-\u9fff]{2,8}?(?:日报|晚报|时报)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)
FOLIO_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
FOLIO_PAPER = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:日报|晚报|时报|报)(?=\s|\d|$)")
MIN_OVERLAP = 0.4  # share of a headline's bigrams that must occur in the body
MIN_OVERLAP_NEXT = 0.25  # the same for the body printed right after the headline
MIN_MARGIN = 0.15  # lead of the best body over the runner-up


@dataclass
class Article:
    """One article of a page (or one JSONL record): repaired text, paragraphs split by "\\n"."""

    id: str
    source: str
    headline: str
    byline: str
    text: str
    kind: str  # "news", "feature", "caption", "quote" or "digest"
    date: str | None = None  # from the page's folio line (2024-11-26), if printed
    paper: str | None = None  # the paper the folio line names (昌吉日报), if printed


@dataclass
class _Draft:
    """An article being assembled while walking the page."""

    paragraphs: list[str]
    byline: str = ""
    headline: str = ""
    is_digest: bool = False
    is_caption: bool = False


@dataclass(eq=False)
class _DisplayLine:
    """A headline or kicker line printed apart from the bodies."""

    text: str


_Anchor = _Draft | _DisplayLine | None  # what a byline follows: a body, a headline line or nothing


@dataclass
class _Page:
    """What the walk over a page collects: drafts in page order, display runs, bylines."""

    drafts: list[_Draft] = field(default_factory=list)
    runs: list[list[_DisplayLine]] = field(default_factory=lambda: [[]])
    bylines: list[tuple[str, _Anchor]] = field(default_factory=list)
    date: str | None = None
    paper: str | None = None


def split_page(doc: SourceDoc) -> list[Article]:
    """Articles of a page dump in page order; a JSONL record gives exactly one article."""
    if not doc.is_page:
        return [_record_article(doc)]
    page = _walk(repair_paragraphs(doc.text))
    owners = _match_headlines(page)
    _attach_bylines(page, owners)
    return [_to_article(doc, page, number, draft) for number, draft in enumerate(page.drafts, start=1)]


def _record_article(doc: SourceDoc) -> Article:
    """The single news article of a clean JSONL record; headline and byline from its fields."""
    paragraphs = repair_paragraphs(doc.text)
    headline = doc.meta.get("headline") or doc.meta.get("title") or ""
    byline = doc.meta.get("byline") or (lead_byline(paragraphs[0]) if paragraphs else "")
    return Article(
        id=f"{doc.id}#1",
        source=doc.source,
        headline=repair_page(str(headline)),
        byline=str(byline),
        text="\n".join(paragraphs),
        kind="news",
    )


def lead_byline(paragraph: str) -> str:
    """The byline inside a news lead ("本报讯记者刘茜、通讯员李铭报道：…" → "记者刘茜、通讯员李铭"), or
    the credit closing a brief ("■ …。（通讯员 高敏）" → "通讯员 高敏")."""
    if match := LEAD_BYLINE.match(paragraph):
        return (match["bracketed"] or match["reported"]).strip()
    if paragraph.startswith(NEWS_LEADS) and (credit := TRAILING_CREDIT.search(paragraph.rstrip())):
        return credit["credit"].strip()
    return ""


def _walk(paragraphs: list[str]) -> _Page:
    """Collect bodies, display lines and bylines in page order.

    Display lines before the first body are headline candidates like any other (a kicker
    or page title matches no body well enough to be attached); a folio line (date, page
    number) is dropped, a signature block ending in a date (issuer, 2024年3月15日) closes the
    body before it. A 导读 block becomes a digest article of its teaser lines, a photo
    caption (图为…) an article of its own.
    """
    page = _Page()
    last: _Anchor = None
    for paragraph in paragraphs:
        caption = CAPTION.match(paragraph.replace("\n", " ")) if len(paragraph) <= CAPTION_MAX_CHARS else None
        if caption:  # 图为…。\n本报通讯员 周鹏 摄: a caption block, its credit on its own line
            last = _add_caption(page, caption.group(), caption["credit"] or "")
            continue
        if is_prose(paragraph):
            last = _add_body(page, paragraph, last)
            continue
        lines = paragraph.split("\n")
        if isinstance(last, _Draft) and not last.is_caption and FOLIO_DATE.fullmatch(lines[-1]):
            last.paragraphs.append(paragraph)  # 某某市人民政府\n2024年3月15日: the issuer and date close the body
            continue
        if DIGEST_LABELS & set(lines):
            _add_digest(page, [line for line in lines if line not in DIGEST_LABELS])
            last = None
            continue
        for line in lines:
            caption = CAPTION.match(line)
            last = _add_caption(page, line, caption["credit"] or "") if caption else _add_display_line(page, line, last)
    return page


def _add_body(page: _Page, paragraph: str, last: _Anchor) -> _Draft:
    """Continue the current body, or start an article at a news lead or after display lines."""
    if isinstance(last, _Draft) and not last.is_caption and not paragraph.startswith(NEWS_LEADS):
        last.paragraphs.append(paragraph)
        return last
    draft = _Draft([paragraph], byline=lead_byline(paragraph))
    page.drafts.append(draft)
    page.runs.append([])
    return draft


def _add_digest(page: _Page, teasers: list[str]) -> None:
    """Add a digest article (the page's 导读 box) and close the current display run."""
    if teasers:
        page.drafts.append(_Draft(teasers, is_digest=True))
    page.runs.append([])


def _add_caption(page: _Page, line: str, credit: str) -> _Draft:
    """Add a photo caption as an article of its own (its credit as byline, or the byline line
    right after it); no headline line is attached to it or runs across it, and no body goes on
    in it."""
    draft = _Draft([line.removesuffix(credit).strip()], byline=credit.strip(), is_caption=True)
    page.drafts.append(draft)
    page.runs.append([])
    return draft


def _add_display_line(page: _Page, line: str, last: _Anchor) -> _Anchor:
    """Record a byline (with what it follows) or a headline line; return the new anchor."""
    if _is_byline_line(line):
        page.bylines.append((_clean_byline(line), last))
        page.runs.append([])
        return None
    if FOLIO.search(line):  # 昌吉日报 2024年11月26日 第2版: the page's date and paper, no headline
        date, paper = FOLIO_DATE.search(line), FOLIO_PAPER.search(line)
        page.date = page.date or (date and f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}")
        page.paper = page.paper or (paper and paper[0])
        return None
    if line.startswith(SUBTITLE_DASH) and isinstance(last, _Draft) and _is_pull_quote(last.paragraphs):
        last.paragraphs.append(line)  # “…。”\n——呼图壁县五工台镇党委书记王刚: the quote's speaker, no headline
        return last
    run = page.runs[-1]
    if line.startswith(SUBTITLE_DASH) and run:
        run[-1].text += line
        return run[-1]
    run.append(_DisplayLine(line))
    return run[-1]


def _is_byline_line(line: str) -> bool:
    """A display line naming a reporter or photographer."""
    return is_byline(line) or bool(BYLINE_START.match(line))


def _clean_byline(line: str) -> str:
    """Byline without its □ mark."""
    return line.lstrip("□■ ").strip()


def _match_headlines(page: _Page) -> dict[_DisplayLine, _Draft]:
    """Give each body at most one headline unit (one line, or two adjacent ones).

    Units are taken greedily, most matching bigrams first, among those whose overlap with
    their best body is high enough and clearly ahead of the runner-up. Returns the owner
    of each matched display line.
    """
    bodies = [draft for draft in page.drafts if not draft.is_digest]
    body_bigrams = [_bigrams("".join(draft.paragraphs)) for draft in bodies]
    next_body = {number: bodies.index(draft) for number, draft in enumerate(page.drafts) if draft in bodies}
    candidates = []
    for run, unit in _headline_units(page.runs):  # run i is printed right before draft i
        match = _confident_body(unit, body_bigrams, next_body.get(run))
        if match is not None:
            matched, share, index = match
            candidates.append((matched, share, unit, bodies[index]))
    owners: dict[_DisplayLine, _Draft] = {}
    for _, _, unit, draft in sorted(candidates, key=lambda candidate: candidate[:2], reverse=True):
        if draft.headline or any(line in owners for line in unit):
            continue
        draft.headline = " ".join(line.text for line in unit)
        owners.update((line, draft) for line in unit)
    return owners


def _confident_body(unit: list[_DisplayLine], body_bigrams: list[set[str]],
                    next_body: int | None = None) -> tuple[int, float, int] | None:
    """``(matched bigrams, share, body index)`` of the body a headline unit clearly belongs to;
    the body printed right after the unit needs a smaller share (``MIN_OVERLAP_NEXT``), and
    none when it is the page's only body (a file holding one article: 2024年度优秀共产党员名单)."""
    unit_bigrams = set().union(*(_bigrams(line.text) for line in unit))
    ranked = sorted(
        ((len(unit_bigrams & bigrams), index) for index, bigrams in enumerate(body_bigrams)), reverse=True
    )
    if not unit_bigrams or not ranked:
        return None
    (best, index), runner_up = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0)
    share, margin = best / len(unit_bigrams), (best - runner_up) / len(unit_bigrams)
    if len(body_bigrams) == 1 and index == next_body:
        return best, share, index
    needed = MIN_OVERLAP_NEXT if index == next_body else MIN_OVERLAP
    return (best, share, index) if share >= needed and margin >= MIN_MARGIN else None


def _headline_units(runs: list[list[_DisplayLine]]) -> list[tuple[int, list[_DisplayLine]]]:
    """Candidate headlines with the number of their run: each display line alone and each pair
    of adjacent lines in a run."""
    units = [(number, [line]) for number, run in enumerate(runs) for line in run]
    return units + [(number, list(pair)) for number, run in enumerate(runs) for pair in pairwise(run)]


def _bigrams(text: str) -> set[str]:
    """Character bigrams of letters, digits and Chinese characters (punctuation skipped)."""
    return {a + b for a, b in pairwise(text) if a.isalnum() and b.isalnum()}


def _attach_bylines(page: _Page, owners: dict[_DisplayLine, _Draft]) -> None:
    """Give a byline to the body it follows, or to the article of the headline it follows."""
    for byline, anchor in page.bylines:
        draft = anchor if isinstance(anchor, _Draft) else owners.get(anchor)
        if draft is not None and not draft.byline and not draft.is_digest:
            draft.byline = byline


def _is_pull_quote(paragraphs: list[str]) -> bool:
    """A quotation printed on its own (“…”), maybe with its speaker's line (——…) after it."""
    return bool(PULL_QUOTE.fullmatch(paragraphs[0])) and (
        len(paragraphs) == 1 or (len(paragraphs) == 2 and paragraphs[1].startswith(SUBTITLE_DASH)))


def _kind(draft: _Draft) -> str:
    """Digest, news (本报讯 lead), caption (photo credit), quote (a pull quote with its speaker) or feature."""
    if draft.is_digest:
        return "digest"
    if len(draft.paragraphs) == 2 and _is_pull_quote(draft.paragraphs):
        return "quote"
    if draft.paragraphs[0].startswith(NEWS_LEADS):
        return "news"
    if draft.is_caption or draft.byline.endswith(PHOTO_CREDIT_END):
        return "caption"
    return "feature"


def _to_article(doc: SourceDoc, page: _Page, number: int, draft: _Draft) -> Article:
    """The finished article; its number gives the id and keeps page order."""
    return Article(
        id=f"{doc.id}#{number}",
        source=doc.source,
        headline=draft.headline,
        byline=draft.byline,
        text="\n".join(draft.paragraphs),
        kind=_kind(draft),
        date=page.date,
        paper=page.paper,
    )
