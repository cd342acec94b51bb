from pathlib import Path

import pytest

from kg.ingest import decode_bytes, normalise, read_documents

TEXT = "天元区人民法院法官在社区开展普法宣传活动，居民踊跃参加。"
TRAD = "天元區人民法院法官在社區開展普法宣傳活動，居民踴躍參加。"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TRAD.encode("big5"), "big5"),
])
def test_decode_detects_encoding(data, encoding):
    text, enc = decode_bytes(data)
    assert enc == encoding
    assert text.lstrip("\ufeff") in (TEXT, TRAD)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (bytes(range(256)) * 20, "undecodable"),
    (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 400, "binary"),
])
def test_decode_rejects_bad_bytes(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode_bytes(data)


def test_normalise_keeps_length_and_chinese_punctuation():
    raw = "ＡＢＣ１２３，（天元区）\r\n第二行\r"
    out = normalise(raw)
    assert len(out) == len(raw)
    assert out.startswith("ABC123，（天元区）")
    assert "\r" not in out


def test_bad_files_are_named_and_skipped(tmp_path: Path):
    (tmp_path / "good.txt").write_text("天元区民政局开展活动。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "gbk.txt").write_bytes("攸县人民法院开展普法宣传。".encode("gbk"))
    (tmp_path / "loop").symlink_to(tmp_path)
    docs, skipped = read_documents([tmp_path, tmp_path / "missing.txt"])
    assert sorted(Path(d.path).name for d in docs) == ["gbk.txt", "good.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "missing.txt" in reasons and "binary.txt" in reasons
    assert "symlink loop" in reasons["loop"]


def test_html_page_is_reduced_to_text(tmp_path: Path):
    page = "<html><head><script>var x=1;</script><title>t</title></head><body><p>攸县人民法院开展宣传。</p>" \
           "<nav>上一篇</nav></body></html>"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    docs, skipped = read_documents([tmp_path / "a.html"])
    assert not skipped
    assert "攸县人民法院开展宣传。" in docs[0].text
    assert "var x" not in docs[0].text and "<p>" not in docs[0].text
