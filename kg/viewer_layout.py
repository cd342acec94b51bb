"""Deterministic O(V+E) layout for the viewer: a radial BFS tree per component, shelf-packed."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

__all__ = ["layout"]

STEP, SPACING, GAP = 140.0, 46.0, 120.0  # ring step, arc spacing, component gap


def layout(adj: dict[str, list[str]], order: list[str]) -> dict[str, tuple[int, int]]:
    """Deterministic O(V+E) layout: radial BFS tree per component, shelf-packed."""
    seen: set[str] = set()
    comps = []
    for n in order:
        if n in seen:
            continue
        comp, i = [n], 0
        seen.add(n)
        while i < len(comp):
            for m in adj[comp[i]]:
                if m not in seen:
                    seen.add(m)
                    comp.append(m)
            i += 1
        comps.append(comp)
    comps.sort(key=lambda c: (-len(c), c[0]))
    placed = [_radial(c, adj) for c in comps]
    sides = [2 * r + GAP for _, r in placed]
    row_limit = max([max(sides, default=0), math.sqrt(sum(s * s for s in sides)) * 1.1])
    pos: dict[str, tuple[int, int]] = {}
    x = y = row_h = 0.0
    for (local, _), side in zip(placed, sides):
        if x > 0 and x + side > row_limit:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + side / 2, y + side / 2
        for n, (px, py) in local.items():
            pos[n] = (cx + px, cy + py)
        x += side
        row_h = max(row_h, side)
    if not pos:
        return {}
    mx = (min(p[0] for p in pos.values()) + max(p[0] for p in pos.values())) / 2
    my = (min(p[1] for p in pos.values()) + max(p[1] for p in pos.values())) / 2
    return {n: (round(px - mx), round(py - my)) for n, (px, py) in pos.items()}


def _radial(comp: list[str], adj: dict[str, list[str]]) -> tuple[dict[str, tuple[float, float]], float]:
    """Radial tree layout of one component around its highest-degree node."""
    root = min(comp, key=lambda n: (-len(adj[n]), n))
    depth, children, bfs = {root: 0}, defaultdict(list), [root]
    for u in bfs:
        for v in adj[u]:
            if v not in depth:
                depth[v] = depth[u] + 1
                children[u].append(v)
                bfs.append(v)
    leaves: dict[str, int] = {}
    for u in reversed(bfs):
        leaves[u] = sum(leaves[c] for c in children[u]) or 1
    per_depth = Counter(depth.values())
    radius = [0.0]
    for d in range(1, max(per_depth) + 1):
        radius.append(max(radius[-1] + STEP, per_depth[d] * SPACING / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    local = {}
    for u in bfs:
        a0, a1 = wedge[u]
        r = radius[depth[u]]
        mid = (a0 + a1) / 2
        local[u] = (r * math.cos(mid), r * math.sin(mid))
        total = sum(leaves[c] for c in children[u])
        a = a0
        for c in children[u]:
            span = (a1 - a0) * leaves[c] / total
            wedge[c] = (a, a + span)
            a += span
    return local, radius[-1] + SPACING / 2
