// --- facts to cite: a place's statistics as a table, a citation per quote, why a fact is inferred --

// "{quote}" etc. in a template filled from an object's fields.
function fill(template, fields) {
  return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in fields ? String(fields[key]) : whole; });
}

// The citation of a quote: the quote, its report's title and id, its date and its offsets.
function citation(span) {
  var r = X.reports[span.report] || {};
  return fill(X.ui.citation[lang], {quote: span.quote, title: reportName(span.report), date: r.issued || "—",
                                    start: span.start, end: span.end});
}

// Puts text on the clipboard (a selected textarea, and the Clipboard API where the page may use
// it); the button keeps the text in data-citation and says it is copied.
function copyText(text, button) {
  button.setAttribute("data-citation", text);
  copyBySelection(text);
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(function () {});
  button.textContent = t("copied");
}

function copyBySelection(text) {
  var area = el("textarea", {readonly: "readonly", style: "position:fixed;left:-9999px"});
  area.value = text;
  document.body.appendChild(area);
  area.select();
  try { document.execCommand("copy"); } catch (e) { /* the text stays in data-citation */ }
  area.remove();
}

function citeButton(span) {
  var b = el("button", {type: "button", className: "cite", text: t("copyCitation")});
  b.addEventListener("click", function () { copyText(citation(span), b); });
  return b;
}

// Why a fact is inferred (the curator's note) or which rule drafted it, introduced in the
// language of the page.
function noteOf(rg) {
  if (rg.assertion === "drafted")   // the rules' names, as the draft step wrote them
    return el("div", {className: "note"}, [t("whyDrafted") + " ", el("span", {text: rg.note.replace(/^drafted: /, "")})]);
  return el("div", {className: "note"}, [t("whyInferred") + " ", curatorNote(rg.note, rg.note_zh)]);
}

// A curator's note in the page's language: its Chinese on the Chinese page when the curator gave
// it, else its English, marked as such there.
function curatorNote(en, zh) {
  if (lang === "zh" && zh) return el("span", {text: zh, lang: "zh"});
  var note = el("span", {text: en, lang: "en"});
  return lang === "zh" && en ? el("span", {}, [note, t("inEnglish")]) : note;
}

// The name of what a statistic measures (its variable), else its own label.
function measureOf(id) {
  var variable = null;
  network.getConnectedEdges(id).forEach(function (eid) {
    var e = edges.get(eid);
    if (e.from === id && e.rg.predicate_curie === "schema:variableMeasured") variable = e.to;
  });
  return variable ? name(node(variable).rg) : name(node(id).rg);
}

// The statistics about an entity as a table: measure, value as written, year, and the quote.
function showStatistics(ids) {
  details.appendChild(el("h3", {text: t("statistics") + " (" + ids.length + ")"}));
  var table = el("table", {className: "statistics"}), head = el("tr");
  [t("variable"), t("value"), t("year"), t("report")].forEach(function (h) { head.appendChild(el("th", {text: h})); });
  table.appendChild(head);
  ids.sort(function (a, b) { return node(a).rg.start - node(b).rg.start || (a < b ? -1 : 1); });
  ids.forEach(function (id) {
    var rg = node(id).rg, span = rg.evidence[0];
    var what = el("a", {text: measureOf(id), "data-node": id});
    what.addEventListener("click", function () { showNode(id); });
    var cells = [el("td", {}, [what]), el("td", {text: lang === "en" ? rg.value_en : rg.value_zh}),
                 el("td", {text: rg.year || ""}), el("td", {className: "where"}, [where(span, rg.evidence)])];
    var tr = el("tr", {"data-statistic": id, className: rg.assertion});
    cells.forEach(function (c) { tr.appendChild(c); });
    if (rg.assertion !== "stated") cells[0].appendChild(el("span", {className: "badge", text: t(rg.assertion)}));
    table.appendChild(tr);
  });
  details.appendChild(table);
}
