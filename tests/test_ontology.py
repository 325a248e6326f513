"""ontology.ttl: loads, labels every term in zh and en, declares what the code uses, is OWL-RL consistent."""

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from helpers import ROOT
from reportgraph import validate
from reportgraph.vocab import (ATTRIBUTES, MENTION_KINDS, POST_SHORTCUTS, QUALIFIERS, RELATIONS,
                               REPORT_FIELDS, RG, SYMMETRIC, TYPES)

ONTOLOGY = Graph().parse(ROOT / "ontology.ttl")
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")   # owlrl's: what an inconsistency says


def labels(term, prop=RDFS.label):
    return {o.language for o in ONTOLOGY.objects(term, prop)} | \
        {o.language for o in ONTOLOGY.objects(term, SKOS.prefLabel)}


def test_every_project_term_has_zh_and_en_labels_and_definitions():
    terms = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and s.startswith(str(RG))}
    assert len(terms) > 60
    for term in terms:
        if (term, RDF.type, SKOS.ConceptScheme) in ONTOLOGY:
            assert {"zh", "en"} <= labels(term), term
            continue
        assert {"zh", "en"} <= labels(term), term
        assert {o.language for o in ONTOLOGY.objects(term, SKOS.definition)} >= {"zh", "en"}, term


def test_every_term_the_code_uses_is_declared_with_labels():
    used = [c for c, _ in TYPES.values()] + [p for p, _ in RELATIONS.values()] + \
        [p for p, _ in ATTRIBUTES.values()] + [p for p, _ in REPORT_FIELDS.values()] + \
        [c for c, _ in QUALIFIERS.values()] + list(MENTION_KINDS.values()) + list(POST_SHORTCUTS)
    for term in used:
        assert (term, RDF.type, None) in ONTOLOGY, term
        assert {"zh", "en"} <= labels(term), term


def test_shortcut_properties_are_exactly_those_the_facts_can_assert():
    declared = set(ONTOLOGY.subjects(RDF.type, RG.ShortcutProperty))
    used = {p for p, _ in RELATIONS.values()} | {p for p, _ in ATTRIBUTES.values()} | \
        {p for p, _ in REPORT_FIELDS.values()} | set(POST_SHORTCUTS) | \
        {URIRef("https://schema.org/mentions")}
    assert declared == used


def test_the_symmetric_relations_are_those_the_ontology_declares_symmetric():
    assert SYMMETRIC == set(ONTOLOGY.subjects(RDF.type, OWL.SymmetricProperty))
    assert SYMMETRIC <= {p for p, _ in RELATIONS.values()}


def test_ontology_is_an_owl_ontology():
    assert (None, RDF.type, OWL.Ontology) in ONTOLOGY


def test_ontology_and_graph_are_consistent_under_owl_rl():
    from reportgraph.load import load_corpus
    from reportgraph.paths import Paths
    from reportgraph.rdf import build_graph
    from reportgraph.sparql import open_store

    # The graph's closure as --reason keeps it (reasoned once for every test and command that reasons; the
    # committed graph is the built one: test_graph): OWL-RL writes what it finds inconsistent into it.
    closure = open_store(Paths(ROOT), reason=True).graph
    assert list(closure.objects(None, ERROR)) == []
    assert (URIRef("https://reportgraph.example/id/entity/miit"), RDF.type, OWL.Thing) in closure   # reasoned
    tiny = build_graph(load_corpus(ROOT / "tests" / "fixtures" / "tiny"))   # every type and key
    assert validate.owl_rl_errors(ONTOLOGY, tiny) == []   # and the ontology alone: OWL-RL is monotonic


def test_owl_rl_finds_an_inconsistency_when_there_is_one(graph):
    from reportgraph.sparql import reasoned

    person = URIRef("https://reportgraph.example/id/entity/ge-guoke")
    own = Graph()   # the person's own triples, as the graph has them (the whole graph is consistent: above)
    for triple in graph.triples((person, None, None)):
        own.add(triple)
    assert validate.owl_rl_errors(ONTOLOGY, own) == []
    own.add((person, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")))
    # the closure as --reason makes it, which the test above reads, holds what OWL-RL found
    found = list(reasoned(own, ROOT).objects(None, ERROR))
    assert len(found) == 1 and "have a common individual " + str(person) in found[0], found
