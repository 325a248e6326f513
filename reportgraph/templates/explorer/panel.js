// --- the side panel: an entity with its facts, or one fact, each with its quotes ------------------

var panel = $("panel"), details = $("details");
var current = null;   // what the panel shows: {kind: "node" | "edge", id} or {kind: "path", from, to}
var labelled = [];    // the edges whose labels are drawn: only those in focus

function labelEdges(ids) {
  var updates = labelled.map(function (id) { return {id: id, label: ""}; });
  labelled = ids.slice();
  ids.forEach(function (id) { updates.push({id: id, label: relName(edges.get(id).rg)}); });
  edges.update(updates);
}

// Selects a node, shows its panel and centres it, zoomed in far enough to read its label. A
// concept, statistic or stage that is not drawn is shown in the panel, and the entity it
// describes is centred; a node of a category filtered out is drawn again.
function focusNode(id) {
  var n = node(id), shown = id;
  clearPath();
  if (n.hidden && collapsedCategory(n.rg.category)) shown = describedBy(id) || null;
  else if (n.hidden) setCategory(n.rg.category, true);
  if (shown) { network.selectNodes([shown]); labelEdges(network.getConnectedEdges(shown)); }
  showNode(id);
  if (!shown) return;
  var scale = Math.max(network.getScale(), 13 / (node(shown).rg.font || 12), 1.1);
  animated(function () {
    network.focus(shown, {scale: scale, animation: {duration: 350, easingFunction: "easeInOutQuad"}});
  });
}

// The drawn entity a collapsed node describes: its neighbour on the map with the most facts with it.
function describedBy(id) {
  var counts = {};
  network.getConnectedEdges(id).forEach(function (eid) {
    var e = edges.get(eid), other = e.from === id ? e.to : e.from;
    if (!node(other).hidden) counts[other] = (counts[other] || 0) + 1;
  });
  var best = null;
  Object.keys(counts).sort().forEach(function (k) { if (best === null || counts[k] > counts[best]) best = k; });
  return best;
}

function openPanel() {
  if (!panel.hidden) return;
  panel.hidden = false;
  network.setSize("100%", "100%");   // the canvas is narrower now: keep the view's centre true
  network.redraw();
}

function closePanel() {
  panel.hidden = true; current = null; network.unselectAll(); labelEdges([]); clearPath();
  network.setSize("100%", "100%");
  network.redraw();
  $("link-mode").classList.remove("on");
}

// Empties the panel for a node or an edge.
function clearPanel() {
  details.textContent = "";
  $("report").hidden = true;
  $("linkform").hidden = true;
}

function nodeLink(id) {
  var a = el("a", {text: name(node(id).rg), "data-node": id});
  a.addEventListener("click", function () { focusNode(id); });
  return a;
}

// Where a quote is: its report and offsets, and a button that shows it in its report's text,
// from where the reader can switch to the other reports that state the fact (evidence).
function where(span, evidence) {
  var box = el("div", {className: "where", "data-report": span.report}, [
    t("report") + " " + reportName(span.report) + " · " + t("chars") + " " + span.start + "–" + span.end]);
  var b = el("button", {type: "button", text: t("showText")});
  b.addEventListener("click", function () {
    var choices = byReport(evidence), index = 0;
    choices.forEach(function (c, i) { if (c.report === span.report) index = i; });
    showReports(choices, index, "quote", span);
  });
  box.appendChild(b);
  return box;
}

function quotes(evidence) {
  var box = el("div");
  (evidence || []).forEach(function (span) {
    box.appendChild(el("blockquote", {className: "quote", text: span.quote, lang: "zh"}));
    box.appendChild(el("div", {className: "cite-line"}, [where(span, evidence), citeButton(span)]));
  });
  return box;
}

// A fact's box: its sentence (and where it holds, if given), then, if it is inferred or drafted
// (待审核 / unreviewed), a badge and why (the curator's reason, or the rule that drafted it),
// then its quotes.
function factBox(sentence, rg, context) {
  var marked = rg.assertion === "inferred" || rg.assertion === "drafted";
  var box = el("div", {className: "fact" + (marked ? " " + rg.assertion : "")}, [sentence, context]);
  if (marked) {
    sentence.appendChild(el("span", {className: "badge", text: t(rg.assertion)}));
    box.appendChild(noteOf(rg));
  }
  box.appendChild(quotes(rg.evidence));
  return box;
}

function edgeBox(edge) {
  var rg = edge.rg;
  var label = relName(rg) + (rg.heads ? t("heads") : "");
  var sentence = el("div", {className: "sentence"}, [nodeLink(edge.from), " —" + label + "→ ", nodeLink(edge.to)]);
  var context = rg.context ? el("div", {className: "where"}, [t("context") + ": ", nodeLink(rg.context)]) : null;
  var box = factBox(sentence, rg, context);
  box.setAttribute("data-edge", edge.id);
  return box;
}

function row(label, value, className) { return {label: label, value: value, className: className || ""}; }

// A list of label and value; rows without a value are left out.
function dl(rows) {
  var d = el("dl");
  rows.forEach(function (r) {
    if (r.value === undefined || r.value === null || r.value === "" || (r.value.length === 0)) return;
    d.appendChild(el("dt", {text: r.label}));
    var value = r.value instanceof Node ? r.value : Array.isArray(r.value) ? r.value.join(" · ") : String(r.value);
    d.appendChild(el("dd", {className: r.className}, [value]));
  });
  return d;
}

function showNode(id) {
  current = {kind: "node", id: id};
  var rg = node(id).rg;
  clearPanel();
  details.appendChild(el("h2", {text: name(rg), "data-node": id}));
  if (otherName(rg)) details.appendChild(el("p", {className: "other", text: otherName(rg)}));
  details.appendChild(dl([
    row(t("type"), lang === "en" ? rg.type_en : rg.type_zh),
    row(t("aliases"), (rg.aliases_zh || []).concat(rg.aliases_en || [])),
    row(t("searchTerms"), rg.search),
    row(t("iri"), rg.iri, "iri"),
    row(t("note"), rg.note ? curatorNote(rg.note, rg.note_zh) : "")
  ]));
  if (rg.category === "statistic") showStatistic(rg);
  if ((rg.attributes || []).length) showAttributes(rg);
  showFacts(id);
  if ((rg.mentions || []).length) showMentions(rg.mentions);
  openPanel();
}

function showStatistic(rg) {
  details.appendChild(el("h3", {text: t("statistic")}));
  details.appendChild(dl([row(t("raw"), rg.raw), row(t("value"), rg.value), row(t("unit"), rg.unit),
    row(t("year"), rg.year), row(t("qualifiers"), rg.qualifiers), row(t("denominator"), rg.denominator_text),
    row(t("defect"), rg.defect)]));
  details.appendChild(factBox(el("div", {className: "sentence", text: name(rg)}), rg));
}

function showAttributes(rg) {
  details.appendChild(el("h3", {text: t("attributes")}));
  rg.attributes.forEach(function (a) {
    details.appendChild(factBox(el("div", {className: "sentence", text: relName(a) + ": " + a.value}), a));
  });
}

// The facts about an entity, each with its quotes; the statistics about it as a table first.
function showFacts(id) {
  var incident = edges.get(network.getConnectedEdges(id)), statistics = [];
  incident = incident.filter(function (e) {
    var about = e.to === id && e.rg.predicate_curie === "schema:observationAbout" && node(e.from).rg.category === "statistic";
    if (about) statistics.push(e.from);
    return !about;
  });
  if (statistics.length) showStatistics(statistics);
  details.appendChild(el("h3", {text: t("facts")}));
  incident.sort(function (a, b) { return (a.rg.evidence[0].start - b.rg.evidence[0].start) || (a.id < b.id ? -1 : 1); });
  if (!incident.length) details.appendChild(el("p", {className: "muted", text: t("noFacts")}));
  incident.forEach(function (e) { details.appendChild(edgeBox(e)); });
}

// How often the reports name the entity, and in which; a button marks every place in the first
// report, and the text view switches to the others.
function showMentions(mentions) {
  details.appendChild(el("h3", {text: t("mentions")}));
  var groups = byReport(mentions);
  var p = el("p", {}, [t("mentioned", mentions.length, groups.length) + " "]);
  var b = el("button", {type: "button", text: t("showMentions"), "data-mentions": "true"});
  b.addEventListener("click", function () { showReports(groups, 0, "mention"); });
  p.appendChild(b);
  details.appendChild(p);
  details.appendChild(el("p", {className: "where"}, [groups.map(function (g) {
    return g.report + " (" + g.ranges.length + ")"; }).join(" · ")]));
}

function showEdge(id) {
  current = {kind: "edge", id: id};
  var e = edges.get(id);
  clearPanel();
  details.appendChild(el("h2", {text: t("relation") + ": " + relName(e.rg)}));
  details.appendChild(dl([row(t("relation"), (lang === "en" ? e.rg.relation_en : e.rg.relation_zh) + " (" + e.rg.key + ")")]));
  details.appendChild(edgeBox(e));
  labelEdges([id]);
  openPanel();
}
