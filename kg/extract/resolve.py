"""Entity keys and canonical names: identity across documents, from names only.

A key is `<Type>:<normalised name>` (zones: `Zone:<place+modifier>:<kind>`). The
normalisation removes what varies between ways of writing the same thing and
nothing that tells two things apart:

- Zone: 海口高新区 / 海口国家高新区 / 海口国家高新技术产业开发区 → Zone:海口:高新区;
  北京经济技术开发区 → Zone:北京:经开区 (canonical 北京经开区).
- Park: 产业园区 → 产业园, 工业园区 → 工业园; the words 生态 and 特色 are dropped.
- Enterprise: the legal form (有限公司, 股份有限公司 …) is dropped.
- Policy: the trial marker （试行） and the words 关于 … are kept as written, quotes dropped.
- Reform / Program: trailing generic words (改革, 制度, 机制, 模式, 工作, 活动, 行动, 建设 …) are dropped.
- Industry: trailing 产业集群 / 产业链 / 产业 / 业 dropped, 和/及 → 与.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》")


@lru_cache(maxsize=16_384)
def clean(name: str) -> str:
    """The name in NFKC without whitespace or quotes (memoised, as key_for and zone_key: names recur across documents)."""
    s = unicodedata.normalize("NFKC", name)
    return _WS.sub("", s).translate(_QUOTES)


@lru_cache(maxsize=16_384)
def zone_key(stem_kind: str) -> tuple[str, str]:
    """(key, canonical name) of a zone from its `<stem><kind>` form."""
    n = clean(stem_kind)
    for kind in ("高新区", "经开区"):
        if n.endswith(kind) and len(n) > len(kind):
            return f"Zone:{n[: -len(kind)]}:{kind}", n
    return f"Zone:{n}:其他", n


_ENT_LEGAL = re.compile(r"(股份有限公司|有限责任公司|集团有限公司|有限公司|股份公司)$")
_RP_TAIL = re.compile(
    r"(主题活动|专项行动|评比活动|活动|行动|工作法|工作机制|联动机制|机制|新模式|管理模式|服务模式|运营模式|发展模式|模式|制度|改革|工作|建设|管理|战略)$"
)
_IND_TAIL = re.compile(r"(产业集群|产业链|产业体系|产业|业)$")


def reform_core(name: str) -> str:
    n = clean(name)
    while True:
        m = _RP_TAIL.search(n)
        if not m or len(n) - len(m.group()) < 2:
            return n
        n = n[: m.start()]


_YE_WORDS = frozenset("农林渔牧工商矿物企行就创")  # 农业 工业 商业 …: the 业 is part of the word


def industry_core(name: str) -> str:
    n = clean(name)
    m = _IND_TAIL.search(n)
    if m and m.group() == "业" and n[-2:-1] in _YE_WORDS:
        m = None  # 订单农业 is not 订单农
    if m and len(n) - len(m.group()) >= 2:
        n = n[: m.start()]
    return n.replace("和", "与").replace("及", "与")


# A zone's formal name inside a park's (乌海高新技术产业开发区低碳产业园): the short form, so that the
# park is one node however the text writes its zone
_ZONE_FORMAL_IN_PARK = (("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经开区"))


def park_core(name: str) -> str:
    n = clean(name)
    for long, short in _ZONE_FORMAL_IN_PARK:
        k = n.find(long)
        if k > 0 and len(n) - k - len(long) >= 3:
            n = n[:k] + short + n[k + len(long) :]
            break
    # X产业园区 / X产业园 / X园区 are one park; 工业园(区) and 科技园(区) likewise
    for a, b in (("产业园区", "园"), ("工业园区", "工业园"), ("科技园区", "科技园"), ("产业园", "园")):
        if n.endswith(a) and len(n) > len(a) + 1:
            n = n[: -len(a)] + b
            break
    else:
        if n.endswith("园区") and len(n) > 3:
            n = n[:-1]
    for w in ("生态", "特色"):
        if len(n) - len(w) >= 3:
            n = n.replace(w, "")
    return n


@lru_cache(maxsize=16_384)
def key_for(type_: str, name: str) -> str:
    n = clean(name)
    if type_ == "Zone":
        return zone_key(n)[0]
    if type_ == "Park":
        return f"Park:{park_core(n)}"
    if type_ == "Enterprise":
        m = _ENT_LEGAL.search(n)
        if m and len(n) - len(m.group()) >= 2:
            n = n[: m.start()]
        return f"Enterprise:{n}"
    if type_ == "Policy":
        return "Policy:" + n.replace("（试行）", "").replace("(试行)", "")
    if type_ in ("Reform", "Program"):
        return f"{type_}:{reform_core(n)}"
    if type_ == "Industry":
        return f"Industry:{industry_core(n)}"
    return f"{type_}:{n}"
