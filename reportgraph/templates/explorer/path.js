// --- "how are these linked?": the shortest path between two entities, every hop with its quotes --

var namesFilled = false;   // the form's list of names is filled (in the language shown) when first used

function toggleLinkMode(button) {
  var on = $("linkform").hidden;
  $("linkform").hidden = !on;
  button.classList.toggle("on", on);
  if (on) {
    details.textContent = "";
    $("report").hidden = true;
    var sel = network.getSelectedNodes();
    if (sel.length) $("link-from").value = name(node(sel[0]).rg);
    openPanel();
    (sel.length ? $("link-to") : $("link-from")).focus();
  }
}

function fillNames() {
  var list = $("entity-names");
  list.textContent = "";
  nodes.get().forEach(function (n) { list.appendChild(el("option", {value: name(n.rg)})); });
  namesFilled = true;
}

// The entity a name in the form stands for: its id, null if none, or the ids of all that share it.
function resolve(text) {
  var same = named(text), ids = search(text, 1);
  return same.length > 1 ? same : ids.length ? ids[0] : null;
}

// Says that a name is shared, and lists every entity that has it, each a link, with type and reports.
function showCandidates(text, ids) {
  details.appendChild(el("p", {className: "ambiguous", text: t("ambiguousName") + " " + text}));
  var list = el("ul", {className: "candidates"});
  ids.forEach(function (id) { list.appendChild(el("li", {"data-id": id}, [nodeLink(id), " · " + describe(id)])); });
  details.appendChild(list);
  openPanel();
}

// node id -> [{node, edge}]: its neighbours through the edges shown, either direction.
function shownAdjacency() {
  var adjacency = {};
  edges.get({filter: function (e) { return !e.hidden; }}).forEach(function (e) {
    if (node(e.from).hidden || node(e.to).hidden) return;
    (adjacency[e.from] = adjacency[e.from] || []).push({node: e.to, edge: e.id});
    (adjacency[e.to] = adjacency[e.to] || []).push({node: e.from, edge: e.id});
  });
  return adjacency;
}

// The hops [{from, to, edge}] of a shortest path through the edges shown (breadth-first,
// neighbours in a fixed order), or null if there is none.
function shortestPath(from, to) {
  var adjacency = shownAdjacency();
  var previous = {}, queue = [from], seen = {};
  seen[from] = true;
  while (queue.length) {
    var u = queue.shift();
    if (u === to) break;
    (adjacency[u] || []).sort(function (a, b) { return a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : 0; }).forEach(function (step) {
      if (!seen[step.node]) { seen[step.node] = true; previous[step.node] = {node: u, edge: step.edge}; queue.push(step.node); }
    });
  }
  if (!seen[to]) return null;
  var hops = [], v = to;
  while (v !== from) { hops.unshift({from: previous[v].node, to: v, edge: previous[v].edge}); v = previous[v].node; }
  return hops;
}

function showPath(fromText, toText) {
  var from = resolve(fromText), to = resolve(toText);
  clearPath();
  details.textContent = "";
  $("report").hidden = true;
  if (!from || !to) {
    details.appendChild(el("p", {text: t("noMatch") + (from ? toText : fromText)}));
    return null;
  }
  if (Array.isArray(from) || Array.isArray(to)) {
    if (Array.isArray(from)) showCandidates(fromText, from);
    if (Array.isArray(to)) showCandidates(toText, to);
    return null;
  }
  var hops = from === to ? [] : shortestPath(from, to);
  current = {kind: "path", from: fromText, to: toText};
  if (hops === null) {
    details.appendChild(el("p", {text: t("noPath")}));
    return null;
  }
  drawPath(from, hops);
  details.appendChild(el("h3", {text: from === to ? t("same") : t("pathOf", hops.length)}));
  details.appendChild(hopList(hops));
  openPanel();
  return hops;
}

// Selects the path's nodes and edges on the canvas, dims the rest, labels every hop (its nodes
// and edges) and brings the whole path into view.
function drawPath(from, hops) {
  var pathNodes = [from].concat(hops.map(function (h) { return h.to; }));
  var pathEdges = hops.map(function (h) { return h.edge; });
  network.setSelection({nodes: pathNodes, edges: pathEdges}, {highlightEdges: false});
  labelEdges(pathEdges);
  var view = dimOffPath(pathNodes, pathEdges);
  animated(function () { network.moveTo({position: view.position, scale: view.scale, animation: {duration: 350}}); });
}

function hopList(hops) {
  var list = el("ol", {id: "hops"});
  hops.forEach(function (h) {
    var li = el("li", {className: "hop", "data-edge": h.edge});
    li.appendChild(edgeBox(edges.get(h.edge)));
    list.appendChild(li);
  });
  return list;
}

function wirePath() {
  $("link-mode").addEventListener("click", function () { toggleLinkMode(this); });
  $("link-from").addEventListener("focus", function () { if (!namesFilled) fillNames(); });
  $("link-to").addEventListener("focus", function () { if (!namesFilled) fillNames(); });
  $("link-go").addEventListener("click", function () { showPath($("link-from").value, $("link-to").value); });
  [$("link-from"), $("link-to")].forEach(function (input) {
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") showPath($("link-from").value, $("link-to").value);
    });
  });
}
