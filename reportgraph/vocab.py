"""The words of the facts format and the RDF terms they stand for.

The facts files speak in short keys (``type: IndustryAssociation``,
``relation: organizes``); this module maps each key to the term of
``ontology.ttl`` it means. Labels and definitions live only in the ontology;
``tests/test_ontology.py`` checks that every term named here is declared there.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

RG = Namespace("https://reportgraph.example/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Base of every data IRI (entities, reports, mentions …); ``--base`` changes it.
DEFAULT_BASE = "https://reportgraph.example/id/"

PREFIXES = {
    "rg": RG, "org": ORG, "schema": SCHEMA, "oa": OA, "unit": UNIT, "cur": CUR,
    "skos": SKOS, "prov": PROV, "foaf": FOAF, "dcterms": DCTERMS, "owl": OWL,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH,
}

# type key -> (class, kind). The kind says which part of the model an entity belongs to.
TYPES = {
    "GovernmentBody": (RG.GovernmentBody, "organization"),
    "PartyBody": (RG.PartyBody, "organization"),
    "ConsultativeBody": (RG.ConsultativeBody, "organization"),
    "IndustryAssociation": (RG.IndustryAssociation, "organization"),
    "IndustryAlliance": (RG.IndustryAlliance, "organization"),
    "Company": (RG.Company, "organization"),
    "InternationalOrganization": (RG.InternationalOrganization, "organization"),
    "OrganizationalUnit": (ORG.OrganizationalUnit, "organization"),
    "OrganizationGroup": (RG.OrganizationGroup, "group"),
    "PersonGroup": (RG.PersonGroup, "group"),
    "Delegation": (RG.Delegation, "group"),
    "Person": (FOAF.Person, "person"),
    "Event": (SCHEMA.Event, "event"),
    "SigningCeremony": (RG.SigningCeremony, "event"),
    "Speech": (RG.Speech, "event"),
    "WelcomeSpeech": (RG.WelcomeSpeech, "event"),
    "Keynote": (RG.Keynote, "event"),
    "Briefing": (RG.Briefing, "event"),
    "ExchangeVisit": (RG.ExchangeVisit, "event"),
    "Country": (SCHEMA.Country, "place"),
    "AdministrativeArea": (SCHEMA.AdministrativeArea, "place"),
    "City": (SCHEMA.City, "place"),
    "RegionalIndustry": (RG.RegionalIndustry, "industry"),
    "IndustryChain": (RG.IndustryChain, "chain"),
    "Role": (ORG.Role, "concept"),
    "Sector": (RG.IndustrySector, "concept"),
    "ActivityType": (RG.ActivityType, "concept"),
    "Designation": (RG.Designation, "concept"),
    "ChainStage": (RG.IndustryChainStage, "concept"),
    "Challenge": (RG.Challenge, "concept"),
    "DevelopmentGoal": (RG.DevelopmentGoal, "concept"),
    "Variable": (SCHEMA.StatisticalVariable, "concept"),
}

# relation key -> (property, inverse). With inverse, "A key B" is stored as "B property A",
# so that facts read as sentences ("miit organizes docking-activity-2023") while the
# graph keeps the standard direction (event schema:organizer miit).
RELATIONS = {
    "organizes": (SCHEMA.organizer, True),
    "attends": (SCHEMA.attendee, True),
    "delivers": (SCHEMA.performer, True),
    "partOf": (SCHEMA.superEvent, False),
    "locatedIn": (SCHEMA.location, False),
    "containedIn": (SCHEMA.containedInPlace, False),
    "memberOf": (ORG.memberOf, False),
    "unitOf": (ORG.unitOf, False),
    "subOrganizationOf": (ORG.subOrganizationOf, False),
    "headOf": (ORG.headOf, False),
    "invites": (RG.invited, False),
    "leads": (RG.ledDelegation, False),
    "delegationOf": (RG.delegationOf, False),
    "friendlyAssociationOf": (RG.friendlyAssociationOf, False),
    "exchangesWith": (RG.exchangedWith, False),
    "follows": (RG.follows, False),
    "supports": (RG.supports, False),
    "designatedAs": (RG.designation, False),
    "focusSector": (RG.focusSector, False),
    "activityType": (RG.activityType, False),
    "feedsInto": (RG.feedsInto, False),
    "hasIndustryChain": (RG.industryChain, False),
    "gatewayTo": (RG.gatewayTo, False),
    "faces": (RG.faces, False),
    "aimsAt": (RG.developmentGoal, False),
}

# literal-valued statements: key -> (property, datatype or "lang" for a zh/en text)
ATTRIBUTES = {
    "startDate": (SCHEMA.startDate, XSD.date),
    "theme": (RG.theme, "lang"),
}

# report metadata field -> (property, kind of literal)
REPORT_FIELDS = {
    "issued": (DCTERMS.issued, "date"),
    "source": (DCTERMS.source, "text"),
    "clicks": (RG.clickCount, "integer"),
    "comments": (SCHEMA.commentCount, "integer"),
}

#: Properties asserted from posts and mentions rather than from relation statements.
POST_SHORTCUTS = (ORG.holds, ORG.headOf)
MENTION_SHORTCUT = SCHEMA.mentions

# Qualifiers of a stated number: key -> (concept, the characters that mark it in the text)
QUALIFIERS = {
    "approximately": (RG.approximately, "约"),
    "over": (RG.over, "超"),
    "orMore": (RG.orMore, "以上"),
    "surpassing": (RG.surpassing, "突破"),
    "moreThan": (RG.moreThan, "余"),
    "nearly": (RG.nearly, "近"),
    "odd": (RG.odd, "多"),
}

# unit characters as written -> QUDT unit
UNITS = {
    "吨": UNIT.TONNE,
    "元": CUR.CNY,
    "%": UNIT.PERCENT,
    "人": UNIT.NUM,
    "个": UNIT.NUM,
    "位": UNIT.NUM,
    "载": UNIT.YR,
    "年": UNIT.YR,
}
UNIT_KEYS = {"tonne": UNIT.TONNE, "yuan": CUR.CNY, "percent": UNIT.PERCENT,
             "count": UNIT.NUM, "year": UNIT.YR, "rank": UNIT.UNITLESS}

MENTION_KINDS = {"name": RG.NameMention, "alias": RG.AliasMention, "pronoun": RG.PronounMention}
