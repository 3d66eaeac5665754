"""Fact lists kept in ``configs/`` (posts, places, surnames, organisation short forms)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Iterable, NamedTuple
from pathlib import Path

CONFIGS = Path(__file__).resolve().parent.parent / "configs"


@lru_cache(maxsize=None)
def load_json(name: str) -> dict:
    """Read ``configs/<name>`` once per process (rules read it per document; do not mutate)."""
    return json.loads((CONFIGS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def posts() -> frozenset[str]:
    """Every post the curated list composes: standalone, heads (those that are posts alone),
    deputies, party-organ posts."""
    facts = load_json("posts.json")
    heads = facts["heads"]
    composed = {d + h for d in facts["deputy"] for h in heads}
    composed |= {p + h for p in facts["party_prefixes"] for h in facts["party_heads"]}
    alone = set(heads) - set(facts["only_composed"])
    return frozenset(facts["standalone"]) | frozenset(alone) | composed


LEVELS = ("province", "prefecture", "county", "township")
# Level suffixes stripped for short aliases, longest first;
# districts (区), banners (旗) and townships keep their full name.
_SUFFIXES = {
    "province": ("自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "县", "市"),
    "township": (),
}


class Division(NamedTuple):
    """One administrative division (NBS statistical code) from ``configs/divisions.tsv``
    (a named tuple: 45k are made at start-up, three times faster than a dataclass's)."""

    code: str
    name: str
    level: str
    parent_code: str


def _read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a ``configs/`` text file."""
    lines = (CONFIGS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def divisions() -> dict[str, Division]:
    """All divisions down to township, by code; read once because the table has ~45k rows."""
    rows = _read_lines("divisions.tsv")[1:]
    return {d.code: d for d in (Division(*row.split("\t")) for row in rows)}


@lru_cache(maxsize=None)
def _alias_facts() -> tuple[tuple[str, ...], frozenset[str]]:
    """Ethnic tails ('回族', or a 2+ character name written without 族; longest first)
    and generic stems, used to derive division aliases."""
    facts = load_json("division_aliases.json")
    groups = sorted(facts["ethnic_groups"], key=len, reverse=True)
    tails = [g + "族" for g in groups] + [g for g in groups if len(g) > 1]
    return tuple(tails), frozenset(facts["generic_stems"])


def _ethnic_tail(stem: str) -> str:
    """The ethnic name ending ``stem``, or ''."""
    tails, _ = _alias_facts()
    if not stem.endswith(tails):  # most names: one check for all tails
        return ""
    return next(t for t in tails if stem.endswith(t))


def _strip_ethnic(stem: str) -> str:
    """Drop trailing ethnic names (黔西南布依族苗族 → 黔西南) while at least two characters remain."""
    tail = _ethnic_tail(stem)
    while tail and len(stem) - len(tail) >= 2:
        stem = stem[: -len(tail)]
        tail = _ethnic_tail(stem)
    return stem


def division_aliases(div: Division) -> list[str]:
    """The full name plus the short forms news text uses (新疆, 昌吉州, 昌吉, 吉木萨尔, 木垒县)."""
    suffix = next((s for s in _SUFFIXES[div.level] if div.name.endswith(s)), "")
    if not suffix:
        return [div.name]
    stem = _strip_ethnic(div.name[: -len(suffix)])
    _, generic = _alias_facts()
    if len(stem) < 2 or stem.endswith("族") or stem in generic:
        return [div.name]
    autonomous = {"自治州": "州", "自治县": "县"}  # 昌吉回族自治州 → 昌吉州, 木垒哈萨克自治县 → 木垒县
    extra = [stem + autonomous[suffix], stem] if suffix in autonomous else [stem]
    return [div.name] + [a for a in extra if a != div.name]


@lru_cache(maxsize=None)
def places_by_name() -> dict[str, list[Division]]:
    """Name or alias → divisions it may mean, higher levels first (names are ambiguous)."""
    index: dict[str, list[Division]] = {}
    for div in divisions().values():
        for alias in division_aliases(div):
            index.setdefault(alias, []).append(div)
    for code, names in load_json("division_aliases.json")["former_names"].items():  # 伊克昭盟 → 鄂尔多斯市
        for name in names:
            index.setdefault(name, []).append(divisions()[code])
    for divs in index.values():
        divs.sort(key=lambda d: (LEVELS.index(d.level), d.code))
    return index


@lru_cache(maxsize=None)
def longest_place_name() -> int:
    """Length of the longest place name or alias (a development zone's, 24 characters)."""
    return max(map(len, places_by_name()))


@lru_cache(maxsize=None)
def _children() -> dict[str, list[Division]]:
    """Division code → the divisions directly under it."""
    index: dict[str, list[Division]] = {}
    for div in divisions().values():
        index.setdefault(div.parent_code, []).append(div)
    return index


def townships_of(places: Iterable[str]) -> set[str]:
    """Names of the townships (镇, 乡, 街道) of the counties and prefectures that ``places`` name."""
    children = _children()
    named = [d for name in set(places) for d in places_by_name().get(name, []) if d.level in ("prefecture", "county")]
    counties = [c for d in named for c in (children.get(d.code, []) if d.level == "prefecture" else [d])]
    return {t.name for county in counties for t in children.get(county.code, []) if t.level == "township"}


def resolve_place(name: str, context: set[str]) -> Division | None:
    """The division a place name means: of those it may mean, the one with the most of its
    own and its ancestors' codes in ``context`` (the codes of the places named with it:
    大丰镇 after 呼图壁县 is 呼图壁县's, not Guangxi's), else the highest-level one."""
    candidates = places_by_name().get(name, [])
    if len(candidates) < 2 or not context:
        return candidates[0] if candidates else None
    return max(candidates, key=lambda d: sum(c.code in context for c in division_chain(d.code)))


def place_context(names: Iterable[str]) -> set[str]:
    """Codes of the unambiguous places among ``names`` and of their ancestors."""
    unique = [divs[0] for name in names if len(divs := places_by_name().get(name, [])) == 1]
    return {d.code for div in unique for d in division_chain(div.code)}


def division_chain(code: str) -> list[Division]:
    """The division and its ancestors up to the province, nearest first."""
    table = divisions()
    chain = [table[code]]
    while chain[-1].parent_code:
        chain.append(table[chain[-1].parent_code])
    return chain


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Single and compound Chinese surnames."""
    return frozenset(_read_lines("surnames.txt"))


@lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    """Country and territory names in Chinese, common and official (美国, 印度尼西亚共和国)."""
    return frozenset(_read_lines("countries.txt"))


def leading_country(name: str) -> str | None:
    """The longest listed country a name starts with (吉布提|驻…, 萨尔瓦多|政府), or None."""
    return next((name[:n] for n in range(min(len(name), 10), 1, -1) if name[:n] in countries()), None)


@lru_cache(maxsize=None)
def name_parts() -> frozenset[str]:
    """Parts of transliterated names (买买提, 托合提, 阿不都热合曼)."""
    return frozenset(_read_lines("name_parts.txt"))


@lru_cache(maxsize=None)
def common_surnames() -> frozenset[str]:
    """The surnames that start names in news (no function words such as 表 or 但)."""
    return frozenset(_read_lines("common_surnames.txt"))


@lru_cache(maxsize=None)
def org_short_forms() -> dict[str, str]:
    """Short form of a government body or company → its full form (人社局 → 人力资源和社会保障局)."""
    return load_json("org_short_forms.json")["short_forms"]


@lru_cache(maxsize=None)
def central_agencies() -> frozenset[str]:
    """Full names of central party and state organs."""
    return frozenset(_read_lines("central_agencies.txt"))


@lru_cache(maxsize=None)
def international_organisations() -> frozenset[str]:
    """International and regional organisations, full and short names (联合国, 北约, 欧盟)."""
    return frozenset(_read_lines("international_organisations.txt"))


@lru_cache(maxsize=None)
def _org_keywords() -> tuple[tuple[str, str], ...]:
    """(keyword, type) pairs, longest keyword first so it wins ties."""
    pairs = [(k, kind) for kind, keys in load_json("org_types.json")["types"].items() for k in keys]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def org_type(name: str) -> str:
    """Organisation type from its head word (rule in ``configs/org_types.json``): the keyword
    ending last in the name wins, the longest at a tie; "other" when none matches."""
    best, best_end = "other", -1
    for keyword, kind in _org_keywords():
        start = name.rfind(keyword)
        if start >= 0 and start + len(keyword) > best_end:
            best, best_end = kind, start + len(keyword)
    return best


_ORDINAL = "(?:十[一二三四]?|[一二三四五六七八九])"
_CORPS_ORGANS = "党委|纪委|监委"


@lru_cache(maxsize=None)
def corps_unit_pattern() -> re.Pattern:
    """A unit of the Xinjiang Production and Construction Corps as news names it: the corps
    (新疆生产建设兵团; 兵团 only before a division or an organ), a division (第六师; 六师 only
    after 兵团 or before its city) with its city (五家渠市) and a regiment (一〇二团), then maybe
    the unit's party or discipline organ."""
    corps = load_json("corps.json")
    cities = "|".join(c for c in corps["divisions"].values() if c)
    name, short = corps["name"], corps["short_name"]
    regiment = "[一二三四五六七八九十〇零百]{1,4}团(?![结队员体])"
    division = f"第{_ORDINAL}师(?!范)|(?(corps){_ORDINAL}师|{_ORDINAL}师(?={cities}))"
    return re.compile(
        f"(?P<corps>{name}|{short})?(?P<division>{division})(?P<city>{cities})?(?P<regiment>{regiment})?"
        f"(?P<organ>{_CORPS_ORGANS})?|(?P<alone>{name}|{short}(?={_CORPS_ORGANS}))(?P<alone_organ>{_CORPS_ORGANS})?"
    )
