"""Write the graph's files: byte-identical for the same graph, and all-or-nothing.

rdflib's N-Triples and JSON-LD follow the store's iteration order, which is not
fixed across runs; both are put in a canonical order here. Every file is first
written beside its target and then moved over it with ``os.replace``, only after
every serialisation has succeeded, so a failure never leaves a half-written or
half-updated ``graph/``.
"""

import json
import os
import tempfile
from pathlib import Path


def turtle(graph):
    """Turtle text of ``graph`` (rdflib sorts subjects and predicates itself)."""
    return graph.serialize(format="turtle")


def ntriples(graph):
    """N-Triples text of ``graph``, one triple a line, lines sorted."""
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld(graph):
    """JSON-LD text of ``graph`` with nodes, keys and multi-values in a fixed order."""
    context = {prefix: str(ns) for prefix, ns in graph.namespaces()
               if prefix in {"rg", "org", "schema", "oa", "skos", "prov", "foaf", "dcterms",
                             "rdf", "rdfs", "xsd", "unit", "cur", "data"}}
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_canonical(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _canonical(value):
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def write_all(files):
    """Write ``{path: text}`` atomically as UTF-8: all files are replaced, or none."""
    umask = os.umask(0)
    os.umask(umask)
    staged = []
    try:
        for path, text in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes files private; outputs are not
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
