"""Generate a synthetic corpus of Chinese news items about development zones, for benchmarks and tests.

    python benchmarks/make_corpus.py N OUTDIR [--seed S]

Writes N documents as OUTDIR/000/doc000000.txt, OUTDIR/000/doc000001.txt, …
(1,000 per folder). Each document is a news item or work-report excerpt naming
zones (高新区, 经开区, 综保区, 自贸片区), their parks, enterprises, policies,
reforms, programs, industries, officials and indicators, in varied sentence
shapes, so an extractor does real work on it.

Realistic trouble is mixed in, as in a crawled corpus: most files are UTF-8,
some GB18030, some UTF-16 (with and without BOM) or UTF-8 with a BOM, and about
one in 250 is broken (empty, binary, an HTML page, undecodable bytes, a PDF).
`OUTDIR/.manifest.tsv` (hidden, so `kg build` does not read it) lists every
file with its encoding or the kind of breakage.

Document i depends only on (seed, i): a 1k corpus is the first 1k documents of
the 10k one with the same seed, and generation is reproducible bit for bit.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

# City -> province, for addresses and for zones' names.
CITIES = {
    "海口": "海南", "三亚": "海南", "苏州": "江苏", "无锡": "江苏", "南京": "江苏", "常州": "江苏", "南通": "江苏",
    "徐州": "江苏", "杭州": "浙江", "宁波": "浙江", "温州": "浙江", "嘉兴": "浙江", "绍兴": "浙江", "合肥": "安徽",
    "芜湖": "安徽", "武汉": "湖北", "襄阳": "湖北", "宜昌": "湖北", "长沙": "湖南", "株洲": "湖南", "湘潭": "湖南",
    "成都": "四川", "绵阳": "四川", "重庆": "重庆", "西安": "陕西", "宝鸡": "陕西", "郑州": "河南", "洛阳": "河南",
    "青岛": "山东", "济南": "山东", "烟台": "山东", "潍坊": "山东", "厦门": "福建", "福州": "福建", "泉州": "福建",
    "广州": "广东", "深圳": "广东", "珠海": "广东", "佛山": "广东", "东莞": "广东", "惠州": "广东", "中山": "广东",
    "南宁": "广西", "柳州": "广西", "桂林": "广西", "昆明": "云南", "贵阳": "贵州", "南昌": "江西", "赣州": "江西",
    "太原": "山西", "石家庄": "河北", "保定": "河北", "天津": "天津", "沈阳": "辽宁", "大连": "辽宁", "长春": "吉林",
    "哈尔滨": "黑龙江", "呼和浩特": "内蒙古", "包头": "内蒙古", "兰州": "甘肃", "银川": "宁夏", "西宁": "青海",
    "乌鲁木齐": "新疆", "拉萨": "西藏",
}  # fmt: skip
# (full name suffix, short suffix, level)
ZONE_KINDS = [
    ("国家高新技术产业开发区", "高新区", "national"),
    ("高新技术产业开发区", "高新区", "provincial"),
    ("国家级经济技术开发区", "经开区", "national"),
    ("经济技术开发区", "经开区", "provincial"),
    ("综合保税区", "综保区", "national"),
    ("临空经济区", "临空经济区", "provincial"),
]
FTZ_AREAS = ["片区"]
PLACE_SYL = list("东西南北江湖山河海湾港滨云龙凤凰狮子岭金银玉华光明新安平宁泰康嘉丰盛兴旺桂兰松竹梅溪桥川原")
PARK_KINDS = ["产业园", "科技园", "工业园", "物流园", "创新港", "软件园", "生物医药产业园", "智能制造产业园",
              "数字经济产业园", "新材料产业园", "科创城", "孵化基地"]  # fmt: skip
BRAND_SYL = list("华中海天恒瑞博鑫达晶新远泰宏盛安康科创智联通源丰德润金卓越信和嘉优力鼎诚")
TRADES = ["生物医药", "新材料", "电子信息", "智能装备", "新能源", "半导体", "汽车零部件", "精密制造", "软件", "数据",
          "光电", "环保", "食品", "物流", "医疗器械", "航空", "化工", "纺织"]  # fmt: skip
CORP_FORMS = ["有限公司", "股份有限公司", "科技有限公司", "集团有限公司", "技术股份有限公司", "集团"]
INDUSTRIES = ["生物医药", "新一代信息技术", "高端装备制造", "新能源汽车", "新材料", "集成电路", "人工智能",
              "数字经济", "现代物流", "节能环保", "航空航天", "医疗器械", "跨境电商", "现代服务业", "低碳产业"]  # fmt: skip
REFORMS = ["“放管服”改革", "“证照分离”改革", "商事制度改革", "“一枚印章管审批”改革", "承诺制审批改革",
           "工程建设项目审批制度改革", "“标准地”改革", "法定机构改革", "“区政合一”管理体制改革", "全员聘任制改革",
           "“极简审批”改革", "土地综合利用机制改革", "人事薪酬制度改革", "“一网通办”改革"]  # fmt: skip
PROGRAMS = ["“双创”示范基地", "专精特新企业培育计划", "高新技术企业倍增计划", "“科技小巨人”培育工程",
            "人才引进“凤凰计划”", "“独角兽”企业培育行动", "产业链“链长制”", "“百企上云”行动"]  # fmt: skip
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌云峰海波宁")
TITLES = ["党工委书记", "管委会主任", "党工委副书记", "管委会副主任", "党工委委员"]
INDICATORS = [
    # (name, unit, low, high)
    ("地区生产总值", "亿元", 50, 3000),
    ("规模以上工业总产值", "亿元", 30, 5000),
    ("固定资产投资", "亿元", 10, 800),
    ("实际使用外资", "亿美元", 0.5, 40),
    ("进出口总额", "亿元", 5, 2000),
    ("税收收入", "亿元", 3, 400),
    ("营业总收入", "亿元", 50, 6000),
    ("一般公共预算收入", "亿元", 2, 300),
    ("高新技术企业", "家", 20, 3000),
    ("新增市场主体", "个", 100, 20000),
    ("研发经费投入", "亿元", 1, 200),
]
FILLER = [
    "会议强调，要坚持以高质量发展为主题，持续优化营商环境。",
    "与会人员围绕产业链招商、科技创新和人才服务等议题进行了深入交流。",
    "下一步，将继续聚焦主导产业，推动项目早开工、早投产、早见效。",
    "据了解，近年来园区持续完善基础设施和公共服务配套。",
    "该负责人表示，将以更大力度推进改革创新，打造一流营商环境。",
    "活动现场，多家金融机构与企业代表进行了对接洽谈。",
    "记者在现场看到，一栋栋厂房拔地而起，施工机械往来穿梭。",
    "今年以来，面对复杂严峻的外部环境，全区上下稳住了经济基本盘。",
    "专家认为，园区的发展经验对同类地区具有借鉴意义。",
    "截至目前，相关工作已取得阶段性成效。",
]


class Doc:
    """One document's cast (zones, parks, firms …) and its text, from its own random generator."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.city = rng.choice(list(CITIES))
        self.province = CITIES[self.city]
        self.zones = [self._zone(self.city)] + [self._zone() for _ in range(rng.choice([0, 0, 1, 2]))]

    def _place(self) -> str:
        return "".join(self.r.sample(PLACE_SYL, 2))

    def _zone(self, city: str | None = None) -> dict:
        r = self.r
        city = city or r.choice(list(CITIES))
        if r.random() < 0.12:
            area = self._place()
            full = f"中国（{CITIES[city]}）自由贸易试验区{city}{FTZ_AREAS[0]}" if r.random() < 0.5 else f"{CITIES[city]}自贸试验区{city}片区"
            return {"full": full, "short": f"{city}片区", "level": "national", "city": city, "area": area}
        full, short, level = r.choice(ZONE_KINDS)
        prefix = city if r.random() < 0.8 else city + self._place()
        zone = {"full": prefix + full, "short": prefix + short, "level": level, "city": city}
        zone["parks"] = [self._park() for _ in range(r.randint(1, 4))]
        zone["firms"] = [self._firm(city) for _ in range(r.randint(1, 5))]
        zone["industries"] = r.sample(INDUSTRIES, r.randint(1, 3))
        zone["year"] = r.randint(1988, 2015)
        return zone

    def _park(self) -> str:
        return self._place() + self.r.choice(PARK_KINDS)

    def _firm(self, city: str) -> str:
        r = self.r
        brand = "".join(r.sample(BRAND_SYL, 2))
        head = (city if r.random() < 0.4 else "") + brand + r.choice(TRADES)
        return head + r.choice(CORP_FORMS)

    def _person(self) -> str:
        r = self.r
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2])))

    def _policy(self, z: dict) -> str:
        r = self.r
        ind = r.choice(z.get("industries") or INDUSTRIES)
        y = r.randint(2018, 2024)
        return r.choice([
            f"《关于支持{z['short']}高质量发展的若干措施》",
            f"《{z['city']}市促进{ind}产业发展的实施意见》",
            f"《{z['short']}招商引资优惠政策（试行）》",
            f"《{z['short']}{ind}产业三年行动计划（{y}—{y + 2}年）》",
            f"《关于加快{ind}产业集聚发展的若干政策》",
        ])  # fmt: skip

    def _number(self, lo: float, hi: float, unit: str) -> str:
        x = self.r.uniform(lo, hi)
        if unit in ("家", "个"):
            return str(int(x))
        return f"{x:.1f}" if x < 100 else f"{x:.0f}" if self.r.random() < 0.5 else f"{x:.2f}"

    def sentences(self, z: dict) -> list[str]:
        r = self.r
        name = z["full"] if r.random() < 0.5 else z["short"]
        out: list[str] = []
        if "parks" not in z:  # a free-trade area
            out.append(f"{z['full']}自挂牌以来，累计形成制度创新成果{r.randint(5, 120)}项，其中{r.choice(REFORMS)}经验在全国复制推广。")
            return out
        year = r.randint(2019, 2024)
        level = "国家级" if z["level"] == "national" else "省级"
        shapes = [
            lambda: f"{name}于{z['year']}年经国务院批准设立，是{z['city']}市唯一的{level}{z['short'][-3:]}。",
            lambda: f"{z['full']}（以下简称“{z['short']}”）位于{self.province}省{z['city']}市，规划面积{r.randint(10, 300)}平方公里。",
            lambda: f"目前，{name}已形成包括{'、'.join(z['parks'])}在内的“一区{len(z['parks'])}园”发展格局。",
            lambda: f"{z['parks'][0]}是{name}重点打造的特色园区，重点发展{r.choice(z['industries'])}产业。",
            lambda: f"{r.choice(z['firms'])}落户{r.choice(z['parks'])}，项目总投资{self._number(1, 80, '亿元')}亿元。",
            lambda: f"近日，{r.choice(z['firms'])}与{name}签约，将在区内建设{r.choice(z['industries'])}研发生产基地。",
            lambda: f"园区内聚集了{'、'.join(z['firms'][:3])}等一批龙头企业。",
            lambda: f"{name}以{'、'.join(z['industries'])}为主导产业，着力打造千亿级产业集群。",
            lambda: f"{name}聚焦{r.choice(z['industries'])}，加快构建现代产业体系。",
            lambda: f"为优化营商环境，{name}深入推进{r.choice(REFORMS)}，企业开办时间压缩至{r.randint(1, 3)}个工作日。",
            lambda: f"{name}在全省率先开展{r.choice(REFORMS)}试点。",
            lambda: f"{name}出台{self._policy(z)}，从用地、融资、人才等方面给予支持。",
            lambda: f"近日，{z['city']}市印发{self._policy(z)}，明确支持{name}建设。",
            lambda: f"{name}积极实施{r.choice(PROGRAMS)}，累计培育企业{r.randint(10, 400)}家。",
            lambda: f"{name}党工委书记{self._person()}表示，将全力以赴抓项目、促投资。",
            lambda: f"{self._person()}任{name}管委会主任。",
            lambda: f"{name}管委会副主任{self._person()}介绍了园区发展情况。",
        ]
        for ind, unit, lo, hi in r.sample(INDICATORS, r.randint(2, 5)):
            shapes.append(
                lambda ind=ind, unit=unit, lo=lo, hi=hi: r.choice([
                    f"{year}年，{name}实现{ind}{self._number(lo, hi, unit)}{unit}，同比增长{r.uniform(-5, 35):.1f}%。",
                    f"{year}年{name}{ind}达到{self._number(lo, hi, unit)}{unit}，比上年增长{r.uniform(0, 30):.1f}%。",
                    f"{name}{ind}预计完成{self._number(lo, hi, unit)}{unit}。",
                    f"全年{ind}{self._number(lo, hi, unit)}{unit}，增速位居全市开发区前列。",
                ])  # fmt: skip
            )
        for s in r.sample(shapes, min(len(shapes), r.randint(6, 14))):
            out.append(s())
        return out

    def text(self) -> str:
        r = self.r
        z0 = self.zones[0]
        title = r.choice([
            f"{z0['short']}：奋力打造高质量发展新引擎",
            f"{z0['short']}持续优化营商环境",
            f"{z0['city']}：开发区改革创新跑出“加速度”",
            f"{z0['short']}{r.randint(2019, 2024)}年工作总结",
            f"聚焦主导产业 {z0['short']}招商引资再提速",
        ])  # fmt: skip
        lines = [title, "", f"■ 本报记者 {self._person()} 通讯员 {self._person()}", ""]
        paras: list[str] = []
        for z in self.zones:
            sents = self.sentences(z)
            while sents:
                k = r.randint(2, 4)
                para, sents = sents[:k], sents[k:]
                if r.random() < 0.5:
                    para.insert(r.randint(0, len(para)), r.choice(FILLER))
                paras.append("".join(para))
        if r.random() < 0.3:
            heads = ["一、主要经济指标完成情况", "二、改革创新", "三、招商引资"]
            for i, h in enumerate(heads):
                if i * 2 < len(paras):
                    paras.insert(i * 2 + i, h)
        lines += [p for para in paras for p in (para, "")]
        if r.random() < 0.7:
            lines.append(f"（{z0['city']}日报 {r.randint(2019, 2024)}年{r.randint(1, 12)}月{r.randint(1, 28)}日）")
        return "\n".join(lines) + "\n"


BROKEN = ["empty", "binary", "html", "undecodable", "pdf"]


def document(seed: int, i: int) -> tuple[str, bytes, str]:
    """(relative path, file bytes, encoding or 'broken:KIND') of document i."""
    r = random.Random(f"zonekg-corpus:{seed}:{i}")
    rel = f"{i // 1000:03d}/doc{i:06d}.txt"
    if r.random() < 0.004:
        kind = r.choice(BROKEN)
        if kind == "empty":
            data = b"" if r.random() < 0.5 else b"  \n\n "
        elif kind == "binary":
            data = bytes(r.randrange(256) for _ in range(2048)) + b"\x00" * 64
        elif kind == "html":
            data = "<!DOCTYPE html><html><head><title>高新区</title></head><body><p>海口高新区</p></body></html>".encode()
        elif kind == "undecodable":
            data = Doc(r).text().encode("utf-8")[:200] + b"\xff\xfe\xff\x80\x81" * 4
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                data = b"x" + data
        else:
            rel = rel[:-4] + ".pdf"
            data = b"%PDF-1.4\n" + bytes(r.randrange(256) for _ in range(512))
        return rel, data, f"broken:{kind}"
    text = Doc(r).text()
    u = r.random()
    if u < 0.80:
        enc, data = "utf-8", text.encode("utf-8")
    elif u < 0.91:
        enc, data = "gb18030", text.encode("gb18030")
    elif u < 0.95:
        enc, data = "utf-8-sig", text.encode("utf-8-sig")
    elif u < 0.98:
        enc, data = "utf-16", text.encode("utf-16")  # with BOM
    else:
        enc, data = "utf-16-le", text.encode("utf-16-le")  # without BOM
    return rel, data, enc


def make_corpus(n: int, outdir: str | Path, seed: int = 0) -> Path:
    """Write documents 0..n-1 under outdir and the manifest; returns outdir."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    with open(out / ".manifest.tsv", "w", encoding="utf-8") as man:
        man.write("path\tencoding\n")
        for i in range(n):
            rel, data, enc = document(seed, i)
            f = out / rel
            if f.parent not in made:
                f.parent.mkdir(exist_ok=True)
                made.add(f.parent)
            f.write_bytes(data)
            man.write(f"{rel}\t{enc}\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of documents")
    p.add_argument("outdir", type=Path)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    make_corpus(a.n, a.outdir, a.seed)
    print(f"wrote {a.n} documents to {a.outdir} (seed {a.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
