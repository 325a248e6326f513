// --- the view: the first view, colours (by type or community, faint off a path), the chain strip,
// the view saved as PNG or SVG, and the keys ------------------------------------------------------

// The view showing every drawn node with its whole box (shape and label; reportgraph.firstview),
// centred: no label is cut off at the edge of the canvas.
function viewOf(ids) {
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, at = network.getPositions(ids);
  ids.forEach(function (id) {
    var b = node(id).rg.box, p = at[id];
    minX = Math.min(minX, p.x - b[0] / 2); maxX = Math.max(maxX, p.x + b[0] / 2);
    minY = Math.min(minY, p.y + b[2] - b[1] / 2); maxY = Math.max(maxY, p.y + b[2] + b[1] / 2);
  });
  var canvas = network.canvas.frame.canvas;
  var scale = 0.97 * Math.min(canvas.clientWidth / Math.max(maxX - minX, 1), canvas.clientHeight / Math.max(maxY - minY, 1));
  return {position: {x: (minX + maxX) / 2, y: (minY + maxY) / 2}, scale: scale};
}

function shownIds() { return nodes.getIds({filter: function (n) { return !n.hidden; }}); }

// The first view: the map fitted to the canvas (the "fit" button comes back to it).
function firstView(animate) {
  var ids = shownIds();
  if (!ids.length) return;
  var view = viewOf(ids);
  if (!animate) { network.moveTo(view); return; }
  animated(function () { network.moveTo({position: view.position, scale: view.scale, animation: {duration: 300}}); });
}

// Colours: by type or by community; off a path shown (dimmed), faint, with the path's labels drawn.
var byCommunity = false, typeColours = {}, onPath = null;
var FAINT = {background: "#eeeeee", border: "#d8d8d8", highlight: {background: "#eeeeee", border: "#d8d8d8"}};
var EDGE = {color: "#a3adb8", highlight: "#c0392b", hover: "#555555", inherit: false, opacity: 0.9};
var EDGE_FAINT = {color: "#ececec", highlight: "#c0392b", hover: "#555555", inherit: false, opacity: 1};

function rememberTypeColours() { nodes.get().forEach(function (n) { typeColours[n.id] = n.color; }); }

function communityColour(n) {
  var c = n.rg.community ? X.communityColours[(n.rg.community - 1) % X.communityColours.length] : X.noCommunity;
  return {background: c, border: "#444444", highlight: {background: c, border: "#000000"}};
}

function restyle(pathScale) {
  nodes.update(nodes.get().map(function (n) {
    var faint = onPath && !onPath.nodes[n.id];
    var size = onPath && !faint ? Math.max(n.rg.font, 13 / pathScale) : n.rg.font;
    return {id: n.id, color: faint ? FAINT : byCommunity ? communityColour(n) : typeColours[n.id],
            font: {size: size, color: faint ? "#c4c4c4" : "#222222"}};
  }));
  edges.update(edges.get().map(function (e) { return {id: e.id, color: onPath && !onPath.edges[e.id] ? EDGE_FAINT : EDGE}; }));
}

// Dims everything off a path and labels every hop; returns the view that shows the whole path.
function dimOffPath(pathNodes, pathEdges) {
  onPath = {nodes: {}, edges: {}};
  pathNodes.forEach(function (id) { onPath.nodes[id] = true; });
  pathEdges.forEach(function (id) { onPath.edges[id] = true; });
  var view = viewOf(pathNodes);
  restyle(view.scale);
  document.body.setAttribute("data-path", "true");
  return view;
}

function clearPath() {
  if (!onPath) return;
  onPath = null;
  restyle(1);
  document.body.removeAttribute("data-path");
}

// Colour by community (reportgraph.analysis: Louvain on the actor graph), and back by type; the
// legend follows: the communities, named by their most central member, replace the type colours.
function toggleCommunityColours(button) {
  byCommunity = !byCommunity;
  button.classList.toggle("on", byCommunity);
  document.body.classList.toggle("by-community", byCommunity);
  $("community-legend").hidden = !byCommunity;
  restyle(1);
}

// The industry chain, stage by stage, in a strip under the map; a stage opens its panel.
function buildStrip() {
  var strip = $("strip");
  strip.textContent = "";
  strip.hidden = !X.chain.length;
  if (!X.chain.length) return;
  strip.appendChild(el("span", {className: "title", text: t("chain")}));
  X.chain.forEach(function (stage, i) {
    if (i) strip.appendChild(el("span", {className: "arrow", text: "→"}));
    var a = el("a", {text: stage[lang], "data-node": stage.id});
    a.addEventListener("click", function () { showNode(stage.id); });
    strip.appendChild(a);
  });
}

// The view as drawn, as a file the browser downloads.
function download(url, filename) {
  var a = el("a", {href: url, download: filename});
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function savePng() {
  var canvas = network.canvas.frame.canvas, out = document.createElement("canvas");
  out.width = canvas.width; out.height = canvas.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  download(out.toDataURL("image/png"), "knowledge_graph.png");
}

// The view as SVG: the edges and nodes drawn now, and the labels drawn at this zoom.
function saveSvg() {
  var ns = "http://www.w3.org/2000/svg", canvas = network.canvas.frame.canvas, scale = network.getScale();
  var svg = document.createElementNS(ns, "svg"), shown = {};
  function add(tag, attrs, text) {
    var e = document.createElementNS(ns, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
  }
  svg.setAttribute("xmlns", ns);
  svg.setAttribute("width", canvas.clientWidth); svg.setAttribute("height", canvas.clientHeight);
  add("rect", {width: "100%", height: "100%", fill: "#ffffff"});
  var at = network.getPositions(shownIds());
  Object.keys(at).forEach(function (id) { shown[id] = network.canvasToDOM(at[id]); });
  edges.get({filter: function (e) { return !e.hidden && shown[e.from] && shown[e.to]; }}).forEach(function (e) {
    var a = shown[e.from], b = shown[e.to];
    add("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: (e.color || EDGE).color, "stroke-width": 1});
  });
  Object.keys(shown).forEach(function (id) {
    var n = node(id), p = shown[id], r = n.size * scale, fontPx = n.font.size * scale;
    add("circle", {cx: p.x, cy: p.y, r: r, fill: n.color.background, stroke: "#444444"});
    if (fontPx < 11) return;
    n.label.split("\n").forEach(function (line, i) {
      add("text", {x: p.x, y: p.y + r + fontPx * (i + 1.1), "font-size": fontPx, "text-anchor": "middle",
                   "font-family": "Noto Sans CJK SC, Noto Sans, sans-serif", fill: n.font.color || "#222222"}, line);
    });
  });
  download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg)),
           "knowledge_graph.svg");
}

// Keys: "/" goes to the search box, Esc closes the panel (after the result list, if open).
function onKey(ev) {
  var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
  if (ev.key === "/" && !typing) {
    ev.preventDefault();
    $("search").focus();
    $("search").select();
  } else if (ev.key === "Escape" && !ev.defaultPrevented && !panel.hidden) {
    closePanel();
  }
}
