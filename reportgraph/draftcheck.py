"""Check a draft as the build would, before it is written: lines the build rejects become comments.

The loader, then SHACL, run on the project's registry, the draft's proposed entries and the one
drafted report, in a scratch folder; every line they reject is turned into a comment that gives
the reason (``# rejected (…): - {…}``), and the check runs again until nothing is rejected. The
draft then passes ``validate`` as it stands, and the curator still sees what was proposed.
"""

import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import PROV

from . import validate
from .checks import LoadError
from .load import load_corpus
from .rdf import Iris, build_graph
from .vocab import ATTRIBUTES, DEFAULT_BASE, RELATIONS

_ROUNDS = 8    # checks of a draft before giving up (each round comments out what was rejected)


class DraftError(RuntimeError):
    """A draft cannot be written (the folder exists, the text cannot be read, the checks never pass)."""


@dataclass
class Rendered:
    """A draft as the files it would write: the facts file's text and the registry entries'."""

    report_id: str
    facts: str
    registry: str
    rejected: list   # "line: reason" of every line the checks rejected (kept as comments)

    def counts(self) -> str:
        """How many lines of each section were drafted, entries proposed, lines rejected."""
        sections, current = {}, None
        for line in self.facts.split("\n"):
            if re.match(r"^[a-z]+:", line):
                current = line.split(":")[0]
            elif line.startswith("  - ") and "drafted:" in line:
                sections[current] = sections.get(current, 0) + 1
        entries = sum(1 for line in self.registry.split("\n") if line.startswith("- "))
        return (", ".join(f"{sections.get(s, 0)} {s}" for s in ("mentions", "relations", "posts", "observations"))
                + f" drafted, {entries} registry entries proposed, {len(self.rejected)} line(s) rejected "
                "by the checks (kept as comments)")


def checked(rendered: Rendered, text: str, root: str | Path, base: str = DEFAULT_BASE) -> Rendered:
    """``rendered`` with every line the loader or SHACL rejects (on ``root``'s registry and this
    report alone) turned into a comment giving the reason; the rest passes ``validate``."""
    root = Path(root)
    shapes = Graph().parse(root / "shapes.ttl")
    ontology = Graph().parse(root / "ontology.ttl")
    facts, registry = rendered.facts.split("\n"), rendered.registry.split("\n")
    rejected = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(_ROUNDS):
            project = _scratch(Path(tmp), root, rendered.report_id, text, facts, registry)
            lines = _problems(project, rendered.report_id, shapes, ontology, base)
            if not lines:
                return replace(rendered, facts="\n".join(facts), registry="\n".join(registry), rejected=rejected)
            for (which, number), reason in sorted(lines.items()):
                target = facts if which == "facts" else registry
                if not target[number - 1].lstrip().startswith("- "):   # only an item can be left out
                    raise DraftError(f"the draft of {rendered.report_id} is wrong on {which} line {number} "
                                     f"({target[number - 1].strip()!r}): {reason}")
                rejected.append(f"{which}:{number}: {reason}")
                target[number - 1] = _commented(target[number - 1], reason)
    raise DraftError(f"the draft of {rendered.report_id} still fails its checks after {_ROUNDS} rounds: "
                     + "; ".join(rejected[-3:]))


def _commented(line, reason):
    indent = line[:len(line) - len(line.lstrip())]
    return f"{indent}# rejected ({' '.join(reason.split())}): {line.strip()}"


def _scratch(folder, root, ident, text, facts, registry):
    """A project in ``folder`` of ``root``'s registry, the draft's entries and this one report."""
    shutil.rmtree(folder / "p", ignore_errors=True)
    project = folder / "p"
    shutil.copytree(root / "registry", project / "registry")
    if any(line.strip() for line in registry):
        (project / "registry" / f"drafts-{ident}.yaml").write_text("\n".join(registry), encoding="utf-8")
    report = project / "reports" / ident
    report.mkdir(parents=True)
    (report / "report.txt").write_text(text, encoding="utf-8", newline="")
    (report / "facts.yaml").write_text("\n".join(facts), encoding="utf-8")
    return project


def _problems(project, ident, shapes, ontology, base):
    """``{("facts"|"registry", line): reason}`` of what the build would reject; empty if nothing."""
    which = {str(project / "reports" / ident / "facts.yaml"): "facts",
             str(project / "registry" / f"drafts-{ident}.yaml"): "registry"}
    try:
        corpus = load_corpus(project)
    except LoadError as e:
        found = {(which[err.path], err.line): err.problem for err in e.errors if err.path in which and err.line}
        if not found:
            raise DraftError("; ".join(str(err) for err in e.errors)) from None
        return found
    graph = build_graph(corpus, base)
    conforms, findings = validate.shacl(graph, shapes, ontology)
    if conforms:
        return {}
    return _shacl_lines(corpus, graph, findings, Iris(base), which)


def _shacl_lines(corpus, graph, findings, iris, which):
    """The lines of the facts (or entries) behind each SHACL violation's focus node."""
    names = graph.namespace_manager
    lines_of = {}   # a node, as findings name it -> {(file, line)}
    for report in corpus.reports:
        for item in (*report.statements, *report.posts, *report.observations):
            lines_of.setdefault(iris.span(item.span).n3(names), set()).add((which.get(item.where.path), item.where.line))
    for node in set(graph.subjects(PROV.wasDerivedFrom, None)):
        for span in graph.objects(node, PROV.wasDerivedFrom):
            lines_of.setdefault(node.n3(names), set()).update(lines_of.get(span.n3(names), ()))
    for e in corpus.entities.values():
        if e.drafted:
            lines_of.setdefault(iris.entity(e.id).n3(names), set()).add((which.get(e.where.path), e.where.line))
    about = _lines_about(corpus, iris, names, which)
    found = {}
    for f in findings:
        if f.severity != "Violation":
            continue
        lines = lines_of.get(f.focus) or {w for w, p in about.get(f.focus, ()) if f.path and p == f.path} or \
            {w for w, _ in about.get(f.focus, ())}   # an entry of the registry, through the lines about it
        for where in lines:
            if where[0] is not None:
                found[where] = f"{f.path} {f.message}".strip()
    if not found:
        raise DraftError("the draft breaks a shape on no line it wrote: " + "; ".join(map(str, findings[:3])))
    return found


def _lines_about(corpus, iris, names, which):
    """``{entity node: {((file, line), predicate)}}``: the drafted lines that name each entity, each
    with the property its fact states (as findings name both)."""
    about = {}
    for report in corpus.reports:
        for item in (*report.statements, *report.posts, *report.observations):
            key = RELATIONS.get(getattr(item, "key", None)) or ATTRIBUTES.get(getattr(item, "key", None))
            predicate = key.property.n3(names) if key else None
            for ident in vars(item).values():
                if isinstance(ident, str) and ident in corpus.entities:
                    about.setdefault(iris.entity(ident).n3(names), set()).add(
                        ((which.get(item.where.path), item.where.line), predicate))
    return about
