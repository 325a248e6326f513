"""Outputs never lie: N-Triples one triple a line whatever the text holds, every file parsed
back before it is published, graph/ replaced all or nothing, and no process left behind."""

import hashlib
import random
import re
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from helpers import REPORT, ROOT, children, cli, gone, until
from reportgraph import build, load, output, staging

FACTS = f"reports/{REPORT}/facts.yaml"
TEXT = f"reports/{REPORT}/report.txt"
ODD = "\u2028\u2029\u0085\r\t\\\"'\n"   # line and paragraph separators, NEL, CR, tab, escapes


def snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def leftovers(folder):
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def append_to_report(project, addition, marker=None):
    """Append ``addition`` to the report text (offsets before it stay valid) and update its
    sha256; returns the line of the report on which ``marker`` then stands."""
    text_path = project / TEXT
    raw = text_path.read_bytes()
    new = raw + addition.encode("utf-8")
    text_path.write_bytes(new)
    facts = project / FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        hashlib.sha256(raw).hexdigest(), hashlib.sha256(new).hexdigest()), encoding="utf-8")
    text = new.decode("utf-8")
    return text.count("\n", 0, text.index(marker)) + 1 if marker else None


# --- N-Triples ------------------------------------------------------------------------------------

def test_ntriples_keep_one_triple_a_line_whatever_a_literal_holds():
    g = Graph()
    for i, char in enumerate(ODD):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(f"a{char}b")))
    g.add((URIRef("urn:s"), URIRef("urn:p"), Literal(ODD, lang="zh")))
    text = output.ntriples(g)
    assert text.endswith("\n") and text.count("\n") == len(g)
    lines = text.split("\n")[:-1]
    assert lines == sorted(lines)
    assert isomorphic(Graph().parse(data=text, format="nt"), g)
    assert len(list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))) == len(g)


def test_a_report_with_line_separators_builds_a_graph_that_parses_and_answers(project):
    append_to_report(project, "\n附:\u2028分隔\u2029段落\u0085下一行\n")
    result = cli(project)
    assert result.returncode == 0, result.stderr
    graph = project / "graph"
    nt = (graph / "knowledge_graph.nt").read_text(encoding="utf-8")
    triples = list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert nt.count("\n") == len(triples)
    text = (project / TEXT).read_text(encoding="utf-8")
    assert any(t.object.value == text for t in triples)   # the whole text, verbatim
    for name in ("knowledge_graph.graphml", "knowledge_graph.gexf"):
        assert staging.counts(name, (graph / name).read_text(encoding="utf-8"))["nodes"] > 0
    answer = cli(project, "query", "organisers-of-docking-activity")
    assert answer.returncode == 0 and "工业和信息化部" in answer.stdout, answer.stderr


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x01", "\ufffe", "\uffff"])
def test_a_character_xml_cannot_carry_is_refused_with_file_and_line(project, char):
    before = snapshot(project / "graph")
    line = append_to_report(project, f"\n附录\n第二{char}行\n", marker=char)
    result = cli(project)
    assert result.returncode == 1
    assert f"{TEXT}:{line}: character U+{ord(char):04X} cannot be written to the XML outputs" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "graph") == before


def test_an_escaped_character_xml_cannot_carry_in_a_label_is_refused(project):
    path = project / "registry" / "people.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("  en: Cai Qifeng")].count("\n") + 1
    path.write_text(text.replace("  en: Cai Qifeng", '  en: "Cai\\x0cQifeng"'), encoding="utf-8")
    result = cli(project, "validate")
    assert result.returncode == 1
    assert f"registry/people.yaml:{line}: 'en': character U+000C" in result.stderr


# --- parsed back before publishing ---------------------------------------------------------------

BROKEN = {   # a serialiser with a bug: the text it gives is not the graph it was given
    "knowledge_graph.nt": lambda text: text.split("\n", 1)[1],             # a triple lost
    "knowledge_graph.ttl": lambda text: text[: len(text) // 2],              # cut short
    "knowledge_graph.jsonld": lambda text: text.replace('"@type"', '"@typo"', 1),   # types lost
    "knowledge_graph.graphml": lambda text: text.replace("<node ", "<nodx ", 1),
    "knowledge_graph.gexf": lambda text: text.replace("</gexf>", ""),      # not well-formed
}


def text(pieces):
    """The text a serialiser of build.OUTPUTS gives in UTF-8 pieces."""
    return b"".join(pieces).decode("utf-8")


def test_a_build_runs_with_the_collector_off_and_leaves_it_as_it_found_it(project, monkeypatch):
    """What a build makes lives to its end, so no collection runs during it (gc.disable); a build, done or
    failed, turns the collector back on if it was on, so that a process that builds many times lets each
    build go, and leaves it off if it was off."""
    import gc

    seen, made = [], build.graph_parts
    monkeypatch.setattr(build, "graph_parts", lambda *a, **k: seen.append(gc.isenabled()) or made(*a, **k))
    build.run(project)
    assert seen == [False] and gc.isenabled() and gc.get_freeze_count() == 0
    monkeypatch.setattr(build, "_staged_files", lambda *a, **k: (_ for _ in ()).throw(output.OutputError("boom")))
    with pytest.raises(output.OutputError):
        build.run(project)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        build.run(project, write=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_front_door_leaves_what_a_command_made_to_the_system_at_exit(monkeypatch):
    """build_graph.py freezes what is alive when the command returns: the collector's pass at exit
    scans none of it (at 100 reports that pass took a second after every build)."""
    import gc
    import runpy

    from reportgraph import cli

    monkeypatch.setattr(cli, "main", lambda: 3)
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit) as e:
            runpy.run_path(str(ROOT / "build_graph.py"), run_name="__main__")
        assert e.value.code == 3 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_an_output_that_does_not_parse_back_to_its_graph_is_never_published(project, monkeypatch, name):
    from reportgraph import graphfiles

    before = snapshot(project / "graph")
    if name in build.OUTPUTS:
        real = build.OUTPUTS[name]
        monkeypatch.setitem(build.OUTPUTS, name, lambda graph, nt, *made: [BROKEN[name](text(real(graph, nt, *made))).encode()])
    else:
        attr = name.rsplit(".", 1)[1]
        real = getattr(graphfiles, attr)
        monkeypatch.setattr(graphfiles, attr, lambda G: BROKEN[name](real(G)))
    with pytest.raises(output.OutputError, match=re.escape(name)):
        build.run(project)
    assert snapshot(project / "graph") == before and leftovers(project / "graph") == []


@pytest.mark.parametrize("name, writer", [("knowledge_graph.ttl", "_turtle_body"), ("knowledge_graph.jsonld", "_nodes")])
def test_a_body_of_a_file_written_in_pieces_that_does_not_parse_back_is_never_published(project, monkeypatch, name, writer):
    """The Turtle and JSON-LD are written a chunk of the N-Triples at a time and parsed back so (a body
    at a time, staging.Staging.verify_rdf): a writer's broken body is caught there too."""
    real = getattr(output, writer)
    monkeypatch.setattr(output, writer, lambda *a: real(*a) + b" }")   # neither Turtle nor JSON
    before = snapshot(project / "graph")
    with pytest.raises(output.OutputError, match=f"^{re.escape(name)} does not parse back"):
        build.run(project)
    assert snapshot(project / "graph") == before and leftovers(project / "graph") == []


def test_a_graph_breaking_a_shape_is_reported_before_an_output_that_does_not_parse_back(project, monkeypatch):
    from reportgraph import validate

    real = build.OUTPUTS["knowledge_graph.nt"]
    monkeypatch.setitem(build.OUTPUTS, "knowledge_graph.nt",
                        lambda graph, nt, *made: [BROKEN["knowledge_graph.nt"](text(real(graph, nt, *made))).encode()])
    violation = validate.Finding("Violation", "ex:a", "ex:p", "wrong")
    monkeypatch.setattr(validate, "shacl_input", lambda *args, **kwargs: (False, [violation]))
    before = snapshot(project / "graph")
    with pytest.raises(build.ValidationFailed, match="ex:a ex:p: wrong"):
        build.run(project)
    assert snapshot(project / "graph") == before and leftovers(project / "graph") == []


# --- all or nothing ------------------------------------------------------------------------------

FILES = {"a.nt": "<urn:a> <urn:b> <urn:c> .\n", "b.txt": "second\n", "c.txt": "third\n"}


def test_publish_writes_every_file_and_a_manifest(tmp_path):
    written = staging.publish(tmp_path / "out", FILES)
    assert sorted(p.name for p in written) == sorted([*FILES, staging.MANIFEST])
    for name, text in FILES.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
    manifest = (tmp_path / "out" / staging.MANIFEST).read_text(encoding="utf-8")
    assert all(hashlib.sha256(t.encode()).hexdigest() in manifest for t in FILES.values())
    assert leftovers(tmp_path / "out") == []


def test_a_failed_write_replaces_nothing_and_leaves_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    staging.publish(out, {name: "old " + text for name, text in FILES.items()})
    before = snapshot(out)
    real_open, opened = open, []

    def failing_open(path, *args, **kwargs):   # the third file cannot be written (disk full)
        opened.append(path)
        if len(opened) == 3:
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(staging, "open", failing_open, raising=False)
    with pytest.raises(output.OutputError, match="No space left on device; nothing was replaced"):
        staging.publish(out, FILES)
    assert snapshot(out) == before and leftovers(out) == []


def test_a_folder_holding_files_no_build_wrote_is_refused(tmp_path):
    out = tmp_path / "out"
    staging.publish(out, FILES)
    (out / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(output.OutputError, match=r"holds files the build did not write \(notes.md\)"):
        staging.publish(out, FILES)
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(output.OutputError, match=r"cannot write .*file/out/: .*file: File exists"):
        staging.publish(tmp_path / "file" / "out", FILES)


def _dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_what_a_killed_build_left_is_cleaned_or_put_back(tmp_path):
    out = tmp_path / "out"
    staging.publish(out, FILES)
    dead = _dead_pid()
    # killed between the two renames of a swap: only the old folder, set aside, remains
    out.rename(tmp_path / f".out.old-{dead}")
    (tmp_path / f".out.new-{dead}").mkdir()
    (tmp_path / f".out.new-{dead}" / "a.nt").write_text("half", encoding="utf-8")
    staging.publish(out, {**FILES, "b.txt": "new\n"})
    assert (out / "b.txt").read_text(encoding="utf-8") == "new\n"
    assert leftovers(out) == []


KILLER = """
import os, signal, sys
from pathlib import Path
from reportgraph import staging
point, count = sys.argv[1], {}
def die_at(name, real):
    def wrapper(*args, **kwargs):
        count[name] = count.get(name, 0) + 1
        if point == f"{name}:{count[name]}":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper
staging.open = die_at("open", open)
if point.startswith("rename"):
    staging._exchange = lambda a, b: False          # the two-rename swap, where Linux has no exchange
    staging.os.rename = die_at("rename", os.rename)
staging.publish(Path(sys.argv[2]), {"a.nt": "new\\n", "b.txt": "new\\n", "c.txt": "new\\n"})
"""


@pytest.mark.parametrize("point", ["open:1", "open:3", "open:4", "rename:1", "rename:2", "rename:3"])
def test_a_build_killed_while_publishing_leaves_the_old_set_or_the_new_one(tmp_path, point):
    """Killed at each write and between the renames of a swap: the folder is the old set or the
    new one (or, between the two renames of the fallback swap, set aside until the next build)."""
    out = tmp_path / "out"
    old = {name: "old\n" for name in FILES}
    staging.publish(out, old)
    root = Path(build.__file__).parent.parent
    result = subprocess.run([sys.executable, "-c", KILLER, point, str(out)], cwd=root)
    assert result.returncode == -signal.SIGKILL
    if out.exists():
        texts = {p.read_text(encoding="utf-8") for p in out.iterdir() if p.name != staging.MANIFEST}
        assert texts in ({"old\n"}, {"new\n"})
    staging.publish(out, FILES)   # the next build repairs and cleans up
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.name in FILES} == FILES
    assert leftovers(out) == []


def test_the_validating_process_dies_with_the_build(tmp_path):
    script = ("import time\nfrom reportgraph import build\n"
              "wait = build.forked(time.sleep, 600)\nprint('forked', flush=True)\ntime.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(build.__file__).parent.parent,
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline() == "forked\n"
    forked = children(parent.pid)
    assert len(forked) == 1
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert until(lambda: gone(forked[0]), timeout=20), f"the validating process {forked[0]} lives on"


# --- mention finding ---------------------------------------------------------------------------

def test_outermost_spans_agree_with_the_quadratic_definition():
    rng = random.Random(7)
    for _ in range(200):
        spans = {(s, s + rng.randint(1, 6), f"n{rng.randint(0, 3)}") for s in
                 (rng.randint(0, 30) for _ in range(rng.randint(0, 25)))}
        spans = list({(s, e): (s, e, n) for s, e, n in spans}.values())   # one name a span
        expected = sorted(x for x in spans if not any(
            s <= x[0] and x[1] <= e and (e - s) > (x[1] - x[0]) for s, e, _ in spans))
        assert sorted(load._outermost(spans)) == expected
