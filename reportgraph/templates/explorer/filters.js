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

function collapsedCategory(key) { return X.collapsed.indexOf(key) >= 0; }

// The legend's filters: concepts, statistics and chain stages start unticked (they are in the
// panels), the rest ticked; then the communities, shown when the map is coloured by them.
function buildFilters() {
  X.categories.forEach(function (c) {
    shownCategories[c.key] = !collapsedCategory(c.key);
    filterRow($("categories"), c, setCategory, true);
    $("categories").lastChild.querySelector("input").checked = shownCategories[c.key];
  });
  X.communities.forEach(function (c) {
    var label = el("label", {}, [el("span", {className: "swatch", text: "●", style: "color:" + c.colour})]);
    var itemName = el("span", {className: "name", text: c[lang]});
    filterNames.push({element: itemName, item: c});
    label.appendChild(itemName);
    label.appendChild(el("span", {className: "count", text: String(c.count)}));
    $("communities").appendChild(el("li", {"data-community": c.key}, [label]));
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

// The switch that draws concepts, statistics and chain stages as nodes, or puts them back in the panels.
function toggleCollapsed(button) {
  var on = !button.classList.contains("on");
  button.classList.toggle("on", on);
  X.collapsed.forEach(function (key) { if (key in shownCategories) setCategory(key, on); });
}
