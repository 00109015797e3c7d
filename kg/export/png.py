"""A picture of the zone network for the README: zones, what they have, and what they share.

Drawn: the zones (at most MAX_ZONES, by PageRank) and their neighbours in the
entity network, preferring neighbours shared by several zones, up to
MAX_NODES nodes. Colours are the class palette of kg.export.network, sizes
follow PageRank, every zone is labelled and so are shared and leading
neighbours; a legend names the classes drawn.

Chinese labels need a CJK font. It is looked up through matplotlib's
font_manager (Noto Sans CJK, WenQuanYi, Source Han, …; installed on Debian by
`apt-get install -y fonts-noto-cjk`). Without one the picture is still drawn,
with a warning that Chinese labels will show as boxes.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from pathlib import Path

import networkx as nx

MAX_ZONES = 40
MAX_NODES = 140
MAX_LABELS = 70
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)
_FONT_FILE_HINTS = ("notosanscjk", "notoserifcjk", "wqy", "sourcehansans", "simhei", "msyh", "pingfang", "uming")


def cjk_font() -> str | None:
    """The family name of an installed CJK font that matplotlib can use, or None."""
    from matplotlib import font_manager as fm

    names = {f.name for f in fm.fontManager.ttflist}
    for fam in CJK_FAMILIES:
        if fam in names:
            return fam
    # The font cache may predate the font's installation: look at the files themselves.
    for path in sorted(fm.findSystemFonts()):
        if any(h in Path(path).name.lower().replace("-", "").replace("_", "") for h in _FONT_FILE_HINTS):
            try:
                fm.fontManager.addfont(path)
            except Exception:
                continue
    names = {f.name for f in fm.fontManager.ttflist}
    for fam in CJK_FAMILIES:
        if fam in names:
            return fam
    return None


def zone_view(G: nx.MultiDiGraph, max_zones: int = MAX_ZONES, max_nodes: int = MAX_NODES) -> nx.Graph:
    """The undirected subgraph drawn: leading zones and their (preferably shared) neighbours."""
    pr = {n: d.get("pagerank", 0.0) for n, d in G.nodes(data=True)}
    zones = sorted((n for n, d in G.nodes(data=True) if d["type"] == "Zone"), key=lambda n: (-pr[n], n))[:max_zones]
    zone_set = set(zones)
    shared = Counter()
    for z in zones:
        for nb in set(G.successors(z)) | set(G.predecessors(z)):
            if nb not in zone_set:
                shared[nb] += 1
    others = sorted(shared, key=lambda n: (-shared[n], -pr[n], n))[: max(0, max_nodes - len(zones))]
    keep = zone_set | set(others)
    H = nx.Graph()
    for n in sorted(keep):
        H.add_node(n, **G.nodes[n], zones=shared.get(n, 0))
    for s, o, w in G.edges(data="weight", default=1):
        if s in keep and o in keep and s != o:
            if H.has_edge(s, o):
                H[s][o]["weight"] += w
            else:
                H.add_edge(s, o, weight=w)
    return H


def draw_zones(G: nx.MultiDiGraph, path: str | Path, *, seed: int = 42, title: str | None = None) -> None:
    """Draw the zone network of the entity network `G` (with metrics on its nodes) to a PNG file."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from kg.export.network import CLASS_ZH, PALETTE

    font = cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found for matplotlib (install one, e.g. `apt-get install -y fonts-noto-cjk`): "
            "Chinese labels will show as boxes",
            RuntimeWarning,
            stacklevel=2,
        )
    H = zone_view(G)
    n = H.number_of_nodes()
    with plt.rc_context({"font.family": [font] if font else ["DejaVu Sans"], "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(16, 12), dpi=110)
        if n == 0:
            ax.text(0.5, 0.5, "没有开发区 (no zones in the graph)", ha="center", va="center", fontsize=20)
        else:
            pos = nx.spring_layout(H, seed=seed, weight="weight", k=2.2 / math.sqrt(max(n, 1)), iterations=300)
            pr = [H.nodes[x].get("pagerank", 0.0) for x in H]
            max_pr = max(pr) or 1.0
            sizes = [60 + 1400 * math.sqrt(p / max_pr) for p in pr]
            colors = [PALETTE.get(H.nodes[x]["type"], "#999999") for x in H]
            widths = [0.6 + 0.8 * math.log1p(d["weight"]) for _, _, d in H.edges(data=True)]
            nx.draw_networkx_edges(H, pos, ax=ax, width=widths, edge_color="#9a9a9a", alpha=0.55)
            nx.draw_networkx_nodes(H, pos, ax=ax, node_size=sizes, node_color=colors, edgecolors="white", linewidths=1.0)
            zone_nodes = [x for x in H if H.nodes[x]["type"] == "Zone"]
            rest = sorted(
                (x for x in H if H.nodes[x]["type"] != "Zone"),
                key=lambda x: (-H.nodes[x]["zones"], -H.nodes[x].get("pagerank", 0)),
            )
            labelled = rest[: max(0, MAX_LABELS - len(zone_nodes))]
            box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}
            for x in zone_nodes:
                ax.text(
                    *pos[x], H.nodes[x]["label"], fontsize=12, fontweight="bold", ha="center", va="center", bbox=box, zorder=5
                )
            for x in labelled:
                ax.text(*pos[x], H.nodes[x]["label"], fontsize=9, ha="center", va="center", bbox=box, zorder=4)
        present = [t for t in PALETTE if any(H.nodes[x]["type"] == t for x in H)]
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=11,
                markerfacecolor=PALETTE[t],
                markeredgecolor="white",
                label=f"{CLASS_ZH[t]} {t}",
            )
            for t in present
        ]
        if handles:
            ax.legend(handles=handles, loc="lower left", fontsize=12, frameon=True, title="类别 class", title_fontsize=12)
        zones_total = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Zone")
        ax.set_title(
            title or f"ZoneKG 开发区网络：{zones_total} 个开发区及其园区、企业、产业、政策、改革（节点大小 = PageRank）",
            fontsize=16,
        )
        ax.set_axis_off()
        fig.tight_layout()
        fig.savefig(str(path), format="png", facecolor="white")
        plt.close(fig)
