// --- language: every word, label and panel in Chinese or English ---------------------------------

function translatePage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-ui]").forEach(function (e) { e.textContent = t(e.getAttribute("data-ui")); });
  document.querySelectorAll("[data-ui-placeholder]").forEach(function (e) {
    e.setAttribute("placeholder", t(e.getAttribute("data-ui-placeholder")));
  });
  filterNames.forEach(function (f) { f.element.textContent = f.item[lang]; });
  buildStrip();
}

function applyLanguage(initial) {
  translatePage();
  if (!initial) nodes.update(nodes.get().map(function (n) { return {id: n.id, label: n.rg["canvas_" + lang]}; }));
  labelEdges(labelled);
  namesFilled = false;
  updateStats();
  if (current && current.kind === "node") showNode(current.id);
  else if (current && current.kind === "edge") showEdge(current.id);
  if (!results.hidden) showResults();
}

function setLanguage(l) { lang = l; applyLanguage(false); }
