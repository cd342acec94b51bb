"""One text -> mentions with their canonical entity names, for ``kg extract``.

This is the extraction stage plus the parts of resolution that need nothing
but the text itself: places are linked to the division table in the context
of the other places named, and organisations get their canonical name
(西湖区法院 -> 西湖区人民法院).  Nothing is reloaded per call.
"""

from __future__ import annotations

from .extract import ExtractorResources, extract_mentions
from .resolve import canonical_org, place_context

__all__ = ["annotate"]


def annotate(text: str, res: ExtractorResources) -> list[dict]:
    """``[{"start", "end", "text", "type", "entity"}]`` with ``entity`` a canonical name or None."""
    mentions = extract_mentions(text, res)
    ctx = place_context(mentions, res.gazetteer)
    rows = []
    for m in mentions:
        entity = None
        if m.type == "Place":
            d = res.gazetteer.resolve(m.text, ctx.codes)
            entity = d.name if d else None
        elif m.type == "Organization":
            org = canonical_org(m.text, res.lexicon, ctx, res.gazetteer)
            entity = org.label if org.label != m.text or org.place is not None else None
        elif m.type == "Program":
            known = res.known.get(m.text)
            entity = known[3] if known is not None and known[1] == "Program" else None
        rows.append({"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": entity})
    return rows
