// --- start: wire the controls up, draw, and say when the page is ready -----------------------------

function onCanvasClick(params) {
  if (params.nodes.length || params.edges.length) clearPath();
  if (params.nodes.length) { labelEdges(network.getConnectedEdges(params.nodes[0])); showNode(params.nodes[0]); }
  else if (params.edges.length) showEdge(params.edges[0]);
}

function wireControls() {
  wireSearch();
  $("close").addEventListener("click", closePanel);
  wirePath();
  wireText();
  buildFilters();
  $("lang").addEventListener("click", function () { setLanguage(lang === "zh" ? "en" : "zh"); });
  $("fit").addEventListener("click", function () { firstView(true); });
  $("colour").addEventListener("click", function () { toggleCommunityColours(this); });
  $("collapsed").addEventListener("click", function () { toggleCollapsed(this); });
  $("save-png").addEventListener("click", savePng);
  $("save-svg").addEventListener("click", saveSvg);
  document.addEventListener("keydown", onKey);
  network.on("click", onCanvasClick);
}

function start() {
  rememberTypeColours();
  wireControls();
  applyLanguage(true);   // the page is drawn with zh labels already
  firstView(false);
  network.once("afterDrawing", function () {
    window.rgReady = performance.now();
    if (!document.body.hasAttribute("data-settled")) document.body.setAttribute("data-settled", "true");
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();   // the constructor may have drawn already; this drawing is the one timed
  window.rgExplorer = {search: search, named: named, nearest: nearest, focusNode: focusNode, showPath: showPath,
                       shortestPath: shortestPath, showReport: showReport, showReports: showReports,
                       showEdge: showEdge, setLanguage: setLanguage, firstView: firstView, citation: citation};
}

start();
