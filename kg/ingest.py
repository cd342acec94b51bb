"""Files -> Documents: discovery, encoding detection, safe normalisation.

A bad input (binary, empty, undecodable, unreadable, a symlink loop) never
stops a build: it comes back as a :class:`SkippedInput` with its reason.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
from pathlib import Path
from typing import Iterable

from .model import Document, SkippedInput

__all__ = ["discover", "read_document", "read_documents", "normalise", "decode_bytes", "html_to_text"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 64 * 1024 * 1024  # one news page is never this big; refuse rather than exhaust memory
MAX_LINE = 200_000  # characters; a longer line is a dump or minified markup, not a page of news


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[SkippedInput]]:
    """Expand files and folders into a sorted list of candidate input files."""
    found: list[Path] = []
    skipped: list[SkippedInput] = []
    seen_dirs: set[str] = set()
    for p in paths:
        path = Path(p)
        if not os.path.lexists(path):
            skipped.append(SkippedInput(str(path), "no such file or folder"))
        elif path.is_dir():
            _walk(path, found, skipped, seen_dirs)
        elif path.is_file():
            found.append(path)
        else:
            skipped.append(SkippedInput(str(path), "not a regular file (broken link or special file)"))
    unique = sorted(set(found), key=lambda x: str(x))
    return unique, skipped


def _walk(root: Path, found: list[Path], skipped: list[SkippedInput], seen: set[str]) -> None:
    try:
        real = os.path.realpath(root)
    except OSError as exc:  # pragma: no cover - depends on the OS
        skipped.append(SkippedInput(str(root), f"cannot resolve folder: {exc}"))
        return
    if real in seen:  # symlink loops would otherwise recurse forever
        skipped.append(SkippedInput(str(root), "folder already visited (symlink loop)"))
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(SkippedInput(str(root), f"cannot list folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                _walk(path, found, skipped, seen)
            elif entry.is_file() and path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES:
                if entry.name.lower() != "readme.md":
                    found.append(path)
            elif os.path.islink(path) and not path.exists():
                skipped.append(SkippedInput(str(path), "broken symbolic link"))
            elif not entry.is_file() and path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES:
                skipped.append(SkippedInput(str(path), "not a regular file (device, pipe or socket)"))
        except OSError as exc:
            skipped.append(SkippedInput(str(path), f"cannot read: {exc.strerror or exc}"))


# BOMs first: they are unambiguous.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode news text, trying BOMs, UTF-8, UTF-16 without BOM, GB18030, Big5.

    Raises ValueError with a readable reason when the bytes are not text.
    """
    if not data.strip():
        raise ValueError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    if data[:200].count(b"\x00") > len(data[:200]) // 4:
        # Mostly-ASCII UTF-16 without a BOM: NUL in every other byte.
        head = data[:400]
        be_first = head[0::2].count(0) > head[1::2].count(0)  # "\0H" is big-endian
        for enc in ("utf-16-be", "utf-16-le") if be_first else ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise ValueError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = _decode_cjk_legacy(data)
    if not _looks_like_text(text):
        raise ValueError(f"binary or non-text content (decoded as {enc})")
    return text, enc


def _decode_cjk_legacy(data: bytes) -> tuple[str, str]:
    # GB18030 decodes almost any byte string, so each candidate is scored by
    # how many of its characters fall in that encoding's own "frequent
    # characters" block: GB2312 level 1 for simplified text, Big5's
    # 常用字 block for traditional text.  Misdecoded bytes land on rare ones.
    # UTF-16 without a BOM competes on the same score: Chinese UTF-16 has
    # no NUL bytes, so it cannot be recognised by them.
    best: tuple[float, str, str] | None = None
    encodings = ("utf-16-le", "utf-16-be", "gb18030", "big5") if len(data) % 2 == 0 else ("gb18030", "big5")
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_like_text(text):
            continue
        score = max(_frequent_share(text, "gb18030"), _frequent_share(text, "big5"))
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is None:
        raise ValueError("undecodable: not UTF-8, UTF-16, GB18030 or Big5")
    return best[1], best[2]


def _is_frequent(ch: str, enc: str) -> bool:
    try:
        b = ch.encode("gb2312" if enc == "gb18030" else "big5")
    except UnicodeEncodeError:
        return False
    if len(b) != 2:
        return False
    if enc == "gb18030":
        return 0xB0 <= b[0] <= 0xD7  # GB2312 level-1 hanzi
    return 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E  # Big5 frequently used hanzi


def _frequent_share(text: str, enc: str) -> float:
    cjk = [ch for ch in text[:4000] if ord(ch) > 0x2E80]
    if not cjk:
        return 0.0
    return sum(_is_frequent(ch, enc) for ch in cjk) / len(cjk)


def _looks_like_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0xE000 <= ord(ch) <= 0xF8FF
              or ch == "\ufffd")
    return bad / len(sample) < 0.02


# Length-preserving normalisation: NFKC would turn “，” into “,” and “（” into
# “(”, changing Chinese punctuation, and would shift offsets for ligatures.
# Only full-width ASCII letters/digits and the ideographic space are mapped.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0xA0] = 0x20
_FULLWIDTH[0xFEFF] = 0x20  # a stray BOM inside the text


def normalise(raw: str) -> str:
    """Map full-width alphanumerics to ASCII; CRLF/CR to LF-compatible forms.

    The result has exactly the length of ``raw``.
    """
    text = raw.translate(_FULLWIDTH)
    if "\r" in text:
        # "\r\n" -> " \n" and a lone "\r" -> "\n" keep every offset valid.
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return text


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"(?is)<(script|style|noscript|nav|header|footer)\b.*?</\1\s*>")
_BREAK = re.compile(r"(?i)<\s*(br|/p|/div|/h[1-6]|/li|/tr|/title)\b[^>]*>")


def html_to_text(markup: str) -> str:
    """Crude but dependable article-text extraction from a simple HTML page."""
    text = _BLOCK.sub(" ", markup)
    text = re.sub(r"(?is)<!--.*?-->", " ", text)
    text = _BREAK.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    lines = [ln.strip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file.  Raises ValueError/OSError with a reason."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    data = path.read_bytes()
    raw, enc = decode_bytes(data)
    if path.suffix.lower() in HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        raw = html_to_text(raw)
        enc += "+html"
    if not raw.strip():
        raise ValueError("no text after decoding")
    longest = max((len(line) for line in raw.split("\n")), default=0)
    if longest > MAX_LINE:
        raise ValueError(f"a single line of {longest:,} characters (over {MAX_LINE:,}): not news text")
    doc_id = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
    return Document(doc_id=doc_id, path=display or str(path), raw=raw, text=normalise(raw), encoding=enc)


def display_path(path: Path, roots: list[Path]) -> str:
    """How a file is named in the graph: relative to the folder given on the
    command line (``seeds/000.txt``), so builds do not depend on where the
    input lives on disk."""
    for root in roots:
        if root.is_dir():
            try:
                return (Path(root.name) / path.relative_to(root)).as_posix()
            except ValueError:
                continue
    return path.name


def read_documents(paths: Iterable[str | os.PathLike]) -> tuple[list[Document], list[SkippedInput]]:
    """Discover and read every input; bad files are named and skipped."""
    paths = list(paths)
    files, skipped = discover(paths)
    roots = sorted((Path(p) for p in paths), key=lambda r: -len(str(r)))  # deepest folder first
    docs: list[Document] = []
    for f in files:
        try:
            docs.append(read_document(f, display_path(f, roots)))
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            log.warning("skipped %s: %s", f, reason)
            skipped.append(SkippedInput(str(f), reason))
    return docs, skipped
