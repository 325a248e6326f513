"""reportgraph.output, exactly: the texts written for tiny graphs, what files parse back to,
the exact errors, and every edge of publishing (leftovers, foreign files, the swap)."""

import errno
import hashlib
import json
import locale
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from reportgraph import output, staging
from reportgraph.output import OutputError

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def tiny_graph():
    """Prefixes: ex (used), long (used, longer than ex and starting like it), sl (used, but one of
    its IRIs has a "/" in its local name), unused (bound, not used), and the empty prefix."""
    g = Graph(bind_namespaces="none")
    g.bind("ex", "urn:ex:")
    g.bind("long", "urn:ex:long#")
    g.bind("sl", "urn:sl/")
    g.bind("unused", "urn:unused:")
    g.bind("", "urn:default:")
    g.bind("xsd", str(XSD))
    s, p = URIRef("urn:ex:s"), URIRef("urn:ex:p")
    g.add((s, RDF_TYPE, URIRef("urn:ex:T")))
    g.add((s, RDF_TYPE, URIRef("urn:ex:long#U")))
    g.add((s, p, Literal("百色", lang="zh")))
    g.add((s, p, Literal("1.0", datatype=XSD.decimal)))
    g.add((s, URIRef("urn:ex:long#q"), URIRef("urn:sl/a/b")))
    g.add((URIRef("urn:sl/a"), p, Literal(2)))
    g.add((URIRef("urn:default:d"), p, Literal("d")))
    return g


TINY_NT = (
    '<urn:default:d> <urn:ex:p> "d" .\n'
    '<urn:ex:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:T> .\n'
    '<urn:ex:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:long#U> .\n'
    '<urn:ex:s> <urn:ex:long#q> <urn:sl/a/b> .\n'
    '<urn:ex:s> <urn:ex:p> "1.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    '<urn:ex:s> <urn:ex:p> "百色"@zh .\n'
    '<urn:sl/a> <urn:ex:p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
)


# --- N-Triples ----------------------------------------------------------------------------------

def test_ntriples_are_sorted_lines_each_ending_in_a_newline():
    assert output.ntriples(tiny_graph()) == TINY_NT


def test_ntriples_of_an_empty_graph_is_empty():
    assert output.ntriples(Graph()) == ""


def test_ntriples_already_made_are_returned_as_they_are():
    assert output.ntriples(tiny_graph(), "given\n") == "given\n"
    assert output.ntriples(tiny_graph(), "") == ""


def test_a_literal_with_a_line_separator_stays_on_its_line():
    g = Graph()
    g.add((URIRef("urn:b"), URIRef("urn:p"), Literal("x\u2028y\u0085z")))
    g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("w")))
    assert output.ntriples(g) == '<urn:a> <urn:p> "w" .\n<urn:b> <urn:p> "x\u2028y\u0085z" .\n'


# --- prefixes -----------------------------------------------------------------------------------

def test_prefixes_are_those_bound_and_used_without_slashes_in_local_names_in_name_order():
    g = tiny_graph()
    assert list(output._prefixes(g, TINY_NT.encode()).items()) == [
        ("ex", "urn:ex:"), ("long", "urn:ex:long#"), ("xsd", str(XSD))]


@pytest.mark.parametrize("every", [1, 2, 1024])
def test_prefixes_found_chunk_by_chunk_and_kept_are_those_of_the_whole(every, tmp_path, monkeypatch):
    """A build finds the prefixes each chunk uses and keeps them (output.Made): the same as the whole
    text's, made and then read back, with a namespace that one chunk uses with "/" and others without."""
    g = tiny_graph()
    nt = (TINY_NT + "<urn:z> <urn:p> <urn:sl/x> .\n<urn:zz> <urn:p> <urn:ex:long#y> .\n").encode()
    monkeypatch.setattr(output, "CHUNK", every)
    whole = output._prefixes(g, nt)
    assert "sl" not in whole and "long" in whole
    made = output.Made(tmp_path / "kept.pickle")
    assert output._prefixes(g, nt, made) == whole
    made.save()
    read, real = [], output._uses
    monkeypatch.setattr(output, "_uses", lambda namespaces, text: read.append(text) or real(namespaces, text))
    made = output.Made(tmp_path / "kept.pickle")
    assert output._prefixes(g, nt, made) == whole and read == []   # every chunk's, kept: no text read again
    assert len(made.used) == len(list(output.chunks(nt)))


def test_a_namespace_used_only_without_angle_brackets_is_not_used():
    g = Graph(bind_namespaces="none")
    g.bind("ex", "urn:ex:")
    assert output._prefixes(g, b'<urn:a> <urn:b> "urn:ex:x" .\n') == {}


# --- Turtle -------------------------------------------------------------------------------------

def test_turtle_text_of_a_tiny_graph():
    assert output.turtle(tiny_graph()) == (
        "@prefix ex: <urn:ex:> .\n"
        "@prefix long: <urn:ex:long#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:default:d> ex:p "d" .\n'
        "ex:s a ex:T , long:U ;\n"
        "\tlong:q <urn:sl/a/b> ;\n"
        '\tex:p 1.0 , "百色"@zh .\n'
        "<urn:sl/a> ex:p 2 .\n")


def test_turtle_uses_the_ntriples_given_and_lists_prefixes_by_name():
    g = Graph(bind_namespaces="none")
    g.bind("zz", "urn:ex:")
    g.bind("aa", "urn:other:")
    assert output.turtle(g, "<urn:ex:a> <urn:ex:b> <urn:other:c> .\n") == \
        "@prefix aa: <urn:other:> .\n@prefix zz: <urn:ex:> .\nzz:a zz:b aa:c .\n"


# --- JSON-LD ------------------------------------------------------------------------------------

def test_jsonld_text_of_a_tiny_graph():
    doc = {
        "@context": {"ex": "urn:ex:", "long": "urn:ex:long#", "xsd": str(XSD)},
        "@graph": [
            {"@id": "urn:default:d", "ex:p": [{"@value": "d"}]},
            {"@type": ["ex:T", "long:U"], "@id": "urn:ex:s",   # @type first: JSON-LD's streaming profile
             "ex:p": [{"@type": "http://www.w3.org/2001/XMLSchema#decimal", "@value": "1.0"},   # N-Triples order
                      {"@language": "zh", "@value": "百色"}],
             "long:q": [{"@id": "urn:sl/a/b"}]},
            {"@id": "urn:sl/a", "ex:p": [{"@type": "http://www.w3.org/2001/XMLSchema#integer", "@value": "2"}]},
        ],
    }
    assert output.jsonld(tiny_graph()) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert "百色" in output.jsonld(tiny_graph())   # not escaped


def test_jsonld_types_are_sorted_after_shortening():
    g = Graph(bind_namespaces="none")
    g.bind("z", "urn:a:")
    g.bind("a", "urn:z:")
    for t in ("urn:a:x", "urn:z:y"):
        g.add((URIRef("urn:s"), RDF_TYPE, URIRef(t)))
    assert json.loads(output.jsonld(g))["@graph"] == [{"@id": "urn:s", "@type": ["a:y", "z:x"]}]


def test_jsonld_uses_the_ntriples_given():
    g = Graph(bind_namespaces="none")
    g.bind("ex", "urn:ex:")
    assert output.jsonld(g, "<urn:ex:a> <urn:ex:b> <urn:ex:c> .\n") == (
        '{\n  "@context": {\n    "ex": "urn:ex:"\n  },\n  "@graph": [\n    {\n      "@id": "urn:ex:a",\n'
        '      "ex:b": [\n        {\n          "@id": "urn:ex:c"\n        }\n      ]\n    }\n  ]\n}\n')


# --- parse back ---------------------------------------------------------------------------------

GRAPHML = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"/><node id="b"/>'
           '<node id="c"/><edge source="a" target="b"/></graph></graphml>')


@pytest.mark.parametrize("name,text,counted", [
    # counted as parsed, nothing kept: a triple written twice counts twice (no writer here repeats one)
    ("x.nt", '<urn:a> <urn:b> "c" .\n<urn:a> <urn:b> "c" .\n<urn:a> <urn:b> "d" .\n', {"triples": 3}),
    ("x.ttl", "<urn:a> <urn:b> <urn:c>, <urn:d>, <urn:e> .\n", {"triples": 3}),
    ("x.jsonld", '{"@id": "urn:a", "urn:b": [{"@value": "x"}, {"@value": "y"}]}', {"triples": 2}),
    ("x.graphml", GRAPHML, {"nodes": 3, "edges": 1}),
    ("dir/x.gexf", '<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="a"/></nodes><edges>'
                   '<edge source="a" target="a"/><edge source="a" target="a"/></edges></graph></gexf>',
     {"nodes": 1, "edges": 2}),
    ("x.txt", "not parsed", {}),
    ("x.json", "{", {}),
    ("nt", "", {}),
])
def test_counts(name, text, counted):
    assert staging.counts(name, text) == counted


@pytest.mark.parametrize("name,text,message", [
    ("x.nt", "<urn:a> <urn:b> .\n", "x.nt does not parse back: Parser error at line 1 column 17: "
     "The object of a triple must be an IRI, a blank node or a literal (line 1)"),
    ("x.ttl", "@prefix", "x.ttl does not parse back: Parser error at line 1 between columns 1 and 8: "
     "Unexpected end of file (line 1)"),
    ("x.jsonld", "{", "x.jsonld does not parse back: Parser error at line 1 column 2: "
     "Object keys must be strings (line 1)"),
    ("x.graphml", "<a>", "x.graphml does not parse back: no element found: line 1, column 3"),
    ("x.gexf", "<a><b></a>", "x.gexf does not parse back: mismatched tag: line 1, column 8"),
    ("x.nt", "<urn:a> <urn:b> \"\ud800\" .\n", "x.nt does not parse back: 'utf-8' codec can't encode "
     "character '\\ud800' in position 17: surrogates not allowed"),
    ("x.graphml", "<a>\ud800</a>", "x.graphml does not parse back: 'utf-8' codec can't encode "
     "character '\\ud800' in position 3: surrogates not allowed"),
])
def test_counts_of_a_file_that_does_not_parse(name, text, message):
    with pytest.raises(OutputError) as e:
        staging.counts(name, text)
    assert str(e.value) == message
    assert e.value.__cause__ is None and e.value.__suppress_context__


@pytest.mark.parametrize("before", range(7))
def test_a_tag_split_between_two_reads_is_counted_once(before):
    # the file is read a mebibyte at a time: a tag of six bytes starting ``before`` bytes before the
    # second read (0: at it; 6: ending there) is counted once, whole in one text or the other
    head = f"<g><n>{'x' * ((1 << 20) - before - len('<g><n></n>'))}</n>"
    text = f"{head}<node/><edge a='1'></edge><node\n/></g>"
    assert text.index("<node/>") == (1 << 20) - before
    assert staging.counts("x.graphml", text) == {"nodes": 2, "edges": 1}


@pytest.mark.parametrize("text,counted", [
    # where a "<" may not open a tag, the elements are counted as the parser meets them
    ("<g><!-- <node/> --><node/></g>", {"nodes": 1, "edges": 0}),
    ("<g><![CDATA[<edge/>]]><edge/><edge/></g>", {"nodes": 0, "edges": 2}),
    ("<g><?pi <node/>?><node/></g>", {"nodes": 1, "edges": 0}),
    ('<!DOCTYPE g [<!ENTITY n "<node/>">]><g>&n;&n;&n;</g>', {"nodes": 3, "edges": 0}),
    # the writers here write no prefix: a prefixed node is not one of theirs, and is not counted
    ("<g xmlns:x='urn:x'><x:node/><node/></g>", {"nodes": 1, "edges": 0}),
    ("<g xmlns:x='urn:x'><!-- --><x:node/><node/></g>", {"nodes": 1, "edges": 0}),
])
def test_counts_of_xml_with_markup_a_tag_can_hide_in(text, counted):
    assert staging.counts("x.gexf", text) == counted


def verified(tmp_path, files, expected):
    """Stage ``files`` in a folder under ``tmp_path`` and verify them against ``expected`` counts."""
    staged = staging.Staging(tmp_path / "out", files)
    for name, text in files.items():
        staged.write(name, text)
    try:
        return staged.verify(expected)
    finally:
        staged.discard()


def test_verify_passes_files_that_parse_back_to_their_counts(tmp_path):
    files = {"a.nt": "<urn:a> <urn:b> <urn:c> .\n", "b.graphml": GRAPHML, "c.txt": "anything"}
    assert verified(tmp_path, files, {"a.nt": {"triples": 1}, "b.graphml": {"nodes": 3, "edges": 1}}) is None
    assert verified(tmp_path, files, {}) is None


def test_verify_names_the_first_file_that_differs(tmp_path):
    files = {"a.nt": "<urn:a> <urn:b> <urn:c> .\n", "b.graphml": GRAPHML}
    with pytest.raises(OutputError) as e:
        verified(tmp_path, files, {"a.nt": {"triples": 1}, "b.graphml": {"nodes": 2, "edges": 1}})
    assert str(e.value) == ("b.graphml parses back to {'nodes': 3, 'edges': 1}, not the {'nodes': 2, 'edges': 1} "
                            "it was written from; nothing was replaced")
    with pytest.raises(OutputError) as e:
        verified(tmp_path, files, {"a.nt": {"triples": 2}, "b.graphml": {"nodes": 2, "edges": 1}})
    assert str(e.value) == ("a.nt parses back to {'triples': 1}, not the {'triples': 2} "
                            "it was written from; nothing was replaced")


# --- manifest -----------------------------------------------------------------------------------

def test_manifest_lists_each_files_sha256_in_name_order():
    a, b = hashlib.sha256("é\n".encode("utf-8")).hexdigest(), hashlib.sha256(b"b").hexdigest()
    assert staging.manifest({"b.txt": "b", "a.txt": "é\n"}) == \
        '{\n  "files": {\n    "a.txt": "%s",\n    "b.txt": "%s"\n  }\n}\n' % (a, b)
    assert staging.manifest({}) == '{\n  "files": {}\n}\n'


# --- publish ------------------------------------------------------------------------------------

FILES = {"b.nt": "<urn:a> <urn:b> <urn:c> .\n", "a.txt": "百色\nline two\n"}


def tree(folder):
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir())}


def hidden(parent):
    return sorted(p.name for p in Path(parent).iterdir() if p.name.startswith("."))


def test_publish_writes_exactly_the_files_and_their_manifest(tmp_path):
    out = tmp_path / "deep" / "er" / "out"
    written = staging.publish(out, FILES)
    assert written == [out / "a.txt", out / "b.nt", out / "manifest.json"]
    assert tree(out) == {"a.txt": "百色\nline two\n".encode("utf-8"), "b.nt": FILES["b.nt"].encode(),
                         "manifest.json": staging.manifest(FILES).encode()}
    assert hidden(out.parent) == []


def test_publish_writes_utf8_whatever_the_locale(tmp_path):
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")   # as under LC_ALL=C, where the default encoding is ASCII
    try:
        staging.publish(tmp_path / "out", FILES)
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert (tmp_path / "out" / "a.txt").read_bytes() == "百色\nline two\n".encode("utf-8")


def test_publish_writes_newlines_as_they_are(tmp_path):
    staging.publish(tmp_path / "out", {"crlf.txt": "a\r\nb\rc\n"})
    assert (tmp_path / "out" / "crlf.txt").read_bytes() == b"a\r\nb\rc\n"


def test_publish_replaces_the_old_set_and_removes_files_the_old_manifest_named(tmp_path):
    out = tmp_path / "out"
    staging.publish(out, {"old.txt": "old\n", **FILES})
    assert staging.publish(out, {"a.txt": "new\n"}) == [out / "a.txt", out / "manifest.json"]
    assert tree(out) == {"a.txt": b"new\n", "manifest.json": staging.manifest({"a.txt": "new\n"}).encode()}
    assert hidden(tmp_path) == []
    # and the manifest now names only what is there: old.txt is foreign from now on
    (out / "old.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        staging.publish(out, {"a.txt": "new\n"})
    assert str(e.value) == (f"{out}/ holds files the build did not write (old.txt); "
                            "move them, or build into another folder with --out")


def test_publish_may_replace_a_folder_of_an_older_build_without_a_manifest(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("older", encoding="utf-8")
    staging.publish(out, FILES)
    assert (out / "a.txt").read_text(encoding="utf-8") == FILES["a.txt"]


@pytest.mark.parametrize("manifest", ["not json", "[1, 2]", '{"other": {}}', '{"files": 3}', '"files"'])
def test_a_manifest_that_cannot_be_read_names_nothing(tmp_path, manifest):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(manifest, encoding="utf-8")
    (out / "a.txt").write_text("older", encoding="utf-8")
    staging.publish(out, FILES)
    assert sorted(tree(out)) == ["a.txt", "b.nt", "manifest.json"]
    (out / "z.txt").write_text("mine", encoding="utf-8")
    (out / "manifest.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(OutputError, match=r"\(z.txt\)"):
        staging.publish(out, FILES)


def test_a_manifest_that_is_a_folder_names_nothing(tmp_path):
    out = tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)
    (out / "a.txt").write_text("older", encoding="utf-8")
    (out / "zz").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        staging.publish(out, FILES)
    assert str(e.value) == (f"{out}/ holds files the build did not write (zz); "
                            "move them, or build into another folder with --out")


def test_foreign_files_are_named_sorted_and_at_most_five(tmp_path):
    out = tmp_path / "out"
    staging.publish(out, FILES)
    for name in ("g", "f", "e", "d", "c", "b", "a.md"):
        (out / name).write_text("mine", encoding="utf-8")
    before = tree(out)
    with pytest.raises(OutputError) as e:
        staging.publish(out, FILES)
    assert str(e.value) == (f"{out}/ holds files the build did not write (a.md, b, c, d, e); "
                            "move them, or build into another folder with --out")
    assert tree(out) == before and hidden(tmp_path) == []


def test_out_being_a_file_is_refused(tmp_path):
    out = tmp_path / "out"
    out.write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        staging.publish(out, FILES)
    assert str(e.value) == f"{out} is a file, not a folder"
    assert out.read_text(encoding="utf-8") == "a file" and hidden(tmp_path) == []


def test_a_parent_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / "file" / "out"
    with pytest.raises(OutputError) as e:
        staging.publish(out, FILES)
    assert str(e.value) == f"cannot write {out}/: {tmp_path / 'file'}: File exists"


def test_a_write_that_fails_names_its_reason_and_replaces_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    staging.publish(out, {"a.txt": "old\n"})
    before = tree(out)
    real_open = open

    def failing_open(path, *args, **kwargs):
        if Path(path).name == "b.nt":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(staging, "open", failing_open, raising=False)
    with pytest.raises(OutputError) as e:
        staging.publish(out, FILES)
    assert str(e.value) == f"cannot write {out}/: No space left on device; nothing was replaced"
    assert e.value.__cause__ is None and e.value.__suppress_context__
    assert tree(out) == before and hidden(tmp_path) == []


def test_the_staging_folder_is_a_hidden_sibling_named_after_the_process(tmp_path, monkeypatch):
    out = tmp_path / "out"
    seen, real_swap = [], staging._swap

    def swap(new, dest):
        seen.append((new, dest, tree(new)))
        return real_swap(new, dest)

    monkeypatch.setattr(staging, "_swap", swap)
    staging.publish(out, FILES)
    assert seen == [(tmp_path / f".out.new-{os.getpid()}", out,
                     {"a.txt": FILES["a.txt"].encode(), "b.nt": FILES["b.nt"].encode(),
                      "manifest.json": staging.manifest(FILES).encode()})]
    assert hidden(tmp_path) == []


def test_reasons_name_the_file_where_the_error_does():
    assert staging._reason(OSError(errno.ENOENT, "No such file or directory", "/x/y")) == \
        "/x/y: No such file or directory"
    assert staging._reason(OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
    assert staging._reason(OSError("plain words")) == "plain words"
    assert staging._reason(OSError(errno.EIO, "", "/x")) == "[Errno 5] : '/x'"
    assert staging._reason(OSError(errno.EIO, "I/O error", "")) == "I/O error"


# --- the swap -----------------------------------------------------------------------------------

def make(folder, **files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_swap_into_a_missing_folder_is_one_rename(tmp_path):
    new = make(tmp_path / "new", a="1")
    staging._swap(new, tmp_path / "out")
    assert tree(tmp_path / "out") == {"a": b"1"} and not new.exists()


def test_swap_exchanges_the_folders(tmp_path):
    new, out = make(tmp_path / "new", a="new"), make(tmp_path / "out", a="old")
    staging._swap(new, out)
    assert tree(out) == {"a": b"new"} and tree(new) == {"a": b"old"}


def test_swap_without_exchange_takes_three_renames(tmp_path, monkeypatch):
    new, out = make(tmp_path / "new", a="new"), make(tmp_path / "out", a="old")
    renames, real_rename = [], os.rename

    def rename(a, b):
        renames.append((Path(a).name, Path(b).name))
        real_rename(a, b)

    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    monkeypatch.setattr(staging.os, "rename", rename)
    staging._swap(new, out)
    old = f".out.old-{os.getpid()}"
    assert renames == [("out", old), ("new", "out"), (old, "new")]
    assert tree(out) == {"a": b"new"} and tree(new) == {"a": b"old"}


def test_publish_without_exchange_still_replaces_all(tmp_path, monkeypatch):
    out = tmp_path / "out"
    staging.publish(out, {"a.txt": "old\n"})
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    staging.publish(out, FILES)
    assert sorted(tree(out)) == ["a.txt", "b.nt", "manifest.json"] and hidden(tmp_path) == []


def test_exchange_swaps_two_folders_by_relative_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path / "a", x="a")
    make(tmp_path / "b", x="b")
    assert staging._exchange("a", "b") is True
    assert tree(tmp_path / "a") == {"x": b"b"} and tree(tmp_path / "b") == {"x": b"a"}
    assert staging._exchange(tmp_path / "a", tmp_path / "b") is True
    assert tree(tmp_path / "a") == {"x": b"a"}


def test_exchange_with_a_missing_path_raises_its_error(tmp_path):
    make(tmp_path / "a", x="a")
    with pytest.raises(OSError) as e:
        staging._exchange(tmp_path / "a", tmp_path / "nope")
    assert (type(e.value), e.value.errno, e.value.strerror, e.value.filename) == \
        (FileNotFoundError, errno.ENOENT, "No such file or directory", str(tmp_path / "nope"))


def test_exchange_the_kernel_refuses_is_not_done(tmp_path):
    make(tmp_path / "a", x="a")
    make(tmp_path / "a" / "sub")
    assert staging._exchange(tmp_path / "a", tmp_path / "a" / "sub") is False   # EINVAL
    assert tree(tmp_path / "a" / "sub") == {}


class FakeLibc:
    """A C library whose renameat2 fails with ``code`` (or that has none)."""

    def __init__(self, monkeypatch, code=None, missing=None):
        self.calls = []
        self.code = code

        def cdll(name, use_errno=False):
            if missing is not None:
                raise missing
            assert (name, use_errno) == (None, True)
            return types.SimpleNamespace(renameat2=self.renameat2)

        monkeypatch.setattr(staging.ctypes, "CDLL", cdll)
        monkeypatch.setattr(staging.ctypes, "get_errno", lambda: self.code)

    def renameat2(self, *args):
        self.calls.append(args)
        return -1


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP])
def test_exchange_where_the_kernel_or_file_system_lacks_it_is_not_done(monkeypatch, code):
    libc = FakeLibc(monkeypatch, code)
    assert staging._exchange("a", Path("b")) is False
    assert libc.calls == [(-100, b"a", -100, b"b", 2)]


@pytest.mark.parametrize("code", [errno.EPERM, errno.EEXIST, errno.EBUSY, 21, 23, 37, 39, 94, 96])
def test_exchange_fails_with_any_other_error(monkeypatch, code):
    FakeLibc(monkeypatch, code)
    with pytest.raises(OSError) as e:
        staging._exchange("a", "b")
    assert (e.value.errno, e.value.strerror, e.value.filename) == (code, os.strerror(code), "b")


@pytest.mark.parametrize("missing", [AttributeError("renameat2"), OSError("no libc")])
def test_exchange_without_renameat2_is_not_done(monkeypatch, missing):
    FakeLibc(monkeypatch, missing=missing)
    assert staging._exchange("a", "b") is False


def test_without_renameat2_publish_swaps_by_renames(tmp_path, monkeypatch):
    out = tmp_path / "out"
    staging.publish(out, {"a.txt": "old\n"})
    FakeLibc(monkeypatch, missing=AttributeError("renameat2"))
    staging.publish(out, FILES)
    assert sorted(tree(out)) == ["a.txt", "b.nt", "manifest.json"] and hidden(tmp_path) == []


# --- leftovers of killed builds -----------------------------------------------------------------

def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def alive_pid():
    """The pid of a process of our own that runs until the test ends (never a signal to anybody else's)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait()


def test_alive(alive_pid):
    assert staging._alive(alive_pid) is True
    assert staging._alive(os.getpid()) is False    # a leftover of this very process is stale
    assert staging._alive(dead_pid()) is False


def test_asking_whether_a_process_is_alive_does_not_signal_it():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert staging._alive(process.pid) is True
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=0.3)
    finally:
        process.kill()
        process.wait()


def test_a_process_we_may_not_signal_is_alive(monkeypatch):
    def kill(pid, sig):
        assert (pid, sig) == (12345, 0)
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(staging.os, "kill", kill)
    assert staging._alive(12345) is True


def test_leftovers_of_dead_builds_are_removed_and_others_kept(tmp_path, alive_pid):
    out = make(tmp_path / "my-out", a="current")
    dead, ours = dead_pid(), os.getpid()
    kept = [f".my-out.new-{alive_pid}", f".my-out.old-{alive_pid}", ".my-out.new-12a", f".my-out.tmp-{dead}",
            f".other.new-{dead}", f"my-out.new-{dead}", f".my-out.new{dead}", f".my-out.x.new-{dead}",
            f".my-out.x.old-{dead}", f".my-out.new-{dead}-x"]
    for name in (f".my-out.new-{dead}", f".my-out.old-{dead}", f".my-out.new-{ours}", *kept):
        make(tmp_path / name, x="x")
    staging._clean_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "my-out"])
    assert tree(out) == {"a": b"current"}


def test_every_leftover_is_looked_at_whatever_comes_first(tmp_path, alive_pid):
    out = make(tmp_path / "out", a="current")
    dead = [dead_pid() for _ in range(6)]
    kept = [f".out.new-{alive_pid}", f".out.old-{alive_pid}", ".out.new-x", ".out.new-y", ".out.new-z"]
    for name in [f".out.new-{pid}" for pid in dead] + kept:
        make(tmp_path / name, x="x")
    staging._clean_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "out"])


def test_a_leftover_that_is_not_a_folder_is_left_without_error(tmp_path):
    dead = dead_pid()
    (tmp_path / f".out.new-{dead}").write_text("a file", encoding="utf-8")
    staging._clean_leftovers(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".out.new-{dead}"]


def test_a_folder_a_killed_swap_set_aside_is_put_back(tmp_path):
    dead = dead_pid()
    make(tmp_path / f".my-out.old-{dead}", a="set aside")
    make(tmp_path / f".my-out.new-{dead}", a="half written")
    staging._clean_leftovers(tmp_path / "my-out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-out"]
    assert tree(tmp_path / "my-out") == {"a": b"set aside"}


def test_what_another_folder_set_aside_is_not_put_back_here(tmp_path):
    """``.out.x.old-PID`` is what a killed build of the sibling folder ``out.x`` set aside."""
    dead = dead_pid()
    make(tmp_path / f".out.x.old-{dead}", a="of out.x")
    staging._clean_leftovers(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".out.x.old-{dead}"]
    make(tmp_path / "out", a="current")
    staging._clean_leftovers(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".out.x.old-{dead}", "out"]


@pytest.mark.parametrize("name", ["out[1]", "out*", "o?t", "[ab]"])
def test_leftovers_of_a_folder_whose_name_looks_like_a_pattern(tmp_path, name):
    dead = dead_pid()
    make(tmp_path / f".{name}.old-{dead}", **{"a.txt": "set aside", "mine.md": "put back, so refused"})
    make(tmp_path / f".{name}.new-{dead}", a="half written")
    make(tmp_path / f".{name}.new-{os.getpid()}", a="ours, stale")
    with pytest.raises(OutputError, match=r"\(mine.md\)"):
        staging.publish(tmp_path / name, FILES)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    (tmp_path / name / "mine.md").unlink()
    staging.publish(tmp_path / name, FILES)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert sorted(tree(tmp_path / name)) == ["a.txt", "b.nt", "manifest.json"]


def test_publish_puts_back_what_a_killed_swap_set_aside_before_checking(tmp_path):
    out = tmp_path / "out"
    staging.publish(out, FILES)
    dead = dead_pid()
    out.rename(tmp_path / f".out.old-{dead}")
    (tmp_path / f".out.old-{dead}" / "mine.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"\(mine.md\)"):
        staging.publish(out, FILES)
    assert (out / "mine.md").read_text(encoding="utf-8") == "mine" and hidden(tmp_path) == []


def test_turtle_and_json_ld_made_chunk_by_chunk_are_the_same_whatever_the_chunks(graph, monkeypatch):
    """Both are written a chunk of subjects at a time; how many subjects a chunk holds changes nothing."""
    whole = output.turtle(graph), output.jsonld(graph)
    for every in (1, 2, 7):
        monkeypatch.setattr(output, "CHUNK", every)
        output.forget()
        assert (output.turtle(graph), output.jsonld(graph)) == whole
    nt = output.ntriples_utf8(graph)
    chunks = list(output.chunks(nt, 3))
    assert len(chunks) > 3 and b"".join(chunks) == nt == output.ntriples(graph).encode()
    firsts = [c.split(b" ", 1)[0] for c in chunks]
    lasts = [c.rstrip(b"\n").rsplit(b"\n", 1)[-1].split(b" ", 1)[0] for c in chunks]
    assert all(last != first for last, first in zip(lasts, firsts[1:]))   # no subject split between chunks


@pytest.mark.parametrize("window", [1, 5, 64, 1 << 23])
def test_chunks_end_after_the_last_row_of_each_subject_whose_crc_is_chosen(window, monkeypatch):
    """Each cut is the end of the last row of a subject whose CRC-32 is a multiple of ``every``, and there
    is one for each such subject (the definition, checked row by row), with subjects that start like
    another (``_:b1``, ``_:b10``; ``<urn:a>``, ``<urn:a/b>``), a subject whose rows span many windows
    of the reading, and a last row with no line end."""
    import zlib

    subjects = [b"<urn:a>", b"<urn:a/b>", b"<urn:a-b>", b"<urn:a0>", b"_:b1", b"_:b10", b"_:b2",
                *(b"<urn:s%d>" % i for i in range(60))]
    rows = sorted([*(b"%s <urn:p> \"%d \\n <urn:a> \" .\n" % (s, i) for s in subjects for i in range(1 + len(s) % 4)),
                   *(b"<urn:zz> <urn:p> <urn:o%d> .\n" % i for i in range(40))])   # a last subject of many rows
    monkeypatch.setattr(output, "_subjects", lambda nt, real=output._subjects: real(nt, window))
    for nt in (b"".join(rows), b"".join(rows)[:-1]):
        for every in (1, 2, 3):
            ends, at = [], 0
            for row in nt.splitlines(keepends=True):
                at += len(row)
                subject = row.split(b" ", 1)[0]
                if zlib.crc32(subject) % every == 0 and not nt.startswith(subject + b" ", at):
                    ends.append(at)
            output.forget()
            assert output._cuts(nt, every) == tuple(ends)
            assert b"".join(output.chunks(nt, every)) == nt
    output.forget()


def test_a_changed_triple_changes_only_the_chunk_that_holds_it(graph):
    """Where the N-Triples are cut depends on the subjects alone: a triple more leaves the other chunks."""
    nt = output.ntriples_utf8(graph)
    before = list(output.chunks(nt, 3))
    subject = before[len(before) // 2].split(b" ", 1)[0]
    more = b"".join(sorted([*nt.splitlines(keepends=True), subject + b' <urn:more> "x" .\n']))
    after = list(output.chunks(more, 3))
    assert len(after) == len(before)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(changed) == 1 and changed[0][0] == before[len(before) // 2]


def test_a_rebuild_makes_again_only_the_chunks_that_changed_and_the_same_bytes(graph, tmp_path, monkeypatch):
    """output.Made keeps each chunk's Turtle and JSON-LD in the cache file; another build reads them and
    makes only what changed. A file with other contents, or none, is no cache: the same bytes come out."""
    monkeypatch.setattr(output, "CHUNK", 3)
    kept, nt = tmp_path / "made.pickle", output.ntriples_utf8(graph)
    made = output.Made(kept)
    whole = [b"".join(write(graph, nt, made)) for write in (output.turtle_utf8, output.jsonld_utf8)]
    made.save()
    assert [w.decode() for w in whole] == [output.turtle(graph), output.jsonld(graph)]
    subject = nt.split(b" ", 1)[0]
    changed = b"".join(sorted([*nt.splitlines(keepends=True), subject + b' <urn:more> "x" .\n']))
    expected = [b"".join(write(graph, changed)) for write in (output.turtle_utf8, output.jsonld_utf8)]
    assert b'<urn:more> "x"' in expected[0] and expected[0] != whole[0]
    calls = []
    real = output._turtle_body, output._nodes
    monkeypatch.setattr(output, "_turtle_body", lambda *a: calls.append("ttl") or real[0](*a))
    monkeypatch.setattr(output, "_nodes", lambda *a: calls.append("json") or real[1](*a))
    again = output.Made(kept)
    assert [b"".join(write(graph, nt, again)) for write in (output.turtle_utf8, output.jsonld_utf8)] == whole
    assert calls == []
    assert [b"".join(write(graph, changed, again)) for write in (output.turtle_utf8, output.jsonld_utf8)] == expected
    assert calls == ["ttl", "json"]
    for damaged in (b"not a pickle", b""):
        kept.write_bytes(damaged)
        assert [b"".join(write(graph, changed, output.Made(kept))) for write in (output.turtle_utf8,
                                                                              output.jsonld_utf8)] == expected


# --- parsed back a piece at a time --------------------------------------------------------------

FRAMED = {"a.nt": lambda graph, nt, made: output.Framed(b"", output.chunks(nt)),   # as build.OUTPUTS has them
          "a.ttl": output.turtle_utf8, "a.jsonld": output.jsonld_utf8}


def staged_as(tmp_path, name, pieces):
    staged = staging.Staging(tmp_path / "out", [name])
    staged.write(name, pieces)
    return staged


@pytest.mark.parametrize("name", sorted(FRAMED))
def test_a_file_read_back_a_body_at_a_time_counts_what_it_parses_to_whole_and_a_rebuild_parses_what_changed(
        graph, tmp_path, monkeypatch, name):
    """Staging.verify_rdf parses each body of a Framed file between its head and its tail, and keeps each
    body's count by the digest of its bytes (staging.Parsed): another build parses only the bodies that differ."""
    monkeypatch.setattr(output, "CHUNK", 3)
    nt, parses, real = output.ntriples_utf8(graph), [], staging.counts
    monkeypatch.setattr(staging, "counts", lambda n, text: parses.append(text) or real(n, text))
    kept, triples = tmp_path / "parsed.pickle", nt.count(b"\n")
    pieces = FRAMED[name](graph, nt, output.Made())
    staged = staged_as(tmp_path, name, pieces)
    parsed = staging.Parsed(kept)
    staged.verify_rdf(name, pieces, triples, parsed)
    assert len(parses) == len(pieces.lengths) > 2 and real(name, staged.folder / name) == {"triples": triples}
    parsed.save()
    staged.discard()
    subject = nt.split(b" ", 1)[0]   # one triple more, in the first chunk
    changed = b"".join(sorted([*nt.splitlines(keepends=True), subject + b' <urn:more> "x" .\n']))
    pieces = FRAMED[name](graph, changed, output.Made())
    staged = staged_as(tmp_path, name, pieces)
    parses.clear()
    staged.verify_rdf(name, pieces, triples + 1, staging.Parsed(kept))
    assert len(parses) == 1 and b"urn:more" in parses[0]
    with pytest.raises(OutputError, match=f"^{name} parses back to {{'triples': {triples + 1}}}, not the "):
        staged.verify_rdf(name, pieces, triples, staging.Parsed(kept))
    staged.discard()


def test_bodies_that_parse_alone_but_not_one_after_the_other_are_parsed_as_one_file(tmp_path):
    """Each N-Triples body parses alone, but with no line end between them the file does not: a body that
    does not end its line is not read as one, and the file is parsed whole."""
    pieces = output.Framed(b"", iter([b"<urn:a> <urn:b> <urn:c> .", b"<urn:d> <urn:e> <urn:f> .\n"]))
    staged = staged_as(tmp_path, "a.nt", pieces)
    with pytest.raises(OutputError, match="^a.nt does not parse back: .*a single triple"):
        staged.verify_rdf("a.nt", pieces, 2, staging.Parsed())
    pieces = output.Framed(b'{"@graph": [', iter([b'{"@id": "urn:a", "urn:b": "x"}', b""]), b"]}", b",")
    staged = staged_as(tmp_path, "b.jsonld", pieces)   # an empty body: two commas would be one after the other
    with pytest.raises(OutputError, match="^b.jsonld does not parse back: .*comma"):
        staged.verify_rdf("b.jsonld", pieces, 1, staging.Parsed())


def test_what_is_parsed_is_the_file_as_read_back_not_the_bodies_counted_before(tmp_path):
    """Parsed knows bodies by the digest of their bytes as read back from the disk: a file changed there
    after it was written is parsed again, and fails if it does not parse."""
    pieces = output.Framed(b"", iter([b"<urn:a> <urn:b> <urn:c> .\n", b"<urn:d> <urn:e> <urn:f> .\n"]))
    staged, parsed = staged_as(tmp_path, "a.nt", pieces), staging.Parsed()
    staged.verify_rdf("a.nt", pieces, 2, parsed)
    path = staged.folder / "a.nt"
    written = path.read_bytes()
    path.write_bytes(written.replace(b"<urn:f>", b"<urn f>"))   # the same length, no longer an IRI
    with pytest.raises(OutputError, match="^a.nt does not parse back"):
        staged.verify_rdf("a.nt", pieces, 2, parsed)
    path.write_bytes(written + b"<urn:g> <urn:h> <urn:i> .\n")   # more than was written: parsed whole
    with pytest.raises(OutputError, match=r"^a.nt parses back to \{'triples': 3\}"):
        staged.verify_rdf("a.nt", pieces, 2, parsed)
