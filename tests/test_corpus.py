"""benchmarks/make_corpus.py: deterministic, varied, with the encodings and breakage a crawled corpus has."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from kg.ingest import Skipped, read_document

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
from make_corpus import BROKEN, document, make_corpus  # noqa: E402


def files(d: Path) -> dict[str, bytes]:
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_prefix_property(tmp_path):
    subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "30", str(tmp_path / "a"), "--seed", "3"], check=True)
    make_corpus(30, tmp_path / "b", seed=3)
    make_corpus(50, tmp_path / "c", seed=3)
    make_corpus(30, tmp_path / "d", seed=4)
    a, b, c, d = (files(tmp_path / x) for x in "abcd")
    assert a == b
    assert all(c[k] == v for k, v in a.items() if k != ".manifest.tsv")  # doc i does not depend on N
    assert a != d


def test_layout_and_manifest(tmp_path):
    out = make_corpus(2100, tmp_path / "c", seed=0)
    dirs = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert dirs == ["000", "001", "002"]
    rows = [line.split("\t") for line in (out / ".manifest.tsv").read_text().splitlines()[1:]]
    assert len(rows) == 2100 and all((out / rel).is_file() for rel, _ in rows)
    enc = Counter("broken" if e.startswith("broken") else e for _, e in rows)
    # Mostly UTF-8, a real share of GB18030, some UTF-16 and BOMs, a few broken files.
    assert enc["utf-8"] > 1500 and enc["gb18030"] > 150 and enc["utf-16"] + enc["utf-16-le"] > 40 and enc["utf-8-sig"] > 30
    assert 2 <= enc["broken"] <= 30


def test_every_good_file_holds_clean_chinese_text_in_its_declared_encoding():
    kinds = set()
    for i in range(1500):
        rel, data, enc = document(0, i)
        if enc.startswith("broken"):
            kinds.add(enc)
            continue
        text = data.decode(enc)
        assert "区" in text and "\ufffd" not in text and "\x00" not in text, (rel, enc)
        assert rel.endswith(".txt")
    assert kinds  # the first 1500 include broken files


def test_broken_files_are_skipped_and_good_ones_read_with_their_encoding(tmp_path):
    out = make_corpus(1200, tmp_path / "c", seed=1)
    rows = [line.split("\t") for line in (out / ".manifest.tsv").read_text().splitlines()[1:]]
    kinds = set()
    for rel, enc in rows:
        doc = read_document(out / rel, out)
        if enc.startswith("broken"):
            assert isinstance(doc, Skipped) and doc.reason, rel
            kinds.add(enc)
        else:
            assert not isinstance(doc, Skipped), (rel, doc)
            assert doc.encoding == enc, rel
    assert len(kinds) >= 2


def test_documents_are_varied_news_about_zones():
    texts = [document(0, i)[1].decode("utf-8", "ignore") for i in range(300) if document(0, i)[2] == "utf-8"]
    zones = {m for t in texts for m in re.findall(r"[\u4e00-\u9fff]{2,8}(?:高新区|经开区|综保区)", t)}
    firms = {m for t in texts for m in re.findall(r"[\u4e00-\u9fff]{4,16}(?:股份有限公司|有限公司)", t)}
    indicators = sum(bool(re.search(r"\d+(?:\.\d+)?(?:亿元|亿美元|家|个)", t)) for t in texts)
    assert len(zones) > 100 and len(firms) > 300
    assert indicators > 0.9 * len(texts)
    assert len({t.splitlines()[0] for t in texts}) > 200  # titles differ
    lengths = sorted(len(t) for t in texts)
    assert 300 < lengths[len(lengths) // 2] < 5000 and lengths[0] < lengths[-1] / 2
    assert set(BROKEN) >= {"empty", "binary", "html", "undecodable"}
