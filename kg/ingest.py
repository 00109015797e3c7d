"""Files -> Documents: find input files, detect their encoding, refuse what is not Chinese text.

Every refusal is a `Skipped(path, reason)` naming the file and the problem; the
caller decides whether a skip is fatal (--strict) or only reported.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
MAX_BYTES = 20 * 1024 * 1024  # a news article or work report is far below this
_HTML = re.compile(rb"^\s*(<!doctype html|<html|<\?xml)", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


class InputError(Exception):
    """No readable document at all in what the user named."""


def find_files(
    paths: Iterable[str | Path], on_duplicate: Callable[[Path, Path], None] | None = None
) -> Iterator[tuple[Path, Path | None]]:
    """(file, root) for the files under the given paths, sorted; root is None for a file named directly.

    Directories are walked recursively and lazily (one directory listing in memory at a
    time, not the whole tree); hidden files and folders are skipped. A document's id drops
    the suffix (`doc_id_for`), so `a.txt` and `a.md` in one folder would be one document:
    only the first is yielded, and `on_duplicate(file, first)` is told about the other.
    """
    for p in map(Path, paths):
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                first_of: dict[str, Path] = {}  # this folder's ids so far
                for name in sorted(filenames):
                    if not name.startswith("."):
                        f = Path(dirpath, name)
                        if f.is_file():
                            first = first_of.setdefault(f.stem, f)
                            if first is not f:
                                if on_duplicate is not None:
                                    on_duplicate(f, first)
                                continue
                            yield f, p
        elif p.is_file():
            yield p, None
        else:
            raise InputError(f"{p}: no such file or directory")


def duplicate_skipped(path: Path, first: Path) -> Skipped:
    """How a file whose document id another file in its folder already has is reported."""
    return Skipped(str(path), f"same document id as {first.name} in the same folder (the id drops the suffix); rename one")


def _plausibility(text: str) -> float:
    """Share of characters that Chinese prose is made of: CJK, CJK punctuation, full-width forms, printable ASCII."""
    sample = text[:4000]
    if not sample:
        return 0.0
    ok = 0
    for c in sample:
        o = ord(c)
        if (
            0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x20 <= o < 0x7F
            or c in "\n\r\t\u2014\u2026\u201c\u201d\u2018\u2019\u00b7\u25a0\u25ba\u25b6"
        ):
            ok += 1
    return ok / len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Decode Chinese text, detecting the encoding rather than assuming it.

    Order: a BOM if present; strict UTF-8; else whichever of UTF-16 (LE/BE, no BOM)
    and GB18030 (a superset of GBK/GB2312) decodes strictly into the most
    plausible Chinese text. Returns (text, encoding); raises ValueError with the
    reason when nothing fits.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise ValueError(f"starts with a {enc} byte-order mark but does not decode as {enc} (offset {e.start})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be", "gb18030"):
        if enc.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] >= 0.9:
        return best[1], best[2]
    if b"\x00" in data[:8192]:
        raise ValueError("binary data (NUL bytes), not text")
    raise ValueError("not UTF-8, UTF-16 or GB18030 text (no encoding gives readable Chinese)")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return "\x00" in sample or controls > len(sample) * 0.02


def doc_date(text: str) -> str | None:
    """The document's date if a dated line states one (report sign-off, 本报…讯): the last full date."""
    dates = _DATE.findall(text)
    if not dates:
        return None
    y, m, d = dates[-1]
    if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
        return f"{y}-{int(m):02d}-{int(d):02d}"
    return None


def read_document(path: Path, root: Path | None = None) -> Document | Skipped:
    """Read one file into a Document, or say why it cannot be one."""
    name = str(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return Skipped(name, f"not a text file (suffix {path.suffix})")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Skipped(name, f"too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as e:
        return Skipped(name, f"unreadable: {e.strerror or e}")
    if not data.strip():
        return Skipped(name, "empty file")
    if _HTML.match(data):
        return Skipped(name, "HTML/XML markup, not plain text (extract the article text first)")
    try:
        text, enc = decode(data)
    except ValueError as e:
        return Skipped(name, str(e))
    if _looks_binary(text):
        return Skipped(name, "binary data, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CJK.search(text):
        return Skipped(name, "no Chinese text")
    return Document(
        doc_id=doc_id_for(path, root),
        text=text,
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=enc,
        title=_title(text),
        date=doc_date(text),
    )


def doc_id_for(path: Path, root: Path | None) -> str:
    """A document's id: its path below the directory given, without suffix (the file stem if named directly)."""
    return path.stem if root is None else path.relative_to(root).with_suffix("").as_posix()


def _title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:100]
    return ""
