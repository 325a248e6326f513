// --- the report text, with a fact's quotes or an entity's mentions marked, in one report of several --

var chars = {};   // report id -> its text as Unicode code points (the graph's offsets count those)
function reportChars(id) {
  if (!chars[id]) chars[id] = Array.from((X.reports[id] || {}).text || "");
  return chars[id];
}

// The spans ({report, start, end, …}) grouped by report, in the order of their first span:
// [{report, ranges}], what the text view can switch between.
function byReport(spans) {
  var groups = [], at = {};
  (spans || []).forEach(function (s) {
    if (!(s.report in at)) { at[s.report] = groups.length; groups.push({report: s.report, ranges: []}); }
    groups[at[s.report]].ranges.push(s);
  });
  return groups;
}

var shownText = null;   // what the text view shows: {choices, index, kind, focus}

// Shows report reportId with each range ({start, end}) marked as a "quote" or a "mention".
function showReport(reportId, ranges, kind) {
  showReports([{report: reportId, ranges: ranges}], 0, kind, ranges[0]);
}

// Shows choices[index] (one of the reports a fact or an entity is in: {report, ranges}) with
// its ranges marked; a list above the text switches to the others. focus: the span to show
// first (a quote that was clicked), marked as the current one.
function showReports(choices, index, kind, focus) {
  shownText = {choices: choices, index: index, kind: kind, focus: focus};
  var select = $("report-choice");
  select.textContent = "";
  choices.forEach(function (c, i) {
    var option = el("option", {value: String(i), text: reportName(c.report) + " (" + c.ranges.length + ")"});
    if (i === index) option.selected = true;
    select.appendChild(option);
  });
  select.hidden = choices.length < 2;
  $("report-choice-label").hidden = choices.length < 2;
  $("report-choice-label").textContent = t("otherReports", choices.length);
  showChoice(index);
}

function showChoice(index) {
  var choice = shownText.choices[index], box = $("report-text");
  shownText.index = index;
  box.textContent = "";
  var focus = shownText.focus && shownText.focus.report === choice.report ? shownText.focus : choice.ranges[0];
  var first = markRanges(box, reportChars(choice.report), choice.ranges, shownText.kind, focus);
  $("report-title").textContent = t("report") + " " + reportName(choice.report);
  $("report-meta").textContent = reportMeta(choice.report);
  $("report").setAttribute("data-report", choice.report);
  $("report").hidden = false;
  openPanel();
  if (first) first.scrollIntoView({block: "center"});
}

// A report by its title where the graph has one, else by its id.
function reportName(id) {
  var r = X.reports[id] || {};
  return r.title ? r.title + " (" + id + ")" : id;
}

// The report's date and source, as far as the graph has them.
function reportMeta(id) {
  var r = X.reports[id] || {};
  return [r.issued ? t("issued") + " " + r.issued : "", r.url || r.publisher || r.source ? t("source") + " " +
          (r.url || r.publisher || r.source) : ""].filter(Boolean).join(" · ");
}

// Writes text into box with the ranges marked (an overlapping one is skipped); returns the mark
// of focus (the first one if focus is not among them). Quotes are "current" (the focus) or "quote".
function markRanges(box, text, ranges, kind, focus) {
  var pos = 0, first = null, focused = null;
  ranges.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (r) {
    if (r.start < pos) return;
    box.appendChild(document.createTextNode(text.slice(pos, r.start).join("")));
    var isFocus = focus && r.start === focus.start && r.end === focus.end;
    var m = el("mark", {className: kind === "mention" ? "mention" : isFocus ? "current" : "quote",
                        text: text.slice(r.start, r.end).join(""), "data-start": r.start, "data-end": r.end});
    box.appendChild(m);
    if (!first) first = m;
    if (isFocus) focused = m;
    pos = r.end;
  });
  box.appendChild(document.createTextNode(text.slice(pos).join("")));
  return focused || first;
}

function wireText() {
  $("report-choice").addEventListener("change", function () { showChoice(Number(this.value)); });
}
