"""What the networkx projection (:mod:`reportgraph.project`) holds: every graph, node and edge
attribute with its meaning, and the categories nodes are shown, coloured and filtered by.

Kept apart from the projection so that the views and the tests can read the tables without it.
"""

from typing import NamedTuple


class Attribute(NamedTuple):
    """What an attribute of the projection holds."""

    meaning: str
    structured: bool = False   # a list or dict: GraphML and GEXF hold it as JSON text


#: A span of report text, as the attributes below hold it.
_SPAN = "{report, start, end, quote}"

#: The provenance of a fact (an edge, or a statistic): how it is asserted, and the text stating it.
_PROVENANCE = {
    "assertion": Attribute("stated (the text says it), inferred (the text implies it) or drafted (unreviewed)"),
    "note": Attribute("why it is inferred, or the rule that drafted it, or empty"),
    "note_zh": Attribute("why it is inferred, in Chinese if the curator gave it, else empty"),
    "evidence": Attribute(f"every span stating it, {_SPAN}, in text order", True),
    "quote": Attribute("the first span's text"),
    "start": Attribute("the first span's first character (a Python str index of the report text)"),
    "end": Attribute("the first span's end (exclusive)"),
    "report": Attribute("the first span's report id"),
}

GRAPH_ATTRIBUTES = {
    "reports": Attribute("report id -> {iri, text, sha256, title, issued, source, publisher, url, accessed}; "
                         "text is the whole report; a field the report lacks is empty", True),
}

NODE_ATTRIBUTES = {
    # every node
    "iri": Attribute("the entity's (or statistic's) IRI"),
    "label_zh": Attribute("its name in Chinese (skos:prefLabel @zh); of a statistic, variable and number"),
    "label_en": Attribute("its name in English, or empty"),
    "aliases_zh": Attribute("other names the reports use in Chinese (skos:altLabel), sorted", True),
    "aliases_en": Attribute("other names in English, sorted", True),
    "search": Attribute("search terms no report uses (skos:hiddenLabel), sorted", True),
    "type": Attribute("its class as a CURIE: rg:GovernmentBody, schema:Observation"),
    "type_zh": Attribute("the class's Chinese label"),
    "type_en": Attribute("the class's English label"),
    "category": Attribute("the key of its category in CATEGORY_TYPES: government, person, statistic …"),
    "note": Attribute("the curator's note (skos:note); of a statistic, why it is inferred"),
    "note_zh": Attribute("that note in Chinese, if the curator gave it, else empty"),
    "attributes": Attribute("literal facts about it (schema:startDate …), each {predicate (a CURIE), "
                            f"label_zh, label_en, value, lang, assertion, note, context?, evidence}} and "
                            f"the first span of its evidence, {_SPAN}", True),
    "mentions": Attribute("every span naming it, {report, start, end, quote, kind}, in text order", True),
    # some entities
    "measures_stage": Attribute("of a statistical variable: the key of the chain stage it measures"),
    "position": Attribute("of a chain stage: its place in the chain, from 1"),
    # statistics only, and their provenance (their note says why one is inferred)
    "value": Attribute("the number, as a decimal string in the unit: '9593300'"),
    "unit": Attribute("the QUDT unit as a CURIE: unit:TONNE, cur:CNY, unit:PERCENT"),
    "raw": Attribute("the number as the report writes it: '959.33万吨'"),
    "value_zh": Attribute("the number with its qualifiers, in Chinese: '约11.38%'"),
    "value_en": Attribute("the number with its qualifiers, in English: 'approximately 11.38%'"),
    "year": Attribute("the year it is of, or empty"),
    "qualifiers": Attribute("qualifier keys (approximately, orMore …), sorted", True),
    "denominator_text": Attribute("the area whose total a share is of, as the report names it"),
    "defect": Attribute("what is wrong with the number in the text, or empty"),
    **{name: attribute for name, attribute in _PROVENANCE.items() if name not in ("note", "note_zh")},
    # added by later steps
    "x": Attribute("where the explorer draws it, in pixels (reportgraph.layout.place)"),
    "y": Attribute("where the explorer draws it, in pixels, downwards (reportgraph.layout.place)"),
    "pagerank": Attribute("PageRank on the actor graph, 0 outside it (reportgraph.analysis.annotate)"),
    "community": Attribute("its community's number from 1, 0 outside the actor graph (analysis.annotate)"),
}

EDGE_ATTRIBUTES = {
    "predicate": Attribute("the property's IRI (curie() gives its CURIE, which begins the edge key)"),
    "relation_zh": Attribute("the property's Chinese label"),
    "relation_en": Attribute("the property's English label"),
    "label_zh": Attribute("what the edge says in Chinese: the property's label, or a post's role"),
    "label_en": Attribute("what the edge says in English"),
    **_PROVENANCE,
    # some facts
    "context": Attribute("of a relation: the key of the event (or other node) it holds at"),
    "role": Attribute("of a post, or of the meeting that elected or appointed to it: the role's registry id"),
    "post": Attribute("of a post, or of its meeting (rg:electedAt, rg:appointedAt): the post's IRI"),
    "heads": Attribute("of a post: only the post says that the person heads the organisation"),
}

#: The categories of nodes (shown, coloured and filtered together; see reportgraph.presentation):
#: key -> the type keys of the facts format it groups. ``statistic`` is the category of observations.
CATEGORY_TYPES = {
    "government": ("GovernmentBody", "GovernmentDepartment", "PartyBody", "ConsultativeBody", "LegislativeBody"),
    "association": ("IndustryAssociation", "IndustryAlliance", "LearnedSociety", "ChamberOfCommerce"),
    "company": ("Company", "EnterpriseGroup"),
    "organization": ("InternationalOrganization", "Committee"),
    "unit": ("OrganizationalUnit",),
    "group": ("OrganizationGroup", "PersonGroup", "Delegation"),
    "person": ("Person",),
    "event": ("Event", "SigningCeremony", "Speech", "WelcomeSpeech", "Keynote", "Briefing", "ExchangeVisit",
              "Meeting"),
    "agreement": ("Agreement",),
    "place": ("Country", "AdministrativeArea", "City"),
    "industry": ("RegionalIndustry", "IndustryChain"),
    "stage": ("ChainStage",),
    "concept": ("Sector", "ActivityType", "Designation", "Challenge", "DevelopmentGoal", "Variable",
                "AgreementKind"),
    "statistic": (),
}
