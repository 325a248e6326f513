// --- the legend and filters, the counts shown, and colouring by community ------------------------

var shownCategories = {}, shownRelations = {};
var filterNames = [];   // {element, item}: the names of the legend, translated with the page

function filterRow(list, item, onchange, swatch) {
  var box = el("input", {type: "checkbox", "data-key": item.key});
  box.checked = true;
  box.addEventListener("change", function () { onchange(item.key, box.checked); });
  var label = el("label", {}, [box]);
  if (swatch) label.appendChild(el("span", {className: "swatch", text: item.symbol, style: "color:" + item.colour}));
  var itemName = el("span", {className: "name", text: item[lang]});
  filterNames.push({element: itemName, item: item});
  label.appendChild(itemName);
  label.appendChild(el("span", {className: "count", text: String(item.count)}));
  list.appendChild(el("li", {}, [label]));
}

function buildFilters() {
  X.categories.forEach(function (c) {
    shownCategories[c.key] = true;
    filterRow($("categories"), c, setCategory, true);
  });
  X.relations.forEach(function (r) {
    shownRelations[r.key] = true;
    filterRow($("relations"), r, setRelation, false);
  });
}

function applyFilters() {
  nodes.update(nodes.get().map(function (n) {
    return {id: n.id, hidden: !shownCategories[n.rg.category]};
  }));
  edges.update(edges.get().map(function (e) {
    return {id: e.id, hidden: !shownRelations[e.rg.predicate_curie]};
  }));
  updateStats();
}

function setCategory(key, on) {
  shownCategories[key] = on;
  var box = document.querySelector('#categories input[data-key="' + key + '"]');
  if (box) box.checked = on;
  applyFilters();
}

function setRelation(key, on) { shownRelations[key] = on; applyFilters(); }

function updateStats() {
  var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
  var shownEdges = edges.get({filter: function (e) { return !e.hidden && !node(e.from).hidden && !node(e.to).hidden; }}).length;
  $("stats").textContent = shownNodes + " / " + nodes.length + " " + t("nodes") + " · " +
    shownEdges + " / " + edges.length + " " + t("edges");
  $("stats").setAttribute("data-nodes", String(nodes.length));
  $("stats").setAttribute("data-edges", String(edges.length));
}

// Colour by community (reportgraph.analysis: Louvain on the actor graph), and back by type.
var byCommunity = false, typeColours = {};
function rememberTypeColours() { nodes.get().forEach(function (n) { typeColours[n.id] = n.color; }); }
function toggleCommunityColours(button) {
  byCommunity = !byCommunity;
  button.classList.toggle("on", byCommunity);
  var palette = X.communityColours;
  nodes.update(nodes.get().map(function (n) {
    if (!byCommunity) return {id: n.id, color: typeColours[n.id]};
    var c = n.rg.community ? palette[(n.rg.community - 1) % palette.length] : X.noCommunity;
    return {id: n.id, color: {background: c, border: "#ffffff", highlight: {background: c, border: "#111111"}}};
  }));
}
