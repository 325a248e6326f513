// --- the report text, with a quote or every mention of an entity marked ------------------------

var chars = {};   // report id -> its text as Unicode code points (the graph's offsets count those)
function reportChars(id) {
  if (!chars[id]) chars[id] = Array.from((X.reports[id] || {}).text || "");
  return chars[id];
}

// Shows report reportId with each range ({start, end}) marked as a "quote" or a "mention".
function showReport(reportId, ranges, kind) {
  var box = $("report-text");
  box.textContent = "";
  var first = markRanges(box, reportChars(reportId), ranges, kind);
  $("report-title").textContent = t("report") + " " + reportId;
  $("report").hidden = false;
  openPanel();
  if (first) first.scrollIntoView({block: "center"});
}

// Writes text into box with the ranges marked (an overlapping one is skipped); returns the first mark.
function markRanges(box, text, ranges, kind) {
  var pos = 0, first = null;
  ranges.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (r) {
    if (r.start < pos) return;
    box.appendChild(document.createTextNode(text.slice(pos, r.start).join("")));
    var m = el("mark", {className: kind === "mention" ? "mention" : "current", text: text.slice(r.start, r.end).join(""),
                        "data-start": r.start, "data-end": r.end});
    box.appendChild(m);
    if (!first) first = m;
    pos = r.end;
  });
  box.appendChild(document.createTextNode(text.slice(pos).join("")));
  return first;
}
