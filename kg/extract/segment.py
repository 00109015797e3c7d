"""jieba's segmentation of one short fragment, computed faster with the same tokens.

The name finders segment many short left-context windows (a clause's last 14-24
characters). For those, `Tokenizer.cut` spends much of its time in its layers of
generators and in re-running the HMM on the same unknown runs (a new company's name
sits in several windows of its sentence). `cut_block` runs the same three steps in
one function: the dictionary DAG, the maximum-probability route (the same float
arithmetic, the same tie-break), then the HMM (`jieba.finalseg`) on runs of single
characters that are not a word, memoised by run. It returns exactly the tokens of
`tokenizer.cut(text, HMM=True)` (tests/test_segment.py compares them on many windows)
and about half the time on the windows the finders cut.
"""

from __future__ import annotations

from functools import lru_cache
from math import log

import jieba
from jieba import finalseg

# jieba's own pattern for the blocks it segments with the dictionary; text that is
# not one such block (punctuation, spaces, other scripts) goes to jieba itself.
_BLOCK = jieba.re_han_default


def cut_block(text: str, tk: jieba.Tokenizer) -> list[str]:
    """The tokens `tk.cut(text, HMM=True)` yields."""
    if not text or _BLOCK.fullmatch(text) is None:
        return list(tk.cut(text, HMM=True))
    tk.check_initialized()  # (as Tokenizer.get_DAG does: the dictionary loads on first use)
    freq = tk.FREQ
    logtotal = log(tk.total)
    n = len(text)
    score = [0.0] * (n + 1)
    nxt = list(range(n + 1))
    # Tokenizer.get_DAG and Tokenizer.calc in one right-to-left pass: the route at idx
    # needs the routes to its right only. jieba takes max((score, x)): the highest
    # score, and of equal scores the longest word; `>=` over increasing x does the same.
    for idx in range(n - 1, -1, -1):
        best = None
        bx = idx
        i = idx
        frag = text[idx]
        while i < n and frag in freq:
            f = freq[frag]
            if f:
                sc = log(f) - logtotal + score[i + 1]
                if best is None or sc >= best:
                    best, bx = sc, i
            i += 1
            frag = text[idx : i + 1]
        if best is None:  # no word starts here: the character alone, jieba's log(FREQ.get(c) or 1) = 0
            best = -logtotal + score[idx + 1]
        score[idx] = best
        nxt[idx] = bx
    # Tokenizer.__cut_DAG: single characters gather into a run; a run that is not a word
    # goes to the HMM, which may join some of them into words it has not seen
    out: list[str] = []
    x = 0
    buf = ""
    while x < n:
        y = nxt[x] + 1
        if y - x == 1:
            buf += text[x]
        else:
            if buf:
                _flush(buf, freq, out)
                buf = ""
            out.append(text[x:y])
        x = y
    if buf:
        _flush(buf, freq, out)
    return out


def _flush(buf: str, freq: dict[str, int], out: list[str]) -> None:
    if len(buf) == 1:
        out.append(buf)
    elif not freq.get(buf):
        out.extend(_hmm(buf))
    else:
        out.extend(buf)


@lru_cache(maxsize=16_384)
def _hmm(run: str) -> tuple[str, ...]:
    """finalseg's cut of a run of single characters (pure: the same run, the same words)."""
    return tuple(finalseg.cut(run))
