"""Write a draft (:func:`reportgraph.draft.draft`) as a facts file and registry entries to review.

``python build_graph.py add PATH`` copies the text to ``reports/<id>/report.txt``, writes the draft
facts to ``reports/<id>/facts.yaml`` and the entities it proposes to ``registry/drafts-<id>.yaml``;
``python build_graph.py draft PATH`` prints the same without writing. Every line it writes
carries ``drafted: <rule>``: a curator reviews by deleting wrong lines, correcting the others and
removing ``drafted:``; until then the build marks those facts rg:Drafted (待审核 / unreviewed) and
``validate --strict`` fails.

The facts file reads top to bottom: in each section the items are grouped by the sentence
they come from, under a comment holding that sentence. A draft is checked as the build would
check it (the loader, then SHACL, on the registry and this one report) before anything is
written; a line either rejects is kept as a comment with the reason, so that the draft passes
``validate`` as it stands and the curator still sees what was proposed.
"""

import re
import shutil
from datetime import date
from pathlib import Path

import yaml
from .draftcheck import DraftError, Rendered, checked
from .checks import Problems
from .load import read_registry
from .model import Entity, Unit
from .spans import find_all, unsafe_character, unsafe_message

#: Titles a drafted post may use: zh -> (id, en, heads) for the Role entries the draft proposes.
TITLES_FILE = Path(__file__).with_name("data") / "titles.yaml"
#: The longest text drafted as one report (a long annual report is about 200,000 characters).
MAX_CHARACTERS = 1_000_000


def read_text(path: str | Path) -> str:
    """The text of the report file ``path``; :class:`DraftError` naming the file, line and problem
    if it cannot be read, is not UTF-8, or holds a character XML cannot carry."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise DraftError(f"{path}: cannot read the report text: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise DraftError(f"{path}:{line}: the report text is not UTF-8 (byte {e.start}: {e.reason})") from None
    bad = unsafe_character(text)
    if bad is not None:
        raise DraftError(f"{path}:{text.count(chr(10), 0, bad) + 1}: {unsafe_message(text[bad])}")
    if not text.strip():
        raise DraftError(f"{path}: the report text is empty")
    if len(text) > MAX_CHARACTERS:
        raise DraftError(f"{path}: the text is {len(text):,} characters, more than one report "
                         f"({MAX_CHARACTERS:,} at most): split it into its reports")
    return text


def registry(root: str | Path) -> tuple[dict[str, Entity], dict[str, Unit]]:
    """The registry entities and the units table of the project ``root``; raises
    :class:`~reportgraph.checks.LoadError` naming every problem."""
    problems = Problems()
    entities, units = read_registry(Path(root), problems)
    problems.check()
    return entities, units


def report_id(path: str | Path) -> str:
    """A report id from a file name: lower-case letters, digits, hyphens and underscores.

    >>> report_id("/tmp/2023 Baise Visit.txt"), report_id("百色.txt")
    ('2023-baise-visit', 'report')
    """
    slug = re.sub(r"[^a-z0-9_]+", "-", Path(path).stem.lower()).strip("-_")
    return slug or "report"


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``: up to 。！？；, a line's end, or the text's.

    >>> [("甲。乙！\\n丙"[s:e]) for s, e in sentences("甲。乙！\\n丙")]
    ['甲。', '乙！', '丙']
    """
    out, start = [], 0
    for match in re.finditer(r"[。！？；!?;]+[”’」』）)]*|\n+", text):
        if text[start:match.start()].strip():
            out.append((start, match.end() if match.group().strip() else match.start()))
        start = match.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def titles() -> dict[str, dict]:
    """The titles table (:data:`TITLES_FILE`) by Chinese title."""
    rows = yaml.safe_load(TITLES_FILE.read_text(encoding="utf-8"))
    return {row["zh"]: row for row in rows}


def render(draft: dict, text: str, ident: str, entities: dict[str, Entity], title: str | None = None,
           url: str | None = None, accessed: date | None = None) -> Rendered:
    """The files of ``draft`` (the draft of ``text``, report ``ident``) over the registry ``entities``,
    unchecked: :func:`checked` comments out what the build would reject."""
    writer = _Writer(text, ident, entities)
    registry = writer.entries(draft)
    head = _head(draft, text, ident, title, url, accessed or date.today())
    body = [*writer.section("mentions", writer.mentions(draft)),
            *writer.section("relations", writer.relations(draft)),
            *writer.section("posts", writer.posts(draft)),
            *writer.section("observations", writer.observations(draft))]
    comment = (f"# Drafted by python build_graph.py add from {ident}/report.txt: every line marked drafted: is\n"
               "# unreviewed. Delete wrong lines, correct the rest, then remove 'drafted:'.\n")
    facts = comment + head + "\n".join(body) + "\n"
    return Rendered(ident, facts, _registry_text(ident, registry), [])


def _head(draft, text, ident, title, url, accessed):
    report = draft.get("report", {})
    lines = ["report:", f"  id: {ident}", f"  sha256: {report['sha256']}", "  language: zh"]
    given_title = title or report.get("title")
    if given_title and given_title in text:
        quoted = {"quote": given_title, **_occurrence(text, given_title, text.find(given_title)),
                  **({} if title else {"drafted": "headline"})}
        lines.append(f"  title: {_flow(quoted)}")
    elif given_title:
        lines.append(f"  # title (not written in the text as given): {given_title}")
    issued = report.get("issued")
    quote = _date_written(text, issued) if issued else None
    if quote:
        quoted = {"value": issued, "quote": quote, **_occurrence(text, quote, text.find(quote)), "drafted": "dateline"}
        lines.append(f"  issued: {_flow(quoted)}")
    if url:
        lines.append(f"  url: {_flow([url])[1:-1]}")   # quoted where YAML needs it
    lines.append(f"  accessed: {accessed.isoformat()}")
    return "\n".join(lines) + "\n\n"


def _date_written(text, iso):
    """How ``text`` first writes the date ``iso`` (YYYY-MM-DD) in full, or None.

    >>> _date_written("发布时间：2019/10/24 浏览", "2019-10-24"), _date_written("2023年3月8日", "2023-03-08")
    ('2019/10/24', '2023年3月8日')
    """
    y, m, d = (int(x) for x in iso.split("-"))
    forms = {f"{y}-{m:02d}-{d:02d}", f"{y}-{m}-{d}", f"{y}/{m:02d}/{d:02d}", f"{y}/{m}/{d}",
             f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}.{m:02d}.{d:02d}", f"{y}.{m}.{d}"}
    found = [(text.find(f), f) for f in forms if text.find(f) >= 0]
    return min(found, key=lambda x: (x[0], -len(x[1])))[1] if found else None


def _flow(mapping: dict) -> str:
    """One YAML flow mapping on one line, quoted where YAML needs it."""
    return yaml.safe_dump(mapping, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=float("inf")).strip()


def _occurrence(text, quote, start):
    """``{"occurrence": n}`` when ``quote`` occurs more than once in ``text`` (n: the one at ``start``)."""
    starts = find_all(text, quote)
    return {"occurrence": starts.index(start) + 1} if len(starts) > 1 and start in starts else {}


def _registry_text(ident, entries):
    if not entries:
        return ""
    return (f"# Registry entries proposed by the draft of report {ident} (python build_graph.py add):\n"
            "# review each (name, type, English), merge it into a registry file of its kind, and remove\n"
            "# 'drafted:'. An entry the report no longer uses is deleted.\n"
            + "".join(f"- {_flow(e)}\n" for e in entries))


class _Writer:
    """The lines of one draft: ids of new entities made unique, items grouped by sentence."""

    def __init__(self, text, ident, entities):
        self.text, self.entities = text, entities
        self.sentences = sentences(text)
        self.prefix = re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "report"
        self.ids = {}       # draft id -> registry id
        self.labels = {}    # registry id -> its names (a mention of another name is a pronoun)
        self.new = []       # registry entries proposed
        self.titles = titles()

    # --- the registry entries -----------------------------------------------------------------

    def entries(self, draft):
        taken = set(self.entities)
        for e in draft.get("entities", []):
            if not e.get("new"):
                self.ids[e["id"]] = e["id"]
                known = self.entities.get(e["id"])
                self.labels[e["id"]] = {known.zh, *known.aliases_zh} if known else {e["zh"]}
                continue
            new = self._fresh(f"{self.prefix}-{_slug(e['type'])}", taken)
            self.ids[e["id"]] = new
            aliases = [a for a in dict.fromkeys(e.get("aliases_zh", [])) if a != e["zh"]]
            self.labels[new] = {e["zh"], *aliases}
            entry = {"id": new, "type": e["type"], "zh": e["zh"]}
            if aliases:
                entry["aliases"] = {"zh": aliases}
            entry["drafted"] = e.get("rule", "name")
            self.new.append(entry)
        return self.new

    def _fresh(self, stem, taken):
        n = 1
        while f"{stem}-{n}" in taken:
            n += 1
        taken.add(f"{stem}-{n}")
        return f"{stem}-{n}"

    def _known(self, type_, word):
        """The id of the registry entity of ``type_`` named ``word``, or of one proposed already; None."""
        for e in self.entities.values():
            if e.type == type_ and word in (e.zh, *e.aliases_zh):
                return e.id
        return next((entry["id"] for entry in self.new if entry["type"] == type_ and entry["zh"] == word), None)

    def role(self, word):
        """The registry id of the Role written ``word``, proposing an entry if the registry lacks it."""
        known = self._known("Role", word)
        if known:
            return known
        row = self.titles.get(word)
        taken = set(self.entities) | {e["id"] for e in self.new}
        ident = row["id"] if row and row["id"] not in taken else self._fresh(f"{self.prefix}-role", taken)
        entry = {"id": ident, "type": "Role", "zh": word}
        if row:
            entry["en"] = row["en"]
            if row.get("heads"):
                entry["heads"] = True
        entry["drafted"] = "title"
        self.new.append(entry)
        return ident

    # --- the sections -------------------------------------------------------------------------

    def section(self, name, items):
        """``name:`` and its items ``(start, line)``, under a comment of each item's sentence."""
        lines, current = [f"{name}:"], None
        for start, line in sorted(items, key=lambda item: item[0]):
            sentence = self._sentence(start)
            if sentence != current:
                current = sentence
                lines.append(f"  # {self.text[sentence[0]:sentence[1]].strip()}")
            lines.append(f"  {line}" if line.startswith("#") else f"  - {line}")
        if not any(line.startswith("  - ") for line in lines):   # comments alone: an empty list
            lines[0] += " []"
        return lines + [""]

    def _sentence(self, start):
        for s, e in self.sentences:
            if s <= start < e:
                return (s, e)
        return (start, start)

    def _quoted(self, item):
        start, quote = item["start"], item["quote"]
        return {"quote": quote, **_occurrence(self.text, quote, start)}

    def mentions(self, draft):
        out = []
        for e in draft.get("entities", []):
            ident = self.ids[e["id"]]
            known = self.entities.get(ident)
            full = known.zh if known else e["zh"]
            for m in e.get("mentions", []):
                if m["quote"] == full:
                    continue   # the build finds the full name of every entity a fact refers to
                item = {"entity": ident}
                if m["quote"] not in self.labels.get(ident, ()):
                    item["kind"] = "pronoun"
                out.append((m["start"], _flow({**item, **self._quoted(m), "drafted": e.get("rule", "name")})))
        return out

    def relations(self, draft):
        out = []
        for r in draft.get("relations", []):
            if r["subject"] not in self.ids or r.get("object", r["subject"]) not in self.ids:
                continue
            item = {"subject": self.ids[r["subject"]], "relation": r["relation"]}
            if "object" in r:
                item["object"] = self.ids[r["object"]]
            else:   # an attribute: a date the quote writes
                item["value"] = r["value"]
            if r.get("context") in self.ids:
                item["context"] = self.ids[r["context"]]
            out.append((r["start"], _flow({**item, **self._quoted(r), "drafted": r["rule"]})))
        return out

    def posts(self, draft):
        out = []
        for p in draft.get("posts", []):
            if p.get("organization") is None or p["person"] not in self.ids:
                out.append((p["start"], f"# (no organisation found for this post) {p['quote']} — {p['role']}"))
                continue
            out.append((p["start"], _flow({"person": self.ids[p["person"]], "role": self.role(p["role"]),
                                           "organization": self.ids[p["organization"]], **self._quoted(p),
                                           "drafted": p["rule"]})))
        return out

    def observations(self, draft):
        out = []
        for n, o in enumerate(draft.get("observations", []), 1):
            variable = self._variable(o.get("variable"))
            if o.get("about") is None or variable is None or o["about"] not in self.ids:
                what = "what it is about" if o.get("about") is None else "what it measures"
                out.append((o["start"], f"# (a number; {what} not found) {o['raw']} in: {o['quote']}"))
                continue
            item = {"id": f"{self.prefix}-obs-{n}", "about": self.ids[o["about"]], "variable": variable,
                    "raw": o["raw"], **self._quoted(o)}
            if o.get("unit_key"):
                item["unit"] = o["unit_key"]
            if o.get("qualifiers"):
                item["qualifiers"] = list(o["qualifiers"])
            item["drafted"] = o.get("rule", "number")
            out.append((o["start"], _flow(item)))
        return out

    def _variable(self, variable):
        """The id of the Variable the draft names (its words as written, or ``{"zh": …}``), proposed
        if the registry lacks it; None without one."""
        word = variable.get("zh") if isinstance(variable, dict) else variable
        if not word:
            return None
        known = self._known("Variable", word)
        if known:
            return known
        ident = self._fresh(f"{self.prefix}-variable", set(self.entities) | {e["id"] for e in self.new})
        self.new.append({"id": ident, "type": "Variable", "zh": word, "drafted": "number"})
        return ident


def _slug(type_name):
    """``IndustryAssociation`` -> ``industry-association``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type_name).lower()


# --- add ---------------------------------------------------------------------------------------

def add(root: str | Path, source: str | Path, ident: str | None, draft: dict, entities: dict[str, Entity],
        title: str | None = None, url: str | None = None) -> tuple[Rendered, list[Path]]:
    """Copy ``source`` to ``root/reports/<ident>/report.txt`` and write its checked draft; returns
    the draft and the files written. Raises :class:`DraftError` if the report exists."""
    root, source = Path(root), Path(source)
    text = source.read_bytes().decode("utf-8")
    ident = ident or report_id(source)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident):
        raise DraftError(f"report id '{ident}' must be lower-case letters, digits, hyphens and underscores")
    folder = root / "reports" / ident
    if folder.exists():
        raise DraftError(f"{folder} exists: choose another --id, or delete it first")
    rendered = checked(render(draft, text, ident, entities, title, url), text, root)
    written = [folder / "report.txt", folder / "facts.yaml"]
    folder.mkdir(parents=True)
    shutil.copyfile(source, written[0])   # the bytes as given, never re-encoded
    written[1].write_text(rendered.facts, encoding="utf-8")
    if rendered.registry:
        written.append(root / "registry" / f"drafts-{ident}.yaml")
        written[-1].write_text(rendered.registry, encoding="utf-8")
    return rendered, written

