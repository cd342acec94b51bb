"""Text -> typed mentions with character offsets.

Each rule family proposes :class:`Candidate` spans; :func:`select` keeps a
flat, non-overlapping set, preferring longer spans and then stronger rules
(a 《document》 over the names inside it, 武侯区民政局 over 武侯区).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Mention
from .bodies import (
    country_bodies,
    dictionary_bodies,
    pattern_names,
    prefixed_bodies,
    suffix_names,
)
from .body_edges import coordinated_bodies, mission_bodies
from .facilities import facility_names, without_facility_bodies
from .foreign_bodies import foreign_firms
from .names import Candidate, Context, known_names
from .numbered import numbered_schools, state_groups
from .persons import person_names
from .places import (
    abbreviated_places,
    echoed_countries,
    place_names,
    without_place_terms,
    without_split_runs,
)
from .quotes import document_titles, quoted_names, session_events
from .resources import ExtractorResources, load_resources
from .teams import club_teams

__all__ = ["ExtractorResources", "extract_mentions", "load_resources", "select"]


def _select_order(c: Candidate) -> tuple[int, int, int, str, str, str]:
    # Every field takes part in the order, so ties never depend on the order rules
    # produced candidates in (set iteration differs between processes).
    return -(c.end - c.start), -c.priority, c.start, c.type, c.subtype, c.rule


def _span(c: Candidate) -> tuple[int, int]:
    return c.start, c.end


def select(cands: Iterable[Candidate]) -> list[Candidate]:
    """Greedy longest-first, priority-second choice of non-overlapping spans."""
    ordered = list(cands)
    if len(ordered) <= 1:
        return ordered  # none or one (a short text, often): nothing to sort or to overlap
    taken: list[Candidate] = []
    used = bytearray()
    ordered.sort(key=_select_order)
    for c in ordered:
        if c.end > len(used):
            used.extend(b"\0" * (c.end - len(used)))
        if any(used[c.start:c.end]):
            continue
        used[c.start:c.end] = b"\1" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=_span)


def extract_mentions(text: str, res: ExtractorResources, article_id: str = "",
                     bylines: tuple[tuple[int, int], ...] = ()) -> list[Mention]:
    """All mentions in ``text``; ``bylines`` are name spans already known from the byline."""
    if not text.strip():
        return []
    ctx = Context.build(text, res)
    known = known_names(ctx, res)
    places = [c for c in known if c.type == "Place"] + place_names(ctx, res, known)
    orgs_known = [c for c in known if c.type == "Organization"] + dictionary_bodies(ctx, res) + state_groups(ctx)
    bodies = orgs_known + suffix_names(ctx, res, places, orgs_known)
    bodies += country_bodies(ctx, res, places, orgs_known)
    # one list extended in place: a chain of + made a new list at each step (a cost per text)
    cands = known + places
    cands += bodies
    cands += prefixed_bodies(ctx, res, bodies)
    cands += mission_bodies(ctx, res, bodies)
    cands += coordinated_bodies(ctx, res, bodies)
    cands += abbreviated_places(ctx, res)
    cands += echoed_countries(ctx, res, places)
    cands += pattern_names(ctx, res, places)
    cands += document_titles(ctx, res)
    cands += session_events(ctx, res)
    cands += quoted_names(ctx, res)
    cands += foreign_firms(ctx, res)
    cands += club_teams(ctx, res)
    cands += numbered_schools(ctx, res, places)
    cands += person_names(ctx, res, bylines)
    facilities = facility_names(ctx, res, places)
    cands = without_facility_bodies(cands, facilities) + facilities
    out = []
    for c in select(without_place_terms(without_split_runs(cands, text, res), text, res)):
        surface = text[c.start:c.end]
        if surface in res.generic or not surface.strip():
            continue
        out.append(Mention(article_id, c.start, c.end, surface, c.type, c.subtype, c.rule))
    return out
