"""Splitting pages into articles: one test per cue, then the seed page end to end."""

from pathlib import Path

import pytest

from pipeline.articles import lead_byline, split_page
from pipeline.ingest import SourceDoc, iter_inputs

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2c208e8a64df7321.txt"

FARM = "本报讯 记者王薇报道：全州金融机构投放涉\n农贷款超200亿元，支持春耕备耕。"
BUDGET = "本报讯 记者刘茜报道：全州一般公共预算收\n入43.96亿元，同比增长9.96%。"


def page(text: str) -> SourceDoc:
    return SourceDoc(id="p", source="p.txt", text=text, encoding="utf-8", is_page=True, meta={})


@pytest.fixture(scope="module")
def seed_articles():
    [doc] = iter_inputs([SEED])
    return split_page(doc)


def test_lead_byline_reads_reporters_from_news_lead():
    assert lead_byline("本报讯记者刘茜、通讯员李铭报道：为全面实施工业倍增行动。") == "记者刘茜、通讯员李铭"
    assert lead_byline("本报讯（记者 王薇）昌吉市棉花种植大户。") == "记者 王薇"
    assert lead_byline("民生无小事，枝叶总关情。") == ""


def test_news_lead_starts_a_new_article():
    articles = split_page(page(f"{FARM}\n\n{BUDGET}"))
    assert [a.text[:12] for a in articles] == ["本报讯记者王薇报道：全州", "本报讯记者刘茜报道：全州"]
    assert [(a.id, a.kind, a.byline) for a in articles] == [("p#1", "news", "记者王薇"), ("p#2", "news", "记者刘茜")]


def test_each_bulleted_brief_is_a_news_article_with_its_closing_credit():
    text = ("■ 8月3日，州科技局组织专家赴呼图壁县开展服务活动。（通讯员 高敏）\n"
            "■ 8月4日，吉木萨尔县举办农民丰收节。县委副书记、县长阿力木出席。（记者 孙静）")
    articles = split_page(page(text))
    assert [(a.kind, a.byline, a.text[:5]) for a in articles] == [("news", "通讯员高敏", "■8月3日"),
                                                                   ("news", "记者孙静", "■8月4日")]


def test_display_lines_between_bodies_start_a_new_article():
    text = "第一篇正文，讲的是\n春耕备耕。\n\n某某标题\n\n第二篇正文，讲的是\n工业倍增。"
    assert [a.text for a in split_page(page(text))] == ["第一篇正文，讲的是春耕备耕。", "第二篇正文，讲的是工业倍增。"]


def test_headline_is_attached_when_overlap_is_clear():
    articles = split_page(page(f"{FARM}\n\n{BUDGET}\n\n投放涉农贷款超200亿元\n\n前两月一般公共预算收入"))
    assert [a.headline for a in articles] == ["投放涉农贷款超200亿元", "前两月一般公共预算收入"]


def test_headline_is_left_empty_when_two_bodies_match_equally():
    twin = "本报讯 记者刘茜报道：全州金融机构投放涉\n农贷款超200亿元，支持春耕备耕。"
    articles = split_page(page(f"{FARM}\n\n{twin}\n\n投放涉农贷款超200亿元"))
    assert [a.headline for a in articles] == ["", ""]


def test_subtitle_line_after_a_dash_belongs_to_the_headline():
    text = "全国两会在全州引发热烈反响，大家纷\n纷表示要书写民生答卷。\n\n民生答卷\n——全国两会引发热烈反响"
    [article] = split_page(page(text))
    assert article.headline == "民生答卷——全国两会引发热烈反响"


def test_byline_after_a_headline_goes_to_that_headline_article():
    text = f"{FARM}\n\n{BUDGET}\n\n投放涉农贷款超200亿元\n□本报记者 刘新新"
    assert [a.byline for a in split_page(page(text))] == ["记者王薇", "记者刘茜"]  # lead byline wins
    text = "全州金融机构投放涉农贷\n款超200亿元。\n\n投放涉农贷款超200亿元\n□本报记者 刘新新"
    [article] = split_page(page(text))
    assert (article.byline, article.kind) == ("本报记者刘新新", "feature")


def test_photo_credit_after_a_body_makes_it_a_caption():
    text = "3月14日，昌吉国家高\n新技术产业开发区，员工操控面板。\n\n□本报记者 何 龙摄"
    [article] = split_page(page(text))
    assert (article.kind, article.byline, article.headline) == ("caption", "本报记者何龙摄", "")


def test_a_pull_quote_with_its_speaker_is_an_article_of_its_own_and_no_headline():
    text = ("“让群众的钱袋子鼓起来，是我们最大的心愿。”\n——呼图壁县五工台镇党委书记王刚\n\n"
            "本报讯（记者 王薇）3月25日，呼图壁县五工台镇召开推进会。镇党委书记王刚说，将新建大棚。")
    quote, news = split_page(page(text))
    assert (quote.kind, quote.text.splitlines()[1]) == ("quote", "——呼图壁县五工台镇党委书记王刚")
    assert (news.kind, news.headline, news.byline) == ("news", "", "记者王薇")


def test_digest_box_becomes_a_digest_article():
    articles = split_page(page(f"{FARM}\n\n昌吉州启动农资打假专项治理行动\n 导读"))
    assert [(a.kind, a.text) for a in articles][1] == ("digest", "昌吉州启动农资打假专项治理行动")


def test_page_with_only_a_digest_box_gives_the_digest():
    articles = split_page(page("昌吉州启动农资打假专项治理行动\n导读\n\n投放涉农贷款超200亿元"))
    assert [(a.kind, a.text) for a in articles] == [("digest", "昌吉州启动农资打假专项治理行动")]


def test_page_furniture_above_the_first_body_is_dropped():
    articles = split_page(page(f"不负田野不负春 春耕备耕正当时\n\n学习贯彻全国两会精神\n\n{FARM}"))
    assert len(articles) == 1 and "学习" not in articles[0].text + articles[0].headline


@pytest.mark.parametrize("folio", ["昌吉日报 2024年11月26日 星期二 第2版", "昌吉日报 2024年11月26日"])
def test_a_headline_printed_above_its_body_is_attached_and_the_folio_line_dropped(folio):
    body = "本报讯（记者 王晓燕）11月25日，州人大常委会党组书记、主任马建民主持召开党组（扩大）会议，传达学习全会精神。"
    articles = split_page(page(f"{folio}\n州人大常委会召开党组（扩大）会议\n\n{body}"))
    assert [(a.headline, a.byline, a.date, a.paper) for a in articles] == [
        ("州人大常委会召开党组（扩大）会议", "记者王晓燕", "2024-11-26", "昌吉日报")]


def test_jsonl_record_becomes_one_article_with_its_title():
    doc = SourceDoc(id="r7", source="a.jsonl", text="第一段\n话。\n第二段话。", encoding="utf-8", is_page=False, meta={"title": "标 题"})
    [article] = split_page(doc)
    assert (article.id, article.headline, article.text, article.kind) == ("r7#1", "标题", "第一段话。\n第二段话。", "news")


def test_seed_page_has_seven_articles_in_page_order(seed_articles):
    starts = [(a.id, a.kind, a.text[:20]) for a in seed_articles]
    assert starts == [
        ("000_2c208e8a64df7321#1", "feature", "民生无小事，枝叶总关情。每年全国两会民生"),
        ("000_2c208e8a64df7321#2", "news", "本报讯记者王薇报道：昌吉市棉花种植大户周"),
        ("000_2c208e8a64df7321#3", "news", "本报讯记者刘茜、通讯员李铭报道：为全面实"),
        ("000_2c208e8a64df7321#4", "news", "本报讯记者刘茜、通讯员戴婷婷报道：3月1"),
        ("000_2c208e8a64df7321#5", "news", "本报讯记者刘茜、通讯员戴婷婷报道：3月1"),
        ("000_2c208e8a64df7321#6", "digest", "昌吉州启动农资打假专项治理行动"),
        ("000_2c208e8a64df7321#7", "caption", "3月14日，昌吉国家高新技术产业开发区福"),
    ]


def test_seed_items_with_the_same_lead_are_not_merged(seed_articles):
    spending, revenue = seed_articles[3], seed_articles[4]
    assert "民生支出为39.94亿元" in spending.text and "一般公共预算收入43.96亿元" not in spending.text
    assert "一般公共预算收入43.96亿元" in revenue.text and "民生支出为39.94亿元" not in revenue.text


def test_seed_bylines_and_headlines(seed_articles):
    assert [(a.byline, a.headline) for a in seed_articles] == [
        ("本报记者刘新新", "倾心书写民生答卷——全国两会在我州引发热烈反响"),
        ("记者王薇", "投放涉农贷款超200亿元 昌吉州金融机构有力有效支持春耕备耕"),
        ("记者刘茜、通讯员李铭", "昌吉州设立工业倍增“英雄榜” 鼓励企业揭榜留美名"),
        ("记者刘茜、通讯员戴婷婷", "前两月昌吉州民生支出 同比增长36.25%"),
        ("记者刘茜、通讯员戴婷婷", "前两月昌吉州一般公共预算收入 同比增长9.96%"),
        ("", ""),
        ("本报记者何龙摄", ""),
    ]


@pytest.mark.parametrize(
    ("number", "repaired"),
    [
        (1, "积极推进乡镇（街道）区域养老服务中心"),
        (1, "为教育强国建设贡献智慧和力量"),
        (1, "昌吉州党委组织部副部长、人社局党组书记于峰山介绍"),
        (1, "吉木萨尔县卫健委党组副书记、主任陈磊表示"),
        (1, "确保全州社区日间照料机构覆盖率达100%。"),
        (2, "中国农业银行股份有限公司昌吉市支行农贷中心主任徐安妮说"),
        (2, "推出惠农e贷、畜牧e贷、棉农e贷"),
        (3, "新疆蓝山屯河科技股份有限公司党委书记、总经理李鹏表示"),
        (3, "昌吉州工业和信息化局党组书记刘锡鸿介绍"),
        (4, "农林水支出3.91亿元，同比增长68.07%"),
        (5, "城市维护建设税1.02亿元，同比增长60.47%"),
    ],
)
def test_seed_hard_lines_are_repaired(seed_articles, number, repaired):
    assert repaired in seed_articles[number - 1].text


def test_seed_paragraphs_are_separated_by_single_newlines(seed_articles):
    feature = seed_articles[0].text.split("\n")
    assert feature[0] == "民生无小事，枝叶总关情。每年全国两会民生话题都备受关注，2024年政府工作报告中提出，要切实保障和改善民生，加强和创新社会治理。“多措并举稳就业促增收”“以患者为中心改善医疗服务”“继续提高退休人员基本养老金”……沉甸甸的“民生清单”承载着人民的期盼，也让全州各族党员干部群众倍受鼓舞，备感振奋。"
    assert feature[-1] == "（通讯员马彦芳、陈诚、毛彦朝、叶钰、王文霞、孙敏参与采写）"


def test_seed_page_furniture_is_in_no_article(seed_articles):
    for article in seed_articles:
        for furniture in ("典范地州", "学习贯彻全国两会精神", "不负田野", "导读"):
            assert furniture not in article.text + article.headline


def test_a_photo_caption_is_an_article_of_its_own_and_no_headline():
    text = ("呼图壁县：冬闲人不闲 培训促增收\n\n本报讯（记者 张 磊）11月26日，呼图壁县人社局\n在五工台镇举办冬季"
            "农民工技能培训班。\n\n图为培训现场。 本报记者 张磊 摄\n\n阜康市：特色林果喜丰收\n\n本报讯（通讯员 王 芳）"
            "连日来，阜康市\n城关镇的农户们忙着采摘红枣。")
    articles = split_page(page(text))
    assert [(a.headline, a.kind, a.byline) for a in articles] == [
        ("呼图壁县：冬闲人不闲培训促增收", "news", "记者张磊"),
        ("", "caption", "本报记者张磊摄"),
        ("阜康市：特色林果喜丰收", "news", "通讯员王芳"),  # printed right above its body: a smaller overlap will do
    ]
    assert articles[1].text == "图为培训现场。"


def test_a_caption_block_takes_the_credit_line_under_it_and_no_body_goes_on_in_it():
    text = ("第一书记扎根村里办实事\n\n本报讯（通讯员 周 鹏）在吉木萨尔县\n二工镇董家湾村，韩磊带领村民种植辣椒。"
            "\n\n图为韩磊（左）在辣椒地里查看长势。\n本报通讯员 周鹏 摄\n\n图为村民采摘辣椒。\n\n村民们说，今年辣椒卖了好价钱。")
    articles = split_page(page(text))
    assert [(a.kind, a.byline, a.text) for a in articles[1:]] == [
        ("caption", "本报通讯员周鹏摄", "图为韩磊（左）在辣椒地里查看长势。"),
        ("caption", "", "图为村民采摘辣椒。"),
        ("feature", "", "村民们说，今年辣椒卖了好价钱。"),
    ]


def test_a_notice_keeps_its_intro_and_its_table_rows_as_body():
    text = ("任前公示\n\n根据有关规定，现将拟任职干部情况公示如下：\n\n姓名\t性别\t现任职务\t拟任职务\n"
            "陈刚\t男\t昌吉州发改委副主任\t昌吉州统计局局长\n刘晓燕\t女\t奇台县副县长\t奇台县委常委\n\n公示时间：12月2日至6日。")
    [article] = split_page(page(text))
    assert article.headline == "任前公示"
    assert article.text.splitlines() == ["根据有关规定，现将拟任职干部情况公示如下：", "陈刚，男，现任昌吉州发改委副主任，拟任昌吉州统计局局长。",
                                         "刘晓燕，女，现任奇台县副县长，拟任奇台县委常委。", "公示时间：12月2日至6日。"]


def test_a_decision_closes_with_its_issuer_and_date_and_loses_no_line():
    text = ("关于王志刚等同志职务任免的通知\n\n各县（市）人民政府，市直各单位：\n\n经市人民政府研究决定：\n\n"
            "任命王志刚为市交通运输局局长；\n免去陈国华的市交通运输局局长职务。\n\n特此通知。\n\n某某市人民政府\n2024年3月15日")
    [article] = split_page(page(text))
    assert article.headline == "关于王志刚等同志职务任免的通知"
    assert "经市人民政府研究决定：" in article.text
    assert article.text.endswith("特此通知。\n某某市人民政府\n2024年3月15日")


def test_the_only_body_of_a_file_takes_the_headline_printed_right_before_it():
    text = "乡村振兴看三坪 村里来了新书记\n\n本报讯 走进三坪镇头屯河村，村党支部书记赵永强告诉记者，今年村里种植了300亩蔬菜。"
    [article] = split_page(page(text))
    assert article.headline == "乡村振兴看三坪村里来了新书记"  # 3 of its 13 bigrams in the body
    [names] = split_page(page("2024年度优秀共产党员名单\n\n王建华 昌吉市委组织部干部科科长\n马国强 上庄子村党支部书记\n张三 副局长"))
    assert names.headline == "2024年度优秀共产党员名单" and names.text.startswith("王建华，")  # no bigram in common
