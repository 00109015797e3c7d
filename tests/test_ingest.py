"""Reading files: encodings detected (not assumed), bad input refused by name and reason."""

import codecs

import pytest

from kg import ingest
from kg.ingest import Skipped, decode, doc_date, read_document

TEXT = "佛山高新区2020年实现工业总产值4191.83亿元，增长2.99%。"


@pytest.mark.parametrize(
    "encoded,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_detects_encoding(encoded, encoding):
    text, enc = decode(encoded)
    assert text.lstrip("\ufeff") == TEXT
    assert enc == encoding


def test_gb18030_is_not_mistaken_for_utf8():
    # GBK bytes for 高新区 are not valid UTF-8, so UTF-8 must be rejected, not "replaced".
    data = "高新区".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == ("高新区", "gb18030")


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_reads_gb18030_file(tmp_path):
    doc = read_document(_write(tmp_path, "a.txt", TEXT.encode("gb18030")))
    assert not isinstance(doc, Skipped)
    assert doc.text == TEXT and doc.encoding == "gb18030" and doc.doc_id == "a"
    assert len(doc.sha256) == 64


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("bin.txt", bytes(range(256)) * 8, "binary"),
        ("page.txt", b"<!DOCTYPE html><html><body>\xe9\xab\x98\xe6\x96\xb0\xe5\x8c\xba</body></html>", "HTML"),
        ("latin.txt", b"hello world, no Chinese here", "no Chinese"),
        ("image.png", b"\x89PNG\r\n", "not a text file"),
    ],
)
def test_bad_files_are_skipped_with_reason(tmp_path, name, data, reason):
    res = read_document(_write(tmp_path, name, data))
    assert isinstance(res, Skipped)
    assert res.path.endswith(name)
    assert reason in res.reason


def test_enormous_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    res = read_document(_write(tmp_path, "big.txt", TEXT.encode() * 10))
    assert isinstance(res, Skipped) and "too large" in res.reason


def test_undecodable_bytes_are_reported(tmp_path):
    # 0xFF is invalid in UTF-8 and as a GB18030 lead byte.
    res = read_document(_write(tmp_path, "bad.txt", "高新区".encode() + b"\xff\xff\xff"))
    assert isinstance(res, Skipped) and "not UTF-8, UTF-16 or GB18030" in res.reason


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(ingest.InputError, match="no such file"):
        list(ingest.find_files([tmp_path / "nope"]))


def test_doc_ids_keep_subdirectories(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _write(tmp_path / "a", "x.txt", TEXT.encode())
    _write(tmp_path / "b", "x.txt", TEXT.encode())
    _write(tmp_path, ".hidden.txt", TEXT.encode())
    ids = [read_document(f, root).doc_id for f, root in ingest.find_files([tmp_path])]
    assert ids == ["a/x", "b/x"]


def test_doc_date_takes_the_last_full_date():
    assert doc_date("2021年工作总结\n……\n海口国家高新区管委会\n2021年12月22日") == "2021-12-22"
    assert doc_date("2021年，园区税收增长") is None
    assert doc_date("2021年13月40日") is None
