"""Repair of page dumps: one test per rule, then idempotence on the seed page."""

from pathlib import Path

import pytest

from pipeline.repair import (
    clean_characters,
    collapse_spaces,
    ends_sentence,
    is_prose,
    join_lines,
    normalize_newlines,
    repair_page,
    repair_paragraphs,
    strip_control_chars,
)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2c208e8a64df7321.txt"


def test_normalize_newlines_turns_crlf_cr_and_form_feed_into_newlines():
    assert normalize_newlines("甲\r\n乙\r丙\f丁") == "甲\n乙\n丙\n丁"


def test_strip_control_chars_keeps_newline_and_tab():
    assert strip_control_chars("甲\x00乙\x07\n丙\t丁\x1b") == "甲乙\n丙\t丁"


def test_clean_characters_maps_full_width_digits_and_letters_to_ascii():
    assert clean_characters("２０２４年ＧＤＰ增长５％\r\n") == "2024年GDP增长5%\n"


@pytest.mark.parametrize(
    ("spaced", "collapsed"),
    [
        ("实 干 ，为 教 育 强 国", "实干，为教育强国"),
        ("□本报记者 何 龙摄", "□本报记者何龙摄"),
        ("2024 年", "2024年"),
        ("达 100%", "达100%"),
        ("惠农 e 贷", "惠农e贷"),
        ("农 林 水 支 出 3.91 亿 元 ，同 比 增 长", "农林水支出3.91亿元，同比增长"),
        ("60% ，同 比", "60%，同比"),
        ("GDP 增长", "GDP增长"),
    ],
)
def test_collapse_spaces_removes_spaces_beside_chinese_text(spaced, collapsed):
    assert collapse_spaces(spaced) == collapsed


def test_collapse_spaces_keeps_spaces_between_latin_words():
    assert collapse_spaces("Hello World 2024") == "Hello World 2024"


def test_collapse_spaces_keeps_line_breaks():
    assert collapse_spaces("甲 \n 乙") == "甲 \n 乙"


def test_ends_sentence_after_closing_quote_and_for_parenthetical_note():
    assert ends_sentence("更有保障。”")
    assert ends_sentence("（通讯员马彦芳、陈诚参与采写）")
    assert not ends_sentence("昌吉州设立工业倍增“英雄榜”")
    assert not ends_sentence("积极推进乡镇")


def test_is_prose_tells_running_text_from_display_lines():
    assert is_prose("民生无小事，枝叶总关情。")
    assert is_prose("“我们把做好春耕备耕期间金融服")  # open quote: the sentence goes on
    assert is_prose("据财政部门数据显示，1—2 月，\n全州一般公共预算收入")
    assert not is_prose("倾心书写民生答卷\n——全国两会在我州引发热烈反响\n□本报记者 刘新新")
    assert not is_prose("昌吉州设立工业倍增“英雄榜”")
    assert not is_prose("实干笃行，奋力开创新局面")  # short headline with a comma
    assert is_prose("经市人民政府研究决定：")  # introduces the list after it
    assert not is_prose("记者手记：")  # a label


def test_join_lines_puts_a_space_only_between_latin_words():
    assert join_lines("吉木萨尔县卫健委党组副书记、主", "任陈磊表示") == "吉木萨尔县卫健委党组副书记、主任陈磊表示"
    assert join_lines("Hello", "World") == "Hello World"
    assert join_lines("截至2", "月底") == "截至2月底"


def test_joins_line_broken_inside_a_name():
    page = "“这为卫健系统指明了方\n向。”吉木萨尔县卫健委党组副书记、主\n任陈磊表示，县卫健委将围绕能力提升。"
    assert repair_paragraphs(page) == ["“这为卫健系统指明了方向。”吉木萨尔县卫健委党组副书记、主任陈磊表示，县卫健委将围绕能力提升。"]


def test_joins_sentence_broken_by_a_blank_line():
    page = "实施特殊困难老年人\n家庭适老化改造项目，积极推进乡镇\n\n（街道）区域养老服务中心、社区老年人\n日间照料中心的建设。"
    assert repair_paragraphs(page) == ["实施特殊困难老年人家庭适老化改造项目，积极推进乡镇（街道）区域养老服务中心、社区老年人日间照料中心的建设。"]


def test_keeps_paragraph_break_after_sentence_end_and_closing_quote():
    page = "“使老年人安全感更\n有保障。”\n\n就业是最基本的民生。今年政府工\n作报告中提出，多措并举。"
    assert repair_paragraphs(page) == ["“使老年人安全感更有保障。”", "就业是最基本的民生。今年政府工作报告中提出，多措并举。"]


def test_one_line_block_with_open_quote_continues_in_next_block():
    page = "“我们把做好春耕备耕期间金融服\n\n务工作作为支持乡村振兴的有力抓手，\n全力保障。”"
    assert repair_paragraphs(page) == ["“我们把做好春耕备耕期间金融服务工作作为支持乡村振兴的有力抓手，全力保障。”"]


def test_unfinished_body_is_not_joined_to_a_following_headline():
    page = "新增集中供热面积，改造老旧\n小区楼栋内的供热管线\n\n昌吉州设立工业倍增“英雄榜”"
    assert repair_paragraphs(page) == ["新增集中供热面积，改造老旧小区楼栋内的供热管线", "昌吉州设立工业倍增“英雄榜”"]


def test_headline_block_keeps_its_lines():
    page = "倾心书写民生答卷\n——全国两会在我州引发热烈反响\n□本报记者 刘新新\n\n投放涉农贷款超200亿元"
    assert repair_paragraphs(page) == [
        "倾心书写民生答卷\n——全国两会在我州引发热烈反响\n□本报记者刘新新",
        "投放涉农贷款超200亿元",
    ]


def test_byline_line_is_a_paragraph_of_its_own():
    page = "该公司年产值达\n7亿元。\n□本报记者 何 龙摄\n典范地州·典范行动"
    assert repair_paragraphs(page) == ["该公司年产值达7亿元。", "□本报记者何龙摄", "典范地州·典范行动"]


def test_news_lead_starts_a_paragraph_even_after_an_unfinished_line():
    page = "前面这段话没有说完，\n本报讯 记者王薇报道：昌吉市棉花\n种植大户周炜很忙。"
    assert repair_paragraphs(page) == ["前面这段话没有说完，", "本报讯记者王薇报道：昌吉市棉花种植大户周炜很忙。"]


def test_long_line_without_final_punctuation_is_not_treated_as_wrapped():
    long_line = "这是一段已经整理好的正文，" * 5
    assert repair_paragraphs(f"{long_line}\n第二段。") == [long_line, "第二段。"]


def test_a_short_line_among_long_ones_was_not_wrapped():
    text = ("本月25日美国总统克林顿将对我国进行回访，这是两国关系中的一件大事。\n中国现代国际关系研究所副所长宋宝贤\n"
            "唐家璇于6月10日至18日先后对几内亚、科特迪瓦、加纳、多哥和贝宁5个非洲国家进行了正式访问。")
    assert repair_paragraphs(text)[1:] == ["中国现代国际关系研究所副所长宋宝贤", "唐家璇于6月10日至18日先后对几内亚、科特迪瓦、加纳、多哥和贝宁5个非洲国家进行了正式访问。"]


def test_repair_page_separates_paragraphs_with_a_blank_line():
    assert repair_page("第一句\n话。\n\n第二句话。") == "第一句话。\n\n第二句话。"


def test_clean_sentence_is_unchanged():
    sentence = "昌吉州党委组织部副部长、人社局党组书记于峰山介绍，年初以来就业形势稳定。"
    assert repair_page(sentence) == sentence


def test_repair_is_idempotent_on_the_seed_page():
    repaired = repair_page(SEED.read_text(encoding="utf-8"))
    assert repair_page(repaired) == repaired


def test_a_photo_credit_line_ends_its_paragraph():
    text = "图为韩磊（左）查看长势。\n本报通讯员 周鹏 摄\n\n图为村民采摘辣椒。\n\n他们正在拍\n摄一部纪录片。"
    assert repair_paragraphs(text) == ["图为韩磊（左）查看长势。", "本报通讯员周鹏摄", "图为村民采摘辣椒。", "他们正在拍摄一部纪录片。"]


def test_a_table_reads_as_one_sentence_per_row_with_its_post_columns_verbs():
    text = ("根据有关规定，现将拟任职干部情况公示如下：\n\n姓名\t性别\t出生年月\t现任职务\t拟任职务\n"
            "陈刚\t男\t1979.06\t昌吉州发改委副主任\t昌吉州统计局局长\n刘晓燕  女  1982.03  奇台县副县长  奇台县委常委\n\n公示时间：12月2日至6日。")
    assert repair_paragraphs(text) == [
        "根据有关规定，现将拟任职干部情况公示如下：",
        "陈刚，男，1979.06，现任昌吉州发改委副主任，拟任昌吉州统计局局长。",
        "刘晓燕，女，1982.03，现任奇台县副县长，拟任奇台县委常委。",
        "公示时间：12月2日至6日。",
    ]
    assert repair_paragraphs("实 干 ，为\n教 育 事 业") == ["实干，为教育事业"]  # spaced-out text is no table


def test_a_list_of_names_and_posts_reads_as_one_sentence_per_line():
    text = "优秀共产党员名单\n\n王建华 昌吉市委组织部干部科科长\n李秀兰（女） 呼图壁县大丰镇党委副书记\n张三 副局长"
    assert repair_paragraphs(text) == ["优秀共产党员名单", "王建华，昌吉市委组织部干部科科长。",
                                       "李秀兰（女），呼图壁县大丰镇党委副书记。", "张三，副局长。"]
    spaced = "实 干 ，为 教 育\n实 干 ，为 教 育\n实 干 ，为 教 育"
    assert repair_paragraphs(spaced) == ["实干，为教育实干，为教育实干，为教育"]  # no list either


def test_a_space_before_a_dateline_ends_the_headline_before_it():
    text = "确保农民收入有较多增加 本报北京1月14日讯 新华社记者蒲立业报道：中共中 央"
    assert repair_page(text) == "确保农民收入有较多增加\n本报北京1月14日讯新华社记者蒲立业报道：中共中央"
