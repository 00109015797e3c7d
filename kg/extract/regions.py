"""Zones -> administrative regions (via the cpca library), zone level and approval year.

Public API (pure, no store, no printing):

``region_of(place) -> RegionInfo | None``
    The administrative region of the place part of a zone name (海口 -> 海南省 /
    海口市; 石河子 -> 新疆维吾尔自治区 / 石河子市; 楚雄 -> 云南省 / 楚雄彝族自治州 /
    楚雄市; 北京 -> 北京市). Pass the place, not the whole zone name; use
    ``place_of_zone("海口国家高新区")`` -> "海口" to get it. Cached per place.

``place_of_zone(name) -> str``
    The place part of a zone name: 海口国家高新区 -> 海口, 厦门火炬高新区 -> 厦门火炬,
    北京经济技术开发区 -> 北京.

``zone_level(text) -> "national" | "provincial" | None``
    From a zone name (海口国家高新区 -> national) or a sentence (…1995年被省政府批准为
    省级高新技术开发区,2015年被国务院批准为国家级高新技术开发区 -> national:
    national beats provincial). Only statements about a zone count (国家级科技企业孵化器
    does not).

``approval_year(sentence) -> int | None``
    The year the zone got its level: the latest year stated for a national approval,
    else for a provincial one (石河子高新区于2013年经国务院批准升级为国家高新区 -> 2013).

cpca (a maintained table of China's administrative divisions) imports pandas and
loads its table on first use (about 0.7 s and 80 MB in all); this module imports
it only when ``region_of`` first needs it.

How cpca handles names (checked on cpca 0.5.5): short prefecture-level names
without 市 resolve (海口, 襄阳); county-level cities resolve with their prefecture
(延吉 -> 延边朝鲜族自治州 / 延吉市, 昆山 -> 苏州市 / 昆山市); a city directly under
a province or autonomous region comes with the pseudo-city 自治区直辖县级行政区划,
which is replaced by the city itself (石河子); short district names do not
resolve (武进, 江宁), so ``region_of`` retries with 区 / 县 / 市 appended; text
after a resolved place is ignored (厦门火炬 -> 厦门市).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["RegionInfo", "region_of", "place_of_zone", "zone_level", "approval_year"]


@dataclass(frozen=True)
class RegionInfo:
    province: str  # 海南省 / 北京市 / 新疆维吾尔自治区
    city: str | None  # prefecture-level: 海口市, 楚雄彝族自治州; a municipality is its own city (北京市)
    district: str | None  # county-level: 楚雄市, 昆山市, 武进区
    adcode: str  # the most specific level's code


_PSEUDO_CITIES = ("自治区直辖县级行政区划", "省直辖县级行政区划", "县", "市辖区")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


@lru_cache(maxsize=1)
def _cpca():
    import cpca  # noqa: PLC0415  (lazy: pulls in pandas and the division table)

    return cpca


def _s(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):  # NaN
        return None
    v = str(v).strip()
    return v or None


@lru_cache(maxsize=4096)
def _lookup(text: str) -> tuple[str | None, str | None, str | None, str | None, str]:
    cpca = _cpca()
    one = getattr(cpca, "_get_one_addr", None)
    if one is not None:
        # The row `transform` would put in a DataFrame, without the DataFrame: ~0.01 ms
        # instead of ~20 ms per lookup (pandas construction dominated extraction profiles).
        row = one(text, False, {})
    else:  # a cpca without the helper: the public API
        row = cpca.transform([text]).iloc[0]
    return _s(row["省"]), _s(row["市"]), _s(row["区"]), _s(row["adcode"]), _s(row["地址"]) or ""


@lru_cache(maxsize=4096)
def region_of(place: str) -> RegionInfo | None:
    """The region a zone's place name denotes, or None when cpca does not know it."""
    place = place.strip()
    if len(place) < 2:
        return None
    best = None
    for cand in (place, place + "市", place + "区", place + "县"):
        prov, city, dist, code, rest = _lookup(cand)
        if prov is None or code is None:
            continue
        # the resolved division must be the place itself (张江县 resolves to 重庆市's pseudo-city 县)
        if not any(n and n not in _PSEUDO_CITIES and n.startswith(place[:2]) for n in (prov, city, dist)):
            continue
        if not rest:
            best = (prov, city, dist, code)
            break
        if best is None:
            # resolved a prefix (厦门火炬 -> 厦门市, rest 火炬): keep as fallback
            best = (prov, city, dist, code)
    if best is None:
        return None
    prov, city, dist, code = best
    if city in _PSEUDO_CITIES:
        city, dist = dist, None
    if prov in _MUNICIPALITIES and city is None:
        city = prov
    return RegionInfo(prov, city, dist, code)


_ZONE_SUFFIX = re.compile(
    r"(?:国家级|国家)?(?:高新技术产业开发区|高新技术开发区|高技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|自主创新示范区)$"
)


def place_of_zone(name: str) -> str:
    """海口国家高新区 -> 海口; 北京经济技术开发区 -> 北京; 厦门火炬高新区 -> 厦门火炬."""
    return _ZONE_SUFFIX.sub("", name.strip())


_KINDS = r"(?:高新技术产业开发区|高新技术开发区|高技术产业开发区|高新技术产业园区|高新区|经济技术开发区|经济开发区|经开区|开发区|自主创新示范区)"
_NATIONAL = re.compile(
    r"(?:国家级|国家)"
    + _KINDS
    + r"|(?:经|被|由)?国务院(?:批准|批复|同意)(?:设立|成立|升级)?(?:为|的)?[^，,。；;]{0,12}?"
    + _KINDS
)
_PROVINCIAL = re.compile(
    r"省级" + _KINDS + r"|(?:经|被|由)?省(?:人民)?政府(?:批准|批复|同意)(?:设立|成立|升级)?(?:为|的)[^，,。；;]{0,12}?" + _KINDS
)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# Approval statements need an approving verb: "国家高新区" alone (in a name, or in the title of
# 《国家高新区…评价指标体系》) says nothing about when, or even whether, this zone was approved.
_APPROVED = r"(?:批准|批复|获批|同意|升级|晋升|认定)"
_NAT_APPROVAL = re.compile(
    _APPROVED + r"(?:设立|成立|升级)?(?:为|成为)?[^，,。；;]{0,12}?(?:国家级|国家)" + _KINDS
    + r"|国务院" + _APPROVED + r"[^，,。；;]{0,12}?" + _KINDS
)
_PROV_APPROVAL = re.compile(
    _APPROVED + r"(?:设立|成立|升级)?(?:为|成为)?[^，,。；;]{0,12}?省级" + _KINDS
    + r"|省(?:人民)?政府" + _APPROVED + r"[^，,。；;]{0,12}?" + _KINDS
)


# every approval statement holds an approving verb: a quick test before the full patterns
_ANY_APPROVAL = re.compile(_APPROVED)


def zone_level(text: str) -> str | None:
    """national / provincial / None from a zone name or a sentence (national wins)."""
    if _NATIONAL.search(text):
        return "national"
    if _PROVINCIAL.search(text):
        return "provincial"
    return None


@lru_cache(maxsize=2048)  # pure; the pipeline asks about the same sentences once per zone
def approval_level(sentence: str) -> str | None:
    """national / provincial / None from an approval statement (批准/获批/升级为…); national wins."""
    if not _ANY_APPROVAL.search(sentence):
        return None
    if _NAT_APPROVAL.search(sentence):
        return "national"
    if _PROV_APPROVAL.search(sentence):
        return "provincial"
    return None


def _years_for(pattern: re.Pattern, s: str) -> list[int]:
    """Years stated right before each match of pattern (same sentence, at most ~30 chars before)."""
    out = []
    for m in pattern.finditer(s):
        window_start = max(0, m.start() - 30)
        # do not reach back over an approval of the other kind
        for other in (_NAT_APPROVAL, _PROV_APPROVAL):
            for om in other.finditer(s, window_start, m.start()):
                if om.end() <= m.start():
                    window_start = max(window_start, om.end())
        ys = list(_YEAR.finditer(s, window_start, m.start()))
        if ys:
            out.append(int(ys[-1].group(1)))
    return out


@lru_cache(maxsize=2048)  # pure; the pipeline asks about the same sentences once per zone
def approval_year(sentence: str) -> int | None:
    """The latest national approval year stated, else the latest provincial one, else None."""
    if not _ANY_APPROVAL.search(sentence):
        return None
    nat = _years_for(_NAT_APPROVAL, sentence)
    if nat:
        return max(nat)
    prov = _years_for(_PROV_APPROVAL, sentence)
    return max(prov) if prov else None
