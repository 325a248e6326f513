"""The facts model: what the loader hands to the RDF builder.

Plain dataclasses, no behaviour. Every fact knows the span of report text
(:class:`Span`) that states it and the file and line it was written on.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class Note(str):
    """A curator's note (why a fact is inferred, what an entity is): the text itself is English, as
    notes are first written; ``zh`` is the same note in Chinese when the curator gives it.

    >>> note = Note("the year is the event's", zh="年份取自活动本身"); (note == "the year is the event's", note.zh)
    (True, '年份取自活动本身')
    """

    zh: str | None = None

    def __new__(cls, en: str, zh: str | None = None):
        note = super().__new__(cls, en)
        note.zh = zh
        return note


@dataclass(frozen=True)
class Where:
    path: str
    line: int

    def __str__(self):
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Span:
    """Characters ``text[start:end]`` of a report (Unicode code points, Python ``str`` indices)."""

    report: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass
class Entity:
    id: str
    type: str
    zh: str
    en: str | None
    aliases_zh: list[str]
    aliases_en: list[str]
    search: list[str]
    note: Note | None
    where: Where
    heads: bool = False          # roles: the holder heads the organisation
    stage: str | None = None     # variables: the chain stage measured
    stages: list[str] = field(default_factory=list)  # chains: ordered stages
    drafted: str | None = None   # the rule of the draft step that proposed it, until reviewed


@dataclass
class Mention:
    """A place where a report names an entity (by name, alias or pronoun)."""

    entity: str
    kind: str
    span: Span
    where: Where
    drafted: str | None = None


@dataclass
class Statement:
    """``subject property object`` (or a literal ``value``) stated by a span of a report."""

    subject: str            # entity id, or the report's own id for report metadata
    key: str                # relation or attribute key of the facts format
    object: str | None
    value: object
    value_en: str | None
    span: Span
    where: Where
    inferred: str | None = None
    context: str | None = None
    drafted: str | None = None


@dataclass
class Post:
    person: str
    role: str
    organization: str
    span: Span
    where: Where
    inferred: str | None = None
    how: str | None = None       # "elected" or "appointed", where the report says so
    event: str | None = None     # the meeting at which that happened
    drafted: str | None = None


@dataclass
class Observation:
    id: str
    about: str
    variable: str
    value: Decimal
    unit: str
    raw: str
    year: int | None
    span: Span
    where: Where
    share_of: str | None = None
    denominator_text: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    defect: str | None = None
    event: str | None = None
    inferred: str | None = None
    drafted: str | None = None


@dataclass(frozen=True)
class Unit:
    """A unit of the units table: how facts name it, its IRI, its names, and how reports write it."""

    key: str
    iri: str
    zh: str
    en: str
    en_suffix: str                   # written after a number in English: "t", "%", "" for counts
    written: tuple[str, ...]         # 吨; 人, 个, 家 …
    where: Where | None = None       # its row in the units table


@dataclass
class Report:
    id: str
    text: str
    sha256: str
    language: str
    where: Where
    url: str | None = None           # where the text was found (not a statement of the text)
    accessed: date | None = None     # when it was found there
    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything the loader read: the shared registry and every report."""

    entities: dict[str, Entity]
    reports: list[Report]
    units: dict[str, Unit] = field(default_factory=dict)   # by key; the units table
