"""Stage 4: person–post–organisation triples, with organisations resolved and evidence.

Chinese news writes posts as appositive chains before a name:
``昌吉州党委组织部副部长、人社局党组书记于峰山`` = ORG TITLE 、 ORG TITLE PERSON. Each post
attaches to the nearest organisation before it in the chain; an abbreviated organisation
(人社局, 州住建局, 县卫健委) takes its place from the chain or from the article.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from itertools import pairwise
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.facts import (central_agencies, corps_unit_pattern, countries, division_aliases, division_chain, divisions,
                             international_organisations, leading_country, load_json, longest_place_name, org_short_forms, org_type,
                             place_context, places_by_name, posts, resolve_place)
from pipeline.ner import (COMPANY_ENDS, DEPARTMENT, HEAD_POST, NEWS_AGENCIES, SESSION, in_a_works_title, is_han,
                          leading_place, legal_form_pattern, level_at_name_start, stationed_at, stems)

SENTENCE_END = re.compile(r"[。！？；!?;\n]")
PERIOD = re.compile(r"[。！？!?\n]")  # a sentence's end, not a clause's (任命甲为…局长；任命乙为副局长)
UNNAMED_HOLDERS = re.compile(r"(?:、[^，。；：\n]{1,20}?)*(?:参加|出席|列席|陪同|参会)")  # …检察长|参加学习
LISTED_TO_NAME = 40  # characters a list of posts may run on to its holder's name
ADDRESSEE = re.compile(  # 致函|联合国安理会主席, 接受|…记者采访, 胡锦涛等…同|…全国工商联负责人, 马长鸿迅速与|厦门市电视台负责人
    r"致函|致信|致电|写信给|会见|接见|会晤|宴请|拜会|拜访|看望|慰问|接受|对(?![外口])|向|与(?!会)|跟|等[^，。；、]{0,10}?同")
AS_A = re.compile(r"作为|身为")  # 作为省农资集团公司的总经理，王龙雨…
CLAUSE_END = re.compile(r"[，,。！？；!?;：:\n]")
REMARK = r"(?:[（(][^（）()]{1,12}[）)])?"  # 卢光（女）为…: a remark in brackets after a name
APPOINTED = re.compile(  # 任命张三|为|…局长, 刘洋|挂职任|…副县长, 卡拉曼利斯|今天再次当选为|希腊总统
    REMARK + r"(?:同志)?(?:(?:今天|昨天|今日|\d{1,2}日)?(?:再次|再度|又|正式|首次)?当选为?|为|挂职任|挂职担任|调任|转任|改任|提任|任|担任|出任|升任|兼任|不再担任)")
OF_DISMISSED = re.compile(r"(?:同志)?的?")  # 免去李四|的|…局长职务
DISMISSED_TOO = re.compile(r"[，,；;]\s*(?:同时)?(?:免去|不再担任)其")  # 王强同志任…局长，免去其|…局长职务
DISMISSED = re.compile(r"免去|不再担任|辞去|卸任|撤销")  # 免去李四的…局长职务: a former post
CANDIDATES = ("人选", "候选人", "名单", "职位", "岗位")  # 政协委员|人选: those to be chosen, no holder
TIME_BEFORE = set("久日此之以目年月天周提当")  # 不久前, 日前, 此前, 之前 … end in 前 and mark no former post
TERM_PAST = ("期间", "任内", "任上")  # 在担任…副主任|期间收受股票: a post held then
LEFT_POST = re.compile(r"(?:已|因[^，。]{1,6})?(?:辞职|辞任|离任|卸任|退休|离职)")  # 董事长李宏鸣|辞职: a former post
CAREER = re.compile(  # 王国庆，|曾任|…县委书记、…主任; 王五，男，…，|现任|…副局长
    r"(?P<past>曾先后任|曾先后担任|曾任|曾担任|历任|先后任|先后担任|原任|原系)|现任|现担任")
CAREER_GLUE = re.compile(  # 历任…县长|，|昌吉州水利局局长|，2003年任|…副主任
    r"[，；,;]\s*(?:\d{4}年(?:\d{1,2}月)?(?:起|后)?)?(?:任|担任|调任|后任|升任|兼任)?")
AIDE_POSTS = ("发言人", "助理", "顾问", "秘书", "特使", "特别代表")  # 秘书长|发言人: one post, of the post before
LIST_HEADING = re.compile(r"(?P<verb>任命|免去|聘任|提名|撤销)[：:]")  # 决定任命：…；免去：…
MEDIA_BEFORE = re.compile(  # 同行的|中国人口报|摄影记者, 光明日报|资深|记者, 新华社|驻联合国|记者: a paper's name up to the post
    r"(?:(?<![\u4e00-\u9fff])|(?<=[的据和与及]))"
    r"(?P<media>新华社|中新社|(?:(?![的据和与及])[\u4e00-\u9fff]){1,10}?(?:日报|晚报|报|电视台|广播电台|通讯社|新闻网))"
    r"》?(?:驻[^\s，。、；：]{1,10}?)?(?:资深|首席|特约|高级|实习|见习)?$")
LISTED = re.compile(REMARK + "、")  # 石玉珍（女，苗族）、陈彰嘉
STATE_FORMS = tuple(load_json("relation_rules.json")["state_forms"])
REGION_HEADS = tuple(load_json("relation_rules.json")["region_heads"])
POST_ORGANS = tuple(sorted(load_json("relation_rules.json")["post_organs"], key=len, reverse=True))
PARTY_ORGANS = ("党总支", "党支部", "党委", "党组")  # 镇 + 党委书记 → 镇党委 + 书记 (a zone keeps 党工委书记)
_NER_RULES = load_json("ner_rules.json")
LEVEL_BEFORE_POST = re.compile(  # 选举周文华为|省|政协主席, 王谦为|省政协|副主席, 任命李明为|州发改委|副主任, 为|省委|副书记
    f"{level_at_name_start(lead='为任兼是')}(?P<organ>{'|'.join(POST_ORGANS + tuple(_NER_RULES['level_organs']))}"
    f"|[\u4e00-\u9fff]{{1,{_NER_RULES['max_bureau_gap']}}}?(?:{'|'.join(_NER_RULES['bureau_suffixes'])}))?$")
PROPOSED = re.compile(r"拟任|拟提名|拟推荐|拟聘|拟为|拟提拔")  # 任前公示: 拟任…局长, not held yet
POST_COLON = re.compile(r"[:：] ?")
CHAIN_GLUE = re.compile(r"[、兼 ]?[原前]?")  # 局长、原昌吉州民政局局长: a former post stays in the chain
ALIAS_DEFINITION = re.compile(r"^[（(](?:以下|下)?简称[“\"]?(?P<alias>[^）)”\"]{2,20})[”\"]?[）)]")
DATELINE_BODY = r"[^，。；：（()）\n]{0,16}?电"  # 新华社|莫斯科6月12日电
DATELINE_TAIL = DATELINE_BODY + r"\s*(?:[（(][^（()）\n]{0,24})?$"  # …北京1月1日电（, …电（通讯员暴唐、
AFTER_AGENCY = re.compile(DATELINE_BODY)
NOT_MINISTRIES = ("总部", "俱乐部", "司令部", "指挥部", "支部", "本部", "分部", "党部")  # 部 ending no ministry
VISITORS_SUITE = re.compile(r"随同[^，。；]{0,16}?(?:来访|访华|来华)")  # 随同穆巴拉克总统来访的有…: a foreign visitor's
LED_BY = re.compile(r"(?:率领|带领|率)的")  # 由司法部长吉拉尼|率领的|巴基斯坦司法代表团
ACCOMPANYING = re.compile("随同|陪同|随行")  # 随同万里访问的有…外交部副部长齐怀远: a visitor's suite
OWN_AGENCY = re.compile(r"本社(?:驻[^\s，。、；：（）]{1,10}?)?$")  # 本社|记者, 本社驻辽宁|记者
WIRE_DATELINE = re.compile(r"(?P<agency>新华社|中新社)" + DATELINE_BODY)
PLACED_DATELINE = re.compile(r"(?:新华社|中新社|本报)(?P<place>[\u4e00-\u9fff]{2,8}?)\d+月\d+日电")
KNOWN_DATELINE = re.compile(r"(?P<agency>新华社|中新社|本报)" + DATELINE_TAIL)
DATELINE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=据))据?"  # another agency starts the dateline
                      r"(?P<agency>[\u4e00-\u9fff]{2,8}?(?:日报|晚报|通讯社|电台|电视台|社))" + DATELINE_TAIL)
TITLE_SUBJECT = re.compile(r"\s*(?:\d+月?\d*日)?(?:" + "|".join(load_json("ner_rules.json")["speech_verbs"])
                           + r")|的?(?:对|向|与|跟|同|给|把|被|在)")  # its holder speaks or acts: 发言人24日说, 发言人对…, 负责人在|巴金家中
COPULA = re.compile(r"是|为|任|担任|出任|当选|兼|调")  # 董力生，当年是|…主任
CONJOINED = re.compile(r"(?:[（(][^）)]{0,6}[）)])?(?:以及|[与和同跟及])")  # 陈曦（左）与|…学生: someone else's post
OWN_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,5}[镇乡](?:人民政府|党委)$")  # 王舍人镇人民政府: a township the table lacks
VILLAGE_SUFFIXES = ("村", "社区")  # units below the division table, named under the place written before them
DEPARTMENT_OWNERS = ["医院", "卫生院", "局", "委"]  # what a department written alone (神经内科, 药政科) belongs to
PLACE_SHAPE = re.compile(r"^[^\s，。、委局厅驻]{2,6}?(?:特区|自治区|省|市|县|区|州|盟|旗)")  # 洪泽县, 夸—纳省; not 州纪委监委驻州

for _attr in ("relations", "organizations", "places", "paper"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)
if not Span.has_extension("role"):
    Span.set_extension("role", default=None)


@dataclass
class Mention:
    """An entity in a chain, in character offsets."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Post:
    title: str
    org_as_written: str
    start: int
    former: bool = False
    implied: bool = False  # the organisation follows from the post (州长 → 州人民政府, 副院长 after a 院)
    explicit: bool = False  # stated outright: a list under one organisation (大学党委书记A、校长B), 任命A为…


DATELINE_DATE = re.compile(r"[\d一二三四五六七八九十○〇零]+月[\d一二三四五六七八九十○〇零]+日(?:电|讯)")  # 突尼斯|1月22日电
INVITATION = re.compile("邀请|要求")  # 应美方要求，外交部长唐家璇: the host is China's


@dataclass
class ArticleContext:
    """What an article says about its own places and abbreviations."""

    place_mentions: list[tuple[int, str]] = field(default_factory=list)  # (start, name), in text order
    aliases: dict[str, str] = field(default_factory=dict)
    organizations: list[tuple[int, str]] = field(default_factory=list)  # (start, name as written)
    paper_place: str | None = None  # the place the article's paper is named after (昌吉 of 昌吉日报)
    foreign_at: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name) of each foreign country named
    trade_names: dict[str, set[str]] = field(default_factory=dict)  # 蓝山屯河 → the companies bearing it
    places: Counter = field(init=False)  # how often each place is named
    villages: dict[str, str] = field(init=False)  # village → the place written right before it

    def __post_init__(self) -> None:
        self.places = Counter(name for _start, name in self.place_mentions)
        self.villages = {name: before for (at, before), (start, name) in pairwise(self.place_mentions)
                         if at + len(before) == start and name.endswith(VILLAGE_SUFFIXES)}  # 包家店镇|塔西河村

    def state_before(self, text: str, begin: int, at: int, names_china: Callable[[str], bool]) -> str | None:
        """The foreign state named last in ``text[begin:at]``, unless a Chinese place or a body named
        as China's (国务院, 全国政协, 中国…: ``names_china``) comes after it, or an invitation or a
        request (应贝宁外长的邀请，外交部长唐家璇: the host is China's). A state a mission is stationed
        in (中国驻贝宁大使), named as a party (美方) or a dateline's (本报突尼斯1月22日电…巴解政治部) is none.
        A state leading an organisation's name counts (泰国内阁会议…以|财政部副部长…为首)."""
        leading = ((start, start + len(led), led) for start, name in self.organizations
                   if begin <= start < at and (led := leading_state(name)))
        state = max(((start, name) for start, end, name in [*self.foreign_at, *leading] if begin <= start < at
                     and text[start - 1 : start] != "驻" and text[end : end + 1] != "方"
                     and not DATELINE_DATE.match(text, end)), default=None)
        if state is None or INVITATION.search(text, state[0], at):
            return None
        return None if self.names_china_in(state[0] + 1, at, names_china) else state[1]

    def names_china_in(self, begin: int, end: int, names_china: Callable[[str], bool]) -> bool:
        """Whether a Chinese place, 中国 or a body named as China's is named in ``text[begin:end]``."""
        return any(begin <= start < end and (name in places_by_name() or name in ("中国", "我国"))
                   for start, name in self.place_mentions) or any(
            begin <= start < end and names_china(name) for start, name in self.organizations)

    def state_at(self, at: int) -> str | None:
        """The foreign state named at ``at``, alone or leading an organisation's name (巴基斯坦司法代表团)."""
        return next((name for start, _end, name in self.foreign_at if start == at), None) or next(
            (leading_state(name) for start, name in self.organizations if start == at), None)

    def main_state(self, text: str) -> str | None:
        """The foreign state the article names more often than any other, also before an organisation
        (萨尔瓦多|政府 in news of its government's talks held in 委内瑞拉), or None on a tie. A dateline's
        state is not counted (本报突尼斯1月22日电…巴解政治部 is no 突尼斯's)."""
        leading = (leading_state(name) for _start, name in self.organizations)
        named = [name for _start, end, name in self.foreign_at if not DATELINE_DATE.match(text, end)]
        named += filter(None, leading)
        counts = Counter(named).most_common(2)
        return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None

    def antecedent(self, before: int, heads: list[str]) -> str | None:
        """The nearest organisation named before ``before`` whose name ends with one of ``heads``,
        or that one of its units names (吉木萨尔县人民医院|妇产科 for 医院)."""
        owners = (owner_named(name, heads) for start, name in reversed(self.organizations) if start < before)
        return next(filter(None, owners), None)

    def full_name(self, name: str, before: int) -> str | None:
        """The nearest organisation named before ``before`` whose longer name ends with ``name``
        (昌吉市公安局延安北路派出所 for 延安北路派出所), not two joined by 和 (中国作协和|现代文学馆)."""
        return next((full for start, full in reversed(self.organizations) if start < before and len(full) > len(name)
                     and full.endswith(name) and not full.endswith(tuple(f"{c}{name}" for c in "和与及、"))), None)

    def place_for(self, prefix: str, near: tuple[int, int] | None = None) -> str | None:
        """The place whose name ends with ``prefix`` (州, 县 …): the last one named before the end of
        ``near``, or the one holding it (the organ: 政协四川省…选举…为省政协主席 → 四川省; 吉木萨尔县举办…。县委副书记 →
        吉木萨尔县, not a county named more often elsewhere; in its sentence, 哈尔滨市…，省委书记 → 黑龙江省, not
        江苏省 named before; not 和县 in 村民和|县长), else the article's most
        mentioned one. Above the township, only a division the gazetteer knows: a mayor's 市 after
        波尔多市 is in none (not 波尔多市人民政府, nor a Chinese city the article names later)."""
        def of_level(name: str) -> bool:
            return name.endswith(prefix) and len(name) > len(prefix)

        def known(name: str) -> bool:
            return prefix in LOCAL_LEVELS or name in places_by_name()

        if near is not None:  # the nearest place named before; in the sentence, also one of that level holding it
            for start, name in reversed(self.place_mentions):
                if start + len(name) > near[1]:
                    continue
                if of_level(name):
                    return name if known(name) else None
                if start >= near[0] and (holder := self.holder_of_level(name, prefix)) is not None:
                    return holder  # …家住哈尔滨市南岗区…，省委书记 → 黑龙江省
        for name, _count in self.places.most_common():
            if of_level(name) and known(name):
                return name
        return self.enclosing_place(prefix, near[0] if near else None)

    def place_abroad_before(self, near: tuple[int, int] | None) -> str | None:
        """The last place named in ``text[near[0]:near[1]]`` that is no Chinese division and no country:
        the city abroad whose government a head's post written alone names (丹麦…城市欧登塞…会见了该市|市长)."""
        return next((name for start, name in reversed(self.place_mentions) if near and near[0] <= start
                     and start + len(name) <= near[1] and name not in places_by_name() and name not in countries()), None)

    @cached_property
    def place_codes(self) -> set[str]:
        """Codes of the unambiguous places the article names and of their ancestors."""
        return place_context(self.places)

    def holder_of_level(self, name: str, prefix: str) -> str | None:
        """The division whose name ends with ``prefix`` that the place ``name`` is or lies in."""
        division = resolve_place(name, self.place_codes)
        return next((a.name for a in division_chain(division.code) if a.name.endswith(prefix)), None) if division else None

    def enclosing_place(self, prefix: str, before: int | None = None) -> str | None:
        """The division whose name ends with ``prefix`` that is or holds a place the article
        names, the nearest before ``before`` first: 省 after 江苏 is 江苏省, 州 in an article
        naming only 昌吉市 or 奇台县 is 昌吉回族自治州; last, the paper's place (州 in 昌吉日报)."""
        earlier = [name for start, name in reversed(self.place_mentions) if before is None or start < before]
        paper = [self.paper_place] if self.paper_place else []
        names = dict.fromkeys(earlier + [name for name, _count in self.places.most_common()] + paper)
        return next(filter(None, (self.holder_of_level(name, prefix) for name in names)), None)

    def home_place(self) -> str | None:
        """The article's most mentioned prefecture- or county-level place."""
        for name, _count in self.places.most_common():
            levels = {d.level for d in places_by_name().get(name, [])}
            if levels & {"prefecture", "county"}:
                return name
        return None


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (ends at 。！？；, newlines)."""
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() > start:
            bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def with_shared_character_posts(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` plus the posts written into an organisation's last character: in
    国防部长迟浩田 the NER keeps ORG 国防部 (entities are flat), and 部长 is a post of it; not in a
    word after it (全国文物局长|会议: a meeting of bureau heads), nor before 官 (南朝鲜外务部|长官: a minister)."""
    followers = tuple(load_json("ner_rules.json")["post_word_followers"])
    extra = [
        Mention(m.end, m.end + 2, "TITLE", CHIEF) if text.startswith(CHIEF, m.end)
        else Mention(m.end - 1, m.end + 1, "TITLE", text[m.end - 1 : m.end + 1])
        for m in mentions
        if m.label == "ORG" and text.startswith("长", m.end) and not any(n.start == m.end for n in mentions)
        and (text.startswith(CHIEF, m.end) or (text[m.end - 1 : m.end + 1] in posts()
                                               and not text.startswith(followers, m.end + 1)))
    ]
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


CHIEF = "长官"  # 外务部|长官


INTERNAL_UNIT = re.compile(  # 局|办公室|主任: an internal unit the NER left in no entity
    "[\u4e00-\u9fff]{0,6}(?:" + "|".join(load_json("relation_rules.json")["subunit_suffixes"]) + ")")


def owner_named(name: str, heads: list[str]) -> str | None:
    """``name`` if it ends with one of ``heads``, else the organisation it names a unit of
    (吉木萨尔县人民医院妇产科 → 吉木萨尔县人民医院 for 医院), else None."""
    if name.endswith(tuple(heads)):
        return name
    ends = (at + len(head) for head in heads if (at := name.rfind(head)) > 0)
    return next((name[:end] for end in ends if INTERNAL_UNIT.fullmatch(name, end)), None)


def anaphor_before(text: str, at: int, words: Iterable[str]) -> str | None:
    """A word for "this organisation" written right before ``at``, with the internal unit it
    names if any (该院|, 局办公室|). A bare word (局, 公司) only opens a clause: elsewhere it may end
    a longer name (天然气工业总公司), which is the NER's."""
    units = (i for i in range(at - 1, max(0, at - 10) - 1, -1) if INTERNAL_UNIT.fullmatch(text, i, at))
    for unit_start in (at, *units):
        word = next((w for w in words if text.endswith(w, 0, unit_start)
                     and (w.startswith(("该", "本")) or opens_at(text, unit_start - len(w)))), None)
        if word:
            return text[unit_start - len(word) : at]
    return None


THIS_LEVEL = re.compile(r"[该本](?P<level>镇|乡|县|市|区|州|村|街道)$")  # 该镇|党委书记: the township named before


def with_anaphoric_orgs(mentions: list[Mention], text: str, words: Iterable[str]) -> list[Mention]:
    """``mentions`` plus a word for "this organisation" written right before a post (该校|校长,
    该院|院长, 。|公司|党委书记, 局办公室|主任) that the NER left untagged; the relation stage
    resolves it to the organisation named before. An organisation written right after such a
    word is one of its units: 该院|医务科 → 该院医务科. 该 before a level word names the place
    of that level named before: 该|镇|党委书记 → ORG 镇, completed like 镇党委."""
    ends = {m.end for m in mentions}
    out = []
    for m in mentions:
        if m.label == "ORG" and (word := anaphor_before(text, m.start, words)):
            m = Mention(m.start - len(word), m.end, "ORG", word + m.text)
        elif m.label == "TITLE" and m.start not in ends and (written := anaphor_before(text, m.start, words)):
            out.append(Mention(m.start - len(written), m.start, "ORG", written))
        elif m.label == "TITLE" and m.start not in ends and (this := THIS_LEVEL.search(text, max(0, m.start - 3), m.start)):
            out.append(Mention(this.start("level"), m.start, "ORG", this.group("level")))  # completed as 镇党委 is
        out.append(m)
    return sorted(out, key=lambda m: (m.start, m.end))


def opens_at(text: str, start: int) -> bool:
    """Whether a clause opens at ``start`` (the text's start or after 。，；： …)."""
    return start == 0 or bool(CLAUSE_END.match(text, start - 1))


def with_country_abbreviations(mentions: list[Mention], text: str, rules: dict) -> list[Mention]:
    """``mentions`` plus a country's one-character name written right before a post or an
    organisation (俄|总统叶利钦, 菲|卫生部长), as a place named in full (俄罗斯): the NER mostly leaves
    it alone, as People's Daily tags these abbreviations as no place; one it tagged is named in full (塔|总统)."""
    names, leads = rules["country_abbreviations"], rules["abbreviation_leads"]
    heads = {m.start for m in mentions if m.label in ("TITLE", "ORG")}
    mentions = [Mention(m.start, m.end, m.label, names[m.text]) if m.label == "LOC" and m.text in names and m.end in heads
                else m for m in mentions]
    ends = {m.end for m in mentions}
    extra = []
    for m in mentions:
        at = m.start - 1
        before = text[at - 1] if at > 0 else ""
        boundary = not before or before in leads or not (before.isdigit() or is_han(before))
        if m.label in ("TITLE", "ORG") and at >= 0 and text[at] in names and boundary and m.start not in ends:
            extra.append(Mention(at, m.start, "LOC", names[text[at]]))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


ACCREDITED = re.compile(r"(?:新任|前任|前|现任)?常?驻")  # 美国新任驻|联合国|大使


def with_missions_to_bodies(mentions: list[Mention], text: str) -> list[Mention]:
    """An ambassador or a delegate after a state and the international body it is accredited to is of
    the state's mission there: 葡萄牙驻联合国|大使 → ORG 葡萄牙常驻联合国代表团, not 联合国; 中国常驻联合国|代表|秦华孙
    → the same with the post 代表, which the NER leaves untagged (alone it is no post)."""
    missions, delegates = [], []
    for state, body, after in zip(mentions, mentions[1:], mentions[2:]):
        if not (state.label == "LOC" and state.text in countries() and body.label == "ORG"
                and ACCREDITED.fullmatch(text, state.end, body.start)):
            continue
        ambassador = after.label == "TITLE" and after.text.lstrip("原前副") == "大使" and body.end == after.start
        delegate = after.label == "PERSON" and text.startswith(DELEGATE, body.end) and after.start == body.end + len(DELEGATE)
        if ambassador or delegate:
            missions.append(Mention(state.start, body.end, "ORG", f"{state.text}常驻{body.text}代表团"))
        if delegate:
            delegates.append(Mention(body.end, after.start, "TITLE", DELEGATE))
    covered = {i for m in missions for i in range(m.start, m.end)}
    return sorted([m for m in mentions if m.start not in covered] + missions + delegates, key=lambda m: (m.start, m.end))


DELEGATE = "代表"


def with_missions(mentions: list[Mention], text: str) -> list[Mention]:
    """A diplomat's post after a state and the place its mission is stationed at is the mission's:
    中国|驻|突尼斯|大使 → ORG 中国驻突尼斯 (completed as 中国驻突尼斯大使馆 by ``organ_from_post``);
    the NER keeps the two places, as the corpora label them."""
    posts_at = {m.start for m in mentions if m.label == "TITLE" and m.text.lstrip("原前副") in MISSION_OF_POST}
    for (start, _end, _label), end in stationed_at([(m.start, m.end, m.label) for m in mentions], text):
        if end in posts_at:
            mentions = [m for m in mentions if not start <= m.start < end] + [Mention(start, end, "ORG", text[start:end])]
    return sorted(mentions, key=lambda m: (m.start, m.end))


def with_level_organs(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` plus a level word, or a level and an organ, written right before a post
    (选举周文华为|省|政协主席, 王谦为|省政协|副主席) after a verb or punctuation: the post's organisation,
    completed later (省政协 → 黑龙江省政协). The NER leaves these alone, as People's Daily does
    not tag 省政协."""
    ends = {m.end for m in mentions}
    extra = []
    for m in mentions:
        found = LEVEL_BEFORE_POST.search(text, max(0, m.start - 10), m.start) if m.label == "TITLE" else None
        region_head = found is not None and found.group("level") == "自治区" and m.text.endswith(REGION_HEADS)
        if found and (found.group("organ") or m.text.startswith(POST_ORGANS) or region_head) \
                and not ends & set(range(found.start(), m.start + 1)):
            extra.append(Mention(found.start(), m.start, "ORG", found.group()))  # 省 or 省政协
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


def is_station(mention: Mention, text: str, journalist_titles: set[str]) -> bool:
    """An organisation a journalist is stationed at (本报驻|联合国|记者): the journalist's paper is
    the one before 驻, or the dateline's, not that organisation."""
    return (mention.label == "ORG" and text[mention.start - 1 : mention.start] == "驻"
            and text.startswith(tuple(journalist_titles), mention.end))


def with_former_markers(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with 原 or 前 written right before a post taken into it (原董事长), so that
    the marker neither breaks a chain nor lengthens the gaps the pairing model measures."""
    taken = {m.end for m in mentions}
    return [
        Mention(m.start - 1, m.end, m.label, text[m.start - 1 : m.end])
        if m.label == "TITLE" and is_former(text, m.start) and m.start - 1 not in taken else m
        for m in mentions
    ]


def glued(text: str, end: int, start: int) -> bool:
    """Only chain glue lies between a mention ending at ``end`` and one starting at ``start``."""
    return CHAIN_GLUE.fullmatch(text, end, max(end, start)) is not None


KIN_WORDS = ("生前", "亲属", "家属", "遗孀", "故居", "身边")  # 周恩来|生前身边工作人员: words for his people and places


def kin_of(mention: Mention, text: str) -> bool:
    """A name that only qualifies the words after it: 省长柴松岳、|周恩来|生前身边工作人员 lists the
    people around 周恩来, not a second 省长."""
    return mention.label == "PERSON" and text.startswith(KIN_WORDS, mention.end)


def chains(mentions: list[Mention], text: str) -> Iterator[list[Mention]]:
    """Group consecutive mentions joined only by nothing, 、, 兼 or a space, each maybe
    followed by 原 or 前 (局长、原民政局局长), and a post and the name after its colon (董事长：尚冰);
    a name that only qualifies the words after it starts a chain of its own (``kin_of``)."""
    chain: list[Mention] = []
    for mention in mentions:
        colon = chain and chain[-1].label == "TITLE" and mention.label == "PERSON" \
            and POST_COLON.fullmatch(text, chain[-1].end, mention.start)  # 董事长：|尚冰
        if chain and not colon and (not glued(text, chain[-1].end, mention.start) or kin_of(mention, text)):
            yield chain
            chain = []
        chain.append(mention)
    if chain:
        yield chain


def person_chains(mentions: list[Mention], text: str) -> Iterator[list[Mention]]:
    """``chains``, with posts that no name follows yet joined to the next chain across a comma
    when that one goes on from posts to a name (…副局长，交警大队大队长孙建平)."""
    pending: list[Mention] = []
    for chain in chains(mentions, text):
        if pending and text[pending[-1].end : chain[0].start] == "，" and chain[0].label in ("ORG", "TITLE") \
                and chain[-1].label == "PERSON":
            chain = pending + chain
        elif pending:
            yield pending
        pending = []
        if chain[-1].label == "TITLE" and all(m.label != "PERSON" for m in chain):
            pending = chain
        else:
            yield chain
    if pending:
        yield pending


def without_session(name: str) -> str:
    """A name without the term number written after it (北京市八届|人大代表 → 北京市)."""
    term = SESSION.search(name)
    return name[: term.start()] if term and term.end() == len(name) and term.start() >= 2 else name


def standing_committee_of(org: str, title: str) -> str:
    """A people's congress's 常委 sits on its standing committee (全国人大常委 → 全国人民代表大会常务委员会,
    昌吉州人大常委 → 昌吉州人大常委会); a standing committee with a 委员长 is the national one (人大常委会|副委员长,
    中国人大常委会|委员长 → 全国人民代表大会常务委员会: local ones have a 主任)."""
    if title.lstrip("原前").endswith("委员长") and org.removeprefix("中国") in ("人民代表大会常务委员会", "人大常委会"):
        return "全国人民代表大会常务委员会"
    if title.lstrip("原前") != "常委":
        return org
    return org + "常务委员会" if org.endswith("人民代表大会") else org + "常委会" if org.endswith("人大") else org


def with_terms_past(posts: list[Post], text: str) -> list[Post]:
    """Posts listed in the clause before one held at a time past were held then too
    (担任北京市委书记、市长|期间: both former)."""
    ends = [p.start + len(p.title) for p in posts if text.startswith(TERM_PAST, p.start + len(p.title))]
    if not ends:
        return posts
    end = max(ends)
    return [replace(p, former=True) if p.start < end and not CLAUSE_END.search(text, p.start, end) else p for p in posts]


def is_former(text: str, start: int) -> bool:
    """原 or 前 (the former holder) written right before ``start``, not 前 ending a word for a
    time (不久前|宝马总裁, 日前, 此前), or 原为 (策布勒原为|蒙党《真理报》第一副主编)."""
    marker = text[start - 1 : start] if start > 0 else ""
    return (marker in ("原", "前") and not (marker == "前" and text[start - 2 : start - 1] in TIME_BEFORE)) \
        or text.endswith(("原为", "原任", "原是"), 0, start)


def is_former_post(title: Mention, org: Mention | None, text: str) -> bool:
    """A post written 原…/前… (原董事长, 原昌吉州民政局局长, 陕西省原民政厅副厅长); one held at a time
    past (…副主任|期间) is found by ``with_terms_past``."""
    return title.text[0] in "原前" or is_former(text, title.start) or (
        org is not None and (is_former(text, org.start) or without_former_marker(org.text) != org.text))


def without_former_marker(name: str) -> str:
    """An organisation's name without the 原 written after its places (陕西省原民政厅 → 陕西省民政厅,
    山东泰安市原市委 → 山东泰安市市委)."""
    end = 0
    while place := leading_place(name[end:]):
        end += len(place)
    return name[:end] + name[end + 1 :] if end and name.startswith("原", end) else name


def dateline_agency(text: str, start: int) -> str | None:
    """The agency of a dateline right before ``start``: 新华社华盛顿1月1日电（|记者… → 新华社."""
    window = (max(0, start - 40), start)
    found = KNOWN_DATELINE.search(text, *window) or DATELINE.search(text, *window)
    return found.group("agency") if found else None


def in_dateline(agency: str, text: str, before: int) -> bool:
    """Whether ``agency``, last written before ``before``, is written as a dateline (新华社莫斯科6月12日电)."""
    at = text.rfind(agency, 0, before)
    return at >= 0 and AFTER_AGENCY.match(text, at + len(agency)) is not None


def is_news_agency(name: str) -> bool:
    """新华社, 美联社, 路透社 …: a wire service, whose datelines name no post holder's organisation."""
    return name.endswith(("通讯社", *NEWS_AGENCIES)) or (len(name) == 3 and name.endswith("社"))


def media_before(text: str, start: int) -> str | None:
    """A paper or station the NER missed, written right before a journalist's post
    (同行的中国人口报|摄影记者刘戈宇), so that the journalist is not taken for the paper's own."""
    found = MEDIA_BEFORE.search(text, max(0, start - 14), start)
    return found.group("media") if found else None


def dated_abroad(text: str) -> bool:
    """Whether the article's dateline is a place abroad (新华社加拉加斯5月16日电), where a ministry
    named bare is the state's the article is about, not China's."""
    found = PLACED_DATELINE.search(text, 0, 120)
    place = found.group("place") if found else None
    return place is not None and place not in places_by_name() and not place.startswith(("香港", "澳门", "台"))


def congress_of(body: str, committee: str) -> str:
    """The people's congress whose special committee is written after its standing committee's post
    (全国人大常委会副委员长、|华侨委员会主任委员 → 全国人民代表大会华侨委员会); the standing committee keeps
    its own working committees (法制工作委员会)."""
    standing = body.find("人民代表大会常务委员会")
    if standing < 0 or committee.endswith("工作委员会"):
        return body
    return body[: standing + len("人民代表大会")]


def wire_service_itself(text: str, start: int) -> str | None:
    """The agency of the article's dateline, for a post written after 本社 (新华社沈阳…电…本社|记者徐延安,
    本社驻辽宁|记者何大新)."""
    if not OWN_AGENCY.search(text, max(0, start - 14), start):
        return None
    found = WIRE_DATELINE.search(text, 0, start)
    return found.group("agency") if found else None


def credited_before(last: list[Post], previous: Mention | None, post: Mention, text: str,
                    journalist_titles: set[str]) -> str | None:
    """The paper of the credit listed right before a journalist's post of no paper of its own
    (新华社记者古文洪、|通讯员张书申; （通讯员张跃古、|记者杨树勋） in a dateline of 新华社)."""
    if previous is None or previous.label != "PERSON" or text[previous.end : post.start] != "、":
        return None
    credit = last[-1] if last else None
    return credit.org_as_written if credit is not None and credit.title in journalist_titles else None


def is_portfolio(title: str) -> bool:
    """A minister's post with the portfolio in it (计划部长, 石油与能源大臣)."""
    return len(title) > 3 and title.endswith(("大臣", "部长"))


def is_state_post(title: str, rules: dict) -> bool:
    """A post of a state (总统, 副总理, 外长) or a portfolio."""
    return title.lstrip("前原") in rules["state_posts"] or is_portfolio(title)


def not_held_in(title: str, org: str, rules: dict) -> bool:
    """Whether a post written after another holder's name is not one of the organisation written
    before that name: a portfolio names its own ministry (…外交部长马吉德，|计划部长甘祖里), and a state's post
    is no ministry's (…外交部长马吉德，|副总理甘祖里; but 国务院总理李鹏、|副总理邹家华 is 国务院's)."""
    return is_portfolio(title) or (title.lstrip("前原") in rules["state_posts"] and org.endswith(("部", "署", "局")))


def implied_organ(title: str, org: Mention | None, rules: dict, joined_by: str = "") -> str:
    """The organ a post names by itself, or "": a state's post after a foreign country (德国总理科尔
    → 德国) or after an organisation a foreign country's name leads, ``joined_by`` a conjunction to the
    post or the post one naming its own organ (古巴国务委员会和|部长会议主席, 朝鲜劳动党…委员、|国家副主席 → the
    country); 国务委员 → 国务院; an autonomous region's chair (广西壮族自治区|副主席 → 广西壮族自治区人民政府);
    a government head (州长, 常务副市长) → the people's government of the chain's place (昌吉市|市长 →
    昌吉市人民政府, also of a township the table lacks: 王舍人镇|副镇长, 五里桥乡|乡长), a place abroad itself
    (莫斯科市|市长 → 莫斯科市), or of its level (州长 → 州人民政府, completed later from the article's places);
    a corps division's city is its place (第六师五家渠市|副市长 → 五家渠市人民政府)."""
    state_post = is_state_post(title, rules)
    if org is not None and org.label == "LOC" and state_post and is_foreign(org.text):
        return org.text  # 德国总理科尔, 挪威|石油与能源大臣
    coordinated = org is not None and joined_by in ("和", "及", "、")  # 古巴国务委员会和|部长会议主席, not 美国国会|议长
    if org is not None and state_post and (title in rules["implied_organs"] or coordinated) \
            and (state := leading_state(org.text)):
        return state  # 朝鲜劳动党中央政治局委员、|国家副主席李钟玉: not 中华人民共和国
    if title in rules["implied_organs"]:
        return rules["implied_organs"][title]
    if org is not None and title.endswith(REGION_HEADS) and org.text.endswith("自治区") and not title.startswith(POST_ORGANS):
        return org.text + "人民政府"  # 广西壮族自治区|副主席, 自治区|常务副主席; not 自治区|政协主席
    level = next((lvl for head, lvl in rules["government_heads"].items() if title.removesuffix("助理").endswith(head)), None)
    if level is None:
        return ""
    written = org.text.removeprefix("中共") if org else ""
    place = leading_place(written) or corps_city(written) or (
        written[:2] if len(written) == 4 and written.endswith(level * 2 + "委") else None)  # 密县|县委书记、县长
    if place and place.endswith(level):
        return place + "人民政府"
    unit = written.removesuffix("党委").removesuffix("党工委")  # 吉木萨尔县北庭镇(党委)|副书记、镇长
    township = level in ("乡", "镇") and len(unit) > 2 and unit.endswith(level)  # not 阿尔萨斯大区|区长
    if org is not None and org.label == "ORG" and ((place and unit.endswith(level)) or township):
        return unit + "人民政府"  # → 吉木萨尔县北庭镇人民政府, 王舍人镇人民政府
    if org is not None and org.label == "LOC":
        if org.text in places_by_name():
            return ""  # 昌吉市|州长: no such organ
        return org.text + "人民政府" if township else org.text  # 五里桥乡人民政府; 莫斯科市|市长: the city itself
    return level + "人民政府"


STATE_BODIES = ("政府", "国务院", "内阁", "外交部", "外务省", "王室", "联邦", "共和国", "王国")


def is_state_body(name: str) -> bool:
    """Whether ``name`` can hold a state's post (总统, 总理, 外长 …): a country or place, or a
    government body (国务院, 内阁, 外交部); not a council, an agency or a parliament
    (俄联邦安全会议, 国际文传电讯社, 国会)."""
    return is_foreign(name) or name in ("中国", "中华人民共和国") or leading_place(name) == name or name.endswith(STATE_BODIES)


def corps_city(name: str) -> str | None:
    """The city a corps division written at the start of ``name`` governs (第六师五家渠市 → 五家渠市)."""
    unit = corps_unit_pattern().match(name)
    return unit.group("city") if unit else None


def foreign_form(written: str, names: Iterable[str], before: str) -> str | None:
    """A foreign state's body named in full earlier in the sentence (``before``), written again
    without its state before its head's post (美国财政部长鲁宾…派遣|财政部|副部长萨默斯 → 美国财政部,
    not China's ministry; but 美国国务院发言人鲁宾说，|国务院|副总理钱其琛 is China's)."""
    return next((name for name in names if name.endswith(written) and name in before
                 and is_foreign(name[: -len(written)])), None)


def foreign_party_named(name: str, context: ArticleContext, near: tuple[int, int] | None) -> str:
    """党中央… is the party's whose name a foreign state leads earlier in the sentence (朝鲜劳动党中央政治局
    委员…、|党中央政治局候补委员 → 朝鲜劳动党中央政治局), not 中共中央's."""
    if not name.startswith("党中央") or near is None:
        return name
    party = next((n for at, n in reversed(context.organizations)
                  if near[0] <= at < near[1] and "党" in n and leading_state(n)), None)
    return party[: party.index("党")] + name if party else name


def leading_state(name: str) -> str | None:
    """The foreign state an organisation's name starts with (萨尔瓦多|政府, 朝鲜|劳动党中央), or None; a
    country the list names, not any name ending like a state (罗全国联盟|临时委员会)."""
    country = leading_country(name)
    return country if country and is_foreign(country) else None


def is_foreign(name: str) -> bool:
    """A country other than China (德国, 柬埔寨), or a state named by its form that the country
    list lacks (南联盟, 黑山共和国)."""
    state = any(name.endswith(form) and len(name) > len(form) for form in STATE_FORMS)
    return (name in countries() or state) and name not in ("中国", "中华人民共和国")


def posts_in_chain(chain: list[Mention], text: str, journalist_titles: set[str]) -> Iterator[tuple[Mention, list[Post]]]:
    """Yield each PERSON of the chain with the posts written before it.

    A post attaches to the nearest ORG before it in the chain (a LOC right before an ORG
    is part of the name), and to each ORG listed with 、 right before that one (中共中央台湾工作办公室、
    国务院台湾事务办公室|主任), unless it names its own organ (州长, 国务委员). A run of names
    after one post (通讯员马彦芳、陈诚) shares it. A post written after a name keeps the
    organisation written before that name: it is ``explicit`` (首都师范大学党委书记郑萼、校长孟繁华),
    unless it is a journalist's (新华社记者陈雁、本报记者何加正).
    """
    rules = load_json("relation_rules.json")
    org: Mention | None = None
    listed: list[Mention] = []  # organisations listed with 、 before ``org``
    pending: list[Post] = []
    last: list[Post] = []
    previous: Mention | None = None
    named = False  # a name was written since the organisation
    for i, m in enumerate(chain):
        if m.label == "TITLE" and addresses_the_name_before(chain[max(i - 1, 0) : i + 3], text):
            previous = m  # 苏州银行王兰凤|董事长|、赵琨行长: 王兰凤's (``posts_after_name``), not 赵琨's
            continue
        if m.label in ("LOC", "ORG"):
            named = False
        if m.label == "LOC":
            org, listed = m, []
        elif m.label == "ORG":
            if previous is not None and previous.label in ("LOC", "ORG") and previous.end == m.start and not is_news_agency(m.text):
                org = Mention(previous.start, m.end, "ORG", previous.text + m.text)  # 中国农业银行|昌吉市支行, not …公司|新华社
            else:
                listed = [*listed, org] if org is not None and previous is org and text[org.end : m.start] == "、" else []
                org = m
        elif m.label == "TITLE":
            if pending and previous is not None and qualifies_aide(previous, m):
                pending.pop()  # 联合国秘书长|发言人埃克哈德: the spokesman is not the 秘书长
            if pending and previous is not None and previous.text in journalist_titles and text[previous.end : m.start].strip("、"):
                pending.pop()  # 通讯员|暴唐、|记者段建勋: a credit whose name the NER missed
            written = org.text if org is not None and org.label == "ORG" else ""
            if named and not_held_in(m.text, written, rules):  # 副总理兼外交部长马吉德，|副总理兼计划部长甘祖里: not 外交部's
                written = ""
            if written.endswith("分社") and (agency := wire_service_itself(text, org.start)):
                written = agency + written  # 本社|北京分社|记者 → 新华社北京分社
            paper = None  # a paper named in the dateline or right before the post: implied, whatever the classifier says
            credit = credited_before(last, previous, m, text, journalist_titles) if m.text in journalist_titles else None
            if credit is not None and written == credit:  # 新华社记者古文洪、|通讯员张书申
                paper = credit
            elif m.text in journalist_titles and not written:  # a paper written before the post wins: …、|解放军报|记者
                paper = (media_before(text, m.start) or credit or dateline_agency(text, m.start)
                         or wire_service_itself(text, m.start))
                written = paper or "本报"
            own_paper = m.text.startswith("本报") or text.endswith("本报", 0, m.start)  # 本报|记者
            organ = "本报" if own_paper else implied_organ(m.text.lstrip("原前"), org, rules, text[org.end : m.start] if org else "")
            former = is_former_post(m, org, text) or bool(  # 原党组书记、局长: both former
                pending and pending[-1].former and pending[-1].org_as_written == (organ or written) and text[m.start - 1] == "、")
            explicit = named and bool(written) and not m.text.endswith(tuple(journalist_titles))
            if not organ and previous is org:  # 中共中央台湾工作办公室、|国务院台湾事务办公室主任
                pending += [Post(m.text, other.text, m.start, former, explicit=explicit)
                            for other in listed if other.label == "ORG"]
            pending.append(Post(m.text, organ or written, m.start, former, bool(organ or paper), explicit=explicit))
            listed = []
        elif m.label == "PERSON":
            named = True
            posts = pending or (last if previous is not None and previous.label == "PERSON" else [])
            if posts:
                yield m, posts
            last, pending = posts, []
        previous = m


def addresses_the_name_before(around: list[Mention], text: str) -> bool:
    """Whether the post ``around[1]`` (``around`` being the mention before it and up to two after)
    is written right after a name as its title of address, not before the next name: 王兰凤|董事长|、
    赵琨行长, 徐勇|校长|携…; but 局长张三|副局长|李四, 记者王五|通讯员|李四."""
    if len(around) < 2 or around[0].label != "PERSON" or around[0].end != around[1].start or around[1].label != "TITLE":
        return False
    post, following = around[1], around[2] if len(around) > 2 else None
    if following is None or following.label != "PERSON":
        return True
    then = around[3] if len(around) > 3 else None
    return text[post.end : following.start] in NAME_JOINERS and then is not None and then.label == "TITLE" \
        and then.start == following.end


NAME_JOINERS = ("、", "和", "与", "及")


def qualifies_aide(post: Mention, after: Mention) -> bool:
    """Whether ``post`` is written right before an aide's post it qualifies (秘书长|发言人, 总统|顾问)."""
    return post.label == after.label == "TITLE" and post.end == after.start and after.text in AIDE_POSTS


def appointments(mentions: list[Mention], text: str, journalist_titles: set[str]) -> Iterator[tuple[Mention, list[Post]]]:
    """``任命张三为昌吉州民政局局长``, ``赵六同志任…局长``, ``免去李四的…局长职务``: a name, an
    appointment verb (or 免去 before the name), then the organisation and posts as a chain, or
    posts and 的 before the organisation (孙平范担任董事长的慈星股份有限公司); the posts are
    ``explicit``. A dismissal of 其 after the appointment is the appointee's (…，免去其…局长职务).
    Posts without an organisation are in the one of the sentence's previous appointment
    (马丽当选为县总工会主席，张伟当选为副主席)."""
    previous: tuple[int, str] | None = None  # the start of the last appointment's post with an organisation, and that
    for i, person in enumerate(mentions):
        if person.label != "PERSON":
            continue
        verb = APPOINTED.match(text, person.end)
        if verb is None and text.endswith(("免去", "撤销"), 0, person.start):
            verb = OF_DISMISSED.match(text, person.end)
        if verb is None:
            continue
        chain = chain_from(mentions[i + 1 :], verb.end(), text)
        after = mentions[i + 1 + len(chain)] if i + 1 + len(chain) < len(mentions) else None
        if chain and after and after.label == "ORG" and all(m.label == "TITLE" for m in chain) and text.startswith("的", chain[-1].end) \
                and after.start == chain[-1].end + 1:  # 孙平范担任董事长的慈星股份有限公司
            yield person, [Post(m.text, after.text, m.start, explicit=True) for m in chain]
            continue
        for _person, posts in posts_in_chain(chain + [person], text, journalist_titles):
            if previous and not PERIOD.search(text, previous[0], person.start):
                posts = [post if post.org_as_written else replace(post, org_as_written=previous[1]) for post in posts]
            previous = next(((post.start, post.org_as_written) for post in posts if post.org_as_written), previous)
            for appointee in listed_before(mentions, i, text) + [person]:  # 选举甲、乙为副主席
                yield appointee, [replace(post, explicit=True) for post in posts]
        dismissed = DISMISSED_TOO.match(text, chain[-1].end) if chain else None
        if dismissed:  # …，免去其昌吉州商务局局长职务: the appointee's former post
            later = chain_from(mentions[i + 1 + len(chain) :], dismissed.end(), text)
            for _person, posts in posts_in_chain(later + [person], text, journalist_titles):
                yield person, [replace(post, explicit=True) for post in posts]


def career_posts(mentions: list[Mention], text: str, journalist_titles: set[str]) -> Iterator[tuple[Mention, list[Post]]]:
    """A life's posts (王国庆曾任…县委书记、…主任; 王五，男，…，现任…副局长): the posts after 曾任,
    历任 … (former) or 现任 are held by the name right before the verb, else by the name that
    opens the sentence, else, when the verb opens its sentence, by the name that opens the
    sentence before (王国庆同志1935年12月生…。曾任…). The posts are ``explicit``."""
    sentences = sentence_bounds(text)
    persons = [m for m in mentions if m.label == "PERSON"]
    for verb in CAREER.finditer(text):
        person = career_subject(persons, text, verb.start(), sentences)
        if person is None:
            continue
        chain = career_chain([m for m in mentions if m.start >= verb.end()], verb.end(), text)
        for _person, posts in posts_in_chain(chain + [person], text, journalist_titles):
            yield person, [replace(post, former=post.former or bool(verb.group("past")), explicit=True) for post in posts]


def career_chain(mentions: list[Mention], start: int, text: str) -> list[Mention]:
    """``chain_from``, going on across a comma or semicolon to the next organisations and posts
    of a career (历任…县长，昌吉州水利局局长；2003年任…副主任), unless a name follows them (，县长王五)."""
    chain = chain_from(mentions, start, text)
    while chain and chain[-1].label == "TITLE":
        rest = [m for m in mentions if m.start >= chain[-1].end]
        if not rest or CAREER_GLUE.fullmatch(text, chain[-1].end, rest[0].start) is None:
            break
        more = chain_from(rest, rest[0].start, text)
        after = rest[len(more)] if len(more) < len(rest) else None
        if not more or (after is not None and after.label == "PERSON" and glued(text, more[-1].end, after.start)):
            break
        chain += more
    return chain


def career_subject(persons: list[Mention], text: str, at: int, sentences: list[tuple[int, int]]) -> Mention | None:
    """Whose career a verb at ``at`` tells: see ``career_posts``."""
    before = next((p for p in reversed(persons) if p.end <= at), None)
    if before is not None and re.fullmatch(REMARK + "(?:同志)?", text[before.end : at]):
        return before
    index = next((i for i, (lo, hi) in enumerate(sentences) if lo <= at < hi), None)
    if index is None or not opens_at(text, at):
        return None
    candidates = [sentences[index]] + ([sentences[index - 1]] if index and text[sentences[index][0] : at].strip() == "" else [])
    for lo, _hi in candidates:
        opener = next((p for p in persons if p.start >= lo), None)
        if opener is not None and text[lo : opener.start].strip() == "":
            return opener
    return None


def listed_before(mentions: list[Mention], i: int, text: str) -> list[Mention]:
    """The names listed with 、 right before ``mentions[i]``, in order (甲、乙、丙为…)."""
    names: list[Mention] = []
    while i > 0 and mentions[i - 1].label == "PERSON" and LISTED.fullmatch(text, mentions[i - 1].end, mentions[i].start):
        i -= 1
        names.insert(0, mentions[i])
    return names


def bracketed_posts(mentions: list[Mention], text: str, journalist_titles: set[str]) -> Iterator[tuple[Mention, list[Post]]]:
    """``张三（昌吉州财政局局长）``: the posts in a bracket right after a name are that person's
    (``explicit``), not the next name's."""
    for i, person in enumerate(mentions):
        if person.label == "PERSON" and text.startswith(("（", "("), person.end):
            chain = chain_from(mentions[i + 1 :], person.end + 1, text)
            if chain and text.startswith(("）", ")"), chain[-1].end):
                for _person, posts in posts_in_chain(chain + [person], text, journalist_titles):
                    yield person, [replace(post, explicit=True) for post in posts]


def without_posts_stated_for_others(found: list[tuple[Mention, list[Post]]]) -> list[tuple[Mention, list[Post]]]:
    """A post stated outright for one person (刘方仁当选贵州省人大主任) is nobody else's, though
    a name follows it (…主任吴亦侠当选…)."""
    owner = {post.start: person.start for person, posts in found for post in posts if post.explicit}
    return [(person, kept) for person, posts in found
            if (kept := [p for p in posts if p.explicit or owner.get(p.start, person.start) == person.start])]


LOCAL_LEVELS = ("乡", "镇", "村", "社区", "街道")  # places below the county, which the gazetteer may lack
LEVEL_TWICE = re.compile(r"(?<=[\u4e00-\u9fff]{2})([市县区州旗乡镇村])\1(?=委)")  # 庙尔沟村|村委会, 泰安市|市委; not 密县县委
STATIONED = re.compile(r"[^驻]+驻[^驻]+(?<![馆处团])")  # 中国驻突尼斯: a mission named by its place alone
MISSION_OF_POST = {"大使": "大使馆", "公使": "大使馆", "参赞": "大使馆", "总领事": "总领事馆", "领事": "领事馆"}
LIST_SEPARATORS = ("，", "、", "；")
APPOINTMENT_LEADS = "为任的"  # 任命王强为|局长, 担任|局长, 免去其…的|局长职务
CHAIRED = re.compile(r"主持(?:会议|大会|座谈会|仪式)?，")  # 主任马建民主持会议，副主任刘志强…: the chair's body


def with_units_named_before(found: list[tuple[Mention, list[Post]]], mentions: list[Mention],
                            text: str) -> list[tuple[Mention, list[Post]]]:
    """A post written without an organisation after an organisation of its kind, in the same
    sentence, is one of that organisation's: 昌吉州人民医院党委书记、院长赵刚，副院长孙丽 → 孙丽 is
    副院长 of 昌吉州人民医院 (the post's head character names the unit: 院长 of a 院, 局长 of a 局), unless
    other words come right before it (…消除自然灾害后果|部长 after 财政部长…). A company's, bank's or
    school's post is the one company, bank or school the sentence names before it, if it names no other
    organisation there (``company_named_before``: 湖州求是教育集团成立于2005年，董事长沈法初; not after words the
    NER left untagged: …总经理王彦和壳牌公司全球化工|总裁汉克斯). Such a post is ``implied``: the pairing
    classifier, which reads one clause, does not judge it."""
    sentences = sentence_bounds(text)
    named = sorted((post.start, post.org_as_written) for _person, posts in found for post in posts
                   if post.org_as_written and not post.implied)
    out = []
    for person, posts in found:
        first = next((a for a, b in sentences if a <= person.start < b), 0)
        fixed = []
        for post in posts:
            head = HEAD_POST.match(post.title)
            before = [org for start, org in named if first <= start < post.start]
            before_post = text[post.start - 1] if post.start else ""  # not after other words (…灾害后果|部长)
            alone = not is_han(before_post) or before_post in "和与及" + APPOINTMENT_LEADS
            if not post.org_as_written and head and alone and before and before[-1].endswith(head.group("unit")):
                post = replace(post, org_as_written=before[-1], implied=True)
            elif not post.org_as_written and alone and (company := company_named_before(post, mentions, sentences)):
                post = replace(post, org_as_written=company, implied=True)
            fixed.append(post)
        out.append((person, fixed))
    return out


def company_named_before(post: Post, mentions: list[Mention], sentences: list[tuple[int, int]]) -> str | None:
    """The one organisation the post's sentence names before a company's, bank's or school's post
    (据渤海银行…报告，…董事长李伏安，副行长李毅), if it is a company, bank or school."""
    if post.title.lstrip("原前") not in (*load_json("ner_rules.json")["corporate_posts"], *HEADS_OF_BANKS_AND_SCHOOLS):
        return None
    first = next((a for a, b in sentences if a <= post.start < b), 0)
    named = {m.text for m in mentions if m.label == "ORG" and first <= m.start and m.end <= post.start}
    return org if len(named) == 1 and (org := named.pop()).endswith((*COMPANY_ENDS, "银行")) else None


HEADS_OF_BANKS_AND_SCHOOLS = ("行长", "副行长", "校长", "副校长")


LAST_OF_A_LIST = ("和", "及", "以及", "与")  # …、尉健行|和|李岚清


def with_listed_leaders(found: list[tuple[Mention, list[Post]]], mentions: list[Mention],
                        text: str) -> list[tuple[Mention, list[Post]]]:
    """Posts in a list of one organisation's leaders: a name listed right after a leader (、), or after
    和 at the end of such a list, shares the leader's posts, and posts written without an organisation
    right after a leader (，) or after the leader chaired (主持会议，) are the leader's organisation's:
    州政协党组书记、主席李强，副主席王芳、赵刚，秘书长陈明 → 王芳 and 赵刚 副主席, 陈明 秘书长 of 州政协; not a
    state's post (副总理兼外交部长马吉德，|副总理甘祖里). Such posts are ``implied``."""
    rules = load_json("relation_rules.json")
    posts_of: dict[int, list[Post]] = {}
    for person, posts in found:
        posts_of.setdefault(person.start, []).extend(posts)
    out: list[tuple[Mention, list[Post]]] = []
    last_posts: list[Post] = []
    last_end, listed = -1, False
    for person in (m for m in mentions if m.label == "PERSON"):
        posts = posts_of.get(person.start, [])
        between = text[last_end:min([person.start, *(post.start for post in posts if post.start >= last_end)])]
        listed = between == "、" or (listed and between in LAST_OF_A_LIST)  # 常委江泽民、李鹏、…、尉健行|和|李岚清
        if not posts and listed and not kin_of(person, text):
            posts = [replace(post, implied=True) for post in last_posts]
        last_org = next((p.org_as_written for p in sorted(last_posts, key=lambda p: -p.start) if p.org_as_written), "")
        if last_org and (between in LIST_SEPARATORS or CHAIRED.fullmatch(between)):
            posts = [post if post.org_as_written or not_held_in(post.title, last_org, rules)  # …外交部长马吉德，|副总理甘祖里
                     else replace(post, org_as_written=last_org, implied=True) for post in posts]
        if posts:
            out.append((person, posts))
        last_posts, last_end = posts, person.end
    return out


def chain_from(mentions: list[Mention], start: int, text: str) -> list[Mention]:
    """The organisations and posts glued together from ``start`` on, up to the next name."""
    chain: list[Mention] = []
    for m in mentions:
        if m.label == "PERSON" or not glued(text, chain[-1].end if chain else start, m.start):
            break
        chain.append(m)
    return chain


def clause_start(text: str, person: Mention, post: Post) -> int:
    """Where the clause holding the person and the post begins."""
    return clause_opening(text, min(person.start, post.start))


def clause_opening(text: str, at: int) -> int:
    """Where the clause holding position ``at`` begins."""
    return max((m.end() for m in CLAUSE_END.finditer(text, 0, at)), default=0)


def is_dismissal(text: str, person: Mention, post: Post) -> bool:
    """The clause dismisses the person from the post (免去李四的…局长职务, 不再担任…), the person
    leaves a post written before the name (董事长李宏鸣|辞职), or the clause stands in a list
    headed by a dismissal (任命：…；免去：李强的…局长职务)."""
    if DISMISSED.search(text, clause_start(text, person, post), post.start):
        return True
    if post.start < person.start and LEFT_POST.match(text, person.end):
        return True
    headings = list(LIST_HEADING.finditer(text, text.rfind("\n", 0, person.start) + 1, person.start))
    return bool(headings) and DISMISSED.fullmatch(headings[-1].group("verb")) is not None


def is_proposed(text: str, person: Mention, post: Post) -> bool:
    """The post is proposed, not held (拟任…局长 in a pre-appointment notice, …县长候选人)."""
    end = post.start + len(post.title)
    return PROPOSED.search(text, clause_start(text, person, post), post.start) is not None or text.startswith("候选人", end)


def posts_after_name(chain: list[Mention], text: str) -> Iterator[tuple[Mention, list[Post]]]:
    """``昌吉州民政局吴涤局长``: a post right after the name, its org the last ORG before it; stated
    outright where a name follows that ORG, as for each name of a list (苏州银行王兰凤董事长、赵琨行长).
    After the holder's own post only an academic rank is that ORG's (…大学党委书记李渭清教授, but not
    代表团团长邵华泽社长), as the pairing classifier judges."""
    org, across = "", False
    for person, title in zip(chain, chain[1:]):
        if person.label == "ORG":
            org, across = person.text, title.label != "PERSON"
        if person.label == "PERSON" and title.label == "TITLE" and person.end == title.start and org \
                and (not across or title.text in ACADEMIC_RANKS):  # not 代表团|团长邵华泽|社长: another body's
            yield person, [Post(title.text, org, title.start, is_former_post(title, None, text), explicit=not across)]


ACADEMIES = ("学院", "工程院", "学部", "科院")  # where an academician (院士) sits: 中国科学院, 中科院, 中国工程院
ACADEMIC_RANKS = ("教授", "副教授", "研究员", "副研究员", "助理研究员", "讲师")  # 中南财经大学党委书记李渭清|教授
PROFESSORS = ("教授", "副教授")  # ranks of a school, its department (…系) or an institute (a 讲师 may be FIFA's instructor)
SCHOOLS = ("大学", "学院", "学校", "党校", "分校", "研究生院", "研究院", "研究所", "研究中心", "研究室", "科学院", "科院",
           "医院", "实验室", "农大", "师大", "工大", "医大", "科大")


def split_subunit(org: str, title: str, subunit_pattern: re.Pattern) -> tuple[str, str]:
    """``…支行农贷中心`` + 主任 → org ``…支行``, post ``农贷中心主任``."""
    m = subunit_pattern.match(org)
    if m:
        return m.group("body"), m.group("unit") + title
    return org, title


class OrgResolver:
    """Turns organisation names as written into canonical names, using article context."""

    def __init__(self) -> None:
        rules = load_json("relation_rules.json")
        central = central_agencies()
        self.expand = {  # longest short form first, so 国家金融监管总局 wins over 金融监管总局
            short: full
            for short, full in sorted(org_short_forms().items(), key=lambda kv: -len(kv[0]))
            if full.startswith(tuple(rules["national_prefixes"])) or full in central
        }
        legal = "|".join(rules["legal_forms"])
        branches = "|".join(rules["branch_suffixes"])
        self.legal_forms = re.compile(f"({legal})(?=.*({branches}))")
        self.subunit = re.compile(
            f"(?P<body>.+(?:{branches}))(?P<unit>.{{2,8}}(?:" + "|".join(rules["subunit_suffixes"]) + "))$"
        )
        self.org_suffixes = tuple(rules["org_suffixes"])
        self.chinese_starts = (*rules["national_prefixes"], "中央", "中共", "解放军")
        self.national_starts = (*rules["national_prefixes"], "中央", "解放军", "本报", *sorted(central),
                                *sorted(international_organisations()))
        self.generic = frozenset(rules["generic_orgs"])
        self.not_levels = tuple(rules["not_levels"])
        self.cut_words = tuple(w for w in (*rules["parent_cut_words"], *self.org_suffixes) if len(w) > 1)
        self.completed_suffixes = tuple(rules["completed_suffixes"])
        self.level_words = sorted(rules["level_words"], key=len, reverse=True)
        self.countries = tuple(countries())
        self.state_abbreviations = {**rules["country_abbreviations"], **rules["ministry_abbreviations"]}
        self.bare_national = frozenset(rules["bare_national_orgs"])
        self.chain_bodies = rules["chain_bodies"]
        self.departments = tuple(load_json("ner_rules.json")["party_departments"])
        self.unit_suffixes = tuple(rules["subunit_suffixes"])
        self.corps = load_json("corps.json")
        self.levelled = set(rules["levelled_short_forms"])
        self.branch_short_forms = set(rules["branch_short_forms"])

    def canonical(self, written: str, context: ArticleContext, chain_place: str | None,
                  near: tuple[int, int] | None = None) -> tuple[str, bool]:
        """Canonical name and whether its place was inherited from context.

        The name stays as written, completed: an alias the article defined (以下简称) is
        replaced by its full name, a national body's short form is expanded (农行 →
        中国农业银行), a state's one-character name before a ministry too (俄外交部), the legal
        form before a branch is dropped (…股份有限公司昌吉市支行 → …昌吉市支行), and a name without its place takes it from the article
        (州住建局 → 昌吉州住建局, 人社局 → the place of the chain or the article; only a
        government organ, and not a head word alone: 首都师范大学 and 委员会 stay as written),
        a village its township (``with_village_place``), a township its county (``with_county``);
        a name completed from the article's place only where the sentence names no foreign country;
        a unit named in full before is that one (延安北路派出所 after 昌吉市公安局延安北路派出所).
        """
        name = context.aliases.get(written, written).replace(" ", "")
        if name.startswith("中国") and (name[2:] in central_agencies() or self.expand.get(name[2:]) in central_agencies()
                                       or name.startswith("中国全国")):
            name = name[2:]  # 中国国务院 → 国务院, 中国中央军委 → 中央军委, 中国全国政协 → 全国政协
        name = self.with_state_named(self.expand_short_form(without_former_marker(without_session(
            foreign_party_named(name, context, near)))))
        name = self.legal_forms.sub("", name)
        name = with_village_place(self.with_corps_name(usual_name(name), context), context)
        if name.endswith("政府") and not name.endswith("人民政府") and self.is_chinese_place(name[:-2]):
            name = name[:-2] + "人民政府"  # 州政府, 昌吉州政府 → …人民政府, as the government heads' organ
        full = context.full_name(name, near[1]) if near and len(name) >= 4 else None
        if full and usual_name(full) != name:  # 延安北路派出所 after 昌吉市公安局延安北路派出所
            return self.canonical(full, context, chain_place)[0], True
        if self.starts_with_place(name) or self.is_national(name):
            return placed(name, context), False
        level = self.leading_level(name)
        if level and len(name) > len(level):  # 州住建局, 州委, 自治区党委, 村委会
            home = context.place_for(level, near)
            if home:
                return placed(home + name[len(level):], context), True
            abroad = context.place_abroad_before(near) if name[len(level):] == "人民政府" else None
            return (abroad, True) if abroad else (name, False)  # 欧登塞…该市|市长 → 欧登塞, as 莫斯科市|市长
        home = chain_place or context.home_place()
        abroad = near is not None and any(near[0] <= at < near[1] for at, _end, _state in context.foreign_at)  # 阿尔及利亚…民族委员会
        if home and not abroad and name.endswith(self.completed_suffixes) and name not in self.completed_suffixes \
                and not OWN_TOWNSHIP.match(name) and not name.startswith(("中共", "“")):  # 中共晋察冀中央局, “两案”…委员会
            return usual_name(home + name), True
        return name, False

    def with_corps_name(self, name: str, context: ArticleContext) -> str:
        """A Xinjiang Production and Construction Corps unit under its full name: 兵团(党委) →
        新疆生产建设兵团党委, 六师五家渠市 → 新疆生产建设兵团第六师五家渠市; a bare ordinal division
        (第六师) only with its city or a regiment, or in an article set in Xinjiang."""
        if name == self.corps["short_name"]:
            return self.corps["name"]
        unit = corps_unit_pattern().match(name)
        if unit is None:
            return name
        if unit.group("alone"):
            return self.corps["name"] + name[unit.end("alone"):]
        in_xinjiang = context.enclosing_place("自治区") == self.corps["region"]
        if not (unit.group("corps") or unit.group("city") or unit.group("regiment") or in_xinjiang):
            return name
        division = "第" + unit.group("division").removeprefix("第")
        return self.corps["name"] + division + name[unit.end("division"):]

    def corps_unit(self, org: str, title: str) -> str:
        """The corps unit a head post belongs to, out of the organisation written before it:
        第六师五家渠市 + 副师长 → 第六师, 第六师一〇二团 + 政委 → 第六师一〇二团."""
        unit = corps_unit_pattern().search(org)
        for part in ("regiment", "division") if unit and unit.group("division") else ():
            if unit.group(part) and title.endswith(tuple(self.corps["unit_heads"][part])):
                return org[: unit.end(part)]
        return org

    def organ_from_post(self, written: str, title: str) -> tuple[str, str]:
        """A diplomat's post after the state and place of a mission names the mission (中国驻突尼斯 +
        大使 → 中国驻突尼斯大使馆). The organ a post starts with belongs to the organisation: after a bare national
        word or a place, 全国 + 政协主席 → 全国政协 + 主席, 靖西县 + 妇联主席 → 靖西县妇联 + 主席;
        after a party committee, 昌吉市委 + 宣传部部长 → 昌吉市委宣传部 + 部长; a sibling body of
        the organisation's own (``chain_bodies``) replaces it, 宁边路街道党工委 + 办事处主任 →
        宁边路街道办事处 + 主任."""
        mission = MISSION_OF_POST.get(title.lstrip("原前副"))
        if mission and STATIONED.fullmatch(written):  # 中国驻突尼斯 + 大使 → 中国驻突尼斯大使馆
            return written + mission, title
        for body, siblings in self.chain_bodies.items():
            if written.endswith(tuple(siblings)) and title.startswith(body) and title[len(body):] in posts():
                return self.sibling_body(written, body), title[len(body):]
        bare = written in self.bare_national or self.is_chinese_place(written) or bool(PLACE_SHAPE.fullmatch(written))
        organs = POST_ORGANS + PARTY_ORGANS if bare else self.departments if is_committee(written) else ()
        for organ in organs:
            if title.startswith(organ) and title[len(organ):] in posts():
                return written + organ, title[len(organ):]
        return written, title

    def with_chain_body(self, written: str, org: str, chain_org: str | None) -> str:
        """A body written alone belongs to the chain's previous organisation: 书记处 after
        中共中央政治局 (委员) is 中共中央书记处, after 中华全国总工会 (副主席) 中华全国总工会书记处;
        a party department after a party committee is the committee's (州委常委、组织部长 → 州委组织部),
        as is an internal unit after its organisation (中国消费者协会秘书长助理兼投诉部主任), a committee after
        a national body (中国足协专职副主席兼纪律委员会主任 → 中国足协纪律委员会) and a people's congress's committee
        after its congress (全国人大常委会委员、人大外事委员会主任委员 → 全国人民代表大会外事委员会)."""
        if not chain_org or chain_org.endswith(org) or org.startswith(chain_org):  # 州党委|州党委宣传部
            return org
        if written in self.departments and is_committee(chain_org):
            return chain_org + written
        if org in self.chain_bodies:
            return self.sibling_body(chain_org, org)
        if org.endswith(written) and self.is_unit(written) and not self.leading_level(written):  # 投诉部, not 州政府办公室
            return chain_org + written
        congress = next((w for w in ("人民代表大会", "人大") if w in chain_org), None)
        if congress and written.startswith("人大"):  # 全国人大常委会委员、|人大外事委员会主任委员 → 全国人民代表大会外事委员会
            return chain_org[: chain_org.index(congress) + len(congress)] + written[2:]
        if org.endswith(written) and written.endswith("委员会") and len(written) > 3 and chain_org.startswith(self.national_starts) \
                and not written.startswith(("人大", *POST_ORGANS)) and not self.is_national(written) \
                and not self.starts_with_place(written) and not self.leading_level(written):
            return congress_of(chain_org, written) + written  # 中国足协专职副主席兼|纪律委员会主任, not 中央政治局常委、|中央纪律检查委员会书记
        return org

    def sibling_body(self, organ: str, body: str) -> str:
        """``body`` of the unit ``organ`` belongs to, the sibling body ending ``organ`` replaced
        (上庄子村党支部 → 上庄子村委会, as 村委会 after 上庄子村 is named), a bare level left out
        (村党支部 → 村委会, not 村村委会)."""
        sibling = next((s for s in self.chain_bodies[body] if organ.endswith(s)), "")
        unit = organ.removesuffix(sibling)
        return body if unit in self.level_words else unit + body.removeprefix(unit[-1:])

    def with_state_named(self, name: str) -> str:
        """A ministry or mission written after its state's one-character name, with the state in full
        (俄外交部 → 俄罗斯外交部, 意外交部 → 意大利外交部, 墨驻华大使馆 → 墨西哥驻华大使馆)."""
        state = self.state_abbreviations.get(name[:1])
        rest = name[1:]  # a ministry China names the same (外交部), not 印|度尼西亚财政部 or 塔|西河村党支部
        named = state and not name.startswith(self.countries) and (
            (rest in central_agencies() and self.is_bare_ministry(rest)) or rest.startswith("驻"))  # 墨|驻华大使馆
        return state + rest if named else name

    def expand_short_form(self, name: str) -> str:
        """Expand a national body's short form at the start of the name (after its place, unless
        every level has such a body: 昌吉州政协 stays; not before a branch's place when the branch's
        name keeps it: 国网昌吉供电公司)."""
        place = leading_place(name) or ""
        rest = name[len(place):]
        for short, full in self.expand.items():
            if rest.startswith(short) and not rest.startswith(full) and not (place and short in self.levelled):
                tail = rest[len(short):]
                if tail in COMPANY_TAILS:  # 中国联通|集团公司: the company itself
                    return place + full
                written_out = tail and full[len(short):].startswith(tail[:2])  # 中国移动|通信集团公司
                branch = short in self.branch_short_forms and leading_place(tail)
                return name if branch or written_out else place + full + tail
        return name

    def starts_with_place(self, name: str) -> bool:
        """Whether the name is written with its own place, known (中共上海市委, 印度尼西亚财政部)
        or by its shape (洪泽县委, a county renamed since; 香港特区…, 夸—纳省…), which a level
        word alone is not (自治区党委)."""
        body = name.removeprefix("中共")
        shaped = PLACE_SHAPE.match(body)
        level = self.leading_level(body) or ""
        city_office = level and body.startswith("城市", len(level))  # 市|城市规划管理局: the city's, not a 市城市
        return bool(leading_place(body) or (shaped and shaped.end() > len(level) and not city_office)
                    or body.startswith(self.countries))

    def is_chinese_place(self, name: str) -> bool:
        """A Chinese division by name (昌吉州) or by its level alone (州)."""
        return name in places_by_name() or name in self.level_words

    def leading_level(self, name: str) -> str | None:
        """The level word that starts ``name`` (自治区 before 区), if any (none in 市场监管局)."""
        if name.startswith(self.not_levels):
            return None
        return next((w for w in self.level_words if name.startswith(w)), None)

    def is_bare_level_organ(self, name: str) -> bool:
        """A party committee or government named by its level alone (省委, 州人民政府): the
        article names no place to complete it with, so its node may stand for several."""
        level = self.leading_level(name)
        return level is not None and name[len(level):] in ("委", "党委", "党工委", "政府", "人民政府", "委会", "党支部", "党总支")

    def is_generic(self, name: str) -> bool:
        """A name that is no one organisation: a generic word (代表团, 书记处), one character, a
        department alone (眼科, 销售科), or a name still starting with a level word (省委, 省委宣传部:
        the article names no province to complete it); the graph keeps each article's apart."""
        return (len(name) < 2 or name in self.generic or bool(DEPARTMENT.fullmatch(name))
                or self.leading_level(name) is not None)

    def is_unit(self, name: str) -> bool:
        """An internal unit named alone (投诉部, 销售科, 审判委员会), neither national nor placed."""
        return (name.endswith(self.unit_suffixes) and len(name) > 2  # not 部, 中心 alone
                and not self.is_national(name) and not self.starts_with_place(name))

    def is_bare_ministry(self, name: str) -> bool:
        """A ministry named as every state names its own (外交部, 财政部, 审计署, 内政部), not as
        China's (国务院, 全国政协, 中国人民银行, 国家民委), nor a party's department (组织部), one
        named with its place (州人武部) or its state (菲律宾卫生部, 奥联邦教育文化部, 美军…), nor a
        headquarters or a club (美军太平洋总部, 费奥伦蒂纳俱乐部)."""
        return (name.endswith(("部", "署")) and 3 <= len(name) <= 8 and not self.is_national(name[:-1])
                and name not in self.departments and not leading_place(name) and not self.leading_level(name)
                and not name.endswith(NOT_MINISTRIES) and not name.startswith(self.countries)
                and not leading_state(name) and name[:1] not in self.state_abbreviations)

    def names_china(self, name: str) -> bool:
        """A body named as China's: by a national prefix (中国, 国家, 全国, 国务院 …) or a central
        organ's name other than a bare ministry's."""
        return name.startswith(self.chinese_starts) or (name in central_agencies() and not self.is_bare_ministry(name))

    def is_national(self, name: str) -> bool:
        """A national or international body or one of its units (国防部外办, 中央军委, 解放军总政治部,
        美中贸易全国委员会, 欧盟委员会): never given a local place."""
        return name.startswith(self.national_starts) or "全国" in name or "国际" in name

    def parent(self, name: str) -> str | None:
        """The longest proper prefix of ``name`` that is itself an organisation; a prefix that
        cuts a word (全国委|员会) or opens a quote it does not close is none."""
        for k in range(len(name) - 2, 1, -1):
            prefix = name[:k]
            if (prefix.endswith(self.org_suffixes) and prefix not in places_by_name()
                    and not self.cuts_suffix(name, k) and prefix.count("“") == prefix.count("”")):
                return prefix
        return None

    def cuts_suffix(self, name: str, k: int) -> bool:
        """Whether position ``k`` of ``name`` falls inside a word a parent cannot end in."""
        return any(name.startswith(word, i) for word in self.cut_words
                   for i in range(max(0, k - len(word) + 1), k))


COMPANY_TAILS = ("公司", "集团", "集团公司", "有限公司", "集团有限公司", "股份有限公司")


def placed(name: str, context: ArticleContext) -> str:
    """``name`` under the units that hold its place, as news names it: a village under its
    township (``with_village_place``), a township under its county (``with_county``)."""
    return usual_name(with_county(with_village_place(name, context), context))


def with_village_place(name: str, context: ArticleContext) -> str:
    """A name starting with a village or community the article writes right after its
    township, under that township (塔西河村党支部 after 包家店镇塔西河村 → 包家店镇塔西河村党支部):
    villages are not in the division table, and many share a name."""
    village = next((v for v in context.villages if name.startswith(v)), None)
    return context.villages[village] + name if village else name


def with_county(name: str, context: ArticleContext) -> str:
    """A name starting with a township under its county, so that two counties' townships of
    one name are two: the only township of its name (五工台镇党委 → 呼图壁县五工台镇党委), or the
    one under a county the article names (城关镇人民政府 after 阜康市 → 阜康市城关镇人民政府)."""
    place = leading_place(name)
    codes = context.place_codes if place else set()
    township = resolve_place(place, codes) if codes else None
    if township is None or township.level != "township" or township.parent_code not in codes:
        return name
    county = divisions()[township.parent_code]
    return county.name + name if county.level == "county" else name


def usual_name(name: str) -> str:
    """An organisation under the name news uses, so that two spellings are one organisation:
    without the places and party prefix written before its own place (``without_enclosing_places``),
    an autonomous prefecture's or county's organs under its short name (``with_short_autonomous_name``),
    a party committee as its level is usually named (``with_usual_committee``), a committee without
    its level written twice (庙尔沟村村委会 → 庙尔沟村委会, 泰安市市委 → 泰安市委)."""
    return LEVEL_TWICE.sub(r"\1", with_usual_committee(with_short_autonomous_name(without_enclosing_places(name))))


def without_enclosing_places(name: str) -> str:
    """A local organisation named from its own place, without 中共 and the places that hold it
    written before (中共龙岩市委 and 福建省龙岩市委 → 龙岩市委, 新疆昌吉州民政局 → 昌吉州民政局,
    中共昌吉回族自治州委员会 → 昌吉回族自治州委): only when the own place is a prefecture or county of
    its name alone (北京市朝阳区 stays; a township keeps its county, see ``with_county``)."""
    body = name.removeprefix("中共")
    outer = leading_place(body)
    if outer is None:  # 中共中央
        return name
    rest = body[len(outer):]
    if holds_own_place(outer, rest):
        return without_enclosing_places(rest)
    if body != name and rest.startswith("委员会"):  # 中共X委员会 is X委
        return outer + "委" + rest.removeprefix("委员会")
    return body


def holds_own_place(outer: str, rest: str) -> bool:
    """Whether ``rest`` starts with a prefecture or county of its name alone that ``outer`` holds."""
    candidates = places_by_name().get(leading_place(rest) or "", [])
    if len(candidates) != 1 or candidates[0].level not in ("prefecture", "county"):
        return False
    holders = {d.code for d in places_by_name()[outer]}
    return bool(holders & {d.code for d in division_chain(candidates[0].code)})


def with_usual_committee(name: str) -> str:
    """A party committee of a province, prefecture or county (and its departments) as its
    level is usually named: 党委 for a prefecture named 州 and an autonomous region, 委 for the
    others (昌吉州委 → 昌吉州党委, 昌吉州委宣传部 → 昌吉州党委宣传部; 江苏省委, 昌吉市委 stay)."""
    place = leading_place(name)
    levels = {d.level for d in places_by_name().get(place or "", [])}
    if not levels & {"province", "prefecture", "county"}:
        return name
    rest = name[len(place):]
    committee = next((c for c in ("党委", "委") if rest.startswith(c)), None)
    departments = load_json("ner_rules.json")["party_departments"]
    if committee is None or rest[len(committee):] not in ("", *departments):
        return name
    usual = "党委" if place.endswith(("州", "自治区")) else "委"
    return place + usual + rest[len(committee):]


def with_short_autonomous_name(name: str) -> str:
    """An autonomous prefecture's or county's organ under the name news uses: 昌吉回族自治州党委 →
    昌吉州党委, 木垒哈萨克自治县人民政府 → 木垒县人民政府, so both spellings are one organisation."""
    place = leading_place(name)
    level = next((lvl for lvl in ("州", "县") if place and place.endswith("自治" + lvl)), None)
    if level is None:
        return name
    short = next((a for d in places_by_name()[place] for a in division_aliases(d)
                  if a.endswith(level) and not a.endswith("自治" + level)), None)
    return short + name[len(place):] if short else name


def is_committee(name: str) -> bool:
    """A party committee (昌吉市委, 州党委, 中共中央), not one of its bodies (州纪委)."""
    return org_type(name) == "party" and name.endswith(("委", "党委", "中共中央")) and not name.endswith(("纪委", "政法委", "工委"))


@lru_cache(maxsize=8192)
def places_in_name(name: str) -> tuple[tuple[tuple[str, str | None], ...], int]:
    """The known places written inside an organisation name, with their division codes, each
    read below those written before it (吉木萨尔县北庭镇 → 北庭镇 of 吉木萨尔县), and where the
    organisation's own places end. A place that does not lie in the one before it is part of
    another name and ends them (新疆|蓝山屯河… is in 新疆, not in Hunan's 蓝山县; 江苏省对口支援新疆
    前方指挥部 is Jiangsu's), unless an outpost's: after 驻 or before an ``outpost_words`` word
    (四川长虹北京分公司 is in Beijing)."""
    index = places_by_name()
    outpost_words = tuple(load_json("relation_rules.json")["outpost_words"])
    found: list[tuple[str, str | None]] = []
    context: set[str] = set()
    i = 0
    while i < len(name):
        for k in range(min(len(name) - i, longest_place_name()), 1, -1):
            if name[i : i + k] in index:
                code = code_of(name[i : i + k], context)
                outpost = name[i - 1 : i] == "驻" or name.startswith(outpost_words, i + k)
                if found and found[-1][1] and not (code or "").startswith(found[-1][1]) and not outpost:
                    return tuple(found), i
                found.append((name[i : i + k], code))
                context |= {d.code for d in division_chain(code)} if code else set()
                i += k - 1
                break
        i += 1
    return tuple(found), len(name)


def innermost_place(name: str) -> tuple[str, str | None] | None:
    """The last of the organisation's own places written in its name (``places_in_name``)."""
    places, _ = places_in_name(name)
    return places[-1] if places else None


def places_of_their_own(doc: Doc, trade_names: Iterable[str]) -> list[Span]:
    """The doc's place spans but those an organisation's name holds as part of another name
    (蓝山 in 新疆蓝山屯河科技股份有限公司 and in the trade name 蓝山屯河, 岳阳 in 天津市岳阳道小学:
    ``places_in_name``). A province is named as itself (江苏省对口支援新疆前方指挥部 names 新疆)."""
    foreign_from = [(org.start_char + (0 if org.text in trade_names else places_in_name(org.text)[1]), org.end_char)
                    for org in doc.ents if org.label_ == "ORG"]
    return [span for span in doc.spans.get("places", [])
            if not any(start <= span.start_char and span.end_char <= end for start, end in foreign_from)
            or any(division.level == "province" for division in places_by_name().get(span.text, []))]


SHORT_LEGAL_FORMS = ("股份", "集团")  # 天山股份: 新疆天山水泥股份有限公司 (X公司 is a name of its own)


def short_name_of(name: str, stem: str) -> bool:
    """Whether ``name`` starts ``stem`` (a company's name without its places), or is its trade name
    and a short legal form the stem holds (天山股份 of 天山水泥股份有限公司)."""
    if stem.startswith(name):
        return True
    form = next((f for f in SHORT_LEGAL_FORMS if name.endswith(f)), "")
    core = name[: -len(form)] if form else ""
    return len(core) >= 2 and stem.startswith(core) and form in stem[len(core) :]


def trade_name_owners(orgs: list[str]) -> dict[str, set[str]]:
    """Trade names the article uses alone → the companies it names in full that bear them:
    蓝山屯河 → {新疆蓝山屯河聚酯有限公司}, 天山股份 → {新疆天山水泥股份有限公司}."""
    companies = {o for o in orgs if legal_form_pattern().search(o)}
    owners = {name: {c for c in companies if any(short_name_of(name, stem) for stem in stems(c))}
              for name in set(orgs) - companies}
    return {name: companies for name, companies in owners.items() if companies}


def trade_name_aliases(owners: dict[str, set[str]]) -> dict[str, str]:
    """Trade names that stand for one company (not when two of its companies share the name)."""
    return {name: next(iter(companies)) for name, companies in owners.items() if len(companies) == 1}


class RelationExtractor:
    """Find person–post–organisation triples in a doc whose entities are set."""

    def __init__(self) -> None:
        self.rules = rules = load_json("relation_rules.json")
        self.journalist_titles = set(rules["journalist_titles"])
        self.member_titles = set(rules["member_titles"])
        self.chinese_implied = set(rules["implied_organs"].values()) - {"外交部"}  # 国务院, 中华人民共和国
        self.state_posts = set(rules["state_posts"])
        cities = [city for city in load_json("corps.json")["divisions"].values() if city]
        self.anaphoric = {**rules["anaphoric_orgs"], "师市": cities}  # 师市党委: the division and city named before
        self.resolver = OrgResolver()
        self.scorer = PairScorer.load() if (RELATION_MODEL_DIR / "model.json").exists() else None

    def context(self, doc: Doc, text: str) -> ArticleContext:
        in_names = {i for e in doc.ents if e.label_ in ("TITLE", "PERSON") for i in range(e.start_char, e.end_char)}
        places = sorted((span for span in doc.spans.get("places", [])  # not 和县 in 村民和|县长
                         if in_names.isdisjoint(range(span.start_char, span.end_char))), key=lambda span: span.start_char)
        ctx = ArticleContext(place_mentions=[(span.start_char, span.text) for span in places],
                             paper_place=leading_place(doc._.paper or ""))
        ctx.trade_names = trade_name_owners([e.text for e in doc.ents if e.label_ == "ORG"])
        ctx.aliases.update(trade_name_aliases(ctx.trade_names))
        ctx.organizations = [(e.start_char, e.text) for e in doc.ents if e.label_ == "ORG" and e.text not in self.anaphoric]
        for ent in doc.ents:
            if ent.label_ == "ORG":
                m = ALIAS_DEFINITION.match(text[ent.end_char : ent.end_char + 30])
                if m:
                    ctx.aliases[m.group("alias")] = ent.text
        return ctx

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built anew on every access: read once
        ctx = self.context(doc, text)
        mentions = [Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents  # 《没有|共产党|…》作者: no post's
                    if e.label_ != "ORG" or not in_a_works_title((e.start_char, e.end_char), text)]
        mentions = [m for m in mentions if not is_station(m, text, self.journalist_titles)]
        mentions = with_former_markers(with_shared_character_posts(mentions, text), text)
        mentions = with_level_organs(with_anaphoric_orgs(mentions, text, self.anaphoric), text)
        mentions = with_missions_to_bodies(with_missions(with_country_abbreviations(mentions, text, self.rules), text), text)
        states = ((m.start, m.end, self.rules["country_abbreviations"].get(m.text, m.text)) for m in mentions if m.label == "LOC")
        ctx.foreign_at = [(start, end, state) for start, end, state in states if is_foreign(state)]  # 俄|外长 too
        found: list[tuple[Mention, list[Post]]] = []
        for chain in person_chains(mentions, text):
            found.extend(posts_in_chain(chain, text, self.journalist_titles))
            found.extend(posts_after_name(chain, text))
        found.extend(appointments(mentions, text, self.journalist_titles))
        found.extend(career_posts(mentions, text, self.journalist_titles))
        found.extend(bracketed_posts(mentions, text, self.journalist_titles))
        found = with_units_named_before(without_posts_stated_for_others(found), mentions, text)
        found = with_listed_leaders(found, mentions, text)
        found, scores = self.scorer.rescore(found, mentions, text) if self.scorer else (found, {})
        found = [(person, with_terms_past([replace(post, former=post.former or is_dismissal(text, person, post))
                                           for post in posts], text)) for person, posts in found]
        relations, orgs = [], {}
        sentences = sentence_bounds(text)
        for person, posts in found:
            chain_place = chain_org = None
            for post in sorted(posts, key=lambda p: p.start):
                record = self.triple(person, post, ctx, (chain_place, chain_org), text, sentences, orgs)
                if record is None:
                    continue
                if not (post.implied or post.explicit) and record["confidence"] > 0.5:  # incomplete organs keep 0.5
                    record["confidence"] = round(scores.get((person.start, post.start), record["confidence"]), 3)
                relations.append(record)
                chain_place, chain_org = leading_place(record["org"]) or chain_place, record["org"]
        doc._.relations = dedupe(relations)
        self.note_mentioned_orgs(doc, text, ctx, orgs)
        doc._.organizations = list(orgs.values())
        spans = places_of_their_own(doc, ctx.trade_names)
        context = place_context(s.text for s in spans)
        doc._.places = [{"start": s.start_char, "end": s.end_char, "text": s.text, "code": code_of(s.text, context)}
                        for s in spans]
        set_roles(doc, text, doc._.relations)
        return doc

    def triple(self, person: Mention, post: Post, ctx: ArticleContext, chain: tuple[str | None, str | None],
               text: str, sentences: list[tuple[int, int]], orgs: dict) -> dict | None:
        """One relation record, or None when no organisation can be found for the post or the
        person is only a surname. ``chain`` is the place and organisation of the person's
        previous post in the same chain."""
        chain_place, chain_org = chain
        journalist = post.title in self.journalist_titles
        written = post.org_as_written or ("本报" if journalist else self.head_unit(post.title, text, post.start))
        if not written or len(person.text) < 2:  # a surname alone (李团长) names nobody
            return None
        written = self.resolved_anaphor(written, post.start, ctx)
        state_post = post.title.lstrip("前原") in self.state_posts - {"议长"}
        if state_post and written and not is_state_body(written) and text.endswith(written, 0, post.start):
            # 印度尼西亚投资事务|国务部长: the state's; not 瑞士银行…前总统马科斯
            written = max((c for c in self.resolver.countries if written.startswith(c)), key=len, default=written)
        if written is None or (state_post and (is_news_agency(written) or not is_state_body(written))):
            return None  # none named before, a dateline's agency (据新华社…电…基里延科总理), a parliament
        if not post.org_as_written and self.resolver.is_national(written):
            return None  # 院长 alone heads no 国务院
        if post.title.endswith("院士") and not written.endswith(ACADEMIES):
            return None  # …研究开发中心主任王涛|院士: a member of an academy the text does not name
        if post.title.lstrip("前原") in PROFESSORS and not (written.endswith("系") or any(s in written for s in SCHOOLS)):
            return None  # 北戴河鸟类保护协会副会长许维枢|教授: a professor of no association
        if not journalist and is_news_agency(written) and in_dateline(written, text, post.start):
            return None  # 新华社莫斯科6月12日电|俄罗斯政府…司|司长: the dateline's agency holds no post
        written, title = self.resolver.organ_from_post(written, post.title)
        s_start, s_end = next(((a, b) for a, b in sentences if a <= person.start < b), (0, len(text)))
        near = (min(s_start, post.start), post.start)
        org, inherited = ("本报", False) if written == "本报" else self.resolver.canonical(written, ctx, chain_place, near)
        org, with_unit = split_subunit(self.resolver.with_chain_body(written, org, chain_org), title, self.resolver.subunit)
        written, title = written.removesuffix(with_unit.removesuffix(title)) or written, with_unit  # …支行|农贷中心主任
        org = standing_committee_of(self.resolver.corps_unit(org, title), title)
        if title.removeprefix("副").startswith(written[-1]):  # 财政部|副部长, not 国务院|副总理
            org = foreign_form(written, [*orgs, *(name for _start, name in ctx.organizations)], text[s_start : post.start]) or org
        if org == written and self.resolver.is_bare_ministry(org):  # 以色列…，外长利维 → 以色列外交部
            led = LED_BY.match(text, person.end)  # 由司法部长吉拉尼|率领的|巴基斯坦司法代表团
            suite = VISITORS_SUITE.search(text, s_start, post.start)  # 随同穆巴拉克总统来访的有…外交部长
            state = ctx.state_before(text, s_start, post.start, self.resolver.names_china) \
                or (led and ctx.state_at(led.end())) or ((suite or self.abroad(ctx, text, (s_start, s_end)))
                                                         and ctx.main_state(text))
            org = (state or "") + org
        elif post.implied and org in self.chinese_implied and self.abroad(ctx, text, (s_start, s_end)):
            org = ctx.main_state(text) or org  # 新华社金沙萨…电…任外交|国务委员: 扎伊尔's
        elif org != written and org in central_agencies() and self.abroad(ctx, text, (s_start, s_end)):
            org = (state + written) if (state := ctx.main_state(text)) else org  # 新华社加德满都…电…最高法院|法官: 尼泊尔's
        self.note_org(orgs, org, written, ctx)
        start = min(post.start, person.start, text.find(written, max(0, post.start - 60)) if written in text else post.start)
        return {
            "person": person.text,
            "person_role": "journalist" if journalist else "other" if title in self.member_titles else "official",
            "title": title,
            "title_norm": title.lstrip("原前"),
            "org": org,
            "org_as_written": written,
            "org_generic": self.resolver.is_generic(org),
            "former": post.former,
            "proposed": is_proposed(text, person, post),
            "start": max(start, 0),
            "end": person.end,
            "evidence": text[s_start:s_end].strip(),
            "evidence_start": s_start,
            "evidence_end": s_end,
            "confidence": 0.5 if self.resolver.is_bare_level_organ(org) else 0.7 if inherited else 0.9,
        }

    def abroad(self, ctx: ArticleContext, text: str, sentence: tuple[int, int]) -> bool:
        """Whether the article is dated abroad and the sentence names nothing Chinese, nor those with a
        Chinese visitor in an article naming China (随同万里访问的…外交部副部长齐怀远): a state's organ named
        bare there is the state's the article is about (``ArticleContext.main_state``)."""
        chinese = partial(ctx.names_china_in, names_china=self.resolver.names_china)
        return dated_abroad(text) and not chinese(*sentence) and not (
            ACCOMPANYING.search(text, *sentence) and chinese(0, len(text)))

    def head_unit(self, title: str, text: str, start: int) -> str:
        """The unit a head post written alone at ``start`` heads, when the article names units of
        that kind alone (校长 → 校, 局长 → 局, 院长 → 院: the school, bureau or hospital named before),
        else "". A post right after other words (阿拉木图州农业局|副局长: a name the NER missed) is alone
        only after a verb of appointment (任命王强为|局长)."""
        head = HEAD_POST.match(title.lstrip("原前"))
        alone = start == 0 or not is_han(text[start - 1]) or text[start - 1] in APPOINTMENT_LEADS
        return head.group("unit") if head and alone and head.group("unit") in self.anaphoric else ""

    def resolved_anaphor(self, written: str, at: int, ctx: ArticleContext) -> str | None:
        """The organisation a word for "this organisation" stands for, with the unit written
        after it (公司 → the company named before; 该院医务科 → 昌吉州人民医院医务科); None when
        nothing was named before. A department alone is one of the hospital or bureau named
        before (神经内科 → 州人民医院神经内科), or stays as written."""
        word = max((w for w in self.anaphoric if written.startswith(w)), key=len, default=None)  # 集团公司, not 集团
        if word is None and DEPARTMENT.fullmatch(written):  # 神经内科 → 州人民医院神经内科
            return (ctx.antecedent(at, DEPARTMENT_OWNERS) or "") + written
        if word is None:
            return written
        named = ctx.antecedent(at, self.anaphoric[word])
        unit = written[len(word):]
        return (named or "") + unit or None

    def note_mentioned_orgs(self, doc: Doc, text: str, ctx: ArticleContext, orgs: dict) -> None:
        """Record every organisation the article names, with or without a post holder
        (记者从昌吉州统计局获悉 → 昌吉州统计局), completed as in ``OrgResolver.canonical``."""
        written = {form for entry in orgs.values() for form in entry["written"]}
        mentions = with_anaphoric_orgs([Mention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents],
                                       text, self.anaphoric)
        for mention in mentions:
            if mention.label != "ORG" or mention.text in written:
                continue
            named = self.resolved_anaphor(mention.text, mention.start, ctx)  # 公司, 该院医务科
            if named:
                self.note_org(orgs, self.resolver.canonical(named, ctx, None)[0], named, ctx)
            written.add(mention.text)

    def resolved_parent(self, name: str) -> str | None:
        """The organisation ``name`` is part of, unless that is generic (省委 of 省委宣传部)."""
        parent = self.resolver.parent(name)
        return None if parent is None or self.resolver.is_generic(parent) else parent

    def note_org(self, orgs: dict, name: str, written: str, ctx: ArticleContext) -> None:
        """Record an organisation with its written forms, type, parent and place."""
        entry = orgs.setdefault(name, {"name": name, "written": [], "type": "media" if name == "本报" else org_type(name),
                                       "parent": self.resolved_parent(name), "place": None, "place_code": None,
                                       "generic": self.resolver.is_generic(name)})
        if written not in entry["written"]:
            entry["written"].append(written)
        owners = ctx.trade_names.get(name, {name})  # 蓝山屯河 is where its companies are, not Hunan's 蓝山县
        places = {innermost_place(owner) for owner in owners}
        if len(places) == 1 and (place := places.pop()):
            entry["place"], entry["place_code"] = place


def dedupe(relations: list[dict]) -> list[dict]:
    """Drop repeated (person, title, org) triples, keeping the first evidence."""
    seen, out = set(), []
    for r in relations:
        key = (r["person"], r["title"], r["org"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


LEADERS_BEFORE = re.compile(r"(?:省|州|市|县|区|乡|镇|村|局|委|院|校|公司)?领导(?:同志)?$")  # 州领导|王伟、张丽出席


CREDIT_BEFORE = re.compile(r"摄影[：:\s]?$")  # （摄影|王强）: a photo's credit
CREDIT_AFTER = re.compile(r"\s?摄(?![\u4e00-\u9fff])")  # （王强|摄）
RELATION_ROLES = ("journalist", "official", "other")  # which a person's relations settle on, first first


def set_roles(doc: Doc, text: str, relations: list[dict]) -> None:
    """PERSON role: journalist (记者, 通讯员, a photo's credit: 摄影王强, 王强摄), official (holds a post, or listed as one of
    the leaders: 州领导王伟、张丽出席), else other (a school's 学生 too)."""
    roles: dict[str, str] = {}
    for r in relations:
        roles[r["person"]] = min(roles.get(r["person"], r["person_role"]), r["person_role"], key=RELATION_ROLES.index)
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    list_start = {}  # a name → where the list of names it ends starts (甲、乙、丙)
    for previous, ent in zip([None, *persons], persons):
        joined = previous is not None and text[previous.end_char : ent.start_char] == "、"
        list_start[ent.start_char] = list_start[previous.start_char] if joined else ent.start_char
    for ent in persons:
        leader = LEADERS_BEFORE.search(text, max(0, list_start[ent.start_char] - 6), list_start[ent.start_char])
        credit = (CREDIT_BEFORE.search(text, max(0, ent.start_char - 3), ent.start_char)
                  or CREDIT_AFTER.match(text, ent.end_char))
        ent._.role = roles.get(ent.text, "journalist" if credit else "official" if leader else "other")


def code_of(name: str, context: set[str]) -> str | None:
    """Division code of a place name, read in ``context`` (``facts.resolve_place``)."""
    division = resolve_place(name, context)
    return division.code if division else None


@Language.factory("zhkg_relations", assigns=["doc._.relations", "doc._.organizations", "doc._.places"])
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()


# ---------------------------------------------------------------------------------------
# Learned scoring of (person, post, organisation) pairings. The rules above find the
# candidates; a logistic model trained by ``pipeline.training.relations`` on hand-annotated
# CLUENER / Resume sentences gives each one its confidence (models/relations/model.json).

RELATION_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "relations"
GAP_MARKS = {"、": "dun", "，": "comma", ",": "comma", "：": "colon", ":": "colon", "；": "semicolon",
             "（": "paren", "(": "paren", "）": "paren", ")": "paren", "“": "quote", "”": "quote",
             "的": "de", "任": "holds", "为": "copula", "是": "copula"}


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 3, 7, 15)) -> str:
    """Name of the first edge ``n`` does not exceed (``<=3``), else ``>15``."""
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def link_features(prefix: str, a: Mention, b: Mention, mentions: list[Mention], text: str) -> dict[str, float]:
    """Order, distance, punctuation and mentions between ``a`` and ``b``, names prefixed."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    gap = text[lo:hi] if hi > lo else ""
    between = [m for m in mentions if lo <= m.start and m.end <= hi and m not in (a, b)]
    path = sorted([a, *between, b], key=lambda m: m.start)
    f = {f"{prefix}_first": float(a.start < b.start), f"{prefix}_gap{bucket(len(gap))}": 1.0,
         f"{prefix}_between{bucket(len(between), (0, 1, 2))}": 1.0,
         f"{prefix}_chain": float(all(glued(text, x.end, y.start) for x, y in zip(path, path[1:])))}
    f.update({f"{prefix}_{GAP_MARKS[c]}": 1.0 for c in gap if c in GAP_MARKS})
    f.update({f"{prefix}_has_{m.label}": 1.0 for m in between})
    if SENTENCE_END.search(gap):
        f[f"{prefix}_sentence_break"] = 1.0
    return f


def nearer(m: Mention, target: Mention, label: str, mentions: list[Mention]) -> bool:
    """Another mention labelled ``label`` lies nearer to ``target`` than ``m`` does."""
    def distance(x: Mention) -> int:
        return max(target.start - x.end, x.start - target.end, 0)
    return any(x.label == label and x is not m and distance(x) < distance(m) for x in mentions)


def pair_features(person: Mention, title: Mention, org: Mention | None,
                  mentions: list[Mention], text: str) -> dict[str, float]:
    """Features of one candidate pairing within a sentence (``mentions``: its entities)."""
    f = link_features("tp", title, person, mentions, text)
    f["tp_nearer_person"] = float(nearer(person, title, "PERSON", mentions))
    f["tp_nearer_title"] = float(nearer(title, person, "TITLE", mentions))
    f["tp_name_list"] = float(f["tp_first"] and f["tp_chain"] and f.get("tp_has_PERSON", 0.0)
                              and all(m.label == "PERSON" for m in mentions if title.end <= m.start < person.start))
    f["sole_person"] = float(sum(m.label == "PERSON" for m in mentions) == 1)
    f[f"title_len{bucket(len(title.text), (2, 4, 8))}"] = 1.0
    order = "tp" if title.start < person.start else "pt"
    if org is None:
        orgs = [m for m in mentions if m.label == "ORG"]
        f.update({"org_none": 1.0, "none_any_org": float(bool(orgs)),
                  "none_org_before": float(any(m.end <= title.start for m in orgs)),
                  "none_org_adjacent": float(any(m.end == title.start for m in orgs)),
                  f"order_{order}_none": 1.0})
        return f
    f.update(link_features("ot", org, title, mentions, text))
    f["ot_nearer_org"] = float(nearer(org, title, "ORG", mentions))
    f["op_first"] = float(org.start < person.start)
    f[f"org_len{bucket(len(org.text), (2, 4, 8, 12))}"] = 1.0
    f[f"order_{order}_{'ot' if org.start < title.start else 'to'}"] = 1.0
    return f


def post_mentions(person: Mention, post: Post, mentions: list[Mention]) -> tuple[Mention, Mention | None]:
    """The title mention of a rule-found post and the ORG mention its organisation was written as."""
    title = Mention(post.start, post.start + len(post.title), "TITLE", post.title)
    written = [m for m in mentions if m.label == "ORG" and post.org_as_written.endswith(m.text)]
    before = max(title.start, person.start)
    org = min(written, key=lambda m: (m.end > before, abs(m.start - title.start)), default=None)
    return title, org


def coordinated_posts(title: Mention, org: Mention, mentions: list[Mention], text: str) -> list[tuple[Mention, Mention]]:
    """The posts chained right after ``title`` with their organisations: a post alone shares the
    one before (党组书记、局长), a post right after an organisation has that one (自治区党委常委、
    自治区|副主席); they share the holder."""
    following, end = [], title.end
    later = [m for m in mentions if m.start >= title.end]
    for m, after in zip(later, later[1:] + [None]):
        if not glued(text, end, m.start):
            break
        if m.label == "TITLE":
            following.append((m, org))
            end = m.end
        elif m.label == "ORG" and after is not None and after.label == "TITLE" and after.start == m.end:
            org = m
            end = m.end
        else:
            break
    return following


def written_before(names_start: int, posts: list[Post], text: str) -> bool:
    """Whether ``posts`` are one chain of two or more written right before the name, or before
    the list of names it ends, starting at ``names_start`` (党委书记、董事长兼总经理孙健;
    党组成员、副局长陈晓峰、刘永红; 局党组成员、州纪委监委驻州市场监管局纪检监察组组长何平; groups
    parted by a comma, as ``person_chains`` joins them: …副局长，交警大队大队长孙建平): the
    name holds them all."""
    posts = sorted(posts, key=lambda p: p.start)
    ends = [p.start + len(p.title) for p in posts]
    return (len(posts) > 1 and ends[-1] == names_start
            and all(glued(text, end, begin) or text[end:begin] == "，"
                    for end, begin in zip(ends, (written_start(nxt, text) for nxt in posts[1:]))))


def written_start(post: Post, text: str) -> int:
    """Where ``post`` starts, with its organisation if written right before it."""
    org = post.org_as_written or ""
    return post.start - len(org) if text.endswith(org, 0, post.start) else post.start


def opens_clause(post: Post, text: str) -> bool:
    """Whether ``post``, with its organisation if written right before it, opens a clause
    (…，|县委常委、副县长刘勇)."""
    begin = written_start(post, text)
    return opens_at(text, begin) or text[begin - 1] == "、"


def clauses_of(mentions: list[Mention], text: str) -> list[tuple[int, int, list[Mention]]]:
    """Each sentence of ``text`` with its mentions."""
    return [(lo, hi, [m for m in mentions if lo <= m.start and m.end <= hi]) for lo, hi in sentence_bounds(text)]


def names_someone_else(title: Mention, person: Mention, text: str) -> bool:
    """Whether a post written before a name speaks of an unnamed holder (联合国发言人24日说，…安南)
    or acts on the name (伯克利分校的发言人对范瓦伦兄弟…), or a post written after a name is
    joined to it by 与, 和 … (播音员陈曦（左）与|福建中学学生), owns something written after it
    (布莱尔的做法遭到…欧洲议会议长|的指责), names those to be chosen for it (王兆国就…政协委员|人选…作说明) or lies
    in a quotation opened after the name (``quoted_after``): then the name does not hold it."""
    if person.end <= title.start:
        return bool(CONJOINED.match(text, person.end, title.start)) or text.startswith(("的", *CANDIDATES), title.end) \
            or quoted_after(person, title, text)
    return title.end <= person.start and bool(TITLE_SUBJECT.match(text, title.end, person.start))


def quoted_after(person: Mention, title: Mention, text: str) -> bool:
    """Whether a post after ``person`` lies in a quotation opened after the name: 希拉克说：“…呼吁伊拉克
    接受联合国|秘书长|提出的建议” speaks of another (not a post quoted alone: 授予沃尔“|荣誉教授|”称号)."""
    opened = text.rfind("“", person.end, title.start)
    return 0 <= opened < title.start - 1 and "”" not in text[opened : title.start]


def someone_elses(title: Mention, person: Mention, org: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether the text says a post the classifier pairs with ``person`` is another's or nobody's
    here: an unnamed holder's, a name's after it or between, a later clause's, an addressee's, one held
    in a place of residence, the writer's own, a post an aide's qualifies, or one written right after a place."""
    return (names_someone_else(title, person, text) or in_a_later_clause(person, org, title, text)
            or listed_on_to_a_name(title, person, mentions, text) or held_by_the_unnamed(title, person, mentions, text)
            or addressed(title, person, org, text) or residence(org, text) or the_writers(title, person, text)
            or any(qualifies_aide(title, m) or of_a_place_between(m, org, title, text)
                   or named_between(m, person, title, text) for m in mentions))


def the_writers(title: Mention, person: Mention, text: str) -> bool:
    """Whether a post before ``person`` is in a clause where the writer says what he is (当时|我作为|西藏地区
    九个全国人大|代表|之一，出席了那次会议，彭真…): the post is the writer's."""
    return title.end <= person.start and WRITER_AS.search(text, clause_opening(text, title.start), title.start) is not None


WRITER_AS = re.compile(r"我(?:作为|身为|是|曾是|曾任|任|当选|担任)")


def after_a_comma(person: Mention, title: Mention, text: str) -> bool:
    """Whether a post is written after ``person`` beyond the end of the name's clause with no verb of
    office between: no apposition follows a name already introduced with its post (外经贸部副部长刘山在，|
    也门咨询委员会主席，…), though a later clause may give another (总经理郑建明…，|担任|…董事长)."""
    return person.end <= title.start and CLAUSE_END.search(text, person.end, title.start) is not None \
        and OFFICE_VERB.search(text, person.end, title.start) is None


OFFICE_VERB = re.compile(r"任|是|当选|兼")  # 郑建明热心教育事业，|担任|…董事长


def named_between(other: Mention, person: Mention, title: Mention, text: str) -> bool:
    """Whether another name is written between ``person`` and a post after it in the post's clause (杜曼卡斯说，|
    爱德华多·多明戈|上校已被任命为海军参谋长), or another journalist's post between a journalist's post and ``person``
    (通讯员暴唐、|记者|段建勋): the post is another's."""
    journalists = load_json("relation_rules.json")["journalist_titles"]
    return (other.label == "PERSON" and person.end <= other.start and other.end <= title.start  # not 师从许勇、王义胜，|现为…
            and CLAUSE_END.search(text, other.end, title.start) is None) or (
        other.label == "TITLE" and title.end <= other.start and other.end <= person.start
        and title.text in journalists and other.text in journalists)


def of_a_place_between(place: Mention, org: Mention, title: Mention, text: str) -> bool:
    """Whether ``place`` is written right before the post, after the organisation paired with it
    (应中国共产党邀请，巴基斯坦|主席…; 新华社联合国…电|柬埔寨|主席…): the post is the place's, unless the
    two are written together, listed or the place is where the organisation is stationed (…有限公司|温州|老板,
    …有限公司和|…美食城|董事长, 南非非洲人国民大会驻|津巴布韦|首席代表). A dateline's
    agency paired with a government head leaves the organ to the place (新华社厦门…电|厦门|市长)."""
    return (place.label == "LOC" and place.end == title.start and org.end < place.start  # not …有限公司|温州|老板
            and text[org.end : place.start] not in ("和", "与", "及", "、", "驻") and not is_news_agency(org.text))


def residence(org: Mention, text: str) -> bool:
    """An organisation written as where someone lives (家住朝阳区朝外街道的|…艺术家): no post's."""
    return text.endswith(("住", "住在"), 0, org.start)


def addressed(title: Mention, person: Mention, org: Mention, text: str) -> bool:
    """Whether a post after ``person`` is of one the person addresses (萨哈夫致函|联合国安理会主席,
    素林在外交部对|中国记者说, 胡锦涛等…领导同|…全国工商联负责人): between the two, a verb or preposition
    of addressing or meeting, or a conjunction after 等 (not 同 in 天同证券); or whether ``person`` is
    the one a post's unnamed holder addresses or honours (朝鲜驻华大使|举行宴会庆祝|金正日诞辰)."""
    if title.end <= person.start:
        return ADDRESSEE.search(text, title.end, person.start) is not None \
            or HONOURS.search(text, title.end, person.start) is not None
    return person.end <= min(org.start, title.start) and ADDRESSEE.search(text, person.end, title.start) is not None


HONOURS = re.compile(r"举行|庆祝|祝贺|纪念|欢迎|邀请|感谢")  # 大使|举行宴会庆祝|金正日诞辰


def listed_on_to_a_name(title: Mention, person: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether a post after ``person`` is in a list that goes on with 、 to a name in the same clause
    (黄宗江致信全国政协委员、…副会长、《…》制片人|谢国祥): the posts are that name's."""
    if person.end > title.start or not text.startswith("、", title.end):
        return False
    named = next((m for m in mentions if m.label == "PERSON" and m.start >= title.end), None)
    return named is not None and named.start - title.end <= LISTED_TO_NAME and not CLAUSE_END.search(text, title.end, named.start)


def held_by_the_unnamed(title: Mention, person: Mention, mentions: list[Mention], text: str) -> bool:
    """Whether a post after ``person`` is followed in its clause by an attendance verb with no
    name between (…州党委副书记张丽，…，州中级人民法院院长、州人民检察院检察长|参加学习), or one
    before ``person`` ends its clause without a name (…体育委员会主席在拉斯韦加斯城说，如果|泰森愿意):
    its holders are unnamed; not a clause that says what the person is (作为…总经理，王龙雨…)."""
    if title.end <= person.start:
        return (text[title.end : title.end + 1] not in "：:（(" and CLAUSE_END.search(text, title.end, person.start) is not None
                and not AS_A.search(text, clause_opening(text, title.start), title.start))
    verb = UNNAMED_HOLDERS.match(text, title.end)
    return verb is not None and not any(title.end <= m.start < verb.end() and m.label == "PERSON" for m in mentions)


def in_a_later_clause(person: Mention, org: Mention, title: Mention, text: str) -> bool:
    """Whether an organisation and post written after the person lie in a later clause that
    neither opens with them nor says what the person is (…郑斯林等陪同下考察了…，并看望了…医科大学
    教授): across a comma, an apposition (李明，昌吉州财政局党组书记) or a copula (董力生，当年是…
    妇女救国会主任; 龚德俊…，曾在…公司任过总经理) names the person's post, unless the post's holder speaks
    (记者罗盘报道：今晚，武汉市防汛指挥部负责人|透露)."""
    start = min(org.start, title.start)
    cut = max((m.end() for m in CLAUSE_END.finditer(text, person.end, start)), default=None)
    if cut is not None and not text[cut:start].strip():  # an apposition, unless its holder speaks (…负责人|透露)
        return TITLE_SUBJECT.match(text, title.end) is not None
    return cut is not None and not COPULA.search(text, cut, title.start)


class PairScorer:
    """Probability that a person holds a post in an organisation (logistic model, JSON).

    ``threshold`` decides for the classifier alone; with the rules, a rule-found post is kept
    when it scores at least ``keep``, and a pairing the rules missed is added when its best
    organisation scores at least ``add``.
    """

    def __init__(self, weights: dict[str, float], intercept: float,
                 threshold: float = 0.5, keep: float = 0.3, add: float = 0.5) -> None:
        self.weights, self.intercept = weights, intercept
        self.threshold, self.keep, self.add = threshold, keep, add

    @classmethod
    def load(cls, path: Path = RELATION_MODEL_DIR) -> "PairScorer":
        data = json.loads((Path(path) / "model.json").read_text(encoding="utf-8"))
        return cls(dict(zip(data["features"], data["coef"])), data["intercept"],
                   data["threshold"], data["keep"], data["add"])

    @staticmethod
    def features(person: Mention, title: Mention, org: Mention | None,
                 mentions: list[Mention], text: str) -> dict[str, float]:
        return pair_features(person, title, org, mentions, text)

    def score(self, person: Mention, title: Mention, org: Mention | None,
              mentions: list[Mention], text: str) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v
                                 for k, v in self.features(person, title, org, mentions, text).items())
        return 1.0 / (1.0 + math.exp(-z))

    def best_pairings(self, mentions: list[Mention], text: str) -> Iterator[tuple[Mention, Mention, Mention | None, float]]:
        """Per sentence, each (person, title) with its best organisation option and score."""
        for _lo, _hi, local in clauses_of(mentions, text):
            orgs = [None, *(m for m in local if m.label == "ORG")]
            for person in (m for m in local if m.label == "PERSON"):
                for title in (m for m in local if m.label == "TITLE"):
                    p, org = max(((self.score(person, title, o, local, text), o) for o in orgs), key=lambda x: x[0])
                    yield person, title, org, p

    def rescore(self, found: list[tuple[Mention, list[Post]]], mentions: list[Mention],
                text: str) -> tuple[list[tuple[Mention, list[Post]]], dict[tuple[int, int], float]]:
        """Rule posts scored (dropped below ``keep``; a chain written right before the name
        scores as its best post, a post written before a list of names as for the first name, and is
        kept whole if that passes ``threshold`` or the chain opens its clause) plus the missed pairings scoring ``add`` (of posts the rules
        gave nobody: a post the rules gave one person is not given another).

        Returns the posts per person and the score of each, keyed by (person, title) start.
        """
        clauses = clauses_of(mentions, text)
        scores: dict[tuple[int, int], float] = {}
        for person, posts in found:
            local = next((ms for lo, hi, ms in clauses if lo <= person.start < hi), mentions)
            for post in posts:
                scores[person.start, post.start] = self.score(person, *post_mentions(person, post, local), local, text)
        kept = []
        index = {m.start: i for i, m in enumerate(mentions) if m.label == "PERSON"}
        for person, posts in found:
            best = max(scores[person.start, p.start] for p in posts)
            names_start = next(iter(listed_before(mentions, index[person.start], text)), person).start
            shared = names_start < person.start and len(posts) == 1 and posts[0].start + len(posts[0].title) == names_start
            if shared:  # 记者张国成、|于青: as sure as for the list's first name
                best = max(best, scores.get((names_start, posts[0].start), best))
            whole = (written_before(names_start, posts, text) or shared) \
                and (best >= self.threshold or opens_clause(posts[0], text))
            if whole:  # the chain as sure as its best post
                scores.update({(person.start, p.start): best for p in posts})
            kept.append((person, [p for p in posts
                                  if whole or p.implied or p.explicit or scores[person.start, p.start] >= self.keep]))
        taken = {p.start for _person, posts in kept for p in posts if p.org_as_written}
        introduced = {person.start for person, posts in kept if any(p.start < person.start for p in posts)}
        for person, title, org, p in self.best_pairings(mentions, text):
            if org is not None and p >= self.add and title.start not in taken \
                    and not (person.start in introduced and after_a_comma(person, title, text)) \
                    and not someone_elses(title, person, org, mentions, text):
                for post, post_org in [(title, org), *coordinated_posts(title, org, mentions, text)]:
                    if post.start not in taken:
                        taken.add(post.start)
                        scores[person.start, post.start] = p
                        organ = implied_organ(post.text.lstrip("原前"), post_org, load_json("relation_rules.json"),
                                               text[post_org.end : post.start])
                        kept.append((person, [Post(post.text, organ or post_org.text, post.start,
                                                   is_former_post(post, post_org, text), bool(organ))]))
        return [(person, posts) for person, posts in kept if posts], scores
