"""Headless-Chromium tests of the HTML viewer (opt in with ``-m browser``).

Needs Debian's ``chromium`` at /usr/bin/chromium and the ``playwright`` Python
package (its bundled browsers are not used, so no ``playwright install``).
Every request that is not file:// (or data:/blob:) is aborted and recorded.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.viewer import write_html

from test_viewer import S1, S2, small_graph, synthetic_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} not found", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL = ("file://", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    out = Path(os.environ["KG_ARTIFACTS"]) if os.environ.get("KG_ARTIFACTS") else tmp_path_factory.mktemp("viewer")
    out.mkdir(parents=True, exist_ok=True)
    return out


class Page:
    """A page with outside requests blocked and JS errors collected."""

    def __init__(self, browser, html: Path):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        t0 = time.perf_counter()
        self.page.goto(html.as_uri())
        self.page.wait_for_function("window.kgStats && window.kgStats.readyMs !== null", timeout=60_000)
        self.load_s = time.perf_counter() - t0

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def inked_pixels(self) -> int:
        """Non-white pixels on the network canvas (proves something was drawn)."""
        return self.js("""() => {
            const c = document.querySelector('#kg-network canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++;
            return n; }""")

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        self.context.close()


@pytest.fixture()
def small(browser, tmp_path):
    p = Page(browser, write_html(small_graph(), tmp_path / "small.html", title="测试图谱"))
    yield p
    p.close()
    assert p.outside == [], f"outside requests: {p.outside}"
    assert p.errors == [], f"JS errors: {p.errors}"


def test_loads_offline_and_renders_all_nodes(small, artifacts):
    g = small_graph()
    stats = small.js("window.kgStats")
    assert stats["nodes"] == stats["totalNodes"] == g.number_of_nodes()
    assert stats["edges"] == g.number_of_edges()
    assert small.js("kgViewer.network.body.nodeIndices.length") == g.number_of_nodes()
    assert small.js("kgViewer.network.body.data.nodes.length") == g.number_of_nodes()
    box = small.js("(() => { const r = document.querySelector('#kg-network canvas').getBoundingClientRect(); return [r.width, r.height]; })()")
    assert box[0] > 400 and 500 < box[1] <= 900  # fills the viewport, does not overflow
    assert small.inked_pixels() > 2000
    font = small.js("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in font
    small.page.screenshot(path=str(artifacts / "small.png"))


def test_search_chinese_name_and_alias_focuses_node(small, artifacts):
    small.page.fill("#kg-search", "三社")
    assert small.page.locator("#kg-results li").first.inner_text().startswith("三社联动")
    small.page.press("#kg-search", "Enter")
    assert small.js("kgViewer.network.getSelectedNodes()") == ["program/三社联动"]
    panel = small.page.locator("#kg-panel-body")
    assert "社区社会组织社工联动" in panel.inner_text()  # alias
    marks = panel.locator("mark").all_inner_texts()
    assert marks == ["三社联动", "三社联动"]
    assert "推进“三新”建设" in panel.inner_text()  # article title
    assert "seeds/a001.txt" in panel.inner_text()  # source file
    small.page.screenshot(path=str(artifacts / "small-search.png"))
    small.page.fill("#kg-search", "区民政")  # alias prefix
    small.page.press("#kg-search", "Enter")
    assert small.js("kgViewer.network.getSelectedNodes()") == ["org/天元区民政局"]


def test_click_edge_shows_evidence(small, artifacts):
    eid, xy = small.js("""() => {
        const net = kgViewer.network;
        const e = kgViewer.edges.get().find(e => e.pred === 'implements');
        const p = net.getPositions([e.from, e.to]);
        const a = p[e.from], b = p[e.to];
        const dom = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        const r = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return [e.id, [r.left + dom.x, r.top + dom.y]];
    }""")
    small.page.mouse.click(*xy)
    panel = small.page.locator("#kg-panel-body")
    assert panel.get_attribute("data-edge") == eid
    text = panel.inner_text()
    assert S1 in text.replace("\n", "")
    assert panel.locator("mark").all_inner_texts() == ["天元区民政局积极推进三社联动"]
    assert "实施" in text
    small.page.screenshot(path=str(artifacts / "small-edge.png"))


def test_filters_neighbourhood_reset(small):
    g = small_graph()
    small.page.fill("#kg-search", "天元区")
    small.page.press("#kg-search", "Enter")
    assert small.js("kgViewer.network.getSelectedNodes()") == ["place/430211"]
    small.page.click("#kg-hop1")
    hood = set(g.predecessors("place/430211")) | set(g.successors("place/430211")) | {"place/430211"}
    assert small.js("kgStats.nodes") == len(hood)
    small.page.click("#kg-reset")
    assert small.js("kgStats.nodes") == g.number_of_nodes()
    small.page.locator("#kg-preds label", has_text="提及").locator("input").uncheck()
    mentions = sum(1 for *_, d in g.edges(data=True) if d["predicate"] == "mentions")
    assert small.js("kgStats.edges") == g.number_of_edges() - mentions
    small.page.select_option("#kg-article", "a002")
    visible = small.js("kgViewer.network.body.nodeIndices")
    assert "org/株洲市公安局" in visible and "person/齐卫国" not in visible
    small.page.click("#kg-reset")
    assert small.js("[kgStats.nodes, kgStats.edges]") == [g.number_of_nodes(), g.number_of_edges()]
    assert S2  # (evidence of a002 is exercised by the search test)


def test_hidden_node_is_reachable_by_search(browser, tmp_path):
    g = synthetic_graph(300, 900)
    p = Page(browser, write_html(g, tmp_path / "trim.html", max_nodes=50, max_index_nodes=300))
    try:
        assert p.js("kgStats.nodes") == 50 and p.js("kgStats.totalNodes") == 300
        deg = dict(g.degree())
        hidden = sorted(g.nodes, key=lambda n: (-deg[n], n))[-1]
        label = g.nodes[hidden]["label"]
        p.page.fill("#kg-search", label)
        p.page.press("#kg-search", "Enter")
        assert p.js("kgViewer.network.getSelectedNodes()") == [hidden]
        drawn = set(p.js("kgViewer.network.body.nodeIndices"))
        assert hidden in drawn and (set(g.predecessors(hidden)) | set(g.successors(hidden))) <= drawn
        assert p.outside == [] and p.errors == []
    finally:
        p.close()


@pytest.mark.parametrize("max_nodes", [5000, 2000])
def test_big_graph_settles_fast(browser, tmp_path, artifacts, max_nodes):
    g = synthetic_graph(5000, 15000)
    assert (g.number_of_nodes(), g.number_of_edges()) == (5000, 15000)
    t0 = time.perf_counter()
    html = write_html(g, tmp_path / f"big{max_nodes}.html", max_nodes=max_nodes)
    render_s = time.perf_counter() - t0
    p = Page(browser, html)
    try:
        ready_ms = p.js("kgStats.readyMs")
        redraw_ms = p.js("""() => new Promise(res => {
            const net = kgViewer.network, t = performance.now();
            net.once('afterDrawing', () => res(performance.now() - t)); net.redraw(); })""")
        stats = p.js("window.kgStats")
        print(f"\n[viewer] 5k/15k max_nodes={max_nodes}: python render {render_s:.2f}s, "
              f"html {html.stat().st_size / 1e6:.1f} MB, page settled {p.load_s:.2f}s wall "
              f"(first draw at {ready_ms / 1000:.2f}s), redraw {redraw_ms:.0f} ms, drawn {stats['nodes']} nodes / {stats['edges']} edges")
        assert stats["nodes"] == min(max_nodes, 5000) and stats["totalNodes"] == 5000
        assert p.inked_pixels() > 20000
        p.page.screenshot(path=str(artifacts / f"big-{max_nodes}.png"))
        assert p.outside == [] and p.errors == []
        assert p.load_s < 15
    finally:
        p.close()


def test_seeds_page(browser, seed_build, tmp_path, artifacts):
    """The real seeds build: offline, every node drawn, 三社联动 found, an edge shows its evidence."""
    g = seed_build.graph
    p = Page(browser, write_html(g, tmp_path / "seeds.html"))
    try:
        assert p.outside == [] and p.errors == []
        assert p.js("kgStats.nodes") == g.number_of_nodes()
        p.page.fill("#kg-search", "三社联动")
        p.page.press("#kg-search", "Enter")
        assert p.js("kgViewer.network.getSelectedNodes()") == ["program/三社联动"]
        assert "三社联动" in p.page.locator("#kg-panel-body mark").first.inner_text()
        p.page.screenshot(path=str(artifacts / "seeds-search.png"))
        eid = p.js("""() => { const e = kgViewer.edges.get().find(e => e.pred === 'implements');
                              kgViewer.network.selectEdges([e.id]);
                              kgViewer.network.body.emitter.emit('click', {nodes: [], edges: [e.id], pointer: {}});
                              return e.id; }""")
        panel = p.page.locator("#kg-panel-body")
        assert panel.locator("mark").count() >= 1
        sentence = panel.inner_text()
        assert "实施" in sentence
        p.page.screenshot(path=str(artifacts / "seeds-edge.png"))
        assert eid
    finally:
        p.close()
