"""Page -> Articles: headlines, bylines, captions, navigation, page breaks.

A newspaper page holds several articles.  Each one opens with a headline
group (one to three short lines) followed by a byline, either standalone
(``成都日报全媒体记者/王晓东 通讯员/李明``) or leading the first paragraph
(``本报讯(记者 李卉 通讯员 陈琳)…``).  The layout vocabulary is data in
``ontology/segment.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .model import Byline, Document, SourceSpan

__all__ = ["WordOracle", "Paragraph", "RawArticle", "split_paragraphs", "parse_byline", "segment_document", "Layout"]

HEADING_MAX = 40  # longer lines are body text even without final punctuation
CAPTION_MAX = 60  # photo descriptions in the lead zone are shorter than this
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class Layout:
    """Compiled layout vocabulary from ``segment.tsv``."""

    nav: frozenset[str]
    bullets: str
    caption_prefix: tuple[str, ...]
    caption_suffix: re.Pattern
    photo_byline: tuple[str, ...]
    terminal: frozenset[str]
    byline_unit: re.Pattern
    byline_full: re.Pattern
    byline_lead: re.Pattern
    outlet_sep: tuple[str, ...]

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> "Layout":
        roles = sorted(lex.values("segment", "byline_role"), key=len, reverse=True)
        role_re = "|".join(map(re.escape, roles))
        photo = "|".join(map(re.escape, lex.values("segment", "photo_byline")))
        seps = "".join(map(re.escape, lex.values("segment", "outlet_sep")))
        # A name is 2-4 Han characters that are not themselves a credit word:
        # “王晓东 通讯员/李明” has two units, not the names 王晓东 and 通讯员.
        one = rf"(?!(?:{role_re}))[{_HAN}]{{2,4}}(?![{_HAN}])"
        names = rf"{one}(?:[ \u3000、，,]+{one})*"
        unit = rf"(?P<outlet>[{_HAN}{seps}]{{2,16}}?)?(?P<role>{role_re})[ \u3000]*[/／:：]?[ \u3000]*(?P<names>{names})"
        leads = "|".join(map(re.escape, sorted(lex.values("segment", "byline_lead"), key=len, reverse=True)))
        return cls(
            nav=frozenset(lex.values("segment", "nav")),
            bullets="".join(lex.values("segment", "bullet")),
            caption_prefix=lex.values("segment", "caption_prefix"),
            caption_suffix=re.compile(
                "(?:" + "|".join(map(re.escape, lex.values("segment", "caption_suffix"))) + r")[。.)）\s]*$"
            ),
            photo_byline=lex.values("segment", "photo_byline"),
            terminal=frozenset(lex.values("segment", "terminal")),
            byline_unit=re.compile(unit),
            byline_full=re.compile(rf"^(?:(?:{photo})[ \u3000]*)?(?:{unit}[ \u3000]*)+$".replace("(?P<outlet>", "(?:")
                                   .replace("(?P<role>", "(?:").replace("(?P<names>", "(?:")),
            byline_lead=re.compile(rf"^(?:{leads})?[(（](?P<inner>[^()（）]{{2,60}})[)）]"),
            outlet_sep=tuple(lex.values("segment", "outlet_sep")),
        )


@dataclass
class Paragraph:
    """A non-empty line of the page with its document offsets."""

    start: int
    end: int
    text: str
    kind: str = "body"  # body, heading, byline, caption, nav
    level: int = 0  # markdown heading level, 0 if none
    bylines: list[tuple[str | None, str, str, int, int]] = field(default_factory=list)


@dataclass
class RawArticle:
    """An article before ids are assigned: doc spans of its parts."""

    doc: Document
    title_paras: list[Paragraph]
    byline_para: Paragraph | None
    pieces: list[list[tuple[int, int]]] = field(default_factory=list)  # each piece: joined doc spans
    bylines: list[tuple[str | None, str, str, int, int]] = field(default_factory=list)  # doc offsets
    photo: bool = False


def split_paragraphs(text: str, layout: Layout) -> list[Paragraph]:
    """One paragraph per non-empty line; bullets and markdown marks stripped."""
    paras: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = start
        level = 0
        while s < end and (text[s].isspace() or text[s] in layout.bullets):
            s += 1
        m = re.match(r"#{1,6}[ \t]+", text[s:end])
        if m:
            level = len(m.group(0).strip())
            s += m.end()
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            paras.append(Paragraph(s, e, text[s:e], level=level))
    return paras


def parse_byline(text: str, layout: Layout) -> list[tuple[str | None, str, str, int, int]]:
    """Credits in a byline string: (outlet, role, name, start, end) per name."""
    out = []
    for m in layout.byline_unit.finditer(text):
        outlet = m.group("outlet")
        if outlet:
            for sep in layout.outlet_sep:
                outlet = outlet.split(sep)[0]
            for photo in layout.photo_byline:
                outlet = outlet.replace(photo, "")
            outlet = outlet or None
        for nm in re.finditer(rf"[{_HAN}]{{2,4}}", m.group("names")):  # the regex already excluded roles
            out.append((outlet, m.group("role"), nm.group(0), m.start("names") + nm.start(), m.start("names") + nm.end()))
    return out


def _classify(p: Paragraph, layout: Layout) -> None:
    t = p.text
    if t in layout.nav:
        p.kind = "nav"
    elif t.startswith(layout.caption_prefix) or layout.caption_suffix.search(t):
        p.kind = "caption"
    elif len(t) <= 80 and layout.byline_full.match(t):
        p.kind = "byline"
        p.bylines = [(o, r, n, p.start + s, p.start + e) for o, r, n, s, e in parse_byline(t, layout)]
    elif p.level or _heading_shape(t, layout):
        p.kind = "heading"
    else:
        m = layout.byline_lead.match(t)
        if m and parse_byline(m.group("inner"), layout):
            off = p.start + m.start("inner")
            p.bylines = [(o, r, n, off + s, off + e) for o, r, n, s, e in parse_byline(m.group("inner"), layout)]


def _heading_shape(t: str, layout: Layout) -> bool:
    """Short, no sentence end, and no trailing fragment after a comma.

    “坚持党建引领,措施上更有力度” is a heading; “高速交警赶到现场时,发”
    is a line cut by a page break (its last clause is one character).
    """
    if len(t) > HEADING_MAX or "。" in t or t[-1] in layout.terminal and t[-1] not in "”」』)）":
        return False
    last_clause = re.split(r"[，,、]", t)[-1]
    return len(last_clause) >= 4 or last_clause == t


def _crosses_word(tail: str, head: str, words: "WordOracle") -> bool:
    """True if a dictionary word spans the join: “过” + “程。” -> 过程.

    The head side must break at one of the head's own word boundaries:
    “百家” + “常德会战” would make 家常, but 常德 is a word of the head, so
    the join is not a continuation.  The tail side is cut by the page break
    and is not checked.
    """
    cuts, at = set(), 0
    for w in words.cut(head[:6]):
        at += len(w)
        cuts.add(at)
    for k in range(1, min(3, len(tail)) + 1):
        for j in (1, 2, 3):
            if j in cuts and j <= len(head) and words.is_word(tail[-k:] + head[:j]):
                return True
    return False


class WordOracle:
    """Dictionary look-ups the page-break repair needs, over a jieba tokenizer."""

    def __init__(self, tokenizer):
        self._tok = tokenizer
        self._tok.check_initialized()

    def is_word(self, w: str) -> bool:
        return self._tok.FREQ.get(w, 0) > 0

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text, HMM=False)


def segment_document(doc: Document, layout: Layout, words: WordOracle) -> list[RawArticle]:
    """Cut one page into raw articles (see module docstring)."""
    paras = split_paragraphs(doc.text, layout)
    for p in paras:
        _classify(p, layout)
    # A short comma line without final punctuation is a heading unless a
    # word runs across into the next line (a print page break): “曾经邻” + “里沟通”.
    for i, p in enumerate(paras):
        if p.kind == "heading" and not p.level and re.search(r"[，,]", p.text):
            nxt = next((q for q in paras[i + 1:] if q.kind == "body"), None)
            if nxt is not None and _crosses_word(p.text, nxt.text, words):
                p.kind = "body"

    starts = _article_starts(paras, layout.photo_byline)
    articles: list[RawArticle] = []
    owner: dict[int, RawArticle] = {}
    for n, (first, byline_idx) in enumerate(starts):
        title = [p for p in paras[first:byline_idx if byline_idx is not None else first + 1] if p.kind == "heading"]
        bp = paras[byline_idx] if byline_idx is not None and paras[byline_idx].kind == "byline" else None
        art = RawArticle(doc, title, bp)
        if byline_idx is not None:
            art.bylines = list(paras[byline_idx].bylines)
            art.photo = any(paras[byline_idx].text.startswith(ph) for ph in layout.photo_byline)
        articles.append(art)
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paras)
        for i in range(first, end):
            owner[i] = art
        if art.photo:
            # Photo descriptions printed around the byline, before the first
            # real paragraph: “交警检查路上车辆。”
            for i in range(first, end):
                if paras[i].kind != "body" or paras[i].bylines:
                    continue
                if len(paras[i].text) > CAPTION_MAX:
                    break
                paras[i].kind = "caption"
    _assemble(paras, owner, articles, layout, words)
    return [a for a in articles if a.pieces or a.title_paras]


def _article_starts(paras: list[Paragraph], photo_marks: tuple[str, ...]) -> list[tuple[int, int | None]]:
    """(first paragraph, byline paragraph) of each article, in page order."""
    starts: list[tuple[int, int | None]] = []
    for i, p in enumerate(paras):
        if not p.bylines:
            continue
        first = i
        j = i - 1
        taken = 0
        photo = p.kind == "byline" and p.text.startswith(photo_marks)
        while j >= 0 and taken < 3:
            q = paras[j]
            if q.kind == "body" and photo and len(q.text) <= CAPTION_MAX and not q.bylines:
                q.kind = "caption"  # photo description printed above a 图/文 byline
            if q.kind not in ("heading", "caption", "nav"):
                break
            if q.kind == "heading":
                first = j
                taken += 1
            j -= 1
        if starts and first <= starts[-1][0]:
            first = max(i, starts[-1][0] + 1)
        starts.append((first, i))
    if not starts or starts[0][0] > 0:
        # Text before the first byline (or a page with none) is its own article.
        if any(p.kind in ("body", "heading") for p in paras[: starts[0][0] if starts else len(paras)]):
            starts.insert(0, (0, None))
    return starts


def _assemble(paras, owner, articles, layout: Layout, words) -> None:
    """Place body paragraphs, rejoining print page breaks across columns."""
    dangling: list[tuple[RawArticle, list[tuple[int, int]], str]] = []
    current: RawArticle | None = None
    last_body: tuple[RawArticle, list[tuple[int, int]]] | None = None
    started: set[int] = set()
    for i, p in enumerate(paras):
        art = owner.get(i)
        if art is not None and id(art) not in started:
            started.add(id(art))
            current = art
            last_body = None
        if p.kind in ("nav", "caption", "byline") or art is None:
            continue
        if p in art.title_paras:
            continue
        target = None
        if p.kind == "body" and dangling and not p.bylines:
            immediate = last_body is not None and dangling[-1][1] is last_body[1]
            crossing = [d for d in dangling if _crosses_word(d[2], p.text, words)]
            if immediate and last_body is not None and (not crossing or crossing[-1][1] is last_body[1]):
                target = dangling[-1]
            elif crossing:
                target = crossing[-1]
            elif immediate:
                target = dangling[-1]
        if target is not None:
            dangling.remove(target)
            tart, piece, _ = target
            piece.append((p.start, p.end))
            current = tart
            last_body = (tart, piece)
            if p.text[-1] not in layout.terminal:
                dangling.append((tart, piece, p.text))
            continue
        piece = [(p.start, p.end)]
        (current or art).pieces.append(piece)
        if p.kind == "heading":
            last_body = None
            continue
        last_body = (current or art, piece)
        if p.text[-1] not in layout.terminal:
            dangling.append((current or art, piece, p.text))
    # A heading left at the very end of an article has no text under it.
    for a in articles:
        while a.pieces and len(a.pieces[-1]) == 1 and _is_heading_span(paras, a.pieces[-1][0]):
            a.pieces.pop()


def _is_heading_span(paras: list[Paragraph], span: tuple[int, int]) -> bool:
    return any(p.start == span[0] and p.kind == "heading" for p in paras)


class _TextBuilder:
    """Concatenate document spans into article text, recording the mapping."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.parts: list[str] = []
        self.spans: list[SourceSpan] = []
        self.length = 0

    def add_span(self, start: int, end: int) -> int:
        at = self.length
        self.parts.append(self.doc.text[start:end])
        self.spans.append(SourceSpan(at, start, end - start))
        self.length += end - start
        return at

    def add_sep(self, sep: str) -> None:
        self.parts.append(sep)
        self.length += len(sep)

    def text(self) -> str:
        return "".join(self.parts)


def to_article_parts(raw: RawArticle) -> tuple[str, str, int, tuple[Byline, ...], tuple[SourceSpan, ...]]:
    """(title, text, body_start, bylines, spans) of a raw article.

    Text layout: headline pieces joined by a space, a newline, the byline
    line when standalone, a blank line, then paragraphs separated by blank
    lines.  A rejoined page break concatenates its pieces with nothing between.
    """
    b = _TextBuilder(raw.doc)
    for k, p in enumerate(raw.title_paras):
        if k:
            b.add_sep(" ")
        b.add_span(p.start, p.end)
    title = b.text()
    byline_map: dict[int, int] = {}  # doc offset -> article offset of byline paragraph
    if raw.byline_para is not None:
        if b.length:
            b.add_sep("\n")
        at = b.add_span(raw.byline_para.start, raw.byline_para.end)
        byline_map[raw.byline_para.start] = at
    body_start = b.length + (2 if b.length else 0)
    for piece in raw.pieces:
        if b.length:
            b.add_sep("\n\n")
        for s, e in piece:
            b.add_span(s, e)
    text = b.text()
    spans = tuple(b.spans)
    bylines = []
    for outlet, role, name, ds, de in raw.bylines:
        for sp in spans:
            if sp.doc_start <= ds and de <= sp.doc_start + sp.length:
                a = sp.art_start + ds - sp.doc_start
                bylines.append(Byline(name=name, role=role, outlet=outlet, start=a, end=a + de - ds))
                break
    if not title:
        first_line = text[body_start:].split("\n", 1)[0]
        title = first_line[:30]
    return title, text, min(body_start, len(text)), tuple(bylines), spans
