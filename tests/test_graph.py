"""Knowledge-graph schema on hand-written article records modelled on the seed page."""

from __future__ import annotations

import copy
import random

import networkx as nx
import pytest

from pipeline import facts
from pipeline.graph import build_graph, sentence_span, with_full_names

A1, A2, A3, A4 = (f"000_2c208e8a64df7321#{i}" for i in range(1, 5))

TEXT1 = (
    "本报讯 记者刘茜报道：全州民生话题备受关注。"
    "“政府工作报告提出，加强城乡社区养老服务网络建设。”昌吉州民政局党组成员、副局长朴世峰说。"
    "昌吉州党委组织部副部长、人社局党组书记于峰山介绍，年初以来，昌吉州人社局开展了专项活动。"
    "于峰山接受了刘茜的采访。"
)
TEXT2 = (
    "本报讯 记者刘茜报道：春耕备耕正当时。"
    "“我们持续加大信贷投放。”中国农业银行股份有限公司昌吉市支行农贷中心主任徐安妮说。"
    "中国农业银行昌吉市支行制定出台服务春耕措施。"
    "昌吉州人社局党组书记于峰山表示，将做好农民工就业服务。"
    "于峰山接受了刘茜的采访。"
)
TEXT3 = "种植大户周炜忙得停不下来。新疆蓝山屯河科技股份有限公司党委书记、总经理李鹏表示，要拼出倍增年。"
TEXT4 = "昌吉市第一中学校长李鹏说，学校开展春季安全教育。"


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def ent(text: str, part: str, label: str, nth: int = 0, **extra) -> dict:
    start, end = span(text, part, nth)
    return {"start": start, "end": end, "label": label, "text": part, **extra}


def place(text: str, part: str, code: str | None, nth: int = 0) -> dict:
    start, end = span(text, part, nth)
    return {"start": start, "end": end, "text": part, "code": code}


def org(name: str, written: list[str], kind: str, parent=None, where=None, code=None) -> dict:
    return {"name": name, "written": written, "type": kind, "parent": parent, "place": where, "place_code": code}


def rel(text: str, sentence: str, person: str, title: str, org_name: str, written: str, role="official", conf=0.9) -> dict:
    ev_start, ev_end = span(text, sentence)
    start, end = span(text, title + person) if title + person in text else span(text, person)
    return {
        "person": person, "person_role": role, "title": title, "title_norm": title, "org": org_name,
        "org_as_written": written, "former": False, "proposed": False, "start": start, "end": end, "evidence": sentence,
        "evidence_start": ev_start, "evidence_end": ev_end, "confidence": conf,
    }


def journalist(text: str) -> dict:
    return rel(text, "本报讯 记者刘茜报道：", "刘茜", "记者", "本报", "本报", role="journalist", conf=0.99)


def article(aid: str, text: str, date, topics, entities, places, organizations, relations) -> dict:
    return {
        "id": aid, "source": "seeds/000_2c208e8a64df7321.txt", "headline": text[:12], "byline": None,
        "date": date, "kind": "news", "text": text, "topics": topics, "entities": entities,
        "places": places, "organizations": organizations, "relations": relations,
    }


def seed_articles() -> list[dict]:
    """Four articles: officials, a bank branch, a journalist in two articles, two 李鹏."""
    s1a = "“政府工作报告提出，加强城乡社区养老服务网络建设。”昌吉州民政局党组成员、副局长朴世峰说。"
    s1b = "昌吉州党委组织部副部长、人社局党组书记于峰山介绍，年初以来，昌吉州人社局开展了专项活动。"
    a1 = article(
        A1, TEXT1, "2024-03-14", [{"label": "民生社会", "score": 0.71}, {"label": "就业", "score": 0.2}],
        [
            ent(TEXT1, "刘茜", "PERSON", role="journalist"),
            ent(TEXT1, "昌吉州民政局", "ORG"),
            ent(TEXT1, "朴世峰", "PERSON", role="official"),
            ent(TEXT1, "昌吉州党委组织部", "ORG"),
            ent(TEXT1, "人社局", "ORG"),
            ent(TEXT1, "于峰山", "PERSON", role="official"),
            ent(TEXT1, "昌吉州人社局", "ORG"),
            ent(TEXT1, "于峰山", "PERSON", nth=1, role="official"),
            ent(TEXT1, "刘茜", "PERSON", nth=1, role="other"),
        ],
        [place(TEXT1, "昌吉州", "652300", n) for n in range(3)],
        [
            org("本报", ["本报"], "media"),
            org("昌吉州民政局", ["昌吉州民政局"], "government", where="昌吉州", code="652300"),
            org("昌吉州党委组织部", ["昌吉州党委组织部"], "party", parent="昌吉州党委", where="昌吉州", code="652300"),
            org("昌吉州人社局", ["人社局", "昌吉州人社局"], "government", where="昌吉州", code="652300"),
        ],
        [
            journalist(TEXT1),
            rel(TEXT1, s1a, "朴世峰", "党组成员", "昌吉州民政局", "昌吉州民政局"),
            rel(TEXT1, s1a, "朴世峰", "副局长", "昌吉州民政局", "昌吉州民政局"),
            rel(TEXT1, s1b, "于峰山", "副部长", "昌吉州党委组织部", "昌吉州党委组织部"),
            rel(TEXT1, s1b, "于峰山", "党组书记", "昌吉州人社局", "人社局", conf=0.93),
        ],
    )
    bank_long = "中国农业银行股份有限公司昌吉市支行"
    s2a = "“我们持续加大信贷投放。”中国农业银行股份有限公司昌吉市支行农贷中心主任徐安妮说。"
    s2b = "昌吉州人社局党组书记于峰山表示，将做好农民工就业服务。"
    a2 = article(
        A2, TEXT2, "2024-03-15", [{"label": "金融", "score": 0.8}],
        [
            ent(TEXT2, "刘茜", "PERSON", role="journalist"),
            ent(TEXT2, bank_long, "ORG"),
            ent(TEXT2, "徐安妮", "PERSON", role="official"),
            ent(TEXT2, "中国农业银行昌吉市支行", "ORG"),
            ent(TEXT2, "昌吉州人社局", "ORG"),
            ent(TEXT2, "于峰山", "PERSON", role="official"),
            ent(TEXT2, "于峰山", "PERSON", nth=1, role="official"),
            ent(TEXT2, "刘茜", "PERSON", nth=1, role="other"),
        ],
        [place(TEXT2, "昌吉市", "652301", 0), place(TEXT2, "昌吉州", "652300")],
        [
            org("本报", ["本报"], "media"),
            org("中国农业银行昌吉市支行", [bank_long, "中国农业银行昌吉市支行"], "bank",
                parent="中国农业银行", where="昌吉市", code="652301"),
            org("昌吉州人社局", ["昌吉州人社局"], "government", where="昌吉州", code="652300"),
        ],
        [
            journalist(TEXT2),
            rel(TEXT2, s2a, "徐安妮", "农贷中心主任", "中国农业银行昌吉市支行", bank_long),
            rel(TEXT2, s2b, "于峰山", "党组书记", "昌吉州人社局", "昌吉州人社局", conf=0.88),
        ],
    )
    company = "新疆蓝山屯河科技股份有限公司"
    s3 = "新疆蓝山屯河科技股份有限公司党委书记、总经理李鹏表示，要拼出倍增年。"
    a3 = article(
        A3, TEXT3, None, [{"label": "产业经济", "score": 0.6}],
        [ent(TEXT3, "周炜", "PERSON", role="other"), ent(TEXT3, company, "ORG"), ent(TEXT3, "李鹏", "PERSON", role="official")],
        [place(TEXT3, "新疆", None)],
        [org(company, [company], "company", where="新疆")],
        [rel(TEXT3, s3, "李鹏", "总经理", company, company)],
    )
    school = "昌吉市第一中学"
    a4 = article(
        A4, TEXT4, "2024-03-16", [{"label": "教育", "score": 0.9}],
        [ent(TEXT4, school, "ORG"), ent(TEXT4, "李鹏", "PERSON", role="official")],
        [place(TEXT4, "昌吉市", "652301")],
        [org(school, [school], "school", where="昌吉市", code="652301")],
        [rel(TEXT4, TEXT4[: TEXT4.index("。") + 1], "李鹏", "校长", school, school)],
    )
    return [a1, a2, a3, a4]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(seed_articles())


def nodes_named(G: nx.MultiDiGraph, name: str) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d.get("name") == name]


def test_officials_hold_their_posts(graph):
    pu = "person:朴世峰@昌吉州民政局"
    assert graph.nodes[pu]["role"] == "official"
    assert set(graph[pu]["org:昌吉州民政局"]) == {"HOLDS_POST:党组成员", "HOLDS_POST:副局长"}
    yu = nodes_named(graph, "于峰山")
    assert len(yu) == 1
    assert set(graph[yu[0]]["org:昌吉州党委组织部"]) == {"HOLDS_POST:副部长"}
    post = graph.edges[yu[0], "org:昌吉州人社局", "HOLDS_POST:党组书记"]
    assert (post["type"], post["title"], post["former"], post["proposed"], post["confidence"]) == (
        "HOLDS_POST", "党组书记", False, False, 0.93)


def test_one_official_in_two_articles_is_one_node_with_both_articles(graph):
    (yu,) = nodes_named(graph, "于峰山")
    post = graph.edges[yu, "org:昌吉州人社局", "HOLDS_POST:党组书记"]
    assert post["article_ids"] == [A1, A2]
    assert [e["article_id"] for e in post["evidence"]] == [A1, A2]


def test_same_name_in_different_organizations_stays_two_nodes(graph):
    assert sorted(nodes_named(graph, "李鹏")) == ["person:李鹏@新疆蓝山屯河科技股份有限公司", "person:李鹏@昌吉市第一中学"]


def test_journalist_in_two_articles_is_one_node_keyed_by_media(graph):
    assert nodes_named(graph, "刘茜") == ["person:刘茜@本报"]
    assert graph.nodes["person:刘茜@本报"]["role"] == "journalist"
    assert graph.edges["person:刘茜@本报", "org:本报", "HOLDS_POST:记者"]["article_ids"] == [A1, A2]
    assert graph.nodes["org:本报"]["org_type"] == "media"


def test_person_without_organization_is_keyed_by_article(graph):
    assert nodes_named(graph, "周炜") == [f"person:周炜@article:{A3}"]
    assert graph.nodes[f"person:周炜@article:{A3}"]["role"] == "other"


def test_long_and_short_bank_names_are_one_organization(graph):
    bank = graph.nodes["org:中国农业银行昌吉市支行"]
    assert bank["written_forms"] == ["中国农业银行昌吉市支行", "中国农业银行股份有限公司昌吉市支行"]
    assert bank["org_type"] == "bank"
    assert graph.has_edge("person:徐安妮@中国农业银行昌吉市支行", "org:中国农业银行昌吉市支行", "HOLDS_POST:农贷中心主任")
    assert len(nodes_named(graph, "中国农业银行股份有限公司昌吉市支行")) == 0


def test_organizations_are_part_of_their_parents(graph):
    assert graph.has_edge("org:昌吉州党委组织部", "org:昌吉州党委", "PART_OF")
    part = graph.edges["org:中国农业银行昌吉市支行", "org:中国农业银行", "PART_OF"]
    assert part["article_ids"] == [A2]
    assert "中国农业银行股份有限公司昌吉市支行" in part["evidence"][0]["sentence"]


@pytest.mark.skipif(not hasattr(facts, "division_chain"), reason="pipeline.facts has no division facts yet")
def test_organizations_are_located_in_division_chain(graph):
    prefecture = graph.nodes["place:6523"]
    assert (prefecture["name"], prefecture["level"], prefecture["code"]) == ("昌吉回族自治州", "prefecture", "6523")
    assert "昌吉州" in prefecture["written_forms"]
    located = graph.edges["org:昌吉州民政局", "place:6523", "LOCATED_IN"]
    assert located["basis"] == "org_name" and "昌吉州民政局" in located["evidence"][0]["sentence"]
    assert graph.has_edge("org:中国农业银行昌吉市支行", "place:652301", "LOCATED_IN")
    assert graph.edges["place:652301", "place:6523", "LOCATED_IN"]["basis"] == "divisions"
    assert graph.has_edge("place:6523", "place:65", "LOCATED_IN")
    assert graph.has_edge("org:新疆蓝山屯河科技股份有限公司", "place:65", "LOCATED_IN")


def test_every_edge_has_articles_and_evidence_offsets(graph):
    texts = {a["id"]: a["text"] for a in seed_articles()}
    for u, v, data in graph.edges(data=True):
        assert data["article_ids"] and set(data["article_ids"]) <= set(texts)
        if data["type"] in {"HOLDS_POST", "PART_OF", "MENTIONS"} or data.get("basis") == "org_name":
            assert data["evidence"], (u, v, data["type"])
        for ev in data["evidence"]:
            assert texts[ev["article_id"]][ev["start"] : ev["end"]] == ev["sentence"]


def test_articles_have_topics_dates_and_mentions(graph):
    node = graph.nodes[f"article:{A1}"]
    assert (node["type"], node["date"], node["topics"]) == ("Article", "2024-03-14", ["民生社会", "就业"])
    assert "date" not in graph.nodes[f"article:{A3}"]
    assert graph.edges[f"article:{A1}", "topic:民生社会", "ABOUT"]["score"] == 0.71
    assert graph.nodes["topic:金融"] == {"type": "Topic", "label": "金融"}
    assert graph.edges[f"article:{A1}", "place:6523", "MENTIONS"]["count"] == 3
    assert graph.edges[f"article:{A1}", "org:昌吉州人社局", "MENTIONS"]["count"] == 2


def test_co_mentions_are_one_edge_per_pair_weighted_by_articles(graph):
    yu, = nodes_named(graph, "于峰山")
    a, b = sorted([yu, "person:刘茜@本报"])
    data = graph.edges[a, b, "CO_MENTIONED"]
    assert data["weight"] == 2
    assert not graph.has_edge(b, a, "CO_MENTIONED")
    assert data["article_ids"] == [A1, A2]
    assert [(e["article_id"], e["sentence"]) for e in data["evidence"]] == [
        (A1, "于峰山接受了刘茜的采访。"), (A2, "于峰山接受了刘茜的采访。")
    ]
    for e, text in zip(data["evidence"], (TEXT1, TEXT2)):
        assert text[e["start"]:e["end"]] == e["sentence"]


def test_co_mentions_need_one_sentence(graph):
    yu, = nodes_named(graph, "于峰山")
    pu, = nodes_named(graph, "朴世峰")
    assert not graph.has_edge(*sorted([yu, pu]), "CO_MENTIONED")
    assert all(u < v for u, v, t in graph.edges(data="type") if t == "CO_MENTIONED")


def test_a_list_of_names_in_one_sentence_is_no_co_mention():
    names = ["王一", "李二", "张三", "刘四", "陈五", "杨六", "赵七", "黄八", "周九"]
    text = "出席会议的有" + "、".join(names) + "。王一会见了李二。"
    entities = [{"text": n, "label": "PERSON", "start": text.index(n), "end": text.index(n) + len(n)}
                for n in names]
    entities += [{"text": n, "label": "PERSON", "start": text.rindex(n), "end": text.rindex(n) + len(n)}
                 for n in ("王一", "李二")]
    G = build_graph([{"id": "a", "text": text, "entities": entities}])
    pairs = [(u, v) for u, v, t in G.edges(data="type") if t == "CO_MENTIONED"]
    assert len(pairs) == 1
    assert [e["sentence"] for e in G.edges[pairs[0][0], pairs[0][1], "CO_MENTIONED"]["evidence"]] == ["王一会见了李二。"]


def test_a_generic_organisation_is_its_articles_own_and_ties_no_persons_together():
    articles = []
    for aid in ("a", "b"):
        text = "省委书记张华出席会议。"
        relation = {**rel(text, text, "张华", "书记", "省委", "省委"), "org_generic": True}
        articles.append({"id": aid, "text": text, "entities": [ent(text, "张华", "PERSON")], "relations": [relation],
                         "organizations": [{**org("省委", ["省委"], "party"), "generic": True}]})
    G = build_graph(articles)
    assert {n for n in G if n.startswith("org:")} == {"org:省委@article:a", "org:省委@article:b"}
    assert len(nodes_named(G, "张华")) == 2  # two provinces' secretaries, not one person
    assert G.has_edge("article:a", "org:省委@article:a", "MENTIONS")


def test_a_withheld_name_is_its_articles_own_person():
    articles = []
    for aid in ("a", "b"):
        text = "呼图壁县农业农村局原局长张某某违规收受礼金。"
        articles.append({"id": aid, "text": text, "entities": [ent(text, "张某某", "PERSON")],
                         "relations": [rel(text, text, "张某某", "局长", "呼图壁县农业农村局", "呼图壁县农业农村局")],
                         "organizations": [org("呼图壁县农业农村局", ["呼图壁县农业农村局"], "government")]})
    G = build_graph(articles)
    assert sorted(nodes_named(G, "张某某")) == ["person:张某某@article:a", "person:张某某@article:b"]


def test_a_name_without_a_post_is_the_person_of_that_name_with_one_on_the_same_page():
    story = "江苏省常务副省长樊金龙来昌考察。"
    caption = "图为樊金龙一行考察。"
    articles = [{"id": "p#1", "text": story, "entities": [ent(story, "樊金龙", "PERSON")],
                 "relations": [rel(story, story, "樊金龙", "常务副省长", "江苏省人民政府", "江苏省人民政府")],
                 "organizations": [org("江苏省人民政府", ["江苏省人民政府"], "government")]},
                {"id": "p#2", "text": caption, "entities": [ent(caption, "樊金龙", "PERSON")], "relations": [],
                 "organizations": []},
                {"id": "q#1", "text": caption, "entities": [ent(caption, "樊金龙", "PERSON")], "relations": [],
                 "organizations": []}]
    G = build_graph(articles)
    assert sorted(nodes_named(G, "樊金龙")) == ["person:樊金龙@article:q#1", "person:樊金龙@江苏省人民政府"]
    assert G.has_edge("article:p#2", "person:樊金龙@江苏省人民政府")  # the caption's mention, another page's stays apart


def test_a_body_written_short_in_one_article_and_in_full_in_another_is_one_node():
    short, full = "州人社局局长于峰山出席会议。", "昌吉州人力资源和社会保障局局长于峰山主持会议。"
    articles = [
        {"id": "a", "text": short, "entities": [ent(short, "于峰山", "PERSON")],
         "relations": [rel(short, short, "于峰山", "局长", "昌吉州人社局", "州人社局")],
         "organizations": [org("昌吉州人社局", ["州人社局"], "government", where="昌吉州", code="652300")]},
        {"id": "b", "text": full, "entities": [ent(full, "于峰山", "PERSON")],
         "relations": [rel(full, full, "于峰山", "局长", "昌吉州人力资源和社会保障局", "昌吉州人力资源和社会保障局")],
         "organizations": [org("昌吉州人力资源和社会保障局", ["昌吉州人力资源和社会保障局"], "government")]},
    ]
    G = build_graph(articles)
    assert nodes_named(G, "于峰山") == ["person:于峰山@昌吉州人力资源和社会保障局"]
    assert "org:昌吉州人社局" not in G
    assert {"州人社局", "昌吉州人社局"} <= set(G.nodes["org:昌吉州人力资源和社会保障局"]["written_forms"])
    assert G.has_edge("article:a", "org:昌吉州人力资源和社会保障局", "MENTIONS")
    assert "org:昌吉州人社局" in build_graph(articles[:1])  # a short form whose full name no article writes stays


def test_ids_are_stable_across_builds_and_input_order():
    first = build_graph(seed_articles())
    shuffled = seed_articles()
    random.Random(7).shuffle(shuffled)
    assert nx.utils.graphs_equal(first, build_graph(seed_articles()))
    assert nx.utils.graphs_equal(first, build_graph(shuffled))
    assert sorted(first.edges(keys=True)) == sorted(build_graph(shuffled).edges(keys=True))


def test_build_does_not_change_its_input():
    records = seed_articles()
    before = copy.deepcopy(records)
    build_graph(records)
    assert records == before


def test_sentence_span_stops_at_chinese_punctuation():
    text = "第一句。于峰山介绍，第二句！第三句"
    start, end = sentence_span(text, text.index("于峰山"), text.index("于峰山") + 3)
    assert text[start:end] == "于峰山介绍，第二句！"


def test_a_surname_alone_is_no_person_node():
    records = seed_articles()
    third = next(r for r in records if r["id"] == A3)
    third["entities"].append(ent(TEXT3, "周", "PERSON", role="other"))
    assert nodes_named(build_graph(records), "周") == []


def test_a_name_without_a_post_is_the_one_person_of_that_name_whose_organisation_its_article_names():
    def article(aid, text, person, post=None, orgs=()):
        relations = [rel(text, text, person, post, orgs[0], orgs[0])] if post else []
        return {"id": aid, "text": text, "entities": [ent(text, person, "PERSON")], "relations": relations,
                "organizations": [org(name, [name], "other") for name in orgs]}

    G = build_graph([
        article("a", "中共中央总书记江泽民会见客人。", "江泽民", "总书记", ["中共中央"]),
        article("b", "江泽民同志说，中共中央高度重视。", "江泽民", orgs=["中共中央"]),
        article("c", "江泽民同志题词。", "江泽民"),
        article("d", "中国银行行长王伟说。", "王伟", "行长", ["中国银行"]),
        article("e", "华为公司经理王伟说。", "王伟", "经理", ["华为公司"]),
        article("f", "王伟在中国银行和华为公司间奔走。", "王伟", orgs=["中国银行", "华为公司"]),
    ])
    assert sorted(nodes_named(G, "江泽民")) == ["person:江泽民@article:c", "person:江泽民@中共中央"]
    assert G.has_edge("article:b", "person:江泽民@中共中央")
    assert "person:王伟@article:f" in nodes_named(G, "王伟")  # the article names both persons' organisations


def test_a_person_named_by_the_given_name_alone_is_the_person_the_article_names_in_full():
    text = "刘绍棠的长子刘松萝撒下泥土。绍棠走了，一个连续四届当选北京市人大常委会委员的人走了。张建国和李建国说，建国来了。"
    entities = [ent(text, name, "PERSON", nth) for name, nth in
                [("刘绍棠", 0), ("刘松萝", 0), ("绍棠", 1), ("张建国", 0), ("李建国", 0), ("建国", 2)]]
    relation = rel(text, text[text.index("绍棠走了"):], "绍棠", "委员", "北京市人大常委会", "北京市人大常委会")
    G = build_graph([{"id": "a", "text": text, "entities": entities, "relations": [relation],
                      "organizations": [org("北京市人大常委会", ["北京市人大常委会"], "government")]}])
    assert nodes_named(G, "刘绍棠") == ["person:刘绍棠@北京市人大常委会"] and not nodes_named(G, "绍棠")
    assert G.edges["article:a", "person:刘绍棠@北京市人大常委会", "MENTIONS"]["count"] == 2
    assert nodes_named(G, "建国")  # the given name of two persons: neither
    assert with_full_names({"id": "b", "entities": [{"label": "PERSON", "text": n} for n in ("穆巴拉克", "巴拉克")]})["entities"][1] \
        == {"label": "PERSON", "text": "巴拉克"}  # Barak, not Mubarak
