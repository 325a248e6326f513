"""The words of the facts format and the RDF terms they stand for.

The facts files speak in short keys (``type: IndustryAssociation``,
``relation: organizes``); this module maps each key to the term of
``ontology.ttl`` it means. Labels and definitions live only in the ontology;
``tests/test_ontology.py`` checks that every term named here is declared there.
"""

from typing import NamedTuple

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, NamespaceManager


class _Namespace(Namespace):
    """rdflib's Namespace, each ``NS.name`` term made once: rdflib makes a new URIRef, and checks
    it, at every use (over 100,000 times in a 100-report build)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


RG = _Namespace("https://reportgraph.example/ontology#")
ORG = _Namespace("http://www.w3.org/ns/org#")
SCHEMA = _Namespace("https://schema.org/")
OA = _Namespace("http://www.w3.org/ns/oa#")
UNIT = _Namespace("http://qudt.org/vocab/unit/")
CUR = _Namespace("http://qudt.org/vocab/currency/")
SH = _Namespace("http://www.w3.org/ns/shacl#")

#: Base of every data IRI (entities, reports, mentions …); ``--base`` changes it.
DEFAULT_BASE = "https://reportgraph.example/id/"

PREFIXES = {
    "rg": RG, "org": ORG, "schema": SCHEMA, "oa": OA, "unit": UNIT, "cur": CUR,
    "skos": SKOS, "prov": PROV, "foaf": FOAF, "dcterms": DCTERMS, "owl": OWL,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH,
}


def bind_prefixes(target: Graph | NamespaceManager) -> Graph | NamespaceManager:
    """Bind the project's prefixes on ``target`` (a Graph or a NamespaceManager), replacing what
    it bound under those names; returns ``target``.

    >>> bind_prefixes(Graph()).namespace_manager.normalizeUri(ORG.holds)
    'org:holds'
    """
    for prefix, namespace in PREFIXES.items():
        target.bind(prefix, namespace, override=True)
    return target


def namespaces() -> NamespaceManager:
    """A fresh namespace manager with the project's prefixes."""
    return bind_prefixes(Graph().namespace_manager)


def with_slash(base: str) -> str:
    """``base`` ending in "/" or "#", as data IRIs are made by appending to it.

    >>> with_slash("https://example.org/id"), with_slash("urn:x#")
    ('https://example.org/id/', 'urn:x#')
    """
    return base if base.endswith(("/", "#")) else base + "/"


class EntityType(NamedTuple):
    """An entity type key's class, and the kind (part of the model) its entities belong to."""
    cls: URIRef
    kind: str


class RelationKey(NamedTuple):
    """A relation key's property; with ``inverse``, "A key B" is stored as "B property A"."""
    property: URIRef
    inverse: bool


class AttributeKey(NamedTuple):
    """A literal-valued key's property, and its datatype ("lang" for a text in zh and en)."""
    property: URIRef
    datatype: URIRef | str


class ReportField(NamedTuple):
    """A report metadata field's property, and the kind of literal it holds."""
    property: URIRef
    kind: str


class Qualifier(NamedTuple):
    """A qualifier of a stated number: its concept, and the characters that mark it in the text."""
    concept: URIRef
    marker: str


# type key -> (class, kind). The kind says which part of the model an entity belongs to.
TYPES = {
    "GovernmentBody": EntityType(RG.GovernmentBody, "organization"),
    "GovernmentDepartment": EntityType(RG.GovernmentDepartment, "organization"),
    "PartyBody": EntityType(RG.PartyBody, "organization"),
    "ConsultativeBody": EntityType(RG.ConsultativeBody, "organization"),
    "LegislativeBody": EntityType(RG.LegislativeBody, "organization"),
    "IndustryAssociation": EntityType(RG.IndustryAssociation, "organization"),
    "IndustryAlliance": EntityType(RG.IndustryAlliance, "organization"),
    "LearnedSociety": EntityType(RG.LearnedSociety, "organization"),
    "ChamberOfCommerce": EntityType(RG.ChamberOfCommerce, "organization"),
    "Committee": EntityType(RG.Committee, "organization"),
    "Company": EntityType(RG.Company, "organization"),
    "EnterpriseGroup": EntityType(RG.EnterpriseGroup, "organization"),
    "InternationalOrganization": EntityType(RG.InternationalOrganization, "organization"),
    "OrganizationalUnit": EntityType(ORG.OrganizationalUnit, "organization"),
    "OrganizationGroup": EntityType(RG.OrganizationGroup, "group"),
    "PersonGroup": EntityType(RG.PersonGroup, "group"),
    "Delegation": EntityType(RG.Delegation, "group"),
    "Person": EntityType(FOAF.Person, "person"),
    "Event": EntityType(SCHEMA.Event, "event"),
    "SigningCeremony": EntityType(RG.SigningCeremony, "event"),
    "Speech": EntityType(RG.Speech, "event"),
    "WelcomeSpeech": EntityType(RG.WelcomeSpeech, "event"),
    "Keynote": EntityType(RG.Keynote, "event"),
    "Briefing": EntityType(RG.Briefing, "event"),
    "ExchangeVisit": EntityType(RG.ExchangeVisit, "event"),
    "Meeting": EntityType(RG.Meeting, "event"),
    "Agreement": EntityType(RG.Agreement, "agreement"),
    "Country": EntityType(SCHEMA.Country, "place"),
    "AdministrativeArea": EntityType(SCHEMA.AdministrativeArea, "place"),
    "City": EntityType(SCHEMA.City, "place"),
    "RegionalIndustry": EntityType(RG.RegionalIndustry, "industry"),
    "IndustryChain": EntityType(RG.IndustryChain, "chain"),
    "Role": EntityType(ORG.Role, "concept"),
    "Sector": EntityType(RG.IndustrySector, "concept"),
    "ActivityType": EntityType(RG.ActivityType, "concept"),
    "Designation": EntityType(RG.Designation, "concept"),
    "ChainStage": EntityType(RG.IndustryChainStage, "concept"),
    "Challenge": EntityType(RG.Challenge, "concept"),
    "DevelopmentGoal": EntityType(RG.DevelopmentGoal, "concept"),
    "Variable": EntityType(SCHEMA.StatisticalVariable, "concept"),
    "AgreementKind": EntityType(RG.AgreementKind, "concept"),
}

# relation key -> (property, inverse). With inverse, "A key B" is stored as "B property A",
# so that facts read as sentences ("miit organizes docking-activity-2023") while the
# graph keeps the standard direction (event schema:organizer miit).
RELATIONS = {
    "organizes": RelationKey(SCHEMA.organizer, True),
    "undertakes": RelationKey(RG.undertaker, True),
    "coOrganizes": RelationKey(RG.coOrganizer, True),
    "guides": RelationKey(RG.guidingUnit, True),
    "chairs": RelationKey(RG.chair, True),
    "attends": RelationKey(SCHEMA.attendee, True),
    "delivers": RelationKey(SCHEMA.performer, True),
    "partOf": RelationKey(SCHEMA.superEvent, False),
    "locatedIn": RelationKey(SCHEMA.location, False),
    "containedIn": RelationKey(SCHEMA.containedInPlace, False),
    "memberOf": RelationKey(ORG.memberOf, False),
    "unitOf": RelationKey(ORG.unitOf, False),
    "subOrganizationOf": RelationKey(ORG.subOrganizationOf, False),
    "headOf": RelationKey(ORG.headOf, False),
    "invites": RelationKey(RG.invited, False),
    "leads": RelationKey(RG.ledDelegation, False),
    "delegationOf": RelationKey(RG.delegationOf, False),
    "friendlyAssociationOf": RelationKey(RG.friendlyAssociationOf, False),
    "exchangesWith": RelationKey(RG.exchangedWith, False),
    "visits": RelationKey(RG.visited, False),
    "signsAgreementWith": RelationKey(RG.signedAgreementWith, False),
    "partyTo": RelationKey(RG.partyTo, False),
    "agreementKind": RelationKey(RG.agreementKind, False),
    "follows": RelationKey(RG.follows, False),
    "supports": RelationKey(RG.supports, False),
    "designatedAs": RelationKey(RG.designation, False),
    "focusSector": RelationKey(RG.focusSector, False),
    "activityType": RelationKey(RG.activityType, False),
    "feedsInto": RelationKey(RG.feedsInto, False),
    "hasIndustryChain": RelationKey(RG.industryChain, False),
    "gatewayTo": RelationKey(RG.gatewayTo, False),
    "faces": RelationKey(RG.faces, False),
    "aimsAt": RelationKey(RG.developmentGoal, False),
}

#: Properties that hold both ways. "A friendlyAssociationOf B" is stored as one relation node
#: and as the shortcut in both directions, so that a query finds it from either side; the
#: ontology declares each an owl:SymmetricProperty (tests/test_ontology.py checks both agree).
SYMMETRIC = frozenset({RG.friendlyAssociationOf, RG.exchangedWith, RG.signedAgreementWith})

# literal-valued statements: key -> (property, datatype or "lang" for a zh/en text)
ATTRIBUTES = {
    "startDate": AttributeKey(SCHEMA.startDate, XSD.date),
    "theme": AttributeKey(RG.theme, "lang"),
    "signedOn": AttributeKey(DCTERMS.date, XSD.date),
}

# report metadata field -> (property, kind of literal)
REPORT_FIELDS = {
    "title": ReportField(DCTERMS.title, "text"),
    "publisher": ReportField(DCTERMS.publisher, "text"),
    "issued": ReportField(DCTERMS.issued, "date"),
    "source": ReportField(DCTERMS.source, "text"),
    "clicks": ReportField(RG.clickCount, "integer"),
    "comments": ReportField(SCHEMA.commentCount, "integer"),
}

#: Properties asserted from posts and mentions rather than from relation statements.
POST_SHORTCUTS = (ORG.holds, ORG.headOf)
MENTION_SHORTCUT = SCHEMA.mentions

# Qualifiers of a stated number: key -> (concept, the characters that mark it in the text)
QUALIFIERS = {
    "approximately": Qualifier(RG.approximately, "约"),
    "over": Qualifier(RG.over, "超"),
    "orMore": Qualifier(RG.orMore, "以上"),
    "surpassing": Qualifier(RG.surpassing, "突破"),
    "moreThan": Qualifier(RG.moreThan, "余"),
    "nearly": Qualifier(RG.nearly, "近"),
    "odd": Qualifier(RG.odd, "多"),
    "atLeast": Qualifier(RG.atLeast, "不低于"),
    "noLessThan": Qualifier(RG.noLessThan, "不少于"),
    "exceeding": Qualifier(RG.exceeding, "逾"),
    "orLess": Qualifier(RG.orLess, "以下"),
    "around": Qualifier(RG.around, "左右"),
}

#: The units table of a project (units as reports write them → QUDT): read by the loader.
UNITS_FILE = "units.yaml"   # in registry/, beside the entity files

#: Properties of the report itself, not stated by its text.
URL, ACCESSED = SCHEMA.url, RG.accessed
#: What English writes after a number in a unit ("t", "%"): given to the units of the graph.
EN_SUFFIX = RG.englishSuffix
#: How a post was obtained, where the report says so: the property to the meeting.
POST_EVENTS = {"elected": RG.electedAt, "appointed": RG.appointedAt}

MENTION_KINDS = {"name": RG.NameMention, "alias": RG.AliasMention, "pronoun": RG.PronounMention}

#: The zh/en label of the SKOS concept scheme of each concept type.
CONCEPT_SCHEMES = {
    "Role": ("职位", "roles"), "Sector": ("产业门类", "industrial sectors"),
    "ActivityType": ("活动形式", "activity types"), "Designation": ("称号", "designations"),
    "ChainStage": ("产业链环节", "industry chain stages"), "Challenge": ("痛点", "challenges"),
    "DevelopmentGoal": ("发展方向", "development directions"),
    "Variable": ("统计指标", "statistical variables"),
    "AgreementKind": ("协议类型", "kinds of agreement"),
}
