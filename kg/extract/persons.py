"""Personal names: after a role word, before a speech verb, and in bylines.

Names are 2-3 characters (3-4 with a compound surname) opening with a
surname from ``ontology/surnames.tsv``.  Every later occurrence of a name
found once in the text is a mention too (曾友庆 … 曾友庆).  References such as
刘某, 周阿姨 and 刘先生 are not names.
"""

from __future__ import annotations

from .names import Candidate, Context
from .resources import ExtractorResources

__all__ = ["person_names", "is_name"]

_NAME_TAGS = frozenset({"x", "nr", "nrfg", "nrt", "nz"})
_STOP_CHARS = set("的了在是和与及等说到从向对为将被把也都又就还")


def is_name(name: str, res: ExtractorResources) -> bool:
    """Shape test for a personal name."""
    if not 2 <= len(name) <= 4 or any(not ("\u4e00" <= ch <= "\u9fff") for ch in name):
        return False
    if name[:2] in res.compound_surnames:
        given = name[2:]
    elif name[0] in res.surnames:
        given = name[1:]
    else:
        return False
    if not 1 <= len(given) <= 2 or any(ch in _STOP_CHARS for ch in given):
        return False
    if name.endswith(res.honorifics) or name in res.roles or name in res.generic:
        return False
    return True


def _name_after(ctx: Context, i: int, res: ExtractorResources) -> tuple[int, int] | None:
    """A name made of the tokens starting at token i (2-3 characters)."""
    toks = ctx.tokens
    if i >= len(toks):
        return None
    start = toks[i].start
    best = None
    end = start
    for n, t in enumerate(toks[i:i + 3]):
        end = t.end
        if end - start > 3:
            break
        # A dictionary word is not a name: “居民宣传” is not 宣传, “向毒品” is not a person.
        if t.tag not in _NAME_TAGS and len(t.word) >= 2:
            break
        if end - start >= 2 and is_name(ctx.text[start:end], res):
            best = (start, end)
    return best


def person_names(ctx: Context, res: ExtractorResources, byline_spans: tuple[tuple[int, int], ...] = ()
                 ) -> list[Candidate]:
    text = ctx.text
    found: list[Candidate] = []
    for s, e in byline_spans:
        found.append(Candidate(s, e, "Person", "", "byline", 6))
    for i, t in enumerate(ctx.tokens):
        # 法官张水松, 网格员熊玲, 副中队长傅正军
        if t.word in res.roles:
            span = _name_after(ctx, i + 1, res)
            if span and not text.startswith(tuple(res.honorifics), span[1]):
                found.append(Candidate(span[0], span[1], "Person", "", "role-name", 2))
        # 黄翠君说 / 黄翠君介绍
        if t.word in res.speech and i > 0:
            for back in (1, 2):
                if i - back < 0:
                    break
                s0 = ctx.tokens[i - back].start
                if (t.start - s0 in (2, 3) and is_name(text[s0:t.start], res)
                        and all(x.tag in _NAME_TAGS or len(x.word) == 1 for x in ctx.tokens[i - back:i])):
                    found.append(Candidate(s0, t.start, "Person", "", "name-speech", 2))
                    break
        # Well-known three-character names carried by the dictionary as nr (习近平).
        if t.tag == "nr" and len(t.word) == 3 and is_name(t.word, res):
            found.append(Candidate(t.start, t.end, "Person", "", "dict-nr", 1))
    # Propagate: every occurrence of a name found once is a mention.
    names = {text[c.start:c.end] for c in found}
    seen = {(c.start, c.end) for c in found}
    for name in names:
        at = text.find(name)
        while at >= 0:
            if (at, at + len(name)) not in seen:
                found.append(Candidate(at, at + len(name), "Person", "", "propagated", 0))
            at = text.find(name, at + len(name))
    return found
