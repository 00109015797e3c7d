"""kg.extract.people on sentences written for these tests (not from the seeds)."""

from __future__ import annotations

from kg.extract.people import find_bylines, find_roles, find_speakers


def test_zone_official_with_two_titles():
    s = "武进高新区党工委副书记、管委会主任蒋文龙介绍，园区今年新签约项目41个。"
    (r,) = find_roles(s)
    assert r.person == "蒋文龙"
    assert r.title == "党工委副书记、管委会主任"
    assert r.org == "武进高新区"
    assert s[r.person_span[0] : r.person_span[1]] == "蒋文龙"
    assert s[r.org_span[0] : r.org_span[1]] == "武进高新区"


def test_verb_after_a_two_character_name_is_not_taken():
    (r,) = find_roles("“企业有需求，我们就上门。”园区招商局局长吴刚说。")
    assert (r.person, r.title) == ("吴刚", "招商局局长")
    (r,) = find_roles("该区管委会副主任钱锋表示，将加快推进项目。")
    assert r.person == "钱锋"


def test_three_character_name_before_a_verb():
    (r,) = find_roles("公司董事长孔祥瑞透露，二期工程年底投产。")
    assert (r.person, r.title, r.org) == ("孔祥瑞", "董事长", None)


def test_company_as_organisation():
    (r,) = find_roles("江苏恒瑞医药股份有限公司总经理戴洪斌在签约仪式上致辞。")
    assert (r.person, r.title, r.org) == ("戴洪斌", "总经理", "江苏恒瑞医药股份有限公司")


def test_title_without_a_name_gives_nothing():
    assert find_roles("园区有关负责人表示，下一步将继续优化服务。") == []
    assert find_roles("会上，市委书记高度重视科技创新工作。") == []


def test_two_people_in_one_sentence():
    got = find_roles("市长黎明、副市长石峰一行到高新区调研。")
    assert [(r.person, r.title) for r in got] == [("黎明", "市长"), ("石峰", "副市长")]


def test_bylines_are_persons_without_role():
    text = "■ 本报记者 严明 通讯员 覃小梅\n正文第一段。\n► 欧阳立新 冯涛\n"
    got = find_bylines(text)
    assert [(p.name, p.kind) for p in got] == [
        ("严明", "byline"),
        ("覃小梅", "byline"),
        ("欧阳立新", "byline"),
        ("冯涛", "byline"),
    ]
    assert [p.credit for p in got[:2]] == ["本报记者", "通讯员"]
    assert text[got[2].span[0] : got[2].span[1]] == "欧阳立新"


def test_byline_in_parentheses_with_trailing_credit_word():
    got = find_bylines("（本报记者 郝建国 整理）")
    assert [p.name for p in got] == ["郝建国"]


def test_ordinary_lines_are_not_bylines():
    assert find_bylines("高新区召开工作会议\n产业发展\n") == []


def test_speaker_without_title():
    got = find_speakers("“订单排到了明年。”车间里的邱志远说。")
    assert [p.name for p in got] == ["邱志远"]


def test_bare_zone_reference_is_not_an_organisation():
    (r,) = find_roles("高新区经济发展局局长陶然说，今年新增企业多。")
    assert (r.person, r.org, r.title) == ("陶然", None, "经济发展局局长")
