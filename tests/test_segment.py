"""kg.extract.segment.cut_block must give exactly jieba's tokens: the finders' rules were
written against jieba's segmentation, so any difference would silently change names."""

import random
from pathlib import Path

import pytest

from kg.extract import lexicon as L
from kg.extract.segment import cut_block

DOCS = Path(__file__).parent / "docs"

# Sentences written for this test: unknown company names (the HMM joins their
# characters), Latin letters and digits inside a block, punctuation and spaces (the
# fallback to jieba), a park name jieba's user dictionary knows in part.
OWN = [
    "拓青科技与汇尔杰新材料签约落户临江高新区智能装备产业园",
    "园区企业瑞泽恩生物、星璨光电等12家企业入驻",
    "ABB机器人超级工厂年产10万台，投资15.5亿元",
    "甲乙丙丁戊己庚辛壬癸",
    "按照“放管服”改革要求，推行“标准地+承诺制”",
    "宁德时代（CATL）、比亚迪 等头部企业",
    "南昌经开区VR产业基地·一期",
    "5G+工业互联网融合应用先导区",
    "高新区管委会主任张三丰表示",
    "的的的的",
    "区",
    "",
]


def _windows(text: str, rnd: random.Random, k: int) -> list[str]:
    out = []
    for _ in range(k):
        a = rnd.randrange(len(text))
        out.append(text[a : a + rnd.randint(1, 30)])
    return out


def test_own_sentences_and_every_window_of_them():
    tk = L.tokenizer()
    for s in OWN:
        for a in range(len(s)):
            for b in range(a + 1, min(len(s), a + 24) + 1):
                assert cut_block(s[a:b], tk) == list(tk.cut(s[a:b], HMM=True)), s[a:b]
        assert cut_block(s, tk) == list(tk.cut(s, HMM=True)), s


@pytest.mark.parametrize("seed", [0, 1])
def test_random_windows_of_the_test_documents(seed):
    tk = L.tokenizer()
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))]
    assert len(texts) >= 100
    wins = [w for t in texts if t for w in _windows(t, rnd, 40)]
    diffs = [w for w in wins if cut_block(w, tk) != list(tk.cut(w, HMM=True))]
    assert not diffs, diffs[:5]


def test_hmm_joins_unknown_characters():
    """The route leaves an unknown name as single characters; the HMM must join some of
    them (else the test above would be comparing two programs that skip the HMM)."""
    tk = L.tokenizer()
    toks = cut_block("瑞泽恩生物", tk)
    assert toks == list(tk.cut("瑞泽恩生物", HMM=True))
    assert toks != list(tk.cut("瑞泽恩生物", HMM=False))


def test_equal_scores_take_the_longer_word(tmp_path):
    """甲乙|丙 and 甲|乙丙 score exactly the same (the same two frequencies, added in either
    order): jieba then takes the route whose first word is longer."""
    import jieba

    d = tmp_path / "dict.txt"
    d.write_text("甲 3\n丙 3\n甲乙 7\n乙丙 7\n", encoding="utf-8")
    tk = jieba.Tokenizer(dictionary=str(d))
    tk.tmp_dir = str(tmp_path)
    tk.initialize()
    assert list(tk.cut("甲乙丙", HMM=True)) == ["甲乙", "丙"]
    assert cut_block("甲乙丙", tk) == ["甲乙", "丙"]


def _plain(words):
    import re

    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_words_regex_takes_the_longest_word_at_each_place():
    words = ["产业", "产业园", "产业园区", "园区", "新材料", "材料", "a-b", "园"]
    rx = L.words_regex(words)
    text = "新材料产业园区和产业园、材料产业与园区，a-b园"
    spans = [(m.start(), m.end()) for m in rx.finditer(text)]
    # by hand: 新材料 | 产业园区 | 产业园 | 材料 | 产业 | 园区 | a-b | 园
    assert [text[a:b] for a, b in spans] == ["新材料", "产业园区", "产业园", "材料", "产业", "园区", "a-b", "园"]
    assert spans == [(m.start(), m.end()) for m in _plain(words).finditer(text)]


@pytest.mark.parametrize("vocab", ["industries", "known_enterprises"])
def test_words_regex_matches_the_plain_alternation_on_the_test_documents(vocab):
    words = getattr(L, vocab)()
    fast, plain = L.words_regex(words), _plain(words)
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))]
    n = 0
    for t in texts:
        got = [(m.start(), m.end()) for m in fast.finditer(t)]
        assert got == [(m.start(), m.end()) for m in plain.finditer(t)]
        n += len(got)
    assert n > 200  # the documents do name such words


def test_an_uninitialised_tokenizer_loads_its_dictionary_first(tmp_path):
    import jieba

    d = tmp_path / "dict.txt"
    d.write_text("高新区 9\n产业园 9\n", encoding="utf-8")
    tk = jieba.Tokenizer(dictionary=str(d))
    tk.tmp_dir = str(tmp_path)
    assert cut_block("高新区产业园", tk) == ["高新区", "产业园"]
