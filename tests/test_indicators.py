"""kg.extract.indicators on sentences written for these tests (not from the seeds).

Expected values are worked out by hand from the sentences.
"""

from __future__ import annotations

import pytest

from kg.extract.indicators import YearTracker, find_indicators, parse_number, reference_year


def pairs(sentence: str, **kw) -> list[tuple[float, str]]:
    return [(i.value, i.unit) for i in find_indicators(sentence, **kw)]


def test_two_values_and_a_growth_rate():
    s = "2019年，园区实现营业收入128.5亿元，同比增长12.3%，新增企业46家。"
    got = find_indicators(s)
    assert [(i.value, i.unit) for i in got] == [(128.5, "亿元"), (46.0, "家")]
    rev, firms = got
    assert rev.name == "营业收入" and rev.growth_pct == 12.3 and rev.year == 2019
    assert firms.name == "新增企业" and firms.growth_pct is None and firms.year == 2019
    # offsets cover the value and its unit
    assert s[rev.start : rev.end] == "128.5亿元"
    assert s[firms.start : firms.end] == "46家"


def test_decline_is_a_negative_growth_rate():
    (ind,) = find_indicators("规上工业增加值完成36.2亿元，同比下降4.5%。")
    assert (ind.value, ind.unit, ind.growth_pct) == (36.2, "亿元", -4.5)


def test_flat_growth_is_zero():
    (ind,) = find_indicators("进出口总额预计完成85亿元，同比持平。")
    assert (ind.name, ind.value, ind.growth_pct) == ("进出口总额", 85.0, 0.0)


def test_this_year_resolved_with_the_document_date():
    got = find_indicators("今年以来，全区新登记市场主体2150户。", doc_date="2022-08-15")
    assert [(i.value, i.unit, i.year) for i in got] == [(2150.0, "户", 2022)]
    got = find_indicators("去年该区引进博士研究生37名。", doc_date="2022-08-15")
    assert [(i.value, i.unit, i.year) for i in got] == [(37.0, "名", 2021)]


def test_year_context_when_the_sentence_states_none():
    got = find_indicators("完成技术合同登记640项。", year_context=2019)
    assert got[0].year == 2019
    # an explicit year wins over the context
    assert find_indicators("2018年完成技术合同登记512项。", year_context=2019)[0].year == 2018


def test_year_ordinal_date_and_duration_are_not_indicators():
    s = "该区成立于2006年，经过15年发展，2021年3月8日在全国排名第13位，入驻企业680家。"
    assert pairs(s) == [(680.0, "家")]


def test_phone_numbers_ages_and_ranges_are_not_indicators():
    s = "咨询电话0871-65432109，面向18至35周岁青年，3-5个工作日办结。"
    assert pairs(s) == []


def test_list_of_counts_with_different_units():
    s = "全年新建基层党组织17个、发展党员45名、培训骨干320人次。"
    assert pairs(s) == [(17.0, "个"), (45.0, "名"), (320.0, "人次")]
    names = [i.name for i in find_indicators(s)]
    assert names == ["新建基层党组织", "发展党员", "培训骨干"]


def test_approximate_values_keep_the_number_as_written():
    s = "签约金额超250亿元，到位资金近18亿元，带动就业约1.2万人，引进团队30余个。"
    got = find_indicators(s)
    assert [(i.value, i.unit) for i in got] == [(250.0, "亿元"), (18.0, "亿元"), (1.2, "万人"), (30.0, "个")]
    assert [i.qualifier for i in got] == ["超", "近", "约", "余"]


def test_chinese_numerals_only_for_amounts_of_money():
    assert pairs("园区税收首次突破三亿元大关。") == [(3.0, "亿元")]
    # 两区 / 一园多区 / 四个一批 are names, not statistics
    assert pairs("推进两区建设，形成一园多区格局，实施四个一批工程。") == []


def test_standalone_growth_rate_is_an_indicator():
    got = find_indicators("一般公共预算收入增长9.6%，工业投资增长14%。")
    assert [(i.value, i.unit, i.rule) for i in got] == [(9.6, "%", "growth-alone"), (14.0, "%", "growth-alone")]
    assert got[0].name == "一般公共预算收入增长"


def test_growth_rates_listed_with_respectively():
    got = find_indicators("专利授权320件、有效发明专利860件，分别增长18%、25%。")
    assert [(i.value, i.growth_pct) for i in got] == [(320.0, 18.0), (860.0, 25.0)]


def test_share_and_percentage_points():
    got = find_indicators("高新技术产业产值占比达到61.5%，比上年提高2.3个百分点。")
    assert [(i.value, i.unit) for i in got] == [(61.5, "%"), (2.3, "个百分点")]


def test_from_to_change_gives_both_values_the_start_without_year():
    got = find_indicators("网上办理率从45%提升至92%。", year_context=2020)
    assert [(i.value, i.year) for i in got] == [(45.0, None), (92.0, 2020)]


def test_threshold_that_only_qualifies_a_count():
    # 超5亿元 describes which projects are counted; only the count is a statistic
    assert pairs("新落地超5亿元的产业项目11个。") == [(11.0, "个")]


def test_compound_units():
    assert pairs("亩均税收达到38万元/亩，3.5万余平方米厂房交付。") == [(38.0, "万元/亩"), (3.5, "万平方米")]


def test_subject_span_for_a_park_opening_the_clause():
    s = "2020年，滨江软件园企业营业收入达到412亿元。"
    (ind,) = find_indicators(s)
    assert ind.subject_span is not None
    a, b = ind.subject_span
    assert s[a:b] == "滨江软件园"
    assert ind.name == "企业营业收入"
    # bare references are not names
    (ind,) = find_indicators("该园区企业营业收入达到412亿元。")
    assert ind.subject_span is None


def test_no_numbers_no_work():
    assert find_indicators("高新区坚持创新驱动发展战略。") == []


@pytest.mark.parametrize(
    "text,value",
    [("4,191.83", 4191.83), ("两", 2.0), ("三百", 300.0), ("十五", 15.0), ("一点五", 1.5), ("二五", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_year_tracker_headings_and_openings():
    t = YearTracker(2022)
    t.feed("一、2021年工作总结")
    assert t.context == 2021
    t.feed("（二）发展亮点")  # numbered sub-heading keeps the year
    assert t.context == 2021
    t.feed("三年来，园区累计引进项目88个。")  # a multi-year span clears it
    assert t.context is None
    t.feed("2020年，园区完成投资30亿元。")
    assert t.context == 2020
    t.feed("南湖科技园：扬帆再出发")  # a new article's title clears it
    assert t.context is None


def test_reference_year():
    # a date is trusted unless the text reports later dated events
    assert reference_year("2019年5月，园区开工。", "2019-11-02") == 2019
    assert reference_year("2021年12月，孵化器晋级。2021年签约项目9个。", "2018-11-23") == 2021
    # without a date: the latest year at most one past the most mentioned one
    assert reference_year("2017年产值增长。2017年税收增长。2018年计划投资。2035年远景目标。") == 2018


def test_year_adverbial_carries_over_semicolon_clauses_until_the_sentence_ends():
    from kg.extract.indicators import YearTracker

    t = YearTracker(doc_year=2023)
    t.feed("会议透露，2019年，某高新区实现营业收入300亿元；")
    assert t.context == 2019
    t.feed("税收25亿元，增长5%；")  # no year here: the sentence's 2019 still holds
    assert t.context == 2019
    t.feed("进出口总额80亿元。")
    assert t.context is None  # the sentence ended
    t.feed("其中2018年工作会议召开；")  # a year that is not an adverbial ("2018年工作…") sets nothing
    assert t.context is None


def test_year_of_one_zones_passage_does_not_carry_to_the_next_zone():
    from kg.extract import extract
    from kg.model import Document

    text = (
        "金华经开区：项目建设提速\n\n"
        "2021年，金华经开区完成固定资产投资88亿元，增长12%。\n\n"
        "同日，衢州高新区举行签约仪式，签约项目16个。\n"
    )
    ex = extract(Document("t", text))
    by_value = {i.value: i for i in ex.indicators}
    assert by_value[88].year == 2021 and by_value[88].subject.startswith("Zone:金华")
    assert by_value[16].subject.startswith("Zone:衢州")
    assert by_value[16].year is None  # nothing dates 衢州's figure


def test_procedure_durations_and_service_hours():
    # a duration in working days or hours is a figure of the business environment; 7×24 is not one
    assert pairs("不动产登记办理时间压缩至3个工作日，政务大厅提供7×24小时自助服务。") == [(3.0, "个工作日")]
    assert pairs("企业开办全流程压缩至2小时以内。") == [(2.0, "小时")]


def test_period_words_are_not_part_of_the_indicator_name():
    # the period says when, the name says what: users compare 进出口额 across years and quarters
    names = [i.name for i in find_indicators("上半年完成进出口额85.6亿元，前三季度实现营业收入50亿元，1-10月实现税收12亿元。")]
    assert names == ["进出口额", "营业收入", "税收"]


def test_respectively_pairs_values_with_the_items_before_it():
    got = find_indicators("其中，滨湖产业园、临湖片区分别新增企业40家、25家。")
    s = "其中，滨湖产业园、临湖片区分别新增企业40家、25家。"
    assert [(i.name, i.value, s[i.subject_span[0] : i.subject_span[1]]) for i in got] == [
        ("新增企业", 40.0, "滨湖产业园"),
        ("新增企业", 25.0, "临湖片区"),
    ]
    got = find_indicators("全区工业产值和税收分别增长12%和6.5%。")
    assert [(i.name, i.value, i.unit) for i in got] == [("工业产值增长", 12.0, "%"), ("税收增长", 6.5, "%")]
    # items sharing a tail after a counted group noun (三大主导产业营业收入)
    got = find_indicators("光伏、储能两大产业产值分别增长30%、22%。")
    assert [i.name for i in got] == ["光伏产值增长", "储能产值增长"]


def test_past_year_in_a_report_is_the_year_before():
    # 过去一年 in a 2025 report: the figures are 2024's, also after the sentence is cut at ；
    t = YearTracker(2025)
    s1 = "过去一年，全区实现地区生产总值820亿元，增长6%；"
    (a,) = find_indicators(s1, doc_year=2025, year_context=t.context)
    t.feed(s1)
    (b,) = find_indicators("财政收入完成61.5亿元。", doc_year=2025, year_context=t.context)
    assert (a.year, b.year) == (2024, 2024)


def test_year_stated_mid_sentence_carries_past_a_semicolon():
    t = YearTracker(None)
    s1 = "近日获悉，2023年全区新增企业312家；"
    t.feed(s1)
    (b,) = find_indicators("实现工业总产值2860亿元。", year_context=t.context)
    assert b.year == 2023


def test_a_target_year_carries_over_the_semicolon_clauses_of_its_sentence():
    t = YearTracker(doc_year=2022)
    t.feed("《方案》提出，到2025年，某经开区食品产业产值突破100亿元；")
    (b,) = find_indicators("规上食品企业达到65家；", year_context=t.context)
    assert b.year == 2025  # the plan's target, not the document's year
    t.feed("规上食品企业达到65家；")
    t.feed("带动就业5万人。")
    (c,) = find_indicators("新增企业12家。", year_context=t.context)
    assert c.year is None  # the sentence has ended: no year carries on


def test_reference_year_ignores_the_end_of_a_plan_period():
    assert reference_year("近日召开2024年推进大会。会议要求落实《产业发展规划（2021—2025年）》。") == 2024


def test_rows_of_a_statistics_table():
    rows = ["地区生产总值 | 亿元 | 512.6 | 5.9%", "实际利用外资 | 万美元 | 28100 | -3.2%", "营业收入 | 86亿元 | 7%", "指标名称 | 单位 | 完成值 | 同比增长"]
    got = [[(i.name, i.value, i.unit, i.growth_pct, i.year) for i in find_indicators(r, year_context=2022)] for r in rows]
    assert got == [
        [("地区生产总值", 512.6, "亿元", 5.9, 2022)],
        [("实际利用外资", 28100.0, "万美元", -3.2, 2022)],
        [("营业收入", 86.0, "亿元", 7.0, 2022)],
        [],
    ]


def test_table_rows_separated_by_full_width_or_runs_of_spaces():
    rows = ["其中：工业投资\u3000亿元\u300036.25\u30004.2%", "新增市场主体    户    1530    -2.5%", "主要指标\u3000单位\u3000累计"]
    got = [[(i.name, i.value, i.unit, i.growth_pct) for i in find_indicators(r, year_context=2024)] for r in rows]
    assert got == [[("工业投资", 36.25, "亿元", 4.2)], [("新增市场主体", 1530.0, "户", -2.5)], []]
    # one space between words of a sentence is no table
    assert [(i.value, i.unit) for i in find_indicators("园区 实现营业收入 86亿元，同比增长7%。")] == [(86.0, "亿元")]


def test_incentive_rates_and_runs_of_amounts_are_not_figures():
    s = "对年营业收入首次突破30亿元、80亿元的企业，分别给予经营团队200万元、400万元奖励；按设备投资额的6%给予补助。全年兑现奖补资金2.1亿元。"
    assert [(i.value, i.unit) for i in find_indicators(s)] == [(2.1, "亿元")]


def test_reference_year_from_a_next_year_cue_and_ignoring_targets():
    text = "今年以来，园区新增企业30家。对于明年目标，他说：2026年，全区力争产值突破500亿元。"
    assert reference_year(text) == 2025
    assert reference_year("今年一季度，区内营业收入52亿元。力争到2027年全市规模突破千亿元。") is None


def test_opening_year_after_a_dated_news_lead():
    t = YearTracker(None)
    t.feed("本报讯 记者7月18日从许昌经济技术开发区获悉，2024年上半年，该区主要经济指标稳中有进。")
    (ind,) = find_indicators("上半年开发区完成规模以上工业总产值168.4亿元。", year_context=t.context)
    assert ind.year == 2024


def test_rank_movement_is_not_a_count():
    got = [(i.value, i.unit) for i in find_indicators("在全国综合排名中较上年前移11位，引进人才30位。")]
    assert got == [(30.0, "位")]


def test_founding_dates_are_not_the_figures_year():
    text = "雾凇数字经济产业园于2021年开园。截至今年10月底，园区入驻企业186家。宁波经开区成立于1984年，去年外贸进出口总额2860亿元。"
    assert reference_year(text) is None
    t = YearTracker(None)
    t.feed("7月16日，记者从靖江经济技术开发区管委会获悉，2024年上半年，该区经济运行平稳。")
    (ind,) = find_indicators("1—6月，靖江经开区实现地区生产总值286.4亿元。", year_context=t.context)
    assert ind.year == 2024
    (ind,) = find_indicators("该园于2021年开园，入驻企业186家。")
    assert ind.year is None


def test_a_tables_column_headings_keep_the_captions_year():
    t = YearTracker(None)
    for line in ["表1　某高新区2024年1—9月主要经济指标", "指标名称　单位　1—9月累计　同比增长（%）"]:
        t.feed(line)
    (ind,) = find_indicators("固定资产投资　亿元　186.20　-4.1%", year_context=t.context)
    assert (ind.value, ind.year, ind.growth_pct) == (186.2, 2024, -4.1)
    t.feed("3月")  # a chronicle's month heading keeps it
    assert t.context == 2024
    t.feed("园区简介")  # a title without a year still clears it
    assert t.context is None


def test_incentive_rules_in_a_policy_text_are_not_figures_but_money_paid_is():
    rows = [
        "对首次认定的国家高新技术企业奖励20万元，重新认定的奖励10万元。",
        "对新获批国家级、省级工程技术研究中心的，分别奖励200万元、50万元。",
        "链主企业年度采购区内配套企业产品超过3000万元的，按新增采购额的2%给予链主企业奖励。",
        "对引荐固定资产投资5亿元以上工业项目并落地开工的中介给予奖励。",
    ]
    for r in rows:
        assert find_indicators(r) == [], r
    got = [(i.value, i.unit) for i in find_indicators("全年为企业减免缴费、发放补贴2632.4万元。")]
    assert got == [(2632.4, "万元")]


def test_layout_bullets_are_not_part_of_a_figures_name():
    (ind,) = find_indicators("数说2023｜成绩单！◆ 石化区产值2890亿元")
    assert (ind.name, ind.value) == ("石化区产值", 2890.0)
    assert find_indicators("■ 单个企业最高支持1000万元") == []


def test_an_iso_dateline_gives_the_documents_year():
    text = "园区观察｜某高新区加速跑\n\n某高新区 2024-04-26 17:45 重庆\n\n今年一季度，园区完成产值286.4亿元。2023年汽车产业产值512亿元。"
    assert reference_year(text) == 2024
    assert reference_year("版本号 1.2.3，2023年产值100亿元。") == 2023


def test_a_list_of_past_years_does_not_set_the_passages_year():
    t = YearTracker(None)
    t.feed("2023年，全区经济平稳。")
    t.feed("2021年、2022年分别为485.7亿元和552.1亿元。")
    assert t.context == 2023


def test_requirements_and_subsidy_rates_in_a_policy_faq_are_not_figures():
    assert find_indicators("新入驻工业项目原则上固定资产投资强度不低于300万元/亩，达产后亩均税收不低于20万元。") == []
    assert find_indicators("补助比例12%，按贷款利息的50%给予贴息。") == []
    # a result stated with the same words is still one
    got = [(i.value, i.unit) for i in find_indicators("全年亩均税收达到35.6万元/亩，兑现贴息资金1200万元。")]
    assert got == [(35.6, "万元/亩"), (1200.0, "万元")]


def test_energy_and_volume_units():
    got = [(i.value, i.unit, i.growth_pct) for i in find_indicators("全区综合能源消费量612万吨标准煤，同比下降3.1%。")]
    assert got == [(612.0, "万吨标准煤", -3.1)]
    assert [(i.value, i.unit) for i in find_indicators("规上工业增加值能耗0.41吨标准煤/万元，年回收尾气1.2亿立方米，用能权交易12笔。")] == [
        (0.41, "吨标准煤/万元"), (1.2, "亿立方米"), (12.0, "笔")]


def test_a_year_end_dateline_makes_this_year_the_reviewed_year():
    text = "——某经开区2023年工作回眸\n本报讯 12月28日，记者获悉，2023年，某经开区完成投资80亿元。2024年，该区将加快建设。今年以来，新签约项目46个。"
    assert reference_year(text) == 2023  # written at the end of 2023, looking ahead to 2024
    text = "——某经开区2023年工作回眸\n本报讯 1月8日，记者获悉，2023年，某经开区完成投资80亿元。2024年，该区将加快建设。今年以来，新签约项目46个。"
    assert reference_year(text) == 2024  # written in January: 今年 is the new year


def test_one_year_on_in_a_review_of_an_earlier_year_is_that_year():
    # a review titled 2023 and published in 2024: 一年来 is 2023, not 2022
    (a,) = find_indicators("一年来，某经开区实现规上工业总产值3012亿元。", doc_year=2024, year_context=2023)
    assert a.year == 2023
    # a 2024 work report with no other year: 过去一年 is 2023
    (b,) = find_indicators("过去一年，某经开区实现规上工业总产值3012亿元。", doc_year=2024)
    assert b.year == 2023


def test_the_titles_year_holds_under_unnumbered_section_headings():
    t = YearTracker(None)
    for line in ("江苏发布2023年度开发区综合发展水平考核评价结果", "某经开区领跑国家级序列", "本报讯 近日，省商务厅发布考核结果。", "【亮点速览】"):
        t.feed(line)
    assert t.context == 2023  # a section heading with no year does not erase the title's
    t = YearTracker(None)
    for line in ("某高新区投资指南（2024年版）", "【园区简介】"):
        t.feed(line)
    assert t.context is None  # an edition is no reporting year


def test_a_ranking_title_is_not_joined_to_its_subtitle():
    from kg.extract.sentences import split_sentences

    text = "河北通报2023年度开发区高质量发展综合考核结果\n石家庄经开区、承德高新区分列国家级序列首位\n\n本报讯 近日，考核结果公布。"
    heads = [s.text for s in split_sentences(text) if s.heading]
    assert heads[0] == "河北通报2023年度开发区高质量发展综合考核结果"


def test_the_base_year_of_a_change_is_not_the_result_year():
    # 截至2023年底 states the result's year; 从2019年的… is the starting point's
    got = find_indicators("截至2023年底，园区本地配套率从2019年的不足15%提升至52%。")
    assert [(i.value, i.year) for i in got if i.unit == "%"][-1] == (52.0, 2023)


def test_a_quoted_story_does_not_set_the_passage_year():
    t = YearTracker(2023)
    t.feed("2022年，园区完成投资30亿元。")
    assert t.context == 2022
    t.feed("“2015年我们刚来时，这里还是一片荒地。”一位企业负责人说。")  # a speaker's story
    assert t.context == 2022
    t.feed("2021年，园区完成投资25亿元。")  # (an unquoted opening year still sets it)
    assert t.context == 2021


def test_as_of_a_year_is_the_reports_year_not_a_target():
    # 截至2022年底 (as of the end of 2022) is not 到2025年 (a target): an undated report on 2022
    text = "2017年签约时，这里还是一片农田。截至2022年底，园区集聚企业72家。2022年，园区实现产值1056亿元。"
    assert reference_year(text) == 2022
