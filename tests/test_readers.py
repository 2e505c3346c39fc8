import pytest

from replycli.errors import ReadError
from replycli.ingest.readers import read
from replycli.ingest.readers.text import read_text

TEXT = "对市政协十四届二次会议第 52 号提案的答复\n抚顺新钢铁获批资金 200 万元——详见附件。\n"


@pytest.mark.parametrize("encoding,label", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
    ("utf-16-be", "utf-16"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
])
def test_each_encoding_decodes_exactly(encoding, label):
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    r = read_text(data)
    assert r.text.lstrip("\ufeff") == TEXT
    assert r.encoding == label


def test_empty_file(tmp_path):
    with pytest.raises(ReadError, match="empty"):
        read(tmp_path / "a.txt", b"")


def test_binary_junk():
    with pytest.raises(ReadError, match="binary"):
        read_text(bytes(range(256)) * 4)


def test_truncated_utf8():
    data = (TEXT + "钢").encode("utf-8")[:-1]
    with pytest.raises(ReadError, match="truncated"):
        read_text(data)


def test_undecodable_bytes_are_not_mojibake():
    import random

    rnd = random.Random(7)
    junk = bytes(rnd.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(ReadError):
        read_text(junk)


def test_extension_lies_about_format(tmp_path):
    with pytest.raises(ReadError, match="not a valid pdf"):
        read(tmp_path / "x.pdf", "这不是PDF".encode())
