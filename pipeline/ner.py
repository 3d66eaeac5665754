"""Stage 3: named entities (PERSON, ORG, LOC, TITLE) on top of the word tokens.

A character-level spaCy NER model finds spans whose boundaries may fall inside pkuseg
words; its spans then split those words (``doc.retokenize``) so ``doc.ents`` stays aligned.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache, reduce
from itertools import pairwise
from pathlib import Path
from typing import Iterable, Iterator, Union

import numpy
import spacy
from spacy.attrs import IDX, LEMMA, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from pipeline.facts import (central_agencies, common_surnames, corps_unit_pattern, countries, international_organisations,
                            leading_country, load_json, name_parts, org_short_forms, places_by_name, posts, surnames,
                            townships_of)
from pipeline.repair import normalize_width

BOS, EOS = "<s>", "</s>"


class CharBigramTokenizer:
    """One token per character; LEMMA and TAG carry the left and right character bigrams.

    The bigrams are features for the character NER model's ``MultiHashEmbed`` (attrs
    ``LEMMA`` and ``TAG``), set by the tokenizer so training and inference see the same doc.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        chars = list(text)
        doc = Doc(self.vocab, words=chars, spaces=[False] * len(chars))
        add = self.vocab.strings.add
        bigrams = [(add(a + b), add(b + c)) for a, b, c in zip([BOS] + chars[:-1], chars, chars[1:] + [EOS])]
        if bigrams:  # set as one array: much faster than Doc(lemmas=…, tags=…), the same values
            doc.from_array([LEMMA, TAG], numpy.array(bigrams, dtype="uint64"))
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: Union[str, Path], **kwargs) -> None:
        """Nothing to save: the tokenizer has no state."""

    def from_disk(self, path: Union[str, Path], **kwargs) -> "CharBigramTokenizer":
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharBigramTokenizer":
        return self


@registry.tokenizers("zhkg.char_bigrams.v1")
def create_char_bigram_tokenizer():
    """Registered tokenizer factory for the character NER model's config."""

    def make(nlp) -> CharBigramTokenizer:
        return CharBigramTokenizer(nlp.vocab)

    return make


CharSpan = tuple[int, int, str]  # start char, end char (exclusive), label
GAZETTEER_KEY = "gazetteer"
COUNTY_ENDS = ("县", "旗")  # an autonomous county's alias with its level (木垒县) is as safe as a full name


def gazetteer_patterns() -> list[dict]:
    """Phrase patterns for the span ruler: posts (TITLE), divisions (LOC), central organs and international
    organisations (ORG).

    Divisions down to county level are matched by name and alias (a county's only with its
    level: 木垒县 for 木垒哈萨克自治县, not 木垒); the 41k township names
    are left to the model and to the relation stage's lookups, as matching them all would
    cost seconds at start-up for few extra finds.
    """
    rules = load_json("ner_rules.json")
    alias_levels = set(rules["place_alias_levels"])
    places = set()
    for name, divisions in places_by_name().items():
        full = [d for d in divisions if d.name == name and d.level in rules["place_levels"]]
        alias = [d for d in divisions if d.level in alias_levels or (d.level == "county" and name.endswith(COUNTY_ENDS))]
        if len(name) >= rules["min_place_length"] and (full or alias) and name not in rules["generic_place_names"]:
            places.add(name)
    return (
        [{"label": "TITLE", "pattern": p} for p in sorted(posts())]
        + [{"label": "LOC", "pattern": p} for p in sorted(places)]
        + [{"label": "ORG", "pattern": p} for p in sorted(central_agencies() | international_organisations())]
    )


def named_townships(text: str, places: list[str]) -> list[CharSpan]:
    """The townships of the counties and prefectures among ``places`` that ``text`` names
    (呼图壁县 … 五工台镇): the gazetteer matches counties and above; a township's name is only
    taken for a place where its county or prefecture is named too."""
    names = [name for name in townships_of(places) if name in text]  # a prefecture has hundreds
    return sorted((m.start(), m.end(), "LOC") for name in names for m in re.finditer(re.escape(name), text))


def add_gazetteer(char_nlp: Language) -> None:
    """Add a ``span_ruler`` with the gazetteer patterns to the character pipeline."""
    if "gazetteer" in char_nlp.pipe_names:
        char_nlp.remove_pipe("gazetteer")
    ruler = char_nlp.add_pipe(
        "span_ruler", name="gazetteer", first=True, config={"spans_key": GAZETTEER_KEY, "phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns(gazetteer_patterns())


def overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


NAME_BREAK = re.compile(r"[（）()“”\"《》【】\[\]]")  # a name ends at a bracket or quote
LATIN_NAME = re.compile(r"(?P<latin>[A-Za-z][A-Za-z .\-]*[A-Za-z.])[\u4e00-\u9fff]+")
NAME_EDGES = "（）()“”\"《》【】[]‘’'·•-—、：: "


def name_core(span: CharSpan, text: str) -> CharSpan | None:
    """A PERSON without punctuation at its edges, cut at a bracket or quote inside it:
    (Lyn → Lyn, 凯特· → 凯特, 斯蒂芬·加勒特（stephengarrett → 斯蒂芬·加勒特; a Latin name without the
    Chinese characters the model ran into after it (JoeGoyette以 → JoeGoyette), a transliterated name
    with the end of its last part (``completed_name_part``); None if nothing is left."""
    start, end, label = span
    while start < end and text[start] in NAME_EDGES:
        start += 1
    if cut := NAME_BREAK.search(text, start, end):
        end = cut.start()
    while end > start and text[end - 1] in NAME_EDGES:
        end -= 1
    if latin := LATIN_NAME.fullmatch(text, start, end):  # JoeGoyette|以, Riddick|超
        end = latin.end("latin")
    return (start, completed_name_part(text, start, end), label) if end > start else None


def completed_name_part(text: str, start: int, end: int) -> int:
    """End of a transliterated name whose last part the model cut short, completed to a known
    part (阿依古丽·买买|提出席 → 买买提, 艾尼瓦尔·托|合提主持 → 托合提)."""
    last = last_name_part(text, start, end)
    if last is None:
        return end
    return next((end + k for k in (3, 2, 1) if last + text[end : end + k] in name_parts()), end)


def last_name_part(text: str, start: int, end: int) -> str | None:
    """The part after the last · of a transliterated name (买买 in 阿依古丽·买买), None without one."""
    dot = text.rfind("·", start, end)
    return text[dot + 1 : end] if dot >= 0 else None


def trim_person(span: CharSpan, text: str, verbs: list[str]) -> CharSpan:
    """Cut a speech verb swallowed by a name: 吴涤表|示 → 吴涤, 朴世峰说 → 朴世峰 (but not the
    end of a known name part: 阿依古丽·买买提|出席, though 提出 is a verb)."""
    start, end, label = span
    if last_name_part(text, start, end) in name_parts():
        return span
    for verb in verbs:
        for k in range(len(verb), 0, -1):
            if end - start - k >= 2 and text.endswith(verb[:k], start, end) and text.startswith(verb, end - k):
                return start, end - k, label
    return span


def without_preposition(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A name starting with the preposition 同 ("with") before a name of three characters or more,
    or before a name the text tags elsewhere, starts after it: 李岚清副总理|同|涅姆佐夫第一副总理 (同 is
    also a rare surname, but no Chinese given name has three characters)."""
    persons = {text[start:end] for start, end, label in ents if label == "PERSON"}
    return [(start + 1, end, label) if label == "PERSON" and text.startswith("同", start)
            and (end - start >= 4 or text[start + 1 : end] in persons) else (start, end, label)
            for start, end, label in ents]


def without_office_verb(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A name of three characters or more ending in 任 right before an organisation, place or post
    ends before it: 张锐钢|任|天津港（集团）有限公司董事长 (任 rarely ends a given name)."""
    starts = {start for start, _, label in ents if label in ("ORG", "LOC", "TITLE")}
    return [(start, end - 1, label) if label == "PERSON" and end - start >= 3 and end in starts and text[end - 1] == "任"
            else (start, end, label) for start, end, label in ents]


def is_han(char: str) -> bool:
    """A CJK unified ideograph (a Chinese character)."""
    return "\u4e00" <= char <= "\u9fff"


def anchored_name(text: str, start: int, followers: tuple[str, ...],
                  names: frozenset[str] | None = None, at_text_end: bool = False) -> CharSpan | None:
    """A 2–3 character name starting at ``start`` with a surname (by default a common one)
    and a follower after it (or the end of the text, if ``at_text_end``); not a word for
    people written after posts (教师|家庭, 学生|家长), one holding a pronoun (负责人|向我们) nor a
    surname and 总 (主持人：|孙总)."""
    names = names or common_surnames()
    rules = load_json("ner_rules.json")
    for length in (2, 3):
        end = start + length
        if end <= len(text) and (text[start] in names or text[start : start + 2] in names):
            followed = (at_text_end and end == len(text)) or text.startswith(followers, end)
            verb = text.startswith(tuple(rules["name_end_verbs"]), end - 1)
            pronoun = any(c in rules["pronoun_chars"] for c in text[start:end])  # 负责人|向我们|介绍
            word = text[start:end] in rules["not_names"] or not all(map(is_han, text[start:end])) \
                or (length == 2 and text[start + 1] == "总")  # 孙总: the boss, addressed by his surname
            if followed and not verb and not pronoun and not word:
                return start, end, "PERSON"
    return None


COLONS = (":", "：")


def names_after_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """Names the model missed right after a post (副局长朴世峰说), its colon (董事长:易军) or a listed
    name (陈诚、叶钰); at the end of the text only after a curated post (…有限公司董事长程理财)."""
    rules = load_json("ner_rules.json")
    followers, verbs = tuple(rules["name_followers"]), tuple(rules["speech_verbs"])
    found = []
    for start, end, label in sorted(ents):
        listed = label == "PERSON" and text.startswith("、", end)
        after = end + (listed or (label == "TITLE" and text.startswith(COLONS, end)))  # 董事长:|易军
        if (label == "TITLE" or listed) and not text.startswith((*verbs, HOME), after):  # 两位总统|强调, 院士|家
            name = anchored_name(text, after, followers, at_text_end=text[start:end] in posts())
            if name and not any(overlaps(name, e) for e in ents + found):
                found.append(name)
    return found


def completed_surnames(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A lone surname the model found right after a post is completed to the name that
    starts there (常务副主席|赵|刚参加 → 赵刚), when a name follower comes after it."""
    followers = tuple(load_json("ner_rules.json")["name_followers"])
    title_ends = {end for _start, end, label in ents if label == "TITLE"}
    out = []
    for ent in ents:
        if ent[2] == "PERSON" and ent[1] - ent[0] == 1 and ent[0] in title_ends:
            name = anchored_name(text, ent[0], followers)
            if name and not any(overlaps(name, e) for e in ents if e != ent):
                ent = name
        out.append(ent)
    return out


ANONYMISED = re.compile("某某|某")  # 王|某某: a name withheld in court and discipline reports


def anonymised_names(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A surname followed by 某 or 某某 is a withheld name, one person (王某某 of a discipline
    report, not 王)."""
    out = []
    for start, end, label in ents:
        withheld = ANONYMISED.match(text, end) if label == "PERSON" and end - start == 1 else None
        out.append((start, withheld.end(), label) if withheld else (start, end, label))
    return out


NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{3}$", re.MULTILINE)  # 曹玉林 alone on its line: an author's byline


def names_on_their_own_lines(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A line of three characters starting with a common surname is an author's name (a column's
    byline, 曹玉林), whatever the model made of it (曹 + 玉林), unless it is a place, a post or an
    entity of another kind as a whole (金沙江). Two characters are too often a word (高低, 大农)."""
    whole = {(s, e) for s, e, label in ents if label != "PERSON"}
    found = [(m.start(), m.end(), "PERSON") for m in NAME_LINE.finditer(text)
             if m.group()[0] in common_surnames() and m.group() not in places_by_name() and m.group() not in posts()
             and m.span() not in whole]
    return [e for e in ents if not any(overlaps(e, name) for name in found)] + found


NOT_NAME_ENDS = ("奖", "杯", "节", "篇", "赛")
DOTTED_NAME = re.compile(r"(?<![\u4e00-\u9fff·])[\u4e00-\u9fff]{2,6}(?:·[\u4e00-\u9fff]{2,6})+(?![\u4e00-\u9fff·])")


def dotted_names(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A transliterated name written with a middle dot (，|艾尼瓦尔·买买提|，) that the model
    missed is a person when one of its parts starts with a known name part (买买提, 古丽 …:
    not 村里人·村中事, 社会周刊·读者之友) and it does not name a prize or stand in a title (《…》)."""
    found = []
    for match in DOTTED_NAME.finditer(text):
        span, parts = (match.start(), match.end(), "PERSON"), match.group().split("·")
        known = any(part.startswith(known_part) for part in parts for known_part in name_parts())
        if (known and not any(overlaps(span, e) for e in ents) and not match.group().endswith(NOT_NAME_ENDS)
                and text.rfind("《", 0, span[0]) <= text.rfind("》", 0, span[0])):
            found.append(span)
    return ents + found


def names_in_appointments(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """``ents`` with the names of appointment formulas (任命|张建国|为, 免去|翁若同|的, and each
    item of a list the verb heads: 任命：|张明|为…；|刘芳|为…。): the formula is evidence enough
    for any surname, and a model name it contains is completed."""
    rules = load_json("ner_rules.json")
    followers = tuple(rules["appointee_followers"])
    for verb in re.finditer("|".join(rules["appointment_verbs"]), text):
        for start in appointee_starts(text, verb.end()):
            name = anchored_name(text, start, followers, surnames())
            clashes = [e for e in ents if name and overlaps(name, e)]
            if name and all(e[2] == "PERSON" and name[0] <= e[0] and e[1] <= name[1] for e in clashes):
                ents = [e for e in ents if e not in clashes] + [name]
    return ents


LIST_ITEM_START = re.compile(r"[：:；;\n]+\s*")


def appointee_starts(text: str, at: int) -> list[int]:
    """Where an appointee's name may start after an appointment verb ending at ``at``: right
    there, or, when a colon makes the verb a list heading, at each item of the list (up to 。)."""
    if not text.startswith(("：", ":"), at):
        return [at]
    end = text.find("。", at)
    return [m.end() for m in LIST_ITEM_START.finditer(text, at, len(text) if end < 0 else end)]


def orgs_before_posts(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """``”呼图壁县技工学校副校长`` → ORG 呼图壁县技工学校 when the model found no ORG there.

    The organisation of a post is written right before it (see ``organisation_before``) and
    ends with an organisation suffix. Places or organisation pieces the model found inside
    it are absorbed. (Without a place or national prefix the stretch is too often a clause:
    还有中国海外交流协会; on the dev sets this scores as well as taking any stretch.)
    Returns each new organisation with the entities it absorbs.
    """
    suffixes = tuple(load_json("relation_rules.json")["org_suffixes"])
    found = []
    for start, _end, label in ents:
        begin = organisation_before(text, start) if label == "TITLE" else None
        if begin is not None and start - begin >= 3 and text[begin:start].endswith(suffixes):
            found += absorbing(ents, after_dateline((begin, start, "ORG"), text))  # not 北京5月14日电|外交部
    return found


def legal_form_orgs(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """Company names by their legal form: place + trade name + 有限公司 (新疆中瀚顶达环保科技有限公司),
    as Chinese company registration prescribes, where the model found none or only pieces."""
    found = []
    for match in legal_form_pattern().finditer(text):
        begin = organisation_before(text, match.start())
        if begin is not None and (begin, match.end(), "ORG") not in ents:
            found += absorbing(ents, (begin, match.end(), "ORG"))
    return found


def companies_named_bare(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A company or school named with no place before it, where the model found none: by its legal
    form (他经营的|瑞祥阁古典家具有限公司), as 公司 / 集团 / 中学 … right before a post (克丽缇娜集团|董事长,
    实验小学|校长), or by a listed company's short name (``short_trade_names``).

    The name is the stretch ``organisation_before`` reads, after any person, post or clause word in
    it and a leading preposition (对|长生生物科技股份有限公司, 会见了|家家悦集团); it needs a trade name
    of its own (该公司, 上市公司, 投资公司 are none). A place inside the stretch starts the name, as
    for the other rules (嘉宾有|深圳语信时代通信设备有限公司).
    """
    rules = load_json("ner_rules.json")
    ends = [m.end() for m in legal_form_pattern().finditer(text)]
    ends += [s for s, _, label in ents if label == "TITLE" and text.endswith(COMPANY_ENDS, 0, s)]
    found = [hit for span in short_trade_names(ents, text, rules) for hit in absorbing(ents, span)]
    for end in sorted(set(ends)):
        begin = None if any(e[2] == "ORG" and e[0] < end <= e[1] for e in ents) else bare_company_start(ents, text, end, rules)
        if begin is not None:
            found += absorbing(ents, (begin, end, "ORG"), ("LOC", "ORG", "PERSON"))
    return found


def short_trade_names(ents: list[CharSpan], text: str, rules: dict) -> list[CharSpan]:
    """A listed company's four-character short name, a trade name and its industry, right before a
    corporate post: 掌趣科技|董事长, 国联水产|董事长 (after a boundary, a clause word or 如)."""
    found = []
    for start, end, label in ents:
        if label != "TITLE" or text[start:end] not in rules["corporate_posts"] or start < 4:
            continue
        name, before = text[start - 4 : start], text[start - 5 : start - 4]
        if name.endswith(tuple(rules["industry_words"])) and has_trade_name(name, rules) \
                and (not before or before in rules["org_boundaries"] + rules["clause_chars"] + rules["company_leads"] + "如"):
            found.append((start - 4, start, "ORG"))
    return found


COMPANY_ENDS = ("公司", "集团", "中学", "小学", "大学", "学院", "学校")
BRANCH_LEADS = ("分", "子", "总")
CLOSING_BRACKETS = "）)"
COUNTED = re.compile("[一二两三四五六七八九十几数多各每][家位个名所年]")


def bare_company_start(ents: list[CharSpan], text: str, end: int, rules: dict) -> int | None:
    """Start of a company name ending at ``end`` (see ``companies_named_bare``), or None. A "person"
    right before a company's industry and legal form is its trade name (赛特斯|信息科技股份有限公司)."""
    begin = stretch_start(text, end, rules)
    after_entity = max([begin, *(e[1] for e in ents if e[2] in ("PERSON", "TITLE") and begin < e[1] <= end)])
    begin = after_clause_words(text, after_entity, end, rules)
    national = tuple(load_json("relation_rules.json")["national_prefixes"])
    place = next((i for i in range(begin, end) if text.startswith(national, i) or leading_place(text[i:end])
                  or leading_country(text[i:end])), None)
    if place is not None:
        rest = text[place:end].removeprefix(leading_place(text[place:end]) or leading_country(text[place:end]) or "")
        branch = rest.startswith(BRANCH_LEADS) and len(rest) <= 4  # 特变电工|昌吉|分公司
        return place if branch or has_trade_name(rest, rules, kinds_only=True) else None  # not 美国各大公司, 美国公立中学
    lead = begin < end and text[begin] in rules["company_leads"]  # …克拉克森|和|CFM发动机公司
    if begin == after_entity > 0 and text[begin - 1] not in rules["org_boundaries"] and not lead:
        named = next((e for e in ents if e[2] == "PERSON" and e[1] == begin), None)  # 东莞市|贝特利|新材料有限公司
        if named is None or has_trade_name(text[begin:end], rules) or end - named[0] > 16:
            return None  # 奥记者|俱乐部新闻学院, 池田香峰子|代表创价大学: the name may start before
        return next((e[0] for e in ents if e[2] == "LOC" and e[1] == named[0]), named[0])
    if begin > 0 and text[begin - 1] in CLOSING_BRACKETS:  # 北京创意（智策）|公共关系有限公司 goes on before the bracket
        return None
    inside = (i + 1 for i in range(begin + 1, end) if text[i] in rules["company_leads"] and text[i] not in CONJUNCTIONS)
    begin = max([begin + lead, *inside])  # 大会由|交运集团; but 管理与经济学院 is one name
    return begin if has_trade_name(text[begin:end], rules) else None


def has_trade_name(name: str, rules: dict, kinds_only: bool = False) -> bool:
    """Whether a company's or school's name says which one (not 该公司, 上市公司, 投资管理有限公司,
    公立中学) and is no clause (2008年至今任…公司, 受聘为公司, 改善中小学). ``kinds_only``: a name
    after a place may be an industry alone (国家石油公司, 昌吉州投资公司)."""
    if name.startswith(tuple(rules["company_determiners"])) or clause_word_pattern().search(name) \
            or any(c.isdigit() or c in rules["clause_chars"] or c in rules["company_leads"] for c in name) \
            or COUNTED.search(name) or name.endswith("中小学"):  # 正如一位公司总经理
        return False
    stem = legal_form_pattern().sub("", name.translate(NO_BRACKETS))
    stem = next((stem.removesuffix(end) for end in COMPANY_ENDS if stem.endswith(end)), stem)
    industries = tuple(rules["company_kinds"]) + (() if kinds_only else tuple(rules["industry_words"]))
    while stem.endswith(industries):
        stem = stem[: -len(next(w for w in industries if stem.endswith(w)))]
    return len(stem) >= 2


def place_bureaus(ents: list[CharSpan], text: str, name: re.Pattern) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A known place followed by an organisation's ``name`` is one organisation: 昌吉州|人社局
    (``bureau_pattern``), 昌吉|国家高新技术产业开发区 (``zone_pattern``); not across a verb that ends
    the stretch before a name (回到北京|担任|中学教师)."""
    found = []
    for start, end, label in ents:
        match = name.match(text, end) if label == "LOC" and text[start:end] in places_by_name() else None
        if match and not clause_word_pattern().search(match.group()):
            found += absorbing(ents, (start, match.end(), "ORG"))
    return found


def trade_names(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A company's trade name used alone after its full name is the company:
    新疆蓝山屯河聚酯有限公司 … “蓝山屯河在产业链建设上 → ORG 蓝山屯河.

    The trade name is the longest start (``min_trade_name`` characters or more) of the name
    after its places that the text repeats outside organisations, unless it starts with an
    industry word (农业科技 is no trade name) or is a place itself.
    """
    rules = load_json("ner_rules.json")
    orgs = [e for e in ents if e[2] == "ORG"]
    found = []
    for start, end, _ in orgs:
        if not legal_form_pattern().search(text, start, end):
            continue
        alone = next(filter(None, (repeated_start(stem, text, orgs, rules) for stem in stems(text[start:end]))), [])
        found += [hit for span in alone for hit in absorbing(ents, span, ("LOC", "ORG", "PERSON"))]
    return found


NO_BRACKETS = str.maketrans("", "", "（）()")


def stems(name: str) -> Iterator[str]:
    """``name`` without its first place or country, then without its first two places …
    (新疆蓝山屯河… → 蓝山屯河…, 屯河…: 蓝山 is a place too; 加拿大|北方电讯…); ``name`` itself if it has none.
    Brackets are dropped, as short forms drop them (新疆天业（集团）有限公司 → 天业集团有限公司)."""
    name = name.translate(NO_BRACKETS)
    place = leading_place(name) or leading_country(name)
    if not place:
        yield name
    while place:
        name = name[len(place) :]
        yield name
        place = leading_place(name) or leading_country(name)


def repeated_start(stem: str, text: str, orgs: list[CharSpan], rules: dict) -> list[CharSpan]:
    """Occurrences outside ``orgs`` of the longest start of ``stem`` that may be a trade name."""
    for length in range(min(rules["max_trade_name"], len(stem) - 1), rules["min_trade_name"] - 1, -1):
        name = stem[:length]
        if name.startswith(tuple(rules["industry_words"])) or name in places_by_name():
            continue
        spans = [with_legal_form((m.start(), m.end(), "ORG"), stem, text) for m in re.finditer(re.escape(name), text)]
        alone = [span for span in spans if not any(overlaps(span, org) for org in orgs)]
        if alone:
            return alone
    return []


def with_legal_form(span: CharSpan, stem: str, text: str) -> CharSpan:
    """A trade name ``span`` widened to the end of a legal form of ``stem`` the text goes on
    writing there: 特变电工股份|有限公司董事长 is the company (特变电工股份有限公司), not its trade name."""
    start, end, label = span
    length = end - start
    while length < len(stem) and start + length < len(text) and text[start + length] == stem[length]:
        length += 1
    forms = [m.end() for m in legal_form_pattern().finditer(stem, 0, length)]
    return (start, start + max(forms), label) if forms and start + max(forms) > end else span


@lru_cache(maxsize=1)
def legal_form_pattern() -> re.Pattern:
    """Company legal forms (relation_rules.json ``legal_forms``), longest first as listed."""
    return re.compile("|".join(load_json("relation_rules.json")["legal_forms"]))


@lru_cache(maxsize=1)
def zone_pattern() -> re.Pattern:
    """A development zone's name after its place: up to 10 characters ending in a ``zone_suffixes``
    suffix, with its management committee if one is named (``zone_organs``)."""
    rules = load_json("ner_rules.json")
    suffixes, organs = "|".join(rules["zone_suffixes"]), "|".join(rules["zone_organs"])
    return re.compile(f"[\u4e00-\u9fff]{{0,10}}?(?:{suffixes})(?:{organs})?")


@lru_cache(maxsize=1)
def bureau_pattern() -> re.Pattern:
    """A local department's full name (昌吉州|人力资源和社会保障局) or a short bureau name: up to
    ``max_bureau_gap`` characters ending in a ``bureau_suffixes`` suffix."""
    rules = load_json("ner_rules.json")
    return re.compile(f"(?:{'|'.join(local_departments())}"
                      f"|[\u4e00-\u9fff]{{1,{rules['max_bureau_gap']}}}?(?:{'|'.join(rules['bureau_suffixes'])}))")


@lru_cache(maxsize=1)
def local_departments() -> list[str]:
    """Full names of local departments, longest first: the full forms of org_short_forms.json
    that end in a bureau suffix and name no national body (人力资源和社会保障局), and the names
    of their own of ``level_bureau_names`` (人武部)."""
    rules = load_json("ner_rules.json")
    suffixes = tuple(rules["bureau_suffixes"] + rules["level_bureau_suffixes"])
    national = tuple(load_json("relation_rules.json")["national_prefixes"])
    departments = {full for full in org_short_forms().values() if full.endswith(suffixes) and not full.startswith(national)}
    return sorted(departments | set(rules["level_bureau_names"]), key=len, reverse=True)


@lru_cache(maxsize=1)
def named_zone_pattern() -> re.Pattern:
    """Suffixes of development zones named after their place (``named_zone_suffixes``), with
    the zone's management committee if one is named (``zone_organs``)."""
    rules = load_json("ner_rules.json")
    return re.compile(f"(?:{'|'.join(rules['named_zone_suffixes'])})(?:{'|'.join(rules['zone_organs'])})?")


def named_zones(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A development zone named after a place the gazetteer does not know: 到|准东经济技术开发区.

    The name is 2–4 characters before the suffix, back to punctuation or a ``zone_stop_chars``
    character (国家级经济技术开发区 names no zone); a short suffix needs its management
    committee or a post after it (准东开发区|党工委书记, not 房产开发区)."""
    rules = load_json("ner_rules.json")
    stops, short = rules["zone_stop_chars"], rules["short_zone_suffixes"]
    posts_at = {e[0] for e in ents if e[2] == "TITLE"}
    found = []
    for match in named_zone_pattern().finditer(text):
        if match.group() in short and match.end() not in posts_at:
            continue
        begin = match.start()
        while begin > 0 and match.start() - begin <= 4 and is_han(text[begin - 1]) and text[begin - 1] not in stops:
            begin -= 1
        named = 2 <= match.start() - begin <= 4
        if named and not any(e[0] <= begin and match.end() <= e[1] for e in ents):
            found += absorbing(ents, (begin, match.end(), "ORG"))
    return found


def corps_units(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """Units of the Xinjiang Production and Construction Corps are organisations (兵团第六师五家渠市
    党委, 第六师|一〇二团|党委书记), whatever the model made of their ordinals (第六师 as a post);
    the organ is left to a post that starts with it."""
    found = []
    for match in corps_unit_pattern().finditer(text):
        organ = next((group for group in ("organ", "alone_organ") if match.group(group)), None)
        for end in [match.end()] + ([match.start(organ)] if organ else []):
            taken = absorbing(ents, (match.start(), end, "ORG"), ("LOC", "ORG", "TITLE"))
            if taken:
                found += taken
                break
    return found


def places_without_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """An "organisation" that is a development zone, an industrial base or exactly a known
    place is a place (在昌吉国家高新技术产业开发区，, …福建援疆产业基地, 福建|干部 once 干部 is
    dropped), unless a post follows it: 昌吉国家高新技术产业开发区|党工委书记 is the organisation
    of its party working committee, 北京市|市长 of its government."""
    rules = load_json("ner_rules.json")
    suffixes = (*rules["zone_suffixes"], *rules["place_heads"])
    posts_at = {e[0] for e in ents if e[2] == "TITLE"}

    def is_place(span: CharSpan) -> bool:
        return text.endswith(suffixes, span[0], span[1]) or named_place(span, text)[2] == "LOC"

    return [(s, e, "LOC") if label == "ORG" and e not in posts_at and is_place((s, e, label)) else (s, e, label)
            for s, e, label in ents]


WORKS_TITLE = re.compile(r"《[^《》\n]{1,40}》")


def in_a_works_title(span: tuple[int, int], text: str) -> bool:
    """Whether ``span`` lies inside the title of a work without being all of it: 《没有|共产党|就没有新中国》
    (《人民日报》 names the paper)."""
    before = text.rfind("《", 0, span[0])
    title = WORKS_TITLE.match(text, before) if before >= 0 else None
    return title is not None and span[1] < title.end() and (title.start() + 1, title.end() - 1) != span[:2]


def listed_things(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """``ents`` without the names that are items of a list of things: 煤基、石油基、生物基 (a
    neighbour in the list ends with the same character and is no name)."""
    persons = {(s, e) for s, e, label in ents if label == "PERSON"}
    items = [m.span() for m in re.finditer(r"[^、，。；：！？,;:!?“”\s]+", text)]
    things = set()
    for k, (start, end) in enumerate(items):
        neighbours = [items[j] for j in (k - 1, k + 1)
                      if 0 <= j < len(items) and text[min(end, items[j][1]) : max(start, items[j][0])] == "、"]
        if (start, end) in persons and any(n not in persons and text[n[1] - 1] == text[end - 1] for n in neighbours):
            things.add((start, end, "PERSON"))
    return [e for e in ents if e not in things]


def inside_committee(span: CharSpan, words: list[tuple[int, int]]) -> bool:
    """A TITLE cut out of one of the committee ``words`` (start, end) of the text: 委员 in
    仲裁委员会, 政委 in 参政议政委员会."""
    return span[2] == "TITLE" and any(
        span[0] < end and start < span[1] and not (span[0] <= start and end <= span[1]) for start, end in words
    )


def through_committee(span: CharSpan, words: list[tuple[int, int]]) -> CharSpan:
    """An organisation that ends inside a committee word ends with it: 州人大常委|会各委室 → 州人大常委会."""
    end = next((end for start, end in words if span[2] == "ORG" and span[0] <= start < span[1] < end), span[1])
    return span[0], end, span[2]


def committees(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A committee named from a place or national prefix: 曹县|计划生育委员会 → one ORG."""
    found = []
    for match in committee_pattern().finditer(text):
        begin = organisation_before(text, match.end())
        if begin is not None and not any(e[0] <= begin and match.end() <= e[1] for e in ents):
            found += absorbing(ents, (begin, match.end(), "ORG"))
    return found


ORGAN_UNIT = re.compile(r"[^\W\d_A-Za-z的]{2,12}?委员会|[^\W\d_A-Za-z的和与及]{1,5}?科")  # 文化文史和学习委员会, 呼吸内科


def organs_units(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A committee or department written right after its organisation and before a post is
    one organisation with it: 州政协|文化文史和学习委员会|主任, 州人民医院|呼吸内科|主任医师."""
    post_starts = {start for start, _end, label in ents if label == "TITLE"}
    found = []
    for start, end, label in ents:
        unit = ORGAN_UNIT.match(text, end) if label == "ORG" else None
        if unit and unit.end() in post_starts:
            found += absorbing(ents, (start, unit.end(), "ORG"))
    return found


def with_place_committees(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place followed by a post that starts with one of its organs: 昌吉回族自治州|党委常委 →
    ORG 昌吉回族自治州党委 + TITLE 常委 (as 州|党委副书记 for a level word)."""
    organs = load_json("ner_rules.json")["level_organs"]
    after = {e[0]: e for e in ents if e[2] == "TITLE"}
    for place in [e for e in ents if e[2] == "LOC" and e[1] in after]:
        title = after[place[1]]
        post = text[title[0] : title[1]]
        organ = next((o for o in organs if post.startswith(o) and post[len(o):] in posts()), None)
        if organ and is_government_level(text[place[0] : place[1]]):
            ents = [e for e in ents if e not in (place, title)]
            ents += [(place[0], title[0] + len(organ), "ORG"), (title[0] + len(organ), title[1], "TITLE")]
    return ents


BUSINESS_VENUES = ("饭店", "宾馆", "酒店", "大厦", "商场", "商店", "商厦", "书店", "酒楼", "餐厅", "饭庄", "超市")
MANAGERS = ("经理", "董事长", "总裁", "老板", "店长")
HEAD_POST = re.compile(r"^(?:[原前]?(?:常务|执行)?副)?(?P<unit>..?)长$")  # 副院长: a head of a 院; 支队长 of a 支队
DIVISION_LEVELS = "省市县州区旗乡镇村"  # 省长 heads a province's government, not the province


def named_before_posts(ents: list[CharSpan], text: str, names: Iterable[str], label: str) -> list[CharSpan]:
    """``ents`` and, right before each post, the longest of ``names`` written there untagged, as ``label``."""
    found = []
    for start in (s for s, _e, lab in ents if lab == "TITLE"):
        name = max((n for n in names if text.endswith(n, 0, start)), key=len, default=None)
        span = (start - len(name), start, label) if name else None
        if span and not any(overlaps(span, e) for e in ents + found):
            found.append(span)
    return ents + found


def named_again_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place tagged elsewhere in the text and written again, untagged, right before a post is
    tagged there too (…在州博物馆开幕。|州博物馆|馆长陈静; then ``headed_places``)."""
    return named_before_posts(ents, text, {text[s:e] for s, e, label in ents if label == "LOC" and e - s >= 3}, "LOC")


def short_forms_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """The end of an organisation's name tagged elsewhere, written again alone between a clause's
    start and a post, is an organisation (江苏省对口支援新疆前方指挥部…。|前方指挥部|副总指挥); the
    relation stage gives it the full name."""
    names = {text[s:e] for s, e, label in ents if label == "ORG"}
    found = []
    for start in (s for s, _e, label in ents if label == "TITLE"):
        begin = max(text.rfind(c, 0, start) for c in CLAUSE_START) + 1
        short = text[begin:start]
        span = (begin, start, "ORG")
        if len(short) >= 3 and any(n.endswith(short) and n != short for n in names) \
                and not any(overlaps(span, e) for e in ents + found):
            found.append(span)
    return ents + found


def countries_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A country's name right before a post, untagged, is a place (同|也门|副总理兼外长埃里亚尼), so
    that the post is that state's and not a ministry of China's."""
    return named_before_posts(ents, text, countries(), "LOC")


def central_organs_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A central organ's short name right before a post, untagged, is an organisation (中联部|部长,
    国家计委|副主任); elsewhere the corpora tag such names as abbreviations, not organisations."""
    return named_before_posts(ents, text, central_short_forms(), "ORG")


PARTY_ORGANS = ("中央委员会", "中央政治局", "中央书记处")


@lru_cache(maxsize=1)
def central_short_forms() -> frozenset[str]:
    """Short names of central organs of three characters or more (国家计委, 全国人大常委会), without those
    other parties' organs share (朝鲜劳动党 中央委员会)."""
    return frozenset(short for short in org_short_forms()
                     if len(short) >= 3 and short not in PARTY_ORGANS and is_central_organ(short))


def headed_places(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place followed by its head's post is an organisation: 州博物馆|馆长, 气象站|副站长, and a
    hotel or shop followed by a manager's: 长城饭店|经理 (a venue or facility stays a place elsewhere;
    a division's 省长 heads its government, 贵州省|省长)."""
    titles = {start: text[start:end] for start, end, label in ents if label == "TITLE"}

    def headed(s: int, e: int) -> bool:
        if text.endswith(BUSINESS_VENUES, s, e) and titles.get(e, "").endswith(MANAGERS):
            return True
        head = HEAD_POST.match(titles.get(e, ""))
        return bool(head) and text.endswith(head["unit"], s, e) and head["unit"][-1] not in DIVISION_LEVELS

    return [(s, e, "ORG") if label == "LOC" and headed(s, e) else (s, e, label) for s, e, label in ents]


MISSION = re.compile(r"大使馆|总领事馆|领事馆|使馆|代表处")  # 哈萨克斯坦驻乌鲁木齐|总领事馆


def stationed_at(ents: list[CharSpan], text: str) -> Iterator[tuple[CharSpan, int]]:
    """Each place followed by 驻 and another place (or 华, or a state's one-character name: 美国驻|菲),
    with where that one ends: 中国驻|突尼斯."""
    rules = load_json("relation_rules.json")
    one_character = {"华", *rules["country_abbreviations"], *rules["ministry_abbreviations"]}
    starts = {e[0]: e for e in ents}
    for host in (e for e in ents if e[2] == "LOC" and text.startswith("驻", e[1])):
        place = starts.get(host[1] + 1)
        state = leading_country(text[place[0] : place[1]]) if place else None
        if place and place[2] == "LOC":
            yield host, place[1]
        elif place and place[2] == "ORG" and state:  # 吉布提驻|索马里大使馆: the model's organisation after 驻
            yield host, place[0] + len(state)
        elif text[host[1] + 1 : host[1] + 2] in one_character and host[1] + 1 not in starts:
            yield host, host[1] + 2


def missions(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A state's mission named by where it is stationed is an organisation: 哈萨克斯坦驻乌鲁木齐|总领事馆,
    美国驻华大使馆 (a diplomat's post after the two places alone is the relation stage's: 中国驻突尼斯|大使)."""
    found = []
    for host, end in stationed_at(ents, text):
        if mission := MISSION.match(text, end):
            found += absorbing(ents, (host[0], mission.end(), "ORG"))
    return found


def quoted_orgs(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """An organisation's name in quotes right before a post, ending like one, is an organisation
    (“争取更好世界协会”|主席特德·特纳)."""
    suffixes = tuple(load_json("relation_rules.json")["org_suffixes"])
    found = []
    for start, _end, label in ents:
        quoted = QUOTED_NAME.search(text, max(0, start - 22), start) if label == "TITLE" else None
        if quoted and quoted.group("name").endswith(suffixes):
            found += absorbing(ents, (quoted.start("name"), quoted.end("name"), "ORG"))
    return found


@lru_cache(maxsize=1)
def foreign_party_pattern() -> re.Pattern:
    """A country's name and a party's (巴基斯坦|人民党, 南非|共产党), maybe with its central committee
    (朝鲜劳动党中央), ending where a post starts."""
    states = "|".join(sorted((c for c in countries() if c not in ("中国", "中华人民共和国")), key=len, reverse=True))
    return re.compile(f"(?:{states})[\u4e00-\u9fff]{{0,8}}?党(?:中央(?:委员会)?)?$")


def foreign_parties(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A foreign party named by its country, right before a post, is an organisation the model
    may have missed: 巴基斯坦人民党|主席努斯拉特·布托 (not 巴基斯坦|主席)."""
    found = []
    for start, _end, label in ents:
        party = foreign_party_pattern().search(text, max(0, start - 16), start) if label == "TITLE" else None
        if party:
            found += absorbing(ents, (party.start(), start, "ORG"))
    return found


def with_place_organs(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place followed by one of its organs, untagged, and a post is that organ, also with the
    place's level written again: 为昌吉州|人民政府|副州长 → ORG 昌吉州人民政府 + TITLE 副州长,
    庙尔沟村|村委会|主任 → ORG 庙尔沟村村委会."""
    organs = load_json("ner_rules.json")["level_organs"]
    title_starts = {start for start, _end, label in ents if label == "TITLE"}
    for place in [e for e in ents if e[2] == "LOC" and is_government_level(text[e[0] : e[1]])]:
        written = [w for o in organs for w in (o, text[place[1] - 1] + o)]
        organ = next((w for w in written if text.startswith(w, place[1]) and place[1] + len(w) in title_starts), "")
        org = (place[0], place[1] + len(organ), "ORG")
        if organ and not any(overlaps(org, e) for e in ents if e != place):
            ents = [e for e in ents if e != place] + [org]
    return ents


def split_at_jian(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A post holding 兼 is two posts (副总理兼外交部长 → 副总理 + 外交部|长, the second an
    organisation whose head the relation stage reads, as ORG 文化部 in 文化部长)."""
    out = []
    for start, end, label in ents:
        cut = text.find("兼", start + 1, end - 1)
        if label != "TITLE" or cut < 0:
            out.append((start, end, label))
            continue
        second = text[cut + 1 : end]
        shared = second.endswith("长") and second[-2:] in posts() and second not in posts()
        out += [(start, cut, label), (cut + 1, end - 1, "ORG") if shared else (cut + 1, end, label)]
    return out


def split_byline_agencies(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A byline's name run into the next agency is a name and the agency
    (本报记者贾建舟|刘磊新华社|记者… → PERSON 刘磊 + ORG 新华社)."""
    out = []
    for start, end, label in ents:
        agency = next((a for a in NEWS_AGENCIES if text.startswith(a, end - len(a))), None) if label == "ORG" else None
        cut = end - len(agency) if agency else start
        if 2 <= cut - start <= 3 and anchored_name(text, start, (agency,)) == (start, cut, "PERSON"):
            out += [(start, cut, "PERSON"), (cut, end, "ORG")]
        else:
            out.append((start, end, label))
    return out


def split_byline_names(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """Two names a byline runs together are two persons: 本报记者|严正孙勇军, （|范春生于力|）.

    Only in a byline (after a journalist's post or an opening bracket, or alone on its line),
    and only where the span reads as two Chinese names, each a common surname and a given name
    of one or two characters and neither a known name part (索朗|罗布 is one Tibetan name; 5
    characters that read both ways are split 2 + 3);
    elsewhere a 4–6 character name is usually one foreign name (谢瓦尔德纳泽)."""
    bylines = tuple(load_json("ner_rules.json")["byline_leads"])
    out = []
    for start, end, label in ents:
        name = text[start:end]
        line_start = start == 0 or text[start - 1] == "\n"
        byline = text.endswith(bylines, 0, start) or (line_start and text.startswith(("\n", "（", "(", "）"), end))
        cuts = [k for k in (2, 3) if 2 <= len(name) - k <= 3 and {name[0], name[k]} <= common_surnames()
                and name[:k] not in name_parts() and name[k:] not in name_parts()]  # 索朗罗布 is one Tibetan name
        if label == "PERSON" and byline and cuts and all(map(is_han, name)) and name[:2] not in surnames():
            out += [(start, start + cuts[0], label), (start + cuts[0], end, label)]
        else:
            out.append((start, end, label))
    return out


MIN_RUN_OF_NAMES = 8  # characters: a shorter "name" may be one foreign name (谢瓦尔德纳泽, 桥本龙太郎)
MAX_RUN_OF_NAMES = 30  # characters: the ways to read a longer one are too many to try


def names_run_together(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A "name" that is names the text gives elsewhere, or that reads in one way only as Chinese
    names of two or three characters (``chinese_names``), written without separators, is those
    persons: 李鹏乔石朱镕基李瑞环胡锦涛李岚清 in a headline."""
    known = {text[s:e] for s, e, label in ents if label == "PERSON" and 2 <= e - s <= 4}
    out = []
    for start, end, label in ents:
        name = text[start:end]
        parts = (known_parts(name, known - {name}) or chinese_names(name)) if label == "PERSON" else None
        if parts and len(parts) > 1:
            cuts = [start + sum(map(len, parts[:i])) for i in range(len(parts) + 1)]
            out += [(a, b, label) for a, b in pairwise(cuts)]
        else:
            out.append((start, end, label))
    return out


def chinese_names(name: str) -> list[str] | None:
    """``name`` (``MIN_RUN_OF_NAMES`` Chinese characters or more) cut into names of two or three
    characters that each start with a common surname, if it can be cut so in one way only."""
    def cuts(rest: str) -> list[list[str]]:
        if not rest:
            return [[]]
        return [[rest[:k], *more] for k in (2, 3) if len(rest) >= k and rest[0] in common_surnames()
                for more in cuts(rest[k:])]

    found = cuts(name) if MIN_RUN_OF_NAMES <= len(name) <= MAX_RUN_OF_NAMES and all(map(is_han, name)) else []
    return found[0] if len(found) == 1 else None


def known_parts(name: str, known: set[str]) -> list[str] | None:
    """``name`` cut into names of ``known``, if it can be."""
    if not name:
        return []
    for part in sorted((k for k in known if name.startswith(k)), key=len, reverse=True):
        rest = known_parts(name[len(part) :], known)
        if rest is not None:
            return [part, *rest]
    return None


BYLINE_NAME_END = re.compile(r"[）)、\s]|通讯员|记者|摄|报道|$")


def byline_places(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place written between a journalist's post and the byline's end or next post is the
    journalist's name: （记者|黄河|通讯员苏雅）, 本报记者|长江|摄."""
    journalists = tuple(lead for lead in load_json("ner_rules.json")["byline_leads"] if lead not in "（(")
    posts_end = {end for start, end, label in ents if label == "TITLE" and text.endswith(journalists, start, end)}
    return [(start, end, "PERSON") if label == "LOC" and start in posts_end and 2 <= end - start <= 3
            and BYLINE_NAME_END.match(text, end) else (start, end, label) for start, end, label in ents]


def with_department_heads(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """组织|部长 → ORG 组织部: a party department written with its head's shared 部 is the
    organisation (as ORG 文化部 in 文化部长), with the committee named by its level before it
    (州委组织部长 → ORG 州委组织部); the relation stage reads 部长 from it."""
    departments = load_json("ner_rules.json")["party_departments"]
    out = []
    for ent in ents:
        if ent[2] == "TITLE" and text[ent[0] : ent[1]] == "部长":
            start = next((ent[0] + 1 - len(d) for d in departments if text.startswith(d, ent[0] + 1 - len(d))), None)
            if start is not None and start >= 0:
                committee = next((m for m in level_committee_pattern().finditer(text, max(0, start - 8), start)
                                  if m.end() == start), None)  # 州委|组织部长
                start = committee.start() if committee else start
            if start is not None and start >= 0 and not any(e[1] > start and e[0] < ent[0] for e in ents):
                ent = (start, ent[0] + 1, "ORG")
        out.append(ent)
    return out


def with_stationed_units(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """An organisation runs on over a unit it stations elsewhere, written before a post:
    州纪委监委驻州教育局|纪检监察组|组长 → ORG 州纪委监委驻州教育局纪检监察组 + TITLE 组长;
    州财政局|驻董家湾村工作队|队长 → ORG 州财政局驻董家湾村工作队 + TITLE 队长."""
    titles = {start for start, _end, label in ents if label == "TITLE"}
    found = []
    for ent in ents:
        unit = stationed_unit_pattern().match(text, ent[1]) if ent[2] == "ORG" else None
        if unit and unit.end() in titles:
            found += absorbing(ents, (ent[0], unit.end(), "ORG"))
    return with_organisations(ents, found)


def with_heads_offices(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """An organisation runs on over its head's office written before a post: 国务院|总理办公室|主任
    → ORG 国务院总理办公室 + TITLE 主任 (``post_word_followers`` keeps 总理 there from being a post)."""
    titles = {start for start, _end, label in ents if label == "TITLE"}
    found = []
    for start, end, label in ents:
        office = HEADS_OFFICE.match(text, end) if label == "ORG" else None
        if office and office.end() in titles and office["post"] in posts():
            found += absorbing(ents, (start, office.end(), "ORG"))
    return with_organisations(ents, found)


HEADS_OFFICE = re.compile(r"(?P<post>[\u4e00-\u9fff]{1,4}?)办公室")


@lru_cache(maxsize=1)
def stationed_unit_pattern() -> re.Pattern:
    """A stationed unit (ner_rules.json ``stationed_units``), with where it is stationed (驻…)."""
    units = "|".join(load_json("ner_rules.json")["stationed_units"])
    return re.compile(f"(?:驻[\u4e00-\u9fff“”\"]{{1,20}}?)?(?:{units})")


DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,5}科")  # 神经内科, 药政科: a department of the unit named before
DEPARTMENT_MAX_CHARS = 6
CLAUSE_START = "，。；：、“\n"


def units_before_heads(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A unit written alone from a clause's start (after a conjunction or a time word opening the clause:
    所以|省人事厅) to its head's post is an organisation: 。|特区工商局|局长, ，|城建监察大队|大队长 (see
    ``is_bare_unit``); one written right after an organisation is part of it: 公安部|刑事侦察局|局长 →
    公安部刑事侦察局."""
    rules = load_json("ner_rules.json")
    found, grown = [], {}
    for start, end, label in ents:
        head = HEAD_POST.match(text[start:end]) if label == "TITLE" else None
        begin = stretch_start(text, start, rules)
        opener = CLAUSE_OPENER.match(text, begin, start)
        begin = opener.end() if opener else begin  # 所以|省人事厅|副厅长
        unit = (begin, start, "ORG")
        if not head or not text.endswith(head["unit"], begin, start):
            continue
        if is_bare_unit(text, begin, start, rules) and not any(overlaps(unit, e) for e in ents + found):
            found.append(unit)
        elif (owner := max((e for e in ents if e[2] == "ORG" and begin <= e[0] and e[1] < start), key=lambda e: e[1],
                           default=None)) \
                and is_bare_unit(text, owner[1], start, rules) \
                and not any(overlaps((owner[1], start, "ORG"), e) for e in ents + found):
            grown[owner] = (owner[0], start, "ORG")
    return [grown.get(e, e) for e in ents] + found


def is_bare_unit(text: str, begin: int, end: int, rules: dict) -> bool:
    """Whether ``text[begin:end]`` may name a unit by itself: three to eight characters, not starting with
    a preposition (据|工商局), holding no determiner, quantifier, aspect particle or 任 (该校|科研处, 会见了该市,
    先后任|地方农场, 联邦德国各州|州长), and not listed after 、, where a unit of the organisation named before is
    meant (…电缆厂…、|研究所副所长)."""
    name = text[begin:end]
    return (3 <= len(name) <= 8 and bool(HAN_ONLY.fullmatch(name)) and name[0] not in rules["level_lead_chars"]
            and not name.startswith(UNIT_DETERMINERS) and not any(c in name for c in NO_UNIT_CHARS)
            and not text.endswith("、", 0, begin))


HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
CLAUSE_OPENER = re.compile(r"所以|因此|但是|而且|并且|同时|于是|因而|从而|然而|此外|另外|其中|目前|近日|日前|今天|昨天|今年|去年"
                           r"|还有|另有|以及")  # …，还有|中央银行|行长杜比宁
UNIT_DETERMINERS = ("本", "署理")  # 本校|科研处, 署理|政务司
NO_UNIT_CHARS = "该这那任各每了着过"  # 会见了该市|市长, 先后任|地方农场, 联邦德国各州|州长


def departments_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A department written alone between a clause's start and a post is an organisation
    (…王建军，|神经内科|副主任医师李娜; 药政科|科长); the relation stage puts it under the hospital
    or bureau named before."""
    found = []
    for start, _end, label in ents:
        begin = max(0, start - DEPARTMENT_MAX_CHARS - 1) if label == "TITLE" else start
        lead = max(text.rfind(ch, begin, start) for ch in CLAUSE_START) + 1
        if (lead or not begin) and DEPARTMENT.fullmatch(text, lead, start):  # a clause starts near enough
            org = (lead, start, "ORG")
            if not any(overlaps(org, e) for e in ents):
                found.append(org)
    return ents + found


def with_bodies_before_posts(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A unit's body or a bureau written alone before a post, after another post of the
    chain, is an organisation (社区党委书记、|居委会|主任, 副市长、|公安局|局长, 副县长兼|公安局|局长); the relation
    stage puts it under the unit or place the chain named (``chain_bodies``)."""
    bodies = tuple(load_json("relation_rules.json")["chain_bodies"])
    bureau = bureau_pattern()
    after_post = {end + 1 for _start, end, label in ents if label == "TITLE" and text.startswith(("、", "兼"), end)}
    found = []
    for start, _end, label in ents:
        lead = max(text.rfind("、", 0, start), text.rfind("兼", 0, start)) + 1
        if label != "TITLE" or lead not in after_post:
            continue
        if not (text[lead:start] in bodies or bureau.fullmatch(text, lead, start)):
            continue
        org = (lead, start, "ORG")
        if not any(overlaps(org, e) for e in ents + found):
            found.append(org)
    return ents + found


def with_level_committees(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A party committee named by its level alone before a post is an organisation:
    州委|副书记, 州|党委副书记 → 州党委 + 副书记, 县总|工会主席 → 县总工会 + 主席 (the relation
    stage completes 州委 with the article's 州)."""
    titles = {start: (start, end, label) for start, end, label in ents if label == "TITLE"}
    for match in level_committee_pattern().finditer(text):
        org = (match.start(), match.end(), "ORG")
        title = titles.get(match.end())
        inner = next(filter(None, map(titles.get, range(match.end("level"), match.end()))), None)
        if title is None and inner and inner[1] > match.end() and text[match.end() : inner[1]] in posts():
            title = (match.end(), inner[1], "TITLE")
            ents = [e for e in ents if e != inner] + [title]
        inside = [e for e in ents if overlaps(org, e)]
        if title and all(e[2] == "ORG" and org[0] <= e[0] and e[1] <= org[1] for e in inside):
            ents = [e for e in ents if e not in inside] + [org]  # 县委|办|主任 → 县委办
    return ents


def level_bureaus(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A bureau named by its level and a short name is an organisation: 记者从州发改委获悉
    (``bureau_suffixes`` after at most ``max_bureau_gap`` characters; completed later); a
    centre only before a post (州疾控中心|主任, not 乡镇（街道）|区域养老服务中心)."""
    centres = tuple(load_json("ner_rules.json")["level_bureau_suffixes"])
    not_levels = tuple(load_json("relation_rules.json")["not_levels"])  # 乡村|中学
    title_starts = {start for start, _end, label in ents if label == "TITLE"}
    found = []
    for match in level_bureau_pattern().finditer(text):
        org = (match.start(), match.end(), "ORG")
        if (match.group().endswith(centres) and match.end() not in title_starts) or match.group().startswith(not_levels):
            continue
        if not any(overlaps(org, e) for e in ents):
            found.append((org, []))
    return found


def local_units(ents: list[CharSpan], text: str) -> list[tuple[CharSpan, list[CharSpan]]]:
    """A township, village or community written after its county before a party post is the
    post's unit: 呼图壁县|五工台镇|党委书记 → ORG 呼图壁县五工台镇 + TITLE 党委书记, as is a
    place naming one (呼图壁县石梯子乡|党委书记)."""
    prefixes = tuple(load_json("posts.json")["party_prefixes"])
    units = tuple(load_json("ner_rules.json")["local_units"])
    party_posts = {start for start, _end, label in ents if label == "TITLE" and text.startswith(prefixes, start)}
    found = []
    for place in sorted(e for e in ents if e[2] == "LOC"):
        unit = local_unit_pattern().match(text, place[1])
        if unit and unit.end() in party_posts:
            found += absorbing(ents, (place[0], unit.end(), "ORG"))
        elif place[1] in party_posts and text[place[0] : place[1]].endswith(units):
            found.append(((place[0], place[1], "ORG"), [place]))
    return found


VILLAGE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,5}?)(?:社区|村)(?![民委])")  # 延安北路街道|健康社区
TOWNSHIP_END = re.compile(r"街道|镇|乡")


def villages(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A village or community written right after its township is a place of its own:
    昌吉市延安北路街道|健康社区, 三坪镇|头屯河村 (not 新农村, 美丽乡村, 各村), also where the model
    took both for one place (二六工镇十三户村 → 二六工镇 + 十三户村); so is such a village written
    again alone (… 十三户村党支部书记)."""
    found, names, split = [], set(), []
    for start, end, label in ents:
        if label != "LOC":
            continue
        for township in TOWNSHIP_END.finditer(text, start, end):
            village = VILLAGE.match(text, township.end())
            if village and is_village_name(village["name"]):
                names.add(village.group())
                if township.end() == end:
                    found.append((end, village.end(), "LOC"))
                elif village.end() == end and township.end() - start >= 2:
                    split.append((start, end, label))
                    found += [(start, township.end(), "LOC"), (township.end(), end, "LOC")]
    ents = [e for e in ents if e not in split]
    found += [(m.start(), m.end(), "LOC") for name in names for m in re.finditer(name, text)]
    for span in sorted(set(found)):
        if not any(overlaps(span, e) for e in ents):
            ents = ents + [span]
    return ents


def villages_after(places: set[tuple[int, int]], text: str) -> set[tuple[int, int]]:
    """Villages written right after a township the gazetteer knows, also inside an organisation's
    name (州财政局驻…二十里店镇|小土古里村|工作队): places for the relation stage (村党支部 later)."""
    found = set()
    for start, end in places:
        village = VILLAGE.match(text, end) if text.endswith(("街道", "镇", "乡"), start, end) else None
        if village and is_village_name(village["name"]):
            found.add(village.span())
    return found


def is_village_name(name: str) -> bool:
    """Whether ``name`` before 村 or 社区 names one (头屯河, not 新农 of 新农村 or a phrase with 的, 各 …)."""
    return not name.endswith(("农", "乡")) and re.search("[的和与及等各]", name) is None


@lru_cache(maxsize=1)
def local_unit_pattern() -> re.Pattern:
    """Names of townships, villages and communities (ner_rules.json ``local_units``)."""
    units = "|".join(load_json("ner_rules.json")["local_units"])
    return re.compile(f"[\u4e00-\u9fff]{{1,8}}?(?:{units})(?:[\u4e00-\u9fff]{{1,8}}?(?:{units}))?(?=党)")


def level_at_name_start(bureaus: bool = False, lead: str | None = None) -> str:
    """A level word (自治区 before 区) where a name given by its level may start: not inside
    a longer name (呼图壁县委 is the model's), but after a preposition (从州发改委; ``lead``
    overrides the NER's lead characters). A village or community has committees but no
    bureaus (``bureaus``)."""
    words = [w for w in load_json("relation_rules.json")["level_words"] if not (bureaus and w in ("村", "社区"))]
    levels = "|".join(sorted(words, key=len, reverse=True))
    lead = lead or load_json("ner_rules.json")["level_lead_chars"]
    return f"(?:(?<![\u4e00-\u9fff])|(?<=[{lead}]))(?P<level>{levels})"


@lru_cache(maxsize=1)
def level_committee_pattern() -> re.Pattern:
    """州委, 县党委, 自治区党委, 州政协, 州人大常委会 … named by their level alone, with a
    department of the committee (州委组织部)."""
    rules = load_json("ner_rules.json")
    organs, departments = "|".join(rules["level_organs"]), "|".join(rules["party_departments"])
    return re.compile(f"{level_at_name_start()}(?:{organs})(?:{departments})?")


@lru_cache(maxsize=1)
def level_bureau_pattern() -> re.Pattern:
    """州发改委, 县人社局 … named by their level and a short name, or by a local department's
    full name (州|市场监督管理局, 州|人力资源和社会保障局: the full forms of org_short_forms.json) or
    a name of its own (州|人武部: ``level_bureau_names``)."""
    rules = load_json("ner_rules.json")
    suffixes = rules["bureau_suffixes"] + rules["level_bureau_suffixes"]
    return re.compile(f"{level_at_name_start(bureaus=True)}(?:{'|'.join(local_departments())}"
                      f"|[^\\W\\d_A-Za-z的了是在]{{1,{rules['max_bureau_gap']}}}?(?:{'|'.join(suffixes)}))")


@lru_cache(maxsize=1)
def committee_pattern() -> re.Pattern:
    """Committee words (ner_rules.json ``committee_words``: 委员会, 常委会 …)."""
    return re.compile("|".join(load_json("ner_rules.json")["committee_words"]))


def with_organisations(ents: list[CharSpan], found: list[tuple[CharSpan, list[CharSpan]]]) -> list[CharSpan]:
    """``ents`` with each found organisation in place of what it absorbs (unless it would
    overlap an organisation added before it)."""
    for org, absorbed in found:
        rest = [e for e in ents if e not in absorbed]
        if not any(overlaps(org, e) for e in rest):
            ents = rest + [org]
    return ents


def absorbing(ents: list[CharSpan], org: CharSpan,
              labels: tuple[str, ...] = ("LOC", "ORG")) -> list[tuple[CharSpan, list[CharSpan]]]:
    """``[(org, the entities inside it)]`` when all of those lie inside it and have one of
    ``labels`` (places or organisations), else []."""
    inside = [e for e in ents if overlaps(e, org)]
    return [(org, inside)] if all(e[2] in labels and org[0] <= e[0] and e[1] <= org[1] for e in inside) else []


def organisation_before(text: str, end: int) -> int | None:
    """Start of an organisation name written right before ``end``, or None.

    The name goes back to the previous punctuation (or 的, at most ``max_org_length``
    characters) and starts there with a known place or national prefix (中国, 国家 …), or
    with the first one after a clause character or word in that stretch (中国方面已提名|中国驻南非…,
    走进|新疆天池能源有限责任公司), or after a conjunction before a place (昌吉学院与|新疆天山水泥股份有限公司).
    """
    rules = load_json("ner_rules.json")
    national = tuple(load_json("relation_rules.json")["national_prefixes"])
    begin = stretch_start(text, end, rules)
    cut = after_clause_words(text, begin, end, rules)
    cut = max([cut, *(i + 1 for i in range(begin, end - 1) if text[i] in CONJUNCTIONS  # 昌吉学院与|新疆天山…公司
                      and (text.startswith(national, i + 1) or leading_place(text[i + 1 : end])))])
    joined = max((i + 1 for i in range(begin, end - 1) if text[i] in CONJUNCTIONS  # 中国奥委会和|可口可乐中国有限公司
                  and text[begin:i].endswith(organisation_ends()) and text[i + 1] not in PRONOUNS), default=None)
    if joined is not None and joined >= cut:
        return joined
    starts = range(cut, end) if cut > begin else [begin]
    return next((i for i in starts if text.startswith(national, i) or leading_place(text[i:end])), None)


def stretch_start(text: str, end: int, rules: dict) -> int:
    """Start of the stretch an organisation's name written before ``end`` may take: back to the
    previous punctuation or 的, at most ``max_org_length`` characters."""
    begin = end
    while begin > 0 and text[begin - 1] not in rules["org_boundaries"] and end - begin < rules["max_org_length"]:
        begin -= 1
    return begin


def after_clause_words(text: str, begin: int, end: int, rules: dict) -> int:
    """Where a name in ``text[begin:end]`` may start: after its last clause character or word
    (中国方面已提名|…, 会见了|家家悦集团, 走进|新疆天池能源有限责任公司), else ``begin``."""
    return max([begin, *(i + 1 for i in range(begin, end) if text[i] in rules["clause_chars"]),
                *(m.end() for m in clause_word_pattern().finditer(text, begin, end))])


@lru_cache(maxsize=1)
def organisation_ends() -> tuple[str, ...]:
    """How organisation names end (relation_rules.json ``org_suffixes`` and 会: 奥委会, 协会)."""
    return (*load_json("relation_rules.json")["org_suffixes"], "会")


@lru_cache(maxsize=1)
def clause_word_pattern() -> re.Pattern:
    """Verbs that end the stretch before an organisation's name (ner_rules.json ``clause_words``)."""
    return re.compile("|".join(load_json("ner_rules.json")["clause_words"]))


def leading_place(name: str) -> str | None:
    """The longest known place name (2+ characters) that starts ``name``."""
    index = places_by_name()
    return next((name[:k] for k in range(min(len(name), 12), 1, -1) if name[:k] in index), None)


def implausible_person(span: CharSpan, text: str, org_suffixes: tuple[str, ...]) -> bool:
    """A PERSON that starts with a place name, ends like an organisation (昌吉州住建, 昌吉), holds
    a pronoun, which no name does (任命她, 向我们), or 驻 (卢驻华|大使: a state's mission), or is a word
    for people or a term of office that starts with a surname (院长|任上, 教师|家庭: ``not_names``)."""
    name = text[span[0] : span[1]]
    rules = load_json("ner_rules.json")
    return (bool(leading_place(name)) or name.endswith(org_suffixes) or any(c in rules["pronoun_chars"] for c in name)
            or "驻" in name or name in rules["not_names"] or preposition_and_place(name))


def preposition_and_place(name: str) -> bool:
    """A "name" that is a preposition or conjunction before a country, province or prefecture:
    兼外长|于北京|时间, 会议|和万隆 (于 and 向 are also surnames, but 于北京 names no one)."""
    rest = name[1:]
    return name[0] in "于和与在从向同对" and len(rest) >= 2 and (
        rest in countries() or any(d.level in ("province", "prefecture") for d in places_by_name().get(rest, ())))


SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;!?]")  # never inside a name or a post
AMOUNT = re.compile(r"\d[\d.]*\s*(?:亿|万|元|%)")
SESSION = re.compile(r"第?[〇零一二三四五六七八九十百\d]+届")  # 九届 in 九届全国政协: a term, no organisation
DATE = re.compile(r"\d+月\d+日|今天|昨天|明天|今晚|昨晚|上午|下午|晚上|月初|月底|年初|年底")  # dates and times
DATELINE_END = re.compile(r"[\d一二三四五六七八九十○〇零]+月[\d一二三四五六七八九十○〇零]+日(?:电|讯)")  # 新华社北京5月14日电|外交部


LEVEL_CHARS = "省乡镇村县市州区旗"
LEVEL_HEAD = re.compile(f"(?:常务)?副?[{LEVEL_CHARS}]长")  # 王舍人镇|副镇长: the head of the place before


GENRES = ("侧记", "纪实", "纪事", "特写", "述评", "综述", "手记")  # 美军士兵遗骨侧记: a headline's genre, no post
VILLAGE_ORGAN = re.compile(r"村(?:党支部|党总支|党委|村委会|委会|民委员会|两委)")  # 杨铁匠|村党支部
QUOTED_NAME = re.compile(r"“(?P<name>[^“”，。、]{2,20})”$")  # “争取更好世界协会”|主席
MEMBER_STATE_POSTS = ("理事", "主席")  # 常任理事|国, 轮值主席|国: a member state, no post
MOVEMENT_HEADS = ("阵线", "委员会", "联盟", "协会", "组织", "解放军")  # no name of five characters or more ends so
HOME = "家"  # 从贾兰坡院士|家出来: the holder's home, no name after the post
PRONOUNS = "其该本此我"
CONJUNCTIONS = "与和及同"
JOINT_VERB = re.compile("联合|会同")  # …局联合县总工会: the second organisation, not 联合县
ORG_END_CHARS = "局委会院厅办部所"
ORG_DECISION = re.compile(r"(?:研究决定|研究同意|决定|同意|批准)$")  # 经州党委|研究决定: a clause, not a name
NEWS_AGENCIES = ("新华社", "中新社")
PRAISE_WORDS = ("优秀", "著名", "知名", "资深")  # 北京市百货大楼|优秀|售货员: no part of the name


def trimmed(span: CharSpan, text: str) -> CharSpan | None:
    """A model span without what its label never holds: a name's punctuation (``name_core``),
    what an organisation's name never holds (``trimmed_org``), a post's trailing 兼
    (副总理兼|外交部长) or the start of 候选人 (总统候|选人: the relation stage reads it)."""
    start, end, label = span
    if label == "PERSON":
        return name_core(span, text)
    if label == "ORG":
        return trimmed_org(span, text)
    if label == "TITLE" and end - start > 1 and (text[end - 1] == "兼" or text.startswith("候选人", end - 1)):
        return start, end - 1, label
    return span


def trimmed_org(span: CharSpan, text: str) -> CharSpan | None:
    """An organisation without its dateline (``after_dateline``), a pronoun or preposition
    before its place (其昌吉州财政局, 经州党委), a verb joining it to the organisation before
    (…局联合|县总工会, 北京大学特邀|国家体育总局), a decision or a numbered event after it (州党委研究决定,
    昌吉市第一中学第十届校园科技节), a word of praise for the post after it (北京市百货大楼|优秀) or unpaired
    quotes and brackets."""
    rules = load_json("ner_rules.json")
    start, end, label = after_dateline(span, text)
    named_after = text[start + 1 : end]
    if text[start] in PRONOUNS and (leading_place(named_after) or re.match(level_at_name_start(), named_after)):
        start += 1  # 免去其|昌吉州财政局…职务, 免去其|州统计局…
    if text[start] in rules["level_lead_chars"] and re.match(level_at_name_start(), text[start + 1 : end]):
        start += 1  # 经|州党委研究决定
    if JOINT_VERB.match(text, start) and start and text[start - 1] in ORG_END_CHARS \
            and re.match(level_at_name_start(), text[start + 2 : end]):
        start += 2  # 呼图壁县人社局|联合|县总工会
    verb = clause_word_pattern().search(text, start + 2, end)
    if verb and text[verb.start() - 1] in ORG_END_CHARS + "学司行厂" and organisation_before(text, end) == verb.end():
        start = verb.end()  # 北京大学|特邀|国家体育总局: the organisation the post after it is of
    decided = ORG_DECISION.search(text, start, end)
    end = decided.start() if decided and decided.start() - start >= 2 else end
    event = SESSION.search(text, start + 2, end)  # 昌吉市第一中学|第十届校园科技节开幕
    end = event.start() if event and text.endswith(tuple(rules["org_heads"]), start, event.start()) else end
    praise = next((w for w in PRAISE_WORDS if text.endswith(w, start, end) and end - len(w) - start >= 2), "")
    return unpaired_marks_trimmed((start, end - len(praise), label), text)  # 北京市百货大楼|优秀售货员


PAIRED_MARKS = {"“": "”", "《": "》", "（": "）", "(": ")", "‘": "’"}


def unpaired_marks_trimmed(span: CharSpan, text: str) -> CharSpan:
    """A span without a quote or bracket at its edge whose partner it does not hold:
    让我们生活得更好|” (the name of a quoted alliance); 《明报》 keeps both."""
    start, end, label = span
    name = text[start:end]
    openers = [o for o, c in PAIRED_MARKS.items() if name and c == name[-1]]
    if openers and not any(o in name for o in openers):
        end -= 1
    if end > start and text[start] in PAIRED_MARKS and PAIRED_MARKS[text[start]] not in text[start:end]:
        start += 1
    return start, end, label


def relabelled(span: CharSpan, text: str) -> CharSpan:
    """A model place named like an organisation, or like a unit of one, is one: 北京市阳光学校,
    望都县粮食局, 昌吉州人民医院|心内科 (LOC → ORG; a unit suffix alone leaves 莫斯科 a place). A model
    "person" ending in a level its head's post names is that place's organ: 王舍人镇|副镇长 (PERSON → ORG, as
    北京市|市长 is read; a province abroad stays a place: 特兰蒂诺省|省长), and one ending like a front or a
    league is one (法拉本多·马蒂民族解放阵线); one followed by 村 and a village organ is the village (杨铁匠|村党支部书记 → LOC 杨铁匠村). A model organisation between an agency and a dateline's date is its place
    (本报|布加勒斯特|4月25日电, ORG → LOC)."""
    heads = tuple(load_json("ner_rules.json")["org_heads"])
    units = tuple(load_json("relation_rules.json")["subunit_suffixes"])
    start, end, label = span
    name = text[start:end]
    unit_of_org = name.endswith(units) and any(h in name[1:-1] for h in heads)
    if label == "LOC" and (name.endswith(heads) or unit_of_org) and name not in heads:
        return start, end, "ORG"
    if label == "ORG" and text.endswith(("本报", *NEWS_AGENCIES), 0, start) and DATELINE_END.match(text, end) \
            and name not in international_organisations():
        return start, end, "LOC"  # 本报|布加勒斯特|4月25日电: a dateline's place (新华社|联合国|5月13日电 stays)
    if label == "PERSON" and len(name) >= 3 and name[-1] in LEVEL_CHARS and LEVEL_HEAD.match(text, end) \
            and text[end:].lstrip("常务副").startswith(name[-1]):
        return start, end, "LOC" if name.endswith("省") else "ORG"  # every province of China is in the gazetteer
    if label == "PERSON" and len(name) >= 5 and name.endswith(MOVEMENT_HEADS):
        return start, end, "ORG"  # 法拉本多·马蒂民族解放阵线
    if label == "PERSON" and VILLAGE_ORGAN.match(text, end):
        return start, end + 1, "LOC"  # 杨铁匠|村党支部书记: a village named like a person
    return span


def named_place(span: CharSpan, text: str) -> CharSpan:
    """A model "organisation" named exactly like a country or a known place (maybe with 驻 after
    it: 中国驻|美大使) is that place: 战胜丹麦|老将 (MSRA +0.0017; an organisation the rules cut down
    to its place, 北京市|市长, stays one, as the relation stage reads the post's organ from it); so
    is a model "person" named exactly like a country of three characters or more, or before its government or
    a state's post (萨尔瓦多|政府, 西德|总理; 马里 may be a name)."""
    start, end, label = span
    name = text[start:end].removesuffix("驻")  # 时任中国驻|美大使: the state whose mission it is
    if label == "PERSON":  # not 印度尼西亚财政部长|马里
        is_place = name in countries() and (len(name) >= 3 or text.startswith(state_words(), end))
    else:
        is_place = label == "ORG" and (name in places_by_name() or name in countries())
    return (start, start + len(name), "LOC") if is_place else span


@lru_cache(maxsize=1)
def state_words() -> tuple[str, ...]:
    """A state's government and posts (西德|总理): after a country's name, that name is the country's."""
    return ("政府", *load_json("relation_rules.json")["state_posts"])


def countries_in_full(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A country is named in full where the character before it, in no entity, makes a longer one
    (南|朝鲜 → 南朝鲜)."""
    ends = {end for _start, end, _label in ents}
    return [(s - 1, e, label) if label == "LOC" and s and s not in ends and text[s:e] in countries()
            and text[s - 1 : e] in countries() else (s, e, label) for s, e, label in ents]


def after_dateline(span: CharSpan, text: str) -> CharSpan:
    """An organisation without the dateline the model ran into it: 新华社北京5月14日电|外交部."""
    found = DATELINE_END.search(text, span[0], span[1])
    return (found.end(), span[1], span[2]) if found and span[1] - found.end() >= 2 else span


def implausible_org(span: CharSpan, text: str) -> bool:
    """An organisation cut out of a generic word (财政部 in 据财政部门数据: 部门 = department),
    holding an amount (住房保障支出3.01亿元), a date or a time (…展览今天晚上为全国政协), ending in a
    word for a thing (惠农e贷产品), a term number alone (九届), or a company's short name that is a
    common word where no finance is near (坚持|民生|优先)."""
    rules = load_json("ner_rules.json")
    words = rules["generic_org_words"]
    cut = any(text.startswith(word, span[1] - k) for word in words for k in range(1, len(word)))
    held = any(pattern.search(text, span[0], span[1]) for pattern in (AMOUNT, DATE))
    thing = text.endswith(tuple(rules["non_org_heads"]), span[0], span[1])  # 惠农e贷产品, 民生清单
    word = text[span[0] : span[1]] in rules["word_named_companies"] and not any(
        w in text[max(0, span[0] - 30) : span[1] + 30] for w in rules["finance_words"])  # 坚持|民生|优先
    return cut or held or thing or word or bool(SESSION.fullmatch(text, span[0], span[1]))


@lru_cache(maxsize=1)
def thing_ends() -> tuple[str, ...]:
    """Endings no post has: an organisation's (学校, 公司; not 委 or 部: 常委, 干部 end posts), an
    event's (会: 团拜酒会) or a headline's genre (美军士兵遗骨侧记), so a model post ending so is no post
    (干部职工业余学校)."""
    org_ends = load_json("relation_rules.json")["org_suffixes"]
    return tuple(end for end in org_ends + ["会"] if not any(post.endswith(end) for post in posts())) + GENRES


def merge_rules(model: list[CharSpan], rules: list[CharSpan], text: str) -> list[CharSpan]:
    """Combine model entities with gazetteer spans: the model wins where both claim a span
    (model spans across sentence punctuation are dropped first),
    except that a gazetteer TITLE replaces a model TITLE or ORG it contains (国务委员) and cuts a post
    off the end of a model ORG (民政局党组成员 → ORG 民政局 + TITLE 党组成员), and a gazetteer ORG replaces
    the model places and organisations it contains (中国|民主同盟 → 中国民主同盟, 拉美和|加勒比经济委员会)."""
    verbs = [*load_json("ner_rules.json")["speech_verbs"], *load_json("ner_rules.json")["action_verbs"],
             *load_json("ner_rules.json")["ranks"]]  # and ranks: 徐信上|将
    org_suffixes = tuple(load_json("relation_rules.json")["org_suffixes"])
    model = [s for s in split_at_lines(model, text) if not SENTENCE_PUNCTUATION.search(text, s[0], s[1])]
    model = places_named_like_persons(model, text)
    model = countries_in_full([named_place(c, text) for c in (trimmed(relabelled(s, text), text) for s in model) if c], text)
    words = [m.span() for m in committee_pattern().finditer(text)]
    model, rules = ([s for s in spans if not inside_committee(s, words)] for spans in (model, rules))
    model = [through_committee(s, words) for s in model]
    word_followers = tuple(load_json("ner_rules.json")["post_word_followers"])
    model, rules = ([s for s in spans if s[2] != "TITLE" or not (text.startswith(word_followers, s[1]) or (
        text.startswith("国", s[1]) and text.endswith(MEMBER_STATE_POSTS, s[0], s[1])))]
                    for spans in (model, rules))  # 大使|馆, 优秀教师|称号, 常任理事|国
    ents = split_at_jian([trim_person(s, text, verbs) if s[2] == "PERSON" else s for s in model], text)
    ents = without_preposition(without_office_verb(ents, text), text)
    ents = split_byline_names(split_byline_agencies(ents, text), text)
    ents = [s for s in persons_named_like_orgs(ents, text, org_suffixes) if s[2] != "PERSON"
            or not implausible_person(s, text, org_suffixes)]
    ents = listed_things(names_run_together(ents, text), text)
    for rule in rules:
        clashes = [e for e in ents if overlaps(e, rule)]
        if not clashes:
            ents.append(rule)
        elif rule[2] == "TITLE" and len(clashes) == 1:
            ents = _settle_title(ents, clashes[0], rule, text)
        elif rule[2] == "LOC" and len(clashes) == 1 and starts_with_its_level(clashes[0], rule, text):
            ents = [(rule[0], e[1], e[2]) if e is clashes[0] else e for e in ents]  # 呼图壁|县石梯子乡
        elif rule[2] == "ORG" and all(e[2] in ("LOC", "ORG") and rule[0] <= e[0] and e[1] <= rule[1] for e in clashes) \
                and any(e[2] == "LOC" or e[1] - e[0] < rule[1] - rule[0] for e in clashes):
            ents = [e for e in ents if e not in clashes] + [rule]  # 中国|民主同盟, 拉美和|加勒比经济委员会: a known name around the model's
    ents = [s for s in ents if s[2] != "ORG" or not implausible_org(s, text)]
    not_posts = load_json("ner_rules.json")["not_posts"]
    groups = tuple(load_json("ner_rules.json")["group_words"])  # 客户经理|队伍
    ents = [s for s in ents if s[2] != "TITLE" or not (text[s[0] : s[1]] in not_posts or text.startswith(groups, s[1])
                                                       or PEOPLE_OF_A_KIND.match(text, s[1])
                                                       or text.endswith(thing_ends(), s[0], s[1]))]
    ents = with_organisations(with_portfolios(ents, text), orgs_before_posts(ents, text))
    ents = with_organisations(ents, legal_form_orgs(ents, text))
    ents = with_organisations(ents, companies_named_bare(ents, text))
    ents = with_organisations(ents, place_bureaus(ents, text, bureau_pattern()))
    ents = with_organisations(ents, place_bureaus(ents, text, zone_pattern()))
    ents = with_organisations(ents, named_zones(ents, text))
    ents = with_organisations(ents, corps_units(ents, text))
    ents = with_organisations(ents, trade_names(ents, text))
    ents = with_organisations(ents, committees(ents, text))
    ents = with_organisations(ents, organs_units(ents, text))
    ents = with_organisations(ents, missions(ents, text))
    ents = with_organisations(ents, foreign_parties(ents, text))
    ents = with_organisations(ents, quoted_orgs(ents, text))
    ents = with_department_heads(with_place_committees(with_level_committees(ents, text), text), text)
    ents = headed_places(named_again_before_posts(with_place_organs(ents, text), text), text)
    ents = countries_before_posts(central_organs_before_posts(short_forms_before_posts(ents, text), text), text)
    ents = units_before_heads(departments_before_posts(with_bodies_before_posts(ents, text), text), text)
    ents = with_heads_offices(with_stationed_units(with_organisations(ents, level_bureaus(ents, text)), text), text)
    ents = villages(ents, text)
    ents = with_organisations(ents, local_units(ents, text))
    ents = anonymised_names(completed_surnames(names_in_appointments(ents, text), text), text)
    ents = names_on_their_own_lines(dotted_names(ents, text), text)
    while added := names_after_posts(ents, text):
        ents += added
    ents = places_without_posts([relabelled(s, text) for s in join_adjacent_orgs(sorted(ents), text)], text)
    return byline_places(ents, text)


PORTFOLIO = re.compile(r"(?:[\u4e00-\u9fff]|、(?=[\u4e00-\u9fff])){2,12}")  # 挪威|石油与能源|大臣, 印尼|经济、财政和工业统筹|部长
MINISTERS = ("大臣", "部长", "副部长", "国务部长", "国务大臣")


def with_portfolios(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A minister's post with the portfolio the model left untagged after a foreign state, or after
    the state's post and 兼: 挪威|石油与能源大臣, 西班牙副首相兼|经济和财政大臣 (TITLE 大臣 → 经济和财政大臣),
    so that the post is the state's; a portfolio the model read as an organisation is part of the post
    (卢森堡经济|大臣 → LOC 卢森堡 + TITLE 经济大臣, 、|交通|大臣 → TITLE 交通大臣)."""
    out = portfolios_read_as_orgs(sorted(ents), text)
    for i, (start, end, label) in enumerate(out):
        if label != "TITLE" or text[start:end] not in MINISTERS or i == 0:
            continue
        state, begin = out[i - 1], out[i - 1][1]
        if state[2] == "TITLE" and i >= 2 and text.startswith("兼", begin) and out[i - 2][1] == state[0]:
            state, begin = out[i - 2], begin + 1  # 西班牙|副首相|兼
        if state[2] == "LOC" and text[state[0] : state[1]] in countries() and PORTFOLIO.fullmatch(text, begin, start) \
                and not text.endswith("政府", begin, start):  # 意大利新政府|部长: no portfolio
            out[i] = (begin, end, label)
    return out


def portfolios_read_as_orgs(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """Model organisations right before a minister's post that end like no organisation (经济, 交通)
    joined to the post, a country they start with split off as a place; ``ents`` sorted."""
    out = list(ents)
    for i in range(len(out) - 1, 0, -1):
        (start, end, label), (org_start, org_end, org_label) = out[i], out[i - 1]
        if label != "TITLE" or text[start:end] not in MINISTERS or org_label != "ORG" or org_end != start \
                or text.endswith(organisation_ends(), org_start, org_end):
            continue
        country = leading_country(text[org_start:org_end]) or ""
        if PORTFOLIO.fullmatch(text, org_start + len(country), start):
            place = [(org_start, org_start + len(country), "LOC")] if country else []
            out[i - 1 : i + 1] = place + [(org_start + len(country), end, label)]
    return out


PEOPLE_OF_A_KIND = re.compile(r"(?:、[\u4e00-\u9fff]{1,5}?)*们")  # 向参事、馆员们: people of a kind, no one's post
PLACE_ENDS = ("国", "省", "市", "县", "州", "区", "旗", "乡", "镇", "村", "岛", "山", "河", "湖", "江")  # 奥斯曼帝国


def places_named_like_persons(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place no gazetteer knows, written exactly like a person named elsewhere in the text, is
    that person (常务主席马建民…。|马建民|主持闭幕会: the model's place at a line's start)."""
    persons = {text[start:end] for start, end, label in ents if label == "PERSON"}
    return [(s, e, "PERSON") if label == "LOC" and text[s:e] in persons and text[s:e] not in places_by_name()
            and not text[s:e].endswith(PLACE_ENDS) else (s, e, label) for s, e, label in ents]


def persons_named_like_orgs(ents: list[CharSpan], text: str, org_suffixes: tuple[str, ...]) -> list[CharSpan]:
    """An implausible PERSON written exactly like an organisation tagged elsewhere in the text, or
    ending like one right before a post, is that organisation (昌吉军分区召开…。昌吉军分区|司令员李振华,
    王开照相馆|副总经理), not nothing."""
    orgs = {text[start:end] for start, end, label in ents if label == "ORG"}
    posts_at = {start for start, _end, label in ents if label == "TITLE"}

    def is_org(s: int, e: int) -> bool:
        named = text[s:e] in orgs or (e in posts_at and e - s >= 4 and text.endswith(org_suffixes, s, e))
        return named and implausible_person((s, e, "PERSON"), text, org_suffixes)

    return [(s, e, "ORG") if label == "PERSON" and is_org(s, e) else (s, e, label) for s, e, label in ents]


def split_at_lines(spans: list[CharSpan], text: str) -> list[CharSpan]:
    """Model spans cut at the line breaks inside them, no part shorter than two characters
    (书记邢云|\n|邢云，1952年生 → 邢云 and 邢云), and at ideographic spaces between parts of two
    characters or more (——宁高宁|　|中粮集团董事长; 王　伟 stays one name)."""
    out = []
    for start, end, label in spans:
        parts = text[start:end].split("\n")
        at = start
        for part in parts:
            if len(parts) == 1 or len(part) >= 2:
                out += split_at_spaces((at, at + len(part), label), text)
            at += len(part) + 1
    return out


NOT_SPACE = re.compile("[^\u3000]+")


def split_at_spaces(span: CharSpan, text: str) -> list[CharSpan]:
    """``span`` cut at its ideographic spaces if every part has two characters or more; a part of
    an organisation that ends like none is a name if it reads like one (宁高宁), else nothing."""
    parts = [m.span() for m in NOT_SPACE.finditer(text, span[0], span[1])] if "\u3000" in text[span[0] : span[1]] else []
    if not parts or any(e - s < 2 for s, e in parts):
        return [span]
    if span[2] != "ORG":
        return [(s, e, span[2]) for s, e in parts]
    return [(s, e, "ORG") if text.endswith(organisation_ends(), s, e) else (s, e, "PERSON") for s, e in parts
            if text.endswith(organisation_ends(), s, e) or (e - s <= 4 and text[s] in surnames())]


def starts_with_its_level(span: CharSpan, place: CharSpan, text: str) -> bool:
    """A model place or organisation starting with the level word that ends a known place
    (呼图壁|县石梯子乡 after 呼图壁县; not 其|中山|东, where 山东 is right)."""
    levels = load_json("relation_rules.json")["level_words"]
    return (span[2] in ("LOC", "ORG") and place[0] < span[0] < place[1] < span[1]
            and text[span[0] : place[1]] in levels)


def join_adjacent_orgs(ents: list[CharSpan], text: str) -> list[CharSpan]:
    """A place or organisation written right before an organisation is part of its name
    (中国农业银行股份有限公司|昌吉市支行 → one ORG), as in People's Daily's ``[...]nt``; but an
    organisation named from its own place is one of its own unless it is a branch
    (重庆医科大学附属第二医院|云南省委宣传部: two, in a list without commas), as is one after a
    news agency (新华社|联合国, the place of a dateline), and the agency itself (…有限公司|新华社记者)."""
    branches = tuple(load_json("relation_rules.json")["branch_suffixes"])
    joined: list[CharSpan] = []
    for ent in ents:
        name = text[ent[0] : ent[1]]
        before = text[joined[-1][0] : joined[-1][1]] if joined else ""
        own = (joined and joined[-1][2] == "ORG" and (leading_place(name) or before in NEWS_AGENCIES)
               and not name.endswith(branches)) or name in NEWS_AGENCIES  # 新华社|联合国|5月13日电: a dateline
        if joined and ent[2] == "ORG" and joined[-1][2] in ("LOC", "ORG") and joined[-1][1] == ent[0] and not own:
            ent = (joined.pop()[0], ent[1], "ORG")
        joined.append(ent)
    return joined


def _settle_title(ents: list[CharSpan], ent: CharSpan, rule: CharSpan, text: str) -> list[CharSpan]:
    """Resolve a gazetteer TITLE overlapping one model entity."""
    inside = rule[0] <= ent[0] and ent[1] <= rule[1]
    if ent[2] == "LOC" and inside and text[ent[0] : ent[1]] not in places_by_name():
        return [e for e in ents if e != ent] + [rule]  # 副州|长: no place
    if ent[2] in ("TITLE", "ORG") and inside:
        if ent[2] == "ORG" and ent[0] == rule[0] and is_organ_before_post(ent, rule, text):
            return ents + [(ent[1], rule[1], "TITLE")]  # 国务院总理 → ORG 国务院 + TITLE 总理
        return [e for e in ents if e != ent] + [rule]  # 国务委员
    if (ent[2] == "TITLE" and ent[1] == rule[1] and rule[0] - ent[0] >= 2
            and is_unit(text[ent[0] : rule[0]])):  # 人社局党组书记 → 人社局 + 党组书记
        return [e for e in ents if e != ent] + [(ent[0], rule[0], "ORG"), rule]
    if (ent[2] == "ORG" and ent[0] < rule[0] < ent[1] < rule[1] and text[ent[1] : rule[1]] in posts()
            and (is_government_level(text[ent[0] : rule[0]]) or is_central_organ(text[ent[0] : ent[1]])
                 or ends_in_organ_word(ent, rule[0], text))):
        return ents + [(ent[1], rule[1], "TITLE")]  # 州党委|副书记, 宿迁市纪委|书记, 全国政协|主席, 州总工会|主席
    if ent[2] == "ORG" and ent[0] < rule[0] < ent[1] <= rule[1] and rule[0] - ent[0] >= 2:
        if ent[1] - rule[0] == 1:  # 文化部长: the post shares the organisation's last character
            return with_name_before_post(ents, ent, rule, text)
        return [e for e in ents if e != ent] + [(ent[0], rule[0], "ORG"), rule]
    if ent[2] == "PERSON" and ent[0] + 2 <= rule[0] < ent[1] <= rule[1]:  # 记者何平通|讯员贾文 → 何平 + 通讯员
        return [e for e in ents if e != ent] + [(ent[0], rule[0], "PERSON"), rule]
    return ents


def with_name_before_post(ents: list[CharSpan], org: CharSpan, post: CharSpan, text: str) -> list[CharSpan]:
    """A model organisation run over a name into the post after it is the organisation, the
    name and the post (北京海关调查局茹水泉局|长 → 北京海关调查局 + 茹水泉 + 局长); one that only shares
    its last character with the post stays whole (文化部长, 北京市委宣传部长: the relation stage reads
    部长 from it)."""
    suffixes = tuple(load_json("relation_rules.json")["org_suffixes"])
    for length in (3, 2):
        name = (post[0] - length, post[0], "PERSON")
        heads_it = text[name[0] - 1] == text[post[0]]  # 调查局|茹水泉|局长: the post heads a 局
        named = text[name[0]] in surnames() and all(map(is_han, text[name[0] : name[1]]))
        if name[0] - org[0] >= 3 and heads_it and named and text.endswith(suffixes, org[0], name[0]):
            return [e for e in ents if e != org] + [(org[0], name[0], "ORG"), name, post]
    return ents


def is_government_level(name: str) -> bool:
    """A level word (州) or a division that is no zone (宿迁市, not 昌吉国家高新技术产业开发区),
    whose party committee is an organisation of its own."""
    rules = load_json("relation_rules.json")
    village = len(name) >= 3 and name.endswith(("村", "社区"))  # 鄢家河村|党支部副书记: villages are not in the gazetteer
    return name in rules["level_words"] or village or (name in places_by_name() and not name.endswith(tuple(rules["org_suffixes"])))


def is_organ_before_post(org: CharSpan, title: CharSpan, text: str) -> bool:
    """Whether a post written with its organ in front is a central organ and a post
    (国务院|总理, 全国政协|委员, 全国人大|代表), not one word (国务|委员)."""
    rest = text[org[1] : title[1]]
    heads = load_json("posts.json")["only_composed"]
    return is_central_organ(text[org[0] : org[1]]) and (rest in posts() or rest in heads)


def ends_in_organ_word(org: CharSpan, cut: int, text: str) -> bool:
    """Whether ``cut`` falls inside the organ word ending ``org`` (州总|工会 of 总工会, ``post_organs``)."""
    organs = load_json("relation_rules.json")["post_organs"]
    return any(text.endswith(word, org[0], org[1]) and org[1] - len(word) < cut for word in organs)


def is_central_organ(name: str) -> bool:
    """A central party or state organ, by its full or short name (国务院, 全国政协)."""
    return name in central_agencies() or org_short_forms().get(name) in central_agencies()


def is_unit(name: str) -> bool:
    """Whether a name written before a post is an organisation of its own: a bureau (人社局,
    州民政局), a central organ (监察部) or a name starting with a place. An internal department
    (财务部经理, 技术中心副主任) stays part of the post."""
    return name.endswith(tuple(load_json("ner_rules.json")["bureau_suffixes"])) or bool(leading_place(name)) \
        or is_central_organ(name)


def spans_on_words(spans: list[Span], doc: Doc, model: list[CharSpan]) -> list[Span]:
    """Gazetteer spans without the places and posts that cut through a word of ``doc`` (where no model
    entity ends either): 长治 in 长治|久安, 大理 in 伟|大理|论, 上海 in 踏|上海|拔 name no place; a level
    that starts the next word still ends one (化州市 in 化州|市委). A post is dropped only when it cuts words
    at both ends (市长 in 城|市长|大), and a place that runs out of a model name is none (卫东区 in 周卫东|区长)."""
    edges = {token.idx for token in doc} | {len(doc.text)}
    edges |= {edge for start, end, _label in model for edge in (start, end)}
    persons = [(start, end) for start, end, label in model if label == "PERSON"]

    def on_words(span: Span) -> bool:
        if span.label_ == "TITLE":
            return span.start_char in edges or span.end_char in edges
        if any(start < span.start_char < end < span.end_char for start, end in persons):
            return False  # 周|卫东区|长 after the name 周卫东
        level_first = span.end_char - 1 in edges and span.text[-1] in LEVEL_CHARS
        return span.start_char in edges and (span.end_char in edges or level_first)

    return [s for s in spans if s.label_ == "ORG" or on_words(s)]


def split_tokens_at(doc: Doc, boundaries: Iterable[int]) -> None:
    """Split every token that has an entity boundary inside it (``doc.retokenize``); the
    tokens are found by bisecting their offsets, so untouched tokens are never visited."""
    starts = doc.to_array(IDX).tolist()
    inner: dict[int, list[int]] = {}
    for cut in sorted(set(boundaries)):
        i = bisect.bisect_right(starts, cut) - 1
        if i >= 0 and 0 < cut - starts[i] < len(doc[i]):
            inner.setdefault(i, []).append(cut - starts[i])
    with doc.retokenize() as retokenizer:
        for i, offsets in inner.items():
            token = doc[i]
            edges = [0, *offsets, len(token)]
            pieces = [token.text[a:b] for a, b in pairwise(edges)]
            retokenizer.split(token, pieces, heads=[(token, k) for k in range(len(pieces))])


def _aligned(doc: Doc, spans: list[CharSpan]) -> list[Span]:
    """Token spans for char spans (whitespace at the edges is dropped)."""
    found = (doc.char_span(s, e, label=label, alignment_mode="contract") for s, e, label in spans)
    return [span for span in found if span is not None and len(span)]


def maxout(pieces: numpy.ndarray) -> numpy.ndarray:
    """The largest of the pieces (last axis): ``max(axis=-1)`` is 20x slower on two pieces."""
    return reduce(numpy.maximum, numpy.moveaxis(pieces, -1, 0))


class CharEncoder:
    """The character model's ``tok2vec`` forward pass in numpy: the same vectors as thinc's layers.

    thinc sums each hash embedding's four rows through BLIS's ``saxpy`` (its reference kernel,
    with a lock on each call, on CPUs its build does not know) and keeps every maxout's argmax
    for training; here the rows are added with numpy, in thinc's order, and only the maxima are
    taken. The features, hashes, matrix products (numpy's, as thinc's ``NumpyOps``), layer norms,
    windows and paddings are thinc's, so the vectors are bit for bit the same
    (``tests/test_pipeline.py`` checks them against thinc's).
    """

    LAYERS = {"extract_features", "list2ragged", "ragged2list", "with_array", "ints-getitem", "hashembed",
              "maxout", "layernorm", "dropout", "residual", "expand_window"}

    def __init__(self, tok2vec) -> None:
        layers = list(tok2vec.walk())
        names = {name for layer in layers for name in re.split(r"[>|()]+", layer.name) if name}
        if not names <= self.LAYERS:
            raise ValueError(f"CharEncoder does not know the layers {sorted(names - self.LAYERS)}")
        self.ops, self.width = tok2vec.ops, tok2vec.get_dim("nO")
        self.columns = next(layer for layer in layers if layer.name == "extract_features").attrs["columns"]
        self.tables = [(layer.get_param("E"), layer.attrs["seed"]) for layer in layers if layer.name == "hashembed"]
        maxouts = [layer for layer in layers if layer.name == "maxout"]
        norms = [(layer.get_param("G"), layer.get_param("b")) for layer in layers if layer.name == "layernorm"]
        self.layers = [(self.maxout_weights(m), *norm) for m, norm in zip(maxouts, norms)]
        windows = {layer.attrs["window_size"] for layer in layers if layer.name == "expand_window"}
        encoder = next(layer for layer in layers if layer.name.startswith("with_array(residual"))
        if windows != {1} or encoder.attrs["pad"] != len(self.layers) - 1:
            raise ValueError("CharEncoder expects windows of one character and the encoder's receptive field as padding")

    @staticmethod
    def maxout_weights(layer) -> tuple[numpy.ndarray, numpy.ndarray, int]:
        """A maxout layer's weights as thinc multiplies them: (outputs x pieces, inputs), bias, pieces."""
        n_out, n_in, n_pieces = (layer.get_dim(d) for d in ("nO", "nI", "nP"))
        return layer.get_param("W").reshape(n_out * n_pieces, n_in), layer.get_param("b").reshape(-1), n_pieces

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """A (tokens, width) float32 array for each doc."""
        lengths = [len(doc) for doc in docs]
        if not any(lengths):
            return [numpy.zeros((0, self.width), dtype="float32") for _ in docs]
        ids = numpy.concatenate([doc.to_array(self.columns) for doc in docs if len(doc)]).astype("uint64")
        X = self.layer(numpy.hstack([self.embedded(ids[:, column], *table) for column, table in enumerate(self.tables)]),
                       *self.layers[0])
        pad = len(self.layers) - 1
        X = self.padded(X, lengths, pad)
        for layer in self.layers[1:]:
            X = X + self.layer(self.window(X), *layer)
        return self.unpadded(X, lengths, pad)

    def embedded(self, ids: numpy.ndarray, table: numpy.ndarray, seed: int) -> numpy.ndarray:
        """thinc's ``HashEmbed``: the sum of the four hashed rows, added in order from zero."""
        keys = self.ops.hash(numpy.ascontiguousarray(ids), seed) % table.shape[0]
        return reduce(numpy.add, (table[keys[:, k]] for k in range(keys.shape[1])), numpy.zeros((len(ids), table.shape[1]), "float32"))

    @staticmethod
    def layer(X: numpy.ndarray, weights: tuple, G: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
        """thinc's ``Maxout(normalize=True)``: maxout, then ``LayerNorm`` as thinc computes it."""
        W, bias, n_pieces = weights
        Y = numpy.dot(X, W.T)
        Y += bias
        Y = maxout(Y.reshape(len(Y), -1, n_pieces))
        Y -= Y.mean(axis=1, keepdims=True)  # numpy's var subtracts the same mean: one pass less
        var = numpy.multiply(Y, Y).sum(axis=1, keepdims=True) / Y.shape[1] + 1e-08
        Y *= var ** (-1.0 / 2.0)
        Y *= G
        Y += b
        return Y

    @staticmethod
    def window(X: numpy.ndarray) -> numpy.ndarray:
        """thinc's ``seq2col`` with one neighbour on each side: (previous, self, next), zeros past the ends."""
        n, width = X.shape
        out = numpy.zeros((n, 3 * width), dtype=X.dtype)
        out[1:, :width] = X[:-1]
        out[:, width : 2 * width] = X
        out[:-1, 2 * width :] = X[1:]
        return out

    @staticmethod
    def padded(X: numpy.ndarray, lengths: list[int], pad: int) -> numpy.ndarray:
        """thinc's ``flatten(pad=…)``: ``pad`` zero rows before each non-empty doc and after the last."""
        zeros = numpy.zeros((pad, X.shape[1]), dtype=X.dtype)
        bounds = numpy.cumsum([0, *lengths])
        parts = [part for start, end in pairwise(bounds) if end > start for part in (zeros, X[start:end])]
        return numpy.concatenate([*parts, zeros])

    @staticmethod
    def unpadded(X: numpy.ndarray, lengths: list[int], pad: int) -> list[numpy.ndarray]:
        """Each doc's rows of a ``padded`` array (thinc's ``unflatten``)."""
        out, start = [], 0
        for length in lengths:
            start += pad if length else 0
            out.append(X[start : start + length])
            start += length
        return out


class GreedyEntityDecoder:
    """spaCy's greedy decoding of a trained ``ner`` component, outside spaCy's compiled parser.

    spaCy's parser runs every step through BLIS, whose build falls back to its reference
    kernels, with a lock on each call, on CPUs it does not know (AMD Zen 3 here). Outside an
    entity a state's features depend on its character alone, so the moves there (begin, unit,
    out) are scored for every character of a batch at once; only the few steps inside an
    entity are scored one by one. The weights, the three context features, the move rules and
    the float32 sums are spaCy's, in spaCy's order, so the entities are the same
    (``tests/test_pipeline.py`` checks them against spaCy's).
    """

    def __init__(self, ner) -> None:
        model = ner.model
        if model.attrs["unseen_classes"]:
            raise ValueError("the NER model has moves it never saw in training; its scores need spaCy's parser")
        self.tokvecs, self.lower = model.get_ref("tok2vec"), model.get_ref("lower")
        self.hidden_bias = self.lower.get_param("b")
        upper = model.get_ref("upper")
        self.output_weights, self.output_bias = upper.get_param("W").T.copy(), upper.get_param("b")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        self.labels = [name[2:] for name in names]  # "" for O and for U- (spaCy's blocked-token move)
        self.moves = {(name[0], name[2:]): i for i, name in enumerate(names)}
        self.begins, self.units = (numpy.array([name[0] == kind and bool(name[2:]) for name in names]) for kind in "BU")
        self.out = numpy.array([name == "O" for name in names])

    def __call__(self, char_docs: list[Doc], texts: list[str]) -> list[list[CharSpan]]:
        """The model's entities in each doc (whose tok2vec has run), as character spans."""
        lengths = [len(doc) for doc in char_docs]
        if not any(lengths):
            return [[] for _ in char_docs]
        rows = self.lower.predict(self.tokvecs.predict(char_docs))  # (1 + tokens, 3 features, hidden, pieces)
        padding, rows = rows[0], rows[1:]
        outside = self.outside_moves_of(rows, padding, lengths, texts)
        found, first = [], 0
        for length in lengths:
            found.append(self.entities(rows, outside, first, length))
            first += length
        return found

    def outside_moves_of(self, rows: numpy.ndarray, padding: numpy.ndarray, lengths: list[int], texts: list[str]) -> numpy.ndarray:
        """The move each character's state takes when no entity is open (features: the
        character, then padding for the entity's first token and the token before)."""
        hidden = maxout(((rows[:, 0] + padding[1]) + padding[2]) + self.hidden_bias)
        last = numpy.zeros(len(rows), dtype=bool)
        last[numpy.cumsum(lengths)[numpy.array(lengths) > 0] - 1] = True
        space = numpy.array([c.isspace() for text in texts for c in text])
        valid = (self.begins & ~(space | last)[:, None]) | (self.units & ~space[:, None]) | self.out  # spaCy's rules
        return numpy.where(valid, self.scores(hidden), -numpy.inf).argmax(axis=1)

    def entities(self, rows: numpy.ndarray, outside: numpy.ndarray, first: int, length: int) -> list[CharSpan]:
        """Walk one doc: jump to the next character whose outside move begins an entity or is
        one (unit), then score the steps inside the entity until its last character."""
        found = []
        candidates = (first + numpy.flatnonzero(~self.out[outside[first : first + length]])).tolist()
        position = first
        for token in candidates:
            if token >= position:
                move = int(outside[token])
                position = self.entity_end(rows, token, first + length, self.labels[move]) if self.begins[move] else token + 1
                found.append((token - first, position - first, self.labels[move]))
        return found

    def entity_end(self, rows: numpy.ndarray, start: int, doc_end: int, label: str) -> int:
        """One past the last character of the entity begun at ``start``: each step inside
        chooses between going on (in) and closing (last), in is not allowed on the doc's last
        character; a tie goes to in, spaCy's first-listed move."""
        inside, last = self.moves[("I", label)], self.moves[("L", label)]
        token = start + 1
        while token < doc_end - 1:
            hidden = maxout(((rows[token, 0] + rows[start, 1]) + rows[token - 1, 2]) + self.hidden_bias)
            score_in, score_last = self.scores(hidden[None], [inside, last])[0]
            if score_last > score_in:
                return token + 1
            token += 1
        return doc_end

    def scores(self, hidden: numpy.ndarray, moves: list[int] | slice = slice(None)) -> numpy.ndarray:
        """The output layer's scores of ``moves``: each dot product summed in order over the
        hidden units, as BLIS's reference kernel sums it, then the bias."""
        weights = self.output_weights[:, moves]
        if len(hidden) < len(weights):  # a few states: one call (accumulate adds in order, but slowly)
            dots = numpy.add.accumulate(hidden.T[:, :, None] * weights[:, None], axis=0)[-1]
        else:  # many states: one vectorised add per hidden unit
            dots = numpy.zeros((len(hidden), weights.shape[1]), dtype=hidden.dtype)
            for unit, row in enumerate(weights):
                dots += hidden[:, unit, None] * row
        return dots + self.output_bias[moves]


@Language.factory(
    "zhkg_ner",
    default_config={"batch_characters": 4000},
    assigns=["doc.ents", "doc.spans"],
)
def make_zhkg_ner(nlp: Language, name: str, batch_characters: int) -> "CharNER":
    return CharNER(name, batch_characters)


def batches_of_characters(docs: Iterable[Doc], size: int) -> Iterator[list[tuple[Doc, str]]]:
    """The docs with their texts, in order, in batches of at most ``size`` characters (a
    longer doc is a batch alone). spaCy builds ``doc.text`` anew on every access: once here."""
    batch: list[tuple[Doc, str]] = []
    total = 0
    for doc in docs:
        text = doc.text
        if batch and total + len(text) > size:
            yield batch
            batch, total = [], 0
        batch.append((doc, text))
        total += len(text)
    if batch:
        yield batch


class CharNER:
    """Entities from the character model plus gazetteers, projected onto the word tokens.

    ``doc.ents`` holds the flat PERSON/ORG/LOC/TITLE entities; ``doc.spans["places"]`` every
    place the division gazetteer or the model finds, including places nested in names.
    """

    def __init__(self, name: str, batch_characters: int) -> None:
        self.name = name
        self.batch_characters = batch_characters
        self.char_nlp: Language | None = None
        self.encoder: CharEncoder | None = None
        self.decoder: GreedyEntityDecoder | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, model_dir: str | None = None) -> None:
        """Load the trained character model from ``model_dir`` and add the gazetteer."""
        if model_dir is None:
            raise ValueError("zhkg_ner needs [initialize.components.zhkg_ner] model_dir")
        self.from_disk(model_dir)
        add_gazetteer(self.char_nlp)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Annotate ``docs`` in batches of about ``batch_characters`` characters. The number
        of docs spaCy passes as ``batch_size`` is not used: a batch of 32 short sentences is
        too small for the character model, one of 32 pages too large for a worker's memory."""
        for batch in batches_of_characters(docs, self.batch_characters):
            for (doc, text), prediction in zip(batch, self.predict([text for _, text in batch])):
                yield self.set_annotations(doc, text, *prediction)

    def predict(self, texts: list[str]) -> list[tuple[Doc, str, list[CharSpan]]]:
        """For each text: the character doc (gazetteer spans set), its width-normalised text
        and the model's entities."""
        normal = [normalize_width(text) for text in texts]
        char_docs = list(self.char_nlp.pipe(normal, batch_size=len(normal), disable=["tok2vec", "ner"]))
        for doc, vectors in zip(char_docs, self.encoder(char_docs)):
            doc.tensor = vectors  # as the tok2vec component sets it, for the NER model's listener
        return list(zip(char_docs, normal, self.decoder(char_docs, normal)))

    def set_annotations(self, doc: Doc, text: str, char_doc: Doc, normal: str, model: list[CharSpan]) -> Doc:
        named = [s.text for s in char_doc.spans[GAZETTEER_KEY] if s.label_ == "LOC"] + [normal[s:e] for s, e, label in model if label == "LOC"]
        gazetteer = list(char_doc.spans[GAZETTEER_KEY]) + [char_doc.char_span(*t) for t in named_townships(text, named)]
        gazetteer = spans_on_words(gazetteer, doc, model)
        rules = [(s.start_char, s.end_char, s.label_) for s in filter_spans(gazetteer)]
        ents = merge_rules(model, rules, text)
        places = {(s.start_char, s.end_char) for s in filter_spans([s for s in gazetteer if s.label_ == "LOC"])}
        place_spans = sorted(places | villages_after(places, text) | {(s, e) for s, e, label in ents if label == "LOC"})
        split_tokens_at(doc, [b for s, e, _ in ents for b in (s, e)] + [b for s, e in place_spans for b in (s, e)])
        doc.ents = filter_spans(_aligned(doc, ents))  # flat even if two rules disagree
        doc.spans["places"] = _aligned(doc, [(s, e, "LOC") for s, e in place_spans])
        return doc

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        self.char_nlp.to_disk(path)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "CharNER":
        self.char_nlp = spacy.load(path)
        self.encoder = CharEncoder(self.char_nlp.get_pipe("tok2vec").model)
        self.decoder = GreedyEntityDecoder(self.char_nlp.get_pipe("ner"))
        return self
