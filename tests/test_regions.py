"""kg.extract.regions: cpca linking, zone level and approval year (zones not in the seeds)."""

from __future__ import annotations

from kg.extract.regions import RegionInfo, approval_year, place_of_zone, region_of, zone_level


def test_prefecture_city_short_name():
    # 宁波国家高新区 -> 宁波 -> 浙江省 宁波市
    r = region_of(place_of_zone("宁波国家高新区"))
    assert r == RegionInfo("浙江省", "宁波市", None, "330200")


def test_county_level_city_gets_its_prefecture():
    # 昆山高新区: 昆山 is a county-level city of 苏州
    r = region_of(place_of_zone("昆山高新区"))
    assert (r.province, r.city, r.district) == ("江苏省", "苏州市", "昆山市")


def test_short_district_name_is_retried_with_its_suffix():
    # 武进国家高新区: cpca does not resolve the bare 武进; 武进区 is in 常州市
    r = region_of(place_of_zone("武进国家高新区"))
    assert (r.province, r.city, r.district) == ("江苏省", "常州市", "武进区")


def test_municipality_is_its_own_city():
    r = region_of(place_of_zone("天津经济技术开发区"))
    assert (r.province, r.city) == ("天津市", "天津市")


def test_unknown_place_is_none():
    # 张江 is not an administrative division; cpca's 县 pseudo-city must not leak through
    assert region_of("张江") is None
    assert region_of("") is None


def test_place_of_zone():
    assert place_of_zone("宁波国家高新区") == "宁波"
    assert place_of_zone("南昌经济技术开发区") == "南昌"
    assert place_of_zone("苏州工业园区高新技术产业开发区") == "苏州工业园区"


def test_level_from_names():
    assert zone_level("宁波国家高新区") == "national"
    assert zone_level("南昌经济技术开发区") is None  # the name alone does not say
    assert zone_level("泰州医药高新区") is None


def test_provincial_to_national_upgrade():
    s = "该区始建于1992年，1997年经省政府批准为省级开发区，2010年经国务院批准升级为国家级经济技术开发区。"
    assert zone_level(s) == "national"
    assert approval_year(s) == 2010


def test_provincial_only():
    s = "2006年，经省人民政府批准设立为省级高新技术产业开发区。"
    assert zone_level(s) == "provincial"
    assert approval_year(s) == 2006


def test_level_of_another_thing_is_not_the_zone_level():
    s = "2019年，园区孵化器被认定为国家级科技企业孵化器，经省政府批准开展极简审批试点。"
    assert zone_level(s) is None
    assert approval_year(s) is None


def test_national_without_year():
    s = "以获批国家自主创新示范区为契机，加快改革。"
    assert zone_level(s) == "national"
    assert approval_year(s) is None


def test_approval_needs_an_approving_verb():
    from kg.extract.regions import approval_level, approval_year

    # a zone name or a policy title containing 国家高新区 is not an approval
    assert approval_year("2014年12月，嘉兴国家高新区成立两新组织党工委") is None
    assert approval_level("对照《国家高新区高质量发展评价指标体系》设置目标") is None
    # provincial first, national later: national wins, with its own year
    s = "该区成立于1993年，1998年被省政府批准为省级高新技术开发区，2011年被国务院批准为国家级高新技术开发区"
    assert approval_level(s) == "national" and approval_year(s) == 2011
    assert approval_level("以获批国家高新区为契机") == "national"


def test_zone_linked_to_city_and_province():
    from kg.extract import extract
    from kg.model import Document

    ex = extract(Document("t", "绵阳高新区于2015年经国务院批准升级为国家高新区。"))
    zone = next(e for e in ex.entities if e.type == "Zone")
    regions = {e.key: e.name for e in ex.entities if e.type == "Region"}
    located = {regions[f.object] for f in ex.facts if f.predicate == "locatedIn" and f.subject == zone.key}
    assert located == {"绵阳市", "四川省"}
    assert zone.attrs["level"] == "national" and zone.attrs["approval_year"] == 2015
