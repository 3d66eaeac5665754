"""Hand-written expectations for the gazetteers in configs/ and their loaders."""

from pipeline import facts


def _only(name: str, level: str) -> facts.Division:
    """The single division called ``name`` at ``level``."""
    found = [d for d in facts.places_by_name()[name] if d.level == level]
    assert len(found) == 1, found
    return found[0]


def test_autonomous_prefecture_short_form_is_the_same_division() -> None:
    short = _only("昌吉州", "prefecture")
    assert short == _only("昌吉回族自治州", "prefecture")
    assert short.code == "6523"
    assert "昌吉" in facts.division_aliases(short)


def test_autonomous_county_short_form_is_the_same_division() -> None:
    assert _only("木垒县", "county") == _only("木垒哈萨克自治县", "county")
    assert _only("焉耆县", "county").name == "焉耆回族自治县"


def test_county_chain_reaches_the_province() -> None:
    county = _only("吉木萨尔县", "county")
    names = [d.name for d in facts.division_chain(county.code)]
    assert names == ["吉木萨尔县", "昌吉回族自治州", "新疆维吾尔自治区"]
    assert _only("吉木萨尔", "county") == county


def test_township_is_under_its_county() -> None:
    town = _only("吉木萨尔镇", "township")
    assert facts.divisions()[town.parent_code].name == "吉木萨尔县"


def test_province_aliases() -> None:
    xinjiang = _only("新疆维吾尔自治区", "province")
    assert facts.division_aliases(xinjiang) == ["新疆维吾尔自治区", "新疆"]
    assert _only("广西", "province").name == "广西壮族自治区"
    assert _only("内蒙古", "province").name == "内蒙古自治区"


def test_no_one_character_or_generic_aliases() -> None:
    names = facts.places_by_name()
    assert all(len(name) >= 2 for name in names)
    assert "互助" not in names and "互助土族自治县" in names
    assert "公安" not in names and "公安县" in names  # 公安局 starts with no place
    assert "合作" not in names and "合作市" in names  # 合作社 neither


def test_ambiguous_names_list_higher_levels_first() -> None:
    levels = [d.level for d in facts.places_by_name()["昌吉"]]
    assert levels == sorted(levels, key=facts.LEVELS.index)
    assert levels[:2] == ["prefecture", "county"]


def test_surnames() -> None:
    assert {"朴", "于", "欧阳"} <= facts.surnames()


def test_org_types() -> None:
    assert facts.org_type("昌吉州民政局") == "government"
    assert facts.org_type("昌吉州党委组织部") == "party"
    assert facts.org_type("中国农业银行昌吉市支行") == "bank"
    assert facts.org_type("昌吉市第一中学") == "school"
    assert facts.org_type("某某村民委员会") == "community"
    assert facts.org_type("昌吉日报社") == "media"
    assert facts.org_type("阿克苏") == "other"


def test_short_forms_and_central_agencies() -> None:
    short = facts.org_short_forms()
    assert short["人社局"] == "人力资源和社会保障局"
    assert short["金融监管总局"] == "国家金融监督管理总局"
    assert short["农行"] == "中国农业银行"
    assert {"国务院", "财政部", "国家金融监督管理总局"} <= facts.central_agencies()


def test_an_ambiguous_place_name_is_read_below_the_places_named_with_it():
    assert facts.resolve_place("大丰镇", facts.place_context(["呼图壁县"])).parent_code == "652323"
    assert facts.resolve_place("鼓楼区", facts.place_context(["福州市"])).code == "350102"
    assert facts.resolve_place("鼓楼区", set()) == facts.resolve_place("鼓楼区", facts.place_context(["不是地名"]))


def test_a_prefecture_renamed_since_is_found_by_its_former_name():
    assert [d.code for d in facts.places_by_name()["伊克昭盟"]] == ["1506"]  # 鄂尔多斯市 since 2001
    assert [d.name for d in facts.places_by_name()["襄樊"]] == ["襄阳市"]
