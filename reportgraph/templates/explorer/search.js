// --- search: by any name, alias or search term; every entity a name is shared by; the nearest
// names when none matches ----------------------------------------------------------------------------

var searchIndex = nodes.get().map(function (n) {
  var rg = n.rg;
  var names = [rg.label_zh, rg.label_en].concat(rg.aliases_zh || [], rg.aliases_en || [], rg.search || [])
    .filter(Boolean);
  return {id: n.id, names: names, lower: names.map(function (s) { return s.toLowerCase(); })};
});
var results = $("results"), active = -1;

// The entities a query names, [{id, rank}]: exact names first (rank 0), then names it begins, then the rest.
function matches(query) {
  var q = query.trim().toLowerCase();
  if (!q) return [];
  var hits = [];
  searchIndex.forEach(function (entry) {
    var best = 9;
    entry.lower.forEach(function (s) {
      var rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9;
      if (rank < best) best = rank;
    });
    if (best < 9) hits.push({id: entry.id, rank: best, length: entry.names[0].length});
  });
  hits.sort(function (a, b) { return a.rank - b.rank || a.length - b.length || (a.id < b.id ? -1 : 1); });
  return hits;
}

// The ids of the entities a query names, at most limit (20) of them, but every one it names exactly.
function search(query, limit) {
  var hits = matches(query), exact = hits.filter(function (h) { return h.rank === 0; }).length;
  return hits.slice(0, Math.max(limit || 20, exact)).map(function (h) { return h.id; });
}

// The ids of the entities that have the query as one of their names: more than one is ambiguous.
function named(query) {
  return matches(query).filter(function (h) { return h.rank === 0; }).map(function (h) { return h.id; });
}

// The reports that name an entity (its mentions; a statistic's quotes), as ids.
function reportsOf(rg) {
  var seen = {}, out = [];
  (rg.mentions && rg.mentions.length ? rg.mentions : rg.evidence || []).forEach(function (m) {
    if (!seen[m.report]) { seen[m.report] = true; out.push(m.report); }
  });
  return out;
}

// An entity's type and the reports that name it (the first three, and how many more), in a line.
function describe(id) {
  var rg = node(id).rg, reports = reportsOf(rg);
  var shown = reports.slice(0, 3).join(", ") + (reports.length > 3 ? " " + t("more", reports.length - 3) : "");
  return (lang === "en" ? rg.type_en : rg.type_zh) + " · " + t("reports") + " " + (shown || "—");
}

// Levenshtein distance, stopping early (returning max + 1) once it must exceed max.
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  var row = [];
  for (var j = 0; j <= b.length; j++) row.push(j);
  for (var i = 1; i <= a.length; i++) {
    var diagonal = row[0], least = row[0] = i;
    for (j = 1; j <= b.length; j++) {
      var next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j]; row[j] = next;
      if (next < least) least = next;
    }
    if (least > max) return max + 1;
  }
  return row[b.length];
}

// The entities with a name nearest to a query that matches none: [{id, name}], nearest first.
function nearest(query, limit) {
  var q = Array.from(query.trim().toLowerCase());
  if (!q.length) return [];
  var max = Math.max(1, Math.floor(q.length / 2)), found = [];
  searchIndex.forEach(function (entry) {
    var best = null;
    entry.lower.forEach(function (s, i) {
      var d = distance(q, Array.from(s), max);
      if (d <= max && (!best || d < best.d)) best = {id: entry.id, name: entry.names[i], d: d};
    });
    if (best) found.push(best);
  });
  found.sort(function (a, b) { return a.d - b.d || a.name.length - b.name.length || (a.id < b.id ? -1 : 1); });
  return found.slice(0, limit || 5);
}

function option(id, i, sub) {
  var rg = node(id).rg;
  var li = el("li", {role: "option", "data-id": id, "aria-selected": i === active ? "true" : "false"},
              [name(rg), el("span", {className: "sub", text: sub}), el("span", {className: "kind", text: describe(id)})]);
  li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(id); });
  return li;
}

// The results of the query; when several entities share the name, a line says so first and
// none is chosen for the reader (Enter takes no guess: arrows or a click pick one).
function showResults() {
  var query = $("search").value, ids = search(query, 20), same = named(query).length;
  results.textContent = "";
  active = ids.length && same < 2 ? 0 : -1;
  if (same > 1) results.appendChild(el("li", {className: "none ambiguous", role: "status", text: t("ambiguous", same)}));
  ids.forEach(function (id, i) { results.appendChild(option(id, i, otherName(node(id).rg))); });
  if (!ids.length && query.trim()) showNearest(query);
  results.hidden = !results.firstChild;
}

// Says that nothing matches, and offers the nearest names (none is chosen by Enter).
function showNearest(query) {
  var near = nearest(query, 5);
  results.appendChild(el("li", {className: "none", role: "status"},
    [t("searchNone"), near.length ? " · " + t("didYouMean") : ""]));
  near.forEach(function (hit) {
    var shown = name(node(hit.id).rg);
    results.appendChild(option(hit.id, -1, hit.name !== shown ? hit.name : otherName(node(hit.id).rg)));
  });
}

function choose(id) {
  results.hidden = true;
  $("search").value = name(node(id).rg);
  focusNode(id);
}

// Moves the highlighted result down or up (round the list); false if there is none to move to.
function moveActive(down) {
  var items = results.querySelectorAll("li[data-id]");
  if (!items.length) return false;
  active = active < 0 ? (down ? 0 : items.length - 1) : (active + (down ? 1 : items.length - 1)) % items.length;
  items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
  return true;
}

function onSearchKey(ev) {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    if (moveActive(ev.key === "ArrowDown")) ev.preventDefault();
  } else if (ev.key === "Enter") {
    if (results.hidden) showResults();
    var li = active >= 0 ? results.querySelectorAll("li[data-id]")[active] : null;
    if (li) choose(li.getAttribute("data-id"));
  } else if (ev.key === "Escape" && !results.hidden) {
    results.hidden = true;
    ev.preventDefault();   // this Esc closes the list, not the panel
  }
}

function wireSearch() {
  var box = $("search");
  box.addEventListener("input", showResults);
  box.addEventListener("keydown", onSearchKey);
  box.addEventListener("blur", function () { results.hidden = true; });
  box.addEventListener("focus", function () { if (box.value.trim()) showResults(); });
}
