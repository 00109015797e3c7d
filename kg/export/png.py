"""A picture of the zone network for the README: zones, what they have, and what they share.

Drawn: the zones (at most MAX_ZONES, by PageRank), every neighbour that two or
more of them share and the nodes linking those (laid out together, labelled) and
up to MAX_LEAVES of each zone's own neighbours (on a ring around the zone,
unlabelled). Colours are the class palette of kg.export.network, sizes follow
PageRank, every zone is labelled; a legend names the classes drawn.

Chinese labels need a CJK font. It is looked up through matplotlib's
font_manager (Noto Sans CJK, WenQuanYi, Source Han, …; installed on Debian by
`apt-get install -y fonts-noto-cjk`). Without one the picture is still drawn,
with a warning that Chinese labels will show as boxes.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import networkx as nx

MAX_ZONES = 40
MAX_LEAVES = 12  # own (unshared) neighbours drawn per zone
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


def zone_view(G: nx.MultiDiGraph, max_zones: int = MAX_ZONES, max_leaves: int = MAX_LEAVES) -> nx.Graph:
    """The undirected subgraph drawn: leading zones, everything two of them share, and
    up to `max_leaves` of each zone's own neighbours (by PageRank).

    Node attribute `zones` = how many drawn zones the node is linked to.
    """
    pr = {n: d.get("pagerank", 0.0) for n, d in G.nodes(data=True)}
    zones = sorted((n for n, d in G.nodes(data=True) if d["type"] == "Zone"), key=lambda n: (-pr[n], n))[:max_zones]
    zone_set = set(zones)
    linked: dict[str, set[str]] = {}
    for z in zones:
        for nb in set(G.successors(z)) | set(G.predecessors(z)):
            if nb != z:
                linked.setdefault(nb, set()).add(z)
    keep = set(zone_set)
    own: dict[str, list[str]] = {z: [] for z in zones}
    for nb, zs in linked.items():
        if nb in zone_set or len(zs) > 1:
            keep.add(nb)
        else:
            own[next(iter(zs))].append(nb)
    for leaves in own.values():
        keep.update(sorted(leaves, key=lambda n: (-pr[n], n))[:max_leaves])
    H = nx.Graph()
    for n in sorted(keep):
        H.add_node(n, **G.nodes[n], zones=len(linked.get(n, ())) if n not in zone_set else 0)
    for s, o, w in G.edges(data="weight", default=1):
        if s in keep and o in keep and s != o:
            if H.has_edge(s, o):
                H[s][o]["weight"] += w
            else:
                H.add_edge(s, o, weight=w)
    return H


def _skeleton(H: nx.Graph) -> tuple[nx.Graph, dict[str, list[str]]]:
    """Zones plus shared nodes, and each zone's leaves (nodes linked to it alone)."""
    leaves: dict[str, list[str]] = {}
    core = []
    for n, d in H.nodes(data=True):
        if d["type"] != "Zone" and d.get("zones", 0) <= 1 and H.degree(n) <= 1:
            nbs = list(H.neighbors(n))
            if nbs:
                leaves.setdefault(nbs[0], []).append(n)
                continue
        core.append(n)
    return H.subgraph(core), leaves


def packed_layout(H: nx.Graph, seed: int = 42) -> dict:
    """Positions: the skeleton (zones and shared nodes) by Kamada–Kawai per connected
    component, components packed in rows, largest first; each zone's own leaves on a
    ring around it. (One force layout of the whole graph crowds the shared core and
    flings small components to the edges.)"""
    S, leaves = _skeleton(H)
    comps = sorted((sorted(c) for c in nx.connected_components(S)), key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    if not comps:
        return pos
    sizes = [len(c) + sum(len(leaves.get(n, ())) for n in c) / 3 for c in comps]
    row_w = max(2.4 * math.sqrt(sizes[0]) * 1.6, 6.0)
    x0 = y0 = row_h = 0.0
    for comp, size in zip(comps, sizes):
        sub = S.subgraph(comp)
        n_leaves = max((len(leaves.get(n, ())) for n in comp), default=0)
        ring = 0.0 if n_leaves == 0 else 0.35 + 0.06 * math.sqrt(n_leaves)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
            side = 2 * ring + 0.6
        else:
            local = nx.kamada_kawai_layout(sub, weight=None)
            side = 2.4 * math.sqrt(size)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        inner = side - 2 * ring
        if x0 > 0 and x0 + side > row_w:
            x0, y0, row_h = 0.0, y0 - row_h - 0.6, 0.0
        for node, (x, y) in local.items():
            pos[node] = (x0 + side / 2 + (x - cx) / span * inner, y0 - side / 2 + (y - cy) / span * inner)
        for node in comp:
            own = sorted(leaves.get(node, ()))
            for i, leaf in enumerate(own):
                a = 2 * math.pi * i / len(own) + 0.3
                r = ring * (1.0 if i % 2 == 0 or len(own) < 12 else 0.72)
                pos[leaf] = (pos[node][0] + r * math.cos(a), pos[node][1] + r * math.sin(a))
        x0 += side + 0.6
        row_h = max(row_h, side)
    for n in H:  # anything left (a leaf of a non-zone): next to its neighbour
        if n not in pos:
            nb = next(iter(H.neighbors(n)), None)
            pos[n] = pos.get(nb, (x0, y0)) if nb is not None else (x0, y0)
    return pos


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
    with (
        plt.rc_context({"font.family": [font] if font else ["DejaVu Sans"], "axes.unicode_minus": False}),
        warnings.catch_warnings(),
    ):
        # Without a CJK font matplotlib warns once per missing glyph; the warning above says it once.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig, ax = plt.subplots(figsize=(16, 12), dpi=110)
        if n == 0:
            ax.text(0.5, 0.5, "没有开发区 (no zones in the graph)", ha="center", va="center", fontsize=20)
        else:
            pos = packed_layout(H, seed=seed)
            pr = [H.nodes[x].get("pagerank", 0.0) for x in H]
            max_pr = max(pr) or 1.0
            sizes = [40 + 1200 * math.sqrt(p / max_pr) for p in pr]
            colors = [PALETTE.get(H.nodes[x]["type"], "#999999") for x in H]
            widths = [0.6 + 0.8 * math.log1p(d["weight"]) for _, _, d in H.edges(data=True)]
            nx.draw_networkx_edges(H, pos, ax=ax, width=widths, edge_color="#9a9a9a", alpha=0.55)
            nx.draw_networkx_nodes(H, pos, ax=ax, node_size=sizes, node_color=colors, edgecolors="white", linewidths=1.0)
            zone_nodes = [x for x in H if H.nodes[x]["type"] == "Zone"]
            shared = sorted(
                (x for x in _skeleton(H)[0] if H.nodes[x]["type"] != "Zone"),
                key=lambda x: (-H.nodes[x]["zones"], -H.nodes[x].get("pagerank", 0), x),
            )
            labelled = shared[: max(0, MAX_LABELS - len(zone_nodes))]
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
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=12, frameon=True, title="类别 class", title_fontsize=12)
        zones_total = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Zone")
        ax.set_title(
            title or f"ZoneKG 开发区网络：{zones_total} 个开发区及其园区、企业、产业、政策、改革（节点大小 = PageRank）",
            fontsize=16,
        )
        ax.set_aspect("equal", adjustable="datalim")
        ax.margins(0.06)
        ax.set_axis_off()
        fig.tight_layout()
        fig.savefig(str(path), format="png", facecolor="white", bbox_inches="tight")
        plt.close(fig)
