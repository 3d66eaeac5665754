"""Stage 1b: repair text from PDF/OCR page dumps (normalisation, broken lines, spaced characters)."""

from __future__ import annotations

import re
import unicodedata

# Full-width digits, Latin letters, percent sign and full stop used as a decimal point map to
# ASCII one for one, so character offsets are unchanged. Punctuation such as ，（： stays.
_WIDTH_MAP = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF05: ord("%"),
    0xFF0E: ord("."),
}


def normalize_width(text: str) -> str:
    """Map full-width digits and Latin letters to ASCII; length and offsets are preserved."""
    return text.translate(_WIDTH_MAP)


# Characters that break a line in page dumps; they become "\n" so no line is glued to the next.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\f\v\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
_KEPT_CONTROLS = {"\n", "\t"}
_SPACE_RUN = re.compile(r"(\S)[^\S\n]+(?=(\S))")  # spaces (any width) between two characters
_SPACE_BEFORE_DATELINE = re.compile(  # 增加| |本报北京1月14日讯, 。| |新华社北京5月9日电
    r"(?<=[\u4e00-\u9fff。！？”])[^\S\n]+(?=本报讯|(?:本报|新华社|中新社)[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日(?:讯|电))")
# Punctuation of Chinese text that is not East-Asian wide but binds like a Chinese character.
_WIDE_EXTRA = set("“”‘’—…·□■")

SENTENCE_ENDS = "。！？…!?"
CLOSERS = "”’」』）》)"
CLAUSE_PUNCTUATION = set("，。、；：！？…")
PAIRED = {"“": "”", "‘": "’", "（": "）", "《": "》", "「": "」", "『": "』"}
BYLINE_MARKS = ("□", "■")
NEWS_LEADS = ("本报讯", "■", "●", "◆", "▲")  # a news item's lead, or a brief's bullet in a 简讯 column
LABEL_MAX_CHARS = 6  # a colon ends a label (编者按：, 记者手记：) this short, or a clause (经研究决定：)
HEADLINE_MAX_CHARS = 30  # a single line with clause punctuation longer than this is prose
WRAPPED_LINE_MAX_CHARS = 60  # a longer line was not wrapped by the dump: it ends its paragraph
SHORT_LINE_SHARE = 0.5  # a line without final punctuation shorter than this share of its block's widest was not wrapped


def normalize_newlines(text: str) -> str:
    """Turn \\r\\n, \\r, form feeds and other break characters into \\n."""
    return text.replace("\r\n", "\n").translate(_LINE_BREAKS)


def strip_control_chars(text: str) -> str:
    """Drop control characters other than \\n and \\t (left over from PDF extraction)."""
    return "".join(ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) != "Cc")


def clean_characters(text: str) -> str:
    """Character-level repairs: line breaks, control characters, full-width digits and letters."""
    return normalize_width(strip_control_chars(normalize_newlines(text)))


def collapse_spaces(text: str) -> str:
    """Remove spaces next to Chinese characters or punctuation; keep those between Latin words.

    Page dumps space out justified lines ("实 干 ，为 教 育"), which splits words and names. A space
    before a dateline (…有较多增加 本报北京1月14日讯 新华社记者…) ends the headline before it: a line break.
    """
    return _SPACE_RUN.sub(_drop_space_beside_wide, _SPACE_BEFORE_DATELINE.sub("\n", text))


def _drop_space_beside_wide(match: re.Match) -> str:
    """Keep a space run only when both neighbours are narrow (Latin words, numbers)."""
    before, after = match[1], match[2]
    return before if _is_wide(before) or _is_wide(after) else match[0]


def _is_wide(ch: str) -> bool:
    """True for Chinese characters and full-width or Chinese punctuation."""
    return ch in _WIDE_EXTRA or unicodedata.east_asian_width(ch) in ("W", "F")


def is_byline(line: str) -> bool:
    """A line marked as a byline or photo credit ("□本报记者 何 龙摄")."""
    return line.startswith(BYLINE_MARKS)


PHOTO_CREDIT = re.compile(r"^(?:本报)?(?:特约|见习|实习)?(?:记者|通讯员|摄影)[^，。；！？]{1,20}摄$")  # 本报通讯员 周鹏 摄


def starts_paragraph(line: str) -> bool:
    """Lines that always begin a new paragraph: news leads, bylines and photo credits."""
    return line.startswith(NEWS_LEADS) or is_byline(line) or bool(PHOTO_CREDIT.match(line))


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence ("。", "？", "。”") or is a complete "（…）" note."""
    text = text.rstrip()
    if text.startswith("（") and text.endswith("）"):
        return True
    return text.rstrip(CLOSERS).endswith(tuple(SENTENCE_ENDS))


def closes_paragraph(paragraph: str, last_line: str, width: int) -> bool:
    """True when the paragraph cannot continue on the next line: it ends a sentence, is a byline,
    or its last line was not wrapped, being longer than a wrapped line or much shorter than the
    block's widest (``width``; a heading or a name between paragraphs: …副所长宋宝贤)."""
    return (ends_sentence(paragraph) or is_byline(paragraph) or bool(PHOTO_CREDIT.match(paragraph))
            or len(last_line) > WRAPPED_LINE_MAX_CHARS or len(last_line) < SHORT_LINE_SHARE * width)


def is_prose(block: str) -> bool:
    """True for running text; False for display lines (headlines, kickers, labels, bylines).

    Prose ends a sentence somewhere, leaves a quote or bracket open (it goes on in the next
    block), introduces what follows after a clause or in more words than a label (…，现公示如下：,
    经市人民政府研究决定：), or has clause punctuation
    over several lines or in a line too long for a headline.
    """
    lines = block.split("\n")
    if any(ends_sentence(line) and not is_byline(line) for line in lines) or _has_open_pair(block):
        return True
    if block.endswith(("：", ":")) and ("，" in block or len(lines[-1]) > LABEL_MAX_CHARS):  # 经市人民政府研究决定：
        return True
    has_clauses = any(ch in CLAUSE_PUNCTUATION for ch in block)
    return has_clauses and (len(lines) > 1 or len(block) > HEADLINE_MAX_CHARS)


def _has_open_pair(text: str) -> bool:
    """True when an opening quote or bracket is not closed in ``text``."""
    return any(text.count(opening) > text.count(closing) for opening, closing in PAIRED.items())


def join_lines(paragraph: str, line: str) -> str:
    """Join a wrapped line onto its paragraph: directly, or with a space between Latin words."""
    if paragraph[-1:].isascii() and paragraph[-1:].isalpha() and line[:1].isascii() and line[:1].isalpha():
        return f"{paragraph} {line}"
    return paragraph + line


def split_blocks(text: str) -> list[list[str]]:
    """Groups of consecutive non-empty lines (stripped), as separated by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


CELL_GAP = re.compile(r"\t+|[ \u3000]{2,}")  # a table's column gap: tabs, or two or more spaces
NAME_CELL_MAX_CHARS = 12  # 艾尼瓦尔·买买提, 李秀兰（女）: the first cell of a list of names
POST_COLUMN = re.compile(r"^(现任|拟任|原任|拟提名|拟推荐)")  # 现任职务, 拟任职务: the verb of the column


def table_sentences(block: list[str]) -> list[str] | None:
    """A table (two or more rows of the same three or more cells) as one sentence per data row,
    or None. A header row (no digits, short cells) is dropped, and a post column keeps its verb
    (现任职务 → 现任…), so 任前公示 tables read like their prose form: 陈刚，男，1979.06，现任…副主任，拟任…局长。
    A list of names and posts (three or more lines of a short name, a space and the rest) reads
    the same way: 王建华，昌吉市委组织部干部科科长。"""
    rows = [CELL_GAP.split(line) for line in block]
    if len(rows) < 2 or len({len(row) for row in rows}) != 1 or len(rows[0]) < 3:
        return name_list_sentences(block)
    header = rows[0] if all(len(cell) <= 6 and not any(ch.isdigit() for ch in cell) for cell in rows[0]) else None
    verbs = [m.group() if (m := POST_COLUMN.match(cell)) else "" for cell in header] if header else [""] * len(rows[0])
    body = rows[1:] if header else rows
    return ["，".join(verb + cell for verb, cell in zip(verbs, row)) + "。" for row in body]


def name_list_sentences(block: list[str]) -> list[str] | None:
    """A list of names and what they are (王建华 昌吉市委组织部干部科科长) as one sentence per line, or None."""
    rows = [line.split(maxsplit=1) for line in block]
    if len(rows) < 3 or any(len(row) != 2 or not 2 <= len(row[0]) <= NAME_CELL_MAX_CHARS or " " in row[1] for row in rows):
        return None  # not spaced-out text either (实 干 ，为 教 育)
    return [f"{name}，{rest}。" for name, rest in rows]


def repair_paragraphs(text: str) -> list[str]:
    """Repair a page dump into paragraphs, in order.

    Prose paragraphs come back as single joined lines, a table's rows as sentences
    (``table_sentences``). A line without final punctuation goes
    on in the next line, even across a blank line (dumps put blank lines at column breaks),
    as long as the next block is prose too. Display blocks (headlines, bylines, labels) keep
    their lines, joined by "\\n", so the splitter can still tell them apart.
    """
    paragraphs: list[str] = []
    is_open = False  # the last paragraph is prose that has not ended yet
    for block in split_blocks(clean_characters(text)):
        if (rows := table_sentences(block)) is not None:
            paragraphs += rows
            is_open = False
            continue
        if not is_prose("\n".join(block)):
            paragraphs.append("\n".join(block))
            is_open = False
            continue
        width = max(map(len, block))
        for line in block:
            if is_open and not starts_paragraph(line):
                paragraphs[-1] = join_lines(paragraphs[-1], line)
            else:
                paragraphs.append(line)
            is_open = not closes_paragraph(paragraphs[-1], line, width)
    return [collapse_spaces(paragraph) for paragraph in paragraphs]


def repair_page(text: str) -> str:
    """Repaired text of a page dump or article: paragraphs separated by a blank line.

    Idempotent: prose paragraphs are single lines and display blocks keep their lines, so a
    second pass finds nothing to join.
    """
    return "\n\n".join(repair_paragraphs(text))
