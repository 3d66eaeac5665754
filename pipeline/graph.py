"""Article records → knowledge graph of people, posts, organizations, places and topics.

The graph is a ``networkx.MultiDiGraph`` that stays format-agnostic (attributes may hold
lists and dicts); ``pipeline.export`` translates it for Gephi and other tools.

Nodes carry ``type`` (Person, Organization, Place, Article, Topic); edges carry ``type``
(HOLDS_POST, PART_OF, LOCATED_IN, MENTIONS, ABOUT, CO_MENTIONED) and are keyed by their type,
or ``HOLDS_POST:<title_norm>`` so one person may hold several posts in one organization.
Every edge lists ``article_ids`` and ``evidence``: ``{"article_id", "sentence", "start",
"end"}`` spans of the article text. CO_MENTIONED joins two persons named in one sentence,
with that sentence as evidence. ABOUT rests on whole articles, so its evidence is the
listed articles themselves (``evidence`` stays empty); place→place LOCATED_IN edges come
from the division table (``basis="divisions"``).
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations, pairwise, takewhile
from typing import Callable, Iterable, Iterator, Mapping

import networkx as nx

from pipeline import facts

SENTENCE_ENDS = "。！？!?\n"
MAX_CO_MENTIONED = 8  # a sentence naming more persons is a list (attendance, awards), no tie
ROLE_PRIORITY = ("official", "journalist", "other")
WITHHELD = "某"  # 王某某: a name withheld in court and discipline reports


def article_node(article_id: str) -> str:
    """Node id of an article."""
    return f"article:{article_id}"


def page_of(article_id: str) -> str:
    """The page (input document) an article was split from: ``p#2`` → ``p``."""
    return article_id.rsplit("#", 1)[0]


def org_node(name: str, article_id: str | None = None) -> str:
    """Node id of an organization, by canonical name; a generic one (代表团, 省委 with no
    province named) by name and article, as it is no one organisation across articles."""
    return f"org:{name}" + (f"@{article_node(article_id)}" if article_id else "")


def topic_node(label: str) -> str:
    """Node id of a topic."""
    return f"topic:{label}"


def build_graph(articles: Iterable[dict]) -> nx.MultiDiGraph:
    """Build the knowledge graph of ``articles`` (records as in ``out/articles.jsonl``).

    Records are processed in article-id order, so ids and attribute order do not depend on
    input order.
    """
    records = sorted(articles, key=lambda a: a["id"])
    return build_graph_streamed(lambda: records)


def build_graph_streamed(read_articles: Callable[[], Iterable[dict]]) -> nx.MultiDiGraph:
    """Build the knowledge graph in two passes over ``read_articles()``, which yields the
    records in article-id order each time it is called (``Store.records``): no more than one
    record is held at a time (``pipeline.diskgraph`` keeps the graph itself on disk too)."""
    G = nx.MultiDiGraph(name="zhkg")
    contexts, org_names, named = person_contexts(read_articles())
    aliases = short_form_aliases(org_names)
    persons = person_node_ids(aliased_contexts(contexts, aliases),
                              {aid: {aliases.get(o, o) for o in names} for aid, names in named.items()})
    add_articles(G, read_articles(), aliases, persons)
    return G


def add_articles(G: nx.MultiDiGraph, articles: Iterable[dict], aliases: dict[str, str],
                 persons: Mapping[tuple[str, str], str]) -> None:
    """Add each article with what it names, organizations named as ``aliases`` say and persons
    keyed as ``persons`` (``person_node_ids``) say."""
    for record in articles:
        article = named_in_full(with_full_names(record), aliases)
        add_article(G, article)
        add_organizations(G, article)
        add_posts(G, article, persons)
        add_person_mentions(G, article, persons)
        add_place_mentions(G, article)
        add_co_mentions(G, article, persons)


# --- organizations named by a short form ------------------------------------------------


def short_form_aliases(names: Iterable[str]) -> dict[str, str]:
    """Organization names written with a short form → the name written in full, where the
    collection names that too (昌吉州人社局 → 昌吉州人力资源和社会保障局): one body, one node.
    A short form whose full name the collection never writes stays as it is (文旅局 is
    文化和旅游局 in one province, 文化体育广电和旅游局 in another)."""
    names = set(names)
    short_forms = sorted(facts.org_short_forms().items(), key=lambda kv: -len(kv[0]))
    aliases = {}
    for name in names:
        full = (name.replace(short, long, 1) for short, long in short_forms if short in name)
        if (found := next((f for f in full if f in names and f != name), None)):
            aliases[name] = found
    return aliases


def named_in_full(article: dict, aliases: dict[str, str]) -> dict:
    """The record with its organizations named as ``aliases`` say, each short name kept
    among the written forms of the full one."""
    if not aliases:
        return article
    organizations = [
        {**org, "name": aliases.get(org["name"], org["name"]),
         "written": [*org.get("written", []), org["name"]] if org["name"] in aliases else org.get("written", []),
         "parent": aliases.get(org.get("parent"), org.get("parent"))}
        for org in article.get("organizations", [])
    ]
    relations = [{**rel, "org": aliases.get(rel["org"], rel["org"])} for rel in article.get("relations", [])]
    return {**article, "organizations": organizations, "relations": relations}


# --- evidence -------------------------------------------------------------------------


@lru_cache(maxsize=4)
def sentence_ends(text: str) -> list[int]:
    """Positions of the sentence-ending characters of ``text``, found once per article."""
    return [i for i, ch in enumerate(text) if ch in SENTENCE_ENDS]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (leading blanks trimmed)."""
    ends = sentence_ends(text)
    before = bisect_left(ends, start)
    begin = ends[before - 1] + 1 if before else 0
    after = bisect_left(ends, end)
    stop = ends[after] + 1 if after < len(ends) else len(text)
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, stop


def sentence_evidence(article: dict, begin: int, stop: int) -> dict:
    """Evidence entry for the sentence ``[begin, stop)`` of the article text; the sentence is
    interned, so the many edges resting on one sentence share one string (10k bench: −54 MB)."""
    sentence = sys.intern(article.get("text", "")[begin:stop])
    return {"article_id": article["id"], "sentence": sentence, "start": begin, "end": stop}


def evidence_at(article: dict, start: int, end: int) -> dict:
    """Evidence entry for the sentence around ``[start, end)`` of the article text."""
    return sentence_evidence(article, *sentence_span(article.get("text", ""), start, end))


def mention_evidence(article: dict, forms: Iterable[str]) -> list[dict]:
    """Evidence of the first occurrence of any of ``forms`` in the text ([] if none)."""
    text = article.get("text", "")
    hits = [(text.find(f), -len(f)) for f in set(forms) if f and f in text]
    if not hits:
        return []
    start, minus_len = min(hits)
    return [evidence_at(article, start, start - minus_len)]


def relation_evidence(article: dict, relation: dict) -> dict:
    """Evidence of a relation: its own evidence span, else the sentence around it."""
    if relation.get("evidence") and relation.get("evidence_start") is not None:
        return {
            "article_id": article["id"],
            "sentence": relation["evidence"],
            "start": relation["evidence_start"],
            "end": relation["evidence_end"],
        }
    return evidence_at(article, relation["start"], relation["end"])


# --- nodes and edges --------------------------------------------------------------------


def link(
    G: nx.MultiDiGraph,
    u: str,
    v: str,
    etype: str,
    article_id: str,
    evidence: Iterable[dict] = (),
    key: str | None = None,
) -> dict:
    """Add or extend edge ``u→v`` of ``etype``; record its article and evidence."""
    key = key or etype
    if not G.has_edge(u, v, key):
        G.add_edge(u, v, key=key, type=etype, article_ids=[], evidence=[])
    data = G.edges[u, v, key]
    if article_id not in data["article_ids"][-1:]:  # articles come one after another
        data["article_ids"].append(article_id)
    for entry in evidence:
        if entry not in articles_evidence(data["evidence"], entry["article_id"]):
            data["evidence"].append(entry)
    return data


def articles_evidence(evidence: list[dict], article_id: str) -> list[dict]:
    """The entries of one article at the end of an edge's ``evidence`` (where that article's
    entries are while it is added), so adding stays linear in the edge's articles."""
    return list(takewhile(lambda entry: entry["article_id"] == article_id, reversed(evidence)))


def add_written(G: nx.MultiDiGraph, node: str, forms: Iterable[str | None]) -> None:
    """Merge written forms into a node's sorted ``written_forms``."""
    data = G.nodes[node]
    data["written_forms"] = sorted(set(data["written_forms"]) | {f for f in forms if f})


def add_org(G: nx.MultiDiGraph, name: str, written: Iterable[str | None], kind: str | None,
            article_id: str | None = None) -> str:
    """Add or extend the organization node of canonical ``name`` (of article ``article_id``
    alone when the name is generic); return its id."""
    node = org_node(name, article_id)
    if node not in G:
        G.add_node(node, type="Organization", name=name, written_forms=[], org_type=None)
    add_written(G, node, [name, *written])
    data = G.nodes[node]
    if kind and data["org_type"] in (None, "other"):
        data["org_type"] = kind
    if data["org_type"] is None:
        data["org_type"] = facts.org_type(name)
    return node


def division_of(code: str | None, name: str | None) -> facts.Division | None:
    """Division by statistical code (12/9/6-digit padded codes accepted), else by an
    unambiguous name."""
    table = facts.divisions()
    if code:
        padded = [code[:n] for n in (9, 6, 4, 2) if len(code) > n and not code[n:].strip("0")]
        candidates = [code, *padded]
        found = next((c for c in candidates if c in table), None)
        if found:
            return table[found]
    matches = facts.places_by_name().get(name or "", [])
    return matches[0] if len(matches) == 1 else None


def add_place(
    G: nx.MultiDiGraph, name: str | None, code: str | None, article_id: str
) -> str | None:
    """Add the place node (and its division chain up to the province); return its id."""
    division = division_of(code, name)
    if division is None:
        if not name:
            return None
        node = f"place:{name}"
        if node not in G:
            G.add_node(node, type="Place", name=name, level=None, code=code, written_forms=[name])
        return node
    chain = facts.division_chain(division.code)
    nodes = [f"place:{d.code}" for d in chain]
    for d, node in zip(chain, nodes):
        if node not in G:
            G.add_node(
                node, type="Place", name=d.name, level=d.level, code=d.code, written_forms=[d.name]
            )
    add_written(G, nodes[0], [name])
    for child, parent in pairwise(nodes):
        link(G, child, parent, "LOCATED_IN", article_id)["basis"] = "divisions"
    return nodes[0]


def add_person(G: nx.MultiDiGraph, node: str, name: str) -> str:
    """Add a person node (its role is set from the mentions); return its id."""
    if node not in G:
        G.add_node(node, type="Person", name=name, role=None)
    return node


def add_article(G: nx.MultiDiGraph, article: dict) -> None:
    """Add the article node, its topics and ABOUT edges."""
    node = article_node(article["id"])
    topics = sorted(article.get("topics", []), key=lambda t: (-t["score"], t["label"]))
    attrs = {
        "type": "Article",
        "article_id": article["id"],
        "source": article.get("source"),
        "headline": article.get("headline"),
        "byline": article.get("byline"),
        "kind": article.get("kind"),
        "topics": [t["label"] for t in topics],
    }
    attrs.update({key: article[key] for key in ("date", "paper") if article.get(key)})
    G.add_node(node, **attrs)
    for topic in topics:
        G.add_node(topic_node(topic["label"]), type="Topic", label=topic["label"])
        data = link(G, node, topic_node(topic["label"]), "ABOUT", article["id"])
        data["score"] = float(topic["score"])


def add_organizations(G: nx.MultiDiGraph, article: dict) -> None:
    """Organization nodes, their MENTIONS, PART_OF and LOCATED_IN edges."""
    aid = article["id"]
    text_entities = Counter(e["text"] for e in article.get("entities", []) if e["label"] == "ORG")
    for org in article.get("organizations", []):
        written = org.get("written", [])
        node = add_org(G, org["name"], written, org.get("type"), aid if org.get("generic") else None)
        forms = G.nodes[node]["written_forms"]
        evidence = mention_evidence(article, forms)
        mentions = link(G, article_node(aid), node, "MENTIONS", aid, evidence)
        mentions["count"] = max(1, sum(text_entities[f] for f in forms))
        if org.get("parent"):
            parent = add_org(G, org["parent"], [], None)
            link(G, node, parent, "PART_OF", aid, evidence)
        place = add_place(G, org.get("place"), org.get("place_code"), aid)
        if place:
            link(G, node, place, "LOCATED_IN", aid, evidence)["basis"] = "org_name"


def add_posts(G: nx.MultiDiGraph, article: dict, persons: dict[tuple[str, str], str]) -> None:
    """HOLDS_POST edges person→organization, one per normalized title."""
    aid = article["id"]
    for rel in article.get("relations", []):
        org = add_org(G, rel["org"], [rel.get("org_as_written")], None, aid if rel.get("org_generic") else None)
        title_norm = rel.get("title_norm") or rel["title"]
        person = add_person(G, persons[aid, rel["person"]], rel["person"])
        data = link(
            G, person, org, "HOLDS_POST", aid,
            [relation_evidence(article, rel)], key=f"HOLDS_POST:{title_norm}",
        )
        former, proposed = bool(rel.get("former")), bool(rel.get("proposed"))
        data.setdefault("title", rel["title"])
        data["title_norm"] = title_norm
        data["former"] = data.get("former", former) and former
        data["proposed"] = data.get("proposed", proposed) and proposed  # every mention says 拟任
        data["confidence"] = max(data.get("confidence", 0.0), float(rel.get("confidence", 0.0)))


def add_person_mentions(
    G: nx.MultiDiGraph, article: dict, persons: dict[tuple[str, str], str]
) -> None:
    """Person nodes and their MENTIONS edges (count = PERSON entities with that name)."""
    aid = article["id"]
    spans: dict[str, list[dict]] = defaultdict(list)
    for entity in person_entities(article):
        spans[entity["text"]].append(entity)
    for name in sorted(spans.keys() | {r["person"] for r in article.get("relations", [])}):
        node = add_person(G, persons[aid, name], name)
        evidence = [evidence_at(article, e["start"], e["end"]) for e in spans[name][:1]]
        evidence = evidence or mention_evidence(article, [name])
        data = link(G, article_node(aid), node, "MENTIONS", aid, evidence)
        data["count"] = max(1, len(spans[name]))
    for node, roles in person_roles(article, persons).items():
        known = roles | ({G.nodes[node]["role"]} - {None})
        G.nodes[node]["role"] = min(known, key=role_rank)


def add_place_mentions(G: nx.MultiDiGraph, article: dict) -> None:
    """Place nodes of the article's place mentions and their MENTIONS edges."""
    aid = article["id"]
    for place in article.get("places", []):
        node = add_place(G, place["text"], place.get("code"), aid)
        evidence = [evidence_at(article, place["start"], place["end"])]
        data = link(G, article_node(aid), node, "MENTIONS", aid, evidence)
        data["count"] = data.get("count", 0) + 1


def add_co_mentions(G: nx.MultiDiGraph, article: dict, persons: dict[tuple[str, str], str]) -> None:
    """CO_MENTIONED person→person (smaller id first) for two persons named in one sentence
    that names at most ``MAX_CO_MENTIONED`` persons; weight = articles with such a sentence,
    evidence = the sentences. A list of 40 names would add 780 edges, each holding it. The
    article's journalists are its authors, not persons it reports on (本报讯（记者 刘新新）…朴世峰…)."""
    aid, text = article["id"], article.get("text", "")
    sentences: dict[tuple[int, int], set[str]] = defaultdict(set)
    for entity in person_entities(article):
        if entity.get("role") != "journalist":
            sentences[sentence_span(text, entity["start"], entity["end"])].add(persons[aid, entity["text"]])
    for (begin, stop), named in sorted(sentences.items()):
        if len(named) > MAX_CO_MENTIONED:
            continue
        evidence = [sentence_evidence(article, begin, stop)]
        for a, b in combinations(sorted(named), 2):
            data = link(G, a, b, "CO_MENTIONED", aid, evidence)
            data["weight"] = len(data["article_ids"])


# --- persons -----------------------------------------------------------------------------


def with_full_names(article: dict) -> dict:
    """The record with each person named by the given name alone (绍棠走了 where the article names
    刘绍棠) named in full, so that the two are one person; a given name that ends several of the
    article's full names (建国 of 张建国 and 李建国) stays as it is, and so does a foreign name
    (巴拉克 is not 穆巴拉克)."""
    names, surnames = {e["text"] for e in article.get("entities", []) if e["label"] == "PERSON"}, facts.surnames()
    full: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for cut in (1, 2):
            if len(name) - cut == 2 and name[:cut] in surnames:  # a Chinese given name: two characters
                full[name[cut:]].add(name)
    given = {name: next(iter(full[name])) for name in names if len(full.get(name, ())) == 1}
    if not given:
        return article
    entities = [{**e, "text": given[e["text"]]} if e["label"] == "PERSON" and e["text"] in given else e
                for e in article.get("entities", [])]
    relations = [{**r, "person": given.get(r["person"], r["person"])} for r in article.get("relations", [])]
    return {**article, "entities": entities, "relations": relations}


def person_entities(article: dict) -> Iterator[dict]:
    """PERSON entities that name someone: a surname alone (陈 in 陈老师) identifies nobody."""
    return (e for e in article.get("entities", []) if e["label"] == "PERSON" and len(e["text"]) >= 2)


def person_contexts(articles: Iterable[dict]) -> tuple[dict[tuple[str, str], set[str]], set[str], dict[str, set[str]]]:
    """(article id, person name) → organizations that person is related to in that article;
    the names of every organization the articles name, but generic ones; and, for each article
    naming someone without a post, the organizations and places it names."""
    contexts: dict[tuple[str, str], set[str]] = {}
    names: set[str] = set()
    named: dict[str, set[str]] = {}
    for article in articles:
        article_persons, orgs_named, named_here = article_contexts(article)
        for key, orgs in article_persons.items():
            contexts.setdefault(key, set()).update(orgs)
        names.update(orgs_named)
        if named_here is not None:
            named.setdefault(article["id"], set()).update(named_here)
    return contexts, names, named


def article_contexts(article: dict) -> tuple[dict[tuple[str, str], set[str]], set[str], set[str] | None]:
    """``person_contexts`` of one article, its persons named in full (``with_full_names``): its
    (id, person name) → organizations, the organizations it names but generic ones, and, if it
    names someone without a post, the organizations (but media) and places it names (else None)."""
    article = with_full_names(article)
    orgs_named = {org["name"] for org in article.get("organizations", []) if not org.get("generic")}
    contexts = {(article["id"], entity["text"]): set() for entity in person_entities(article)}
    keys = list(contexts)
    for rel in article.get("relations", []):
        orgs = contexts.setdefault((article["id"], rel["person"]), set())
        if not rel.get("org_generic"):  # 代表团 or 省委 ties no two articles' persons together
            orgs.add(rel["org"])
    if not any(not contexts[key] for key in keys):
        return contexts, orgs_named, None
    media = {org["name"] for org in article.get("organizations", []) if org.get("type") == "media"}
    # a paper (本报, 新华社) is every article's: no evidence
    return contexts, orgs_named, (orgs_named - media) | {place["text"] for place in article.get("places", [])}


def aliased_contexts(contexts: dict[tuple[str, str], set[str]], aliases: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """``contexts`` with each organization named as ``aliases`` say."""
    return {key: {aliases.get(o, o) for o in orgs} for key, orgs in contexts.items()}


def person_node_ids(contexts: dict[tuple[str, str], set[str]],
                    named: dict[str, set[str]] | None = None) -> dict[tuple[str, str], str]:
    """(article id, person name) → person node id, from ``person_contexts``.

    Same-name mentions sharing an organization are one person, keyed by name and the
    organization most of those mentions name (``person:于峰山@昌吉州人社局``); a name with no
    organizational context is the one person of that name with one on the same page (a photo
    caption's 樊金龙 under the story naming his post), else the one person of that name whose
    organizations (or state) its article names (``named``: 江泽民 in an article naming 中共中央),
    else stays per article (``person:王伟@article:<id>``), as does a withheld one (张某某 of a
    discipline report names no one across articles).
    """
    placed: dict[tuple[str, str], list[str]] = {}  # (page, name) → the articles giving that name a context
    for (aid, name), orgs in contexts.items():
        if orgs and WITHHELD not in name:
            placed.setdefault((page_of(aid), name), []).append(aid)
    links = nx.Graph()
    for (aid, name), orgs in contexts.items():
        links.add_node(("mention", aid, name))
        if WITHHELD not in name:
            links.add_edges_from((("mention", aid, name), ("org", name, org)) for org in orgs)
        if not orgs and len(same_page := placed.get((page_of(aid), name), [])) == 1:
            links.add_edge(("mention", aid, name), ("mention", same_page[0], name))
    ids: dict[tuple[str, str], str] = {}
    for component in nx.connected_components(links):
        mentions = sorted((aid, name) for kind, aid, name in component if kind == "mention")
        counts = Counter(org for m in mentions for org in contexts[m])
        name = mentions[0][1]
        if counts and WITHHELD not in name:
            context = min(counts, key=lambda o: (-counts[o], o))
        else:
            context = article_node(mentions[0][0])
        ids.update((m, f"person:{name}@{context}") for m in mentions)
    return with_persons_named_elsewhere(ids, contexts, named or {})


def with_persons_named_elsewhere(ids: dict[tuple[str, str], str], contexts: dict[tuple[str, str], set[str]],
                                 named: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """``ids`` with each name an article gives without a post keyed as the one person of that name
    whose organizations the article names, if exactly one."""
    persons: dict[str, dict[str, str]] = defaultdict(dict)  # name → organization → the person holding it
    for (aid, name), orgs in contexts.items():
        if WITHHELD not in name:
            persons[name].update((org, ids[aid, name]) for org in orgs)
    for (aid, name), node in ids.items():
        if node == f"person:{name}@{article_node(aid)}" and WITHHELD not in name:
            found = {persons[name][org] for org in named.get(aid, set()) & persons[name].keys()}
            if len(found) == 1:
                ids[aid, name] = found.pop()
    return ids


def role_rank(role: str) -> int:
    """Precedence of a person role when mentions disagree: official, journalist, other."""
    return ROLE_PRIORITY.index(role) if role in ROLE_PRIORITY else len(ROLE_PRIORITY)


def person_roles(article: dict, persons: dict[tuple[str, str], str]) -> dict[str, set[str]]:
    """Roles the article gives each person node it names."""
    roles: dict[str, set[str]] = defaultdict(set)
    for entity in person_entities(article):
        if entity.get("role"):
            roles[persons[article["id"], entity["text"]]].add(entity["role"])
    for rel in article.get("relations", []):
        if rel.get("person_role"):
            roles[persons[article["id"], rel["person"]]].add(rel["person_role"])
    return roles
