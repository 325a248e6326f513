"""Open the explorer in headless Chromium (Playwright), with the network cut off.

Used by ``python build_graph.py screenshot``, the browser tests and the explorer
benchmark. Chromium is Debian's (``apt-get install chromium fonts-noto-cjk``);
Playwright's own browser download is not used. Every request that is not for a
``file:`` URL is aborted and recorded, so a page that tries to reach a CDN is
caught rather than served.
"""

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # Playwright is imported where a browser starts: the package imports without it
    from playwright.sync_api import Browser, Page

#: The Chromium to drive; ``REPORTGRAPH_CHROMIUM`` overrides it.
CHROMIUM = os.environ.get("REPORTGRAPH_CHROMIUM", "/usr/bin/chromium")

# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions"]


class BrowserMissing(RuntimeError):
    """Chromium or Playwright is not installed."""


@dataclass
class Visit:
    """A page opened by :func:`open_page`, with what it said and what it tried to fetch."""

    page: object
    console: list = field(default_factory=list)      # (type, text) of every console message
    errors: list = field(default_factory=list)       # uncaught exceptions
    blocked: list = field(default_factory=list)      # URLs of aborted (non-file) requests
    ready_ms: float = 0.0                            # first drawing, ms after navigation start


@contextmanager
def chromium() -> Iterator["Browser"]:
    """A headless Chromium browser (Playwright ``Browser``), closed on exit."""
    if not Path(CHROMIUM).exists():
        raise BrowserMissing(f"no Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk "
                             f"(or set REPORTGRAPH_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise BrowserMissing("Playwright is not installed: pip install -r requirements.txt") from e
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: "Browser", path: str | os.PathLike, width: int = 1600, height: int = 1000,
              ready: str | None = "body[data-ready=true]", timeout_s: float = 60,
              allow: Iterable[str] = ("file:",)) -> Visit:
    """Open the file at ``path`` offline and wait for the selector ``ready`` (the explorer sets
    it at its first drawing); returns a :class:`Visit`.

    The wait is a selector, not a JavaScript predicate: the page's Content-Security-Policy
    forbids the ``eval`` that Playwright's ``wait_for_function`` polls with. ``path`` may
    also be an ``http://`` URL; requests to URLs not starting with one of ``allow`` are aborted.
    """
    page = browser.new_page(viewport={"width": width, "height": height})
    visit = Visit(page)
    page.on("console", lambda m: visit.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(tuple(allow)):
            r.continue_()
        else:
            visit.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path if str(path).startswith("http") else Path(path).resolve().as_uri())
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=timeout_s * 1000)
        visit.ready_ms = page.evaluate("window.rgReady")
    return visit


def settled(page: "Page", timeout_s: float = 30) -> None:
    """Wait until the explorer's view has stopped moving (its focus or fit animation ended)."""
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=timeout_s * 1000)


#: The geometry of what the explorer draws now, in screen pixels of its canvas, from vis-network
#: itself: each shown node's box (``getBoundingBox``: shape and label, or the shape alone when its
#: label is not drawn), mapped with ``canvasToDOM``; a label is drawn when its font size times the
#: scale reaches vis's threshold (``drawThreshold`` − 1).
GEOMETRY_JS = """() => new Promise(resolve => {
  network.once("afterDrawing", () => resolve(measure()));
  network.redraw();
  function measure() {
  const W = network.canvas.frame.canvas.clientWidth, H = network.canvas.frame.canvas.clientHeight;
  const scale = network.getScale(), boxes = [], labelled = [];
  let smallest = null, offscreen = 0;
  for (const id of network.body.nodeIndices) {
    const n = network.body.nodes[id];
    if (n.options.hidden) continue;
    const drawn = n.labelModule.visible();
    let b = network.getBoundingBox(id);
    if (!drawn) b = {left: n.x - n.options.size, right: n.x + n.options.size, top: n.y - n.options.size, bottom: n.y + n.options.size};
    const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
    boxes.push([id, a.x, a.y, z.x, z.y]);
    if (a.x < 0 || a.y < 0 || z.x > W || z.y > H) offscreen++;
    if (drawn) {
      labelled.push(id);
      const px = n.labelModule.fontOptions.size * scale;
      smallest = smallest === null ? px : Math.min(smallest, px);
    }
  }
  const crossings = [], drawn = new Set(labelled);
  for (const id of network.body.edgeIndices) {
    const e = network.body.edges[id];
    if (e.options.hidden || !e.from || !e.to || e.from.options.hidden || e.to.options.hidden) continue;
    const p = network.canvasToDOM({x: e.from.x, y: e.from.y}), q = network.canvasToDOM({x: e.to.x, y: e.to.y});
    for (const b of boxes)
      if (drawn.has(b[0]) && b[0] !== e.fromId && b[0] !== e.toId && crosses(p, q, b)) crossings.push([id, b[0]]);
  }
  boxes.sort((p, q) => p[1] - q[1]);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length && boxes[j][1] < boxes[i][3]; j++)
      if (boxes[j][2] < boxes[i][4] && boxes[i][2] < boxes[j][4]) overlaps.push([boxes[i][0], boxes[j][0]]);
  return {shown: boxes.length, overlaps: overlaps, smallest_px: smallest, labelled: labelled,
          offscreen: offscreen, scale: scale, canvas: [W, H], crossings: crossings};
  }
  function crosses(p, q, b) {   // the segment p-q meets box b (Liang-Barsky clipping)
    const dx = q.x - p.x, dy = q.y - p.y, ps = [-dx, dx, -dy, dy], qs = [p.x - b[1], b[3] - p.x, p.y - b[2], b[4] - p.y];
    let t0 = 0, t1 = 1;
    for (let k = 0; k < 4; k++) {
      if (ps[k] === 0) { if (qs[k] < 0) return false; continue; }
      const t = qs[k] / ps[k];
      if (ps[k] < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    }
    return t0 < t1;
  }
})"""


def geometry(page: "Page") -> dict:
    """What the explorer open in ``page`` draws now (:data:`GEOMETRY_JS`): ``shown`` (nodes),
    ``overlaps`` (pairs of ids whose boxes overlap), ``smallest_px`` (the smallest label drawn),
    ``labelled`` (ids whose label is drawn), ``offscreen`` (boxes not wholly on the canvas), ``scale``,
    ``crossings`` (pairs of an edge's id and the id of a node whose drawn label box the edge's straight
    line crosses, the edge's own ends aside); measured after the next drawing."""
    return page.evaluate(GEOMETRY_JS)


def screenshot(html: str | os.PathLike, png: str | os.PathLike, width: int = 1600, height: int = 1000,
               focus: str | None = None) -> float:
    """Save a PNG of the explorer page ``html``; returns the time to first drawing (ms).

    With ``focus`` (a name or alias) the page first searches for it, as a reader would,
    and shows its panel.
    """
    with chromium() as browser:
        visit = open_page(browser, html, width, height)
        if focus:
            visit.page.fill("#search", focus)
            visit.page.press("#search", "Enter")
            settled(visit.page)
        visit.page.screenshot(path=str(png))
        if visit.errors:
            raise RuntimeError(f"{html}: the page raised {visit.errors[0]}")
        return visit.ready_ms
