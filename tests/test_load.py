"""The loader (reportgraph/load.py) in-process: every problem it reports, exactly, and exact results.

Each bad input is checked for the whole list of problems the loader reports: file, line and
the whole message, so that a changed message, line or a problem too many or too few fails.
The inputs are small edits of a scratch copy of the tiny corpus (``tests/fixtures/tiny``),
mostly in block style so that the line of a mapping and the line of each key differ. Exact
results (spans with their context, mention kinds, name mentions) come from the tiny corpus
and from a hand-made corpus written here; the committed reports are checked for invariants
that hold for any corpus.
"""

import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from reportgraph import load as loader
from reportgraph.checks import literal
from reportgraph.load import LoadError, load_corpus
from reportgraph.model import Entity, Mention, Observation, Post, Span, Statement, Where
from reportgraph.spans import CONTEXT, find_all, near_miss, unsafe_character, unsafe_message
from reportgraph.vocab import ATTRIBUTES, MENTION_KINDS, QUALIFIERS, RELATIONS, REPORT_FIELDS, TYPES, UNIT
from reportgraph.yamlfile import FactsError

TINY = ROOT / "tests" / "fixtures" / "tiny"
TINY_ID = "tiny_0001"
TINY_TEXT = (TINY / "reports" / TINY_ID / "report.txt").read_text(encoding="utf-8")
TINY_SHA = hashlib.sha256((TINY / "reports" / TINY_ID / "report.txt").read_bytes()).hexdigest()
FACTS = f"reports/{TINY_ID}/facts.yaml"
TEXT = f"reports/{TINY_ID}/report.txt"
REGISTRY = "registry/zz.yaml"          # sorted after the tiny corpus's own registry files
HEAD = f"report:\n  id: {TINY_ID}\n  sha256: {TINY_SHA}\n  language: zh\n"   # lines 1-4 of a facts file
UNSAFE = "cannot be written to the XML outputs (GraphML, GEXF); remove it from the file"


def lines(*text):
    return "".join(f"{t}\n" for t in text)


@pytest.fixture
def tiny(tmp_path):
    """A scratch copy of the tiny corpus (registry and reports only: all the loader reads)."""
    for sub in ("registry", "reports"):
        shutil.copytree(TINY / sub, tmp_path / sub)
    return tmp_path


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(root):
    """``(file relative to root, line, problem)`` of every problem :func:`load_corpus` reports."""
    with pytest.raises(LoadError) as caught:
        load_corpus(root)
    errors = caught.value.errors
    assert errors and all(isinstance(e, FactsError) for e in errors)
    assert str(caught.value) == "\n".join(
        f"{e.path}:{e.line}: {e.problem}" if e.line else f"{e.path}: {e.problem}" for e in errors)
    return [(_rel(root, e.path), e.line, e.problem) for e in errors]


def _rel(root, path):
    path = Path(path)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def tiny_report(root):
    corpus = load_corpus(root)
    assert [r.id for r in corpus.reports] == [TINY_ID]
    return corpus.reports[0]


def at(text, quote, around=None):
    """Offset of ``quote`` inside the text ``around`` it (which occurs once)."""
    around = around or quote
    assert text.count(around) == 1, around
    return text.index(around) + around.index(quote)


def span(text, report, start, quote):
    assert text[start:start + len(quote)] == quote
    return Span(report=report, start=start, end=start + len(quote), exact=quote,
                prefix=text[max(0, start - 16):start], suffix=text[start + len(quote):start + len(quote) + 16])


def tiny_span(quote, around=None):
    return span(TINY_TEXT, TINY_ID, at(TINY_TEXT, quote, around), quote)


def where(root, line, rel=FACTS):
    return Where(str(root / rel), line)


# --- the registry ---------------------------------------------------------------------------

TYPE_LIST = ", ".join(sorted(TYPES))
ENTITY_KEYS = "aliases, drafted, en, heads, id, note, search, stage, stages, type, zh"

#: registry/zz.yaml -> the problems with it: (line, problem)
REGISTRY_CASES = {
    "not a list": ("id: x\ntype: City\n", [(1, "a registry file is a list of entities ('- id: …')")]),
    "a scalar": ("just text\n", [(1, "a registry file is a list of entities ('- id: …')")]),
    "entries not mappings": ("- one\n- 2\n", [(0, "registry entries are mappings, found 'one'"),
                                              (0, "registry entries are mappings, found 2")]),
    "unknown key": (lines("- id: x", "  type: City", "  zh: 某市", "  colour: red"),
                    [(4, f"unknown key 'colour' (expected one of: {ENTITY_KEYS})")]),
    "unknown key without value": ("- {id: x, type: City, zh: 某市, colour}\n",
                                  [(1, f"unknown key 'colour' (expected one of: {ENTITY_KEYS}); a text with an "
                                       "ASCII comma inside { … } must be written in double quotes")]),
    "missing id": (lines("- type: City", "  zh: 某市"), [(1, "missing 'id'")]),
    "null id": (lines("- type: City", "  id:", "  zh: 某市"), [(1, "missing 'id'")]),
    "id a list": (lines("- type: City", "  id: [x]", "  zh: 某市"), [(2, "'id' must be text, not a list")]),
    "id a mapping": (lines("- type: City", "  id: {x: 1}", "  zh: 某市"), [(2, "'id' must be text, not a mapping")]),
    "id a boolean": (lines("- type: City", "  id: true", "  zh: 某市"), [(2, "'id' must be text, not true or false")]),
    "id blank": (lines("- type: City", "  id: '  '", "  zh: 某市"), [(2, "'id' is empty")]),
    "id unsafe": (lines("- type: City", '  id: "a\\x0cb"', "  zh: 某市"), [(2, f"'id': character U+000C {UNSAFE}")]),
    "id upper-case": (lines("- type: City", "  id: Mixed_Case", "  zh: 某市"),
                      [(2, "id 'Mixed_Case' must be lower-case letters, digits and hyphens")]),
    "id with a leading hyphen": (lines("- type: City", "  id: -x", "  zh: 某市"),
                                 [(2, "id '-x' must be lower-case letters, digits and hyphens")]),
    "missing type": (lines("- id: x", "  zh: 某市"), [(1, "missing 'type'")]),
    "zh a list": (lines("- id: x", "  type: City", "  zh: [某市, 乙市]"), [(3, "'zh' must be text, not a list")]),
    "a boolean among the aliases": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases:", "    zh: [乙, true]"),
                                    [(5, "'zh' must be a list of texts")]),
    "a boolean search term": (lines("- id: x", "  type: City", "  zh: 某市", "  search: [yes]"),
                              [(4, "'search' must be a list of texts")]),
    "unknown type": (lines("- id: x", "  type: Town", "  zh: 某市"),
                     [(2, f"unknown type 'Town' (known: {TYPE_LIST})")]),
    "missing zh": (lines("- id: x", "  type: City", "  en: X"),
                   [(1, "entity 'x' has no zh label (every entity needs its Chinese name)")]),
    "blank zh": (lines("- id: x", "  type: City", "  zh: ' '"),
                 [(3, "entity 'x' has no zh label (every entity needs its Chinese name)")]),
    "null zh": (lines("- id: x", "  type: City", "  zh:"),
                [(3, "entity 'x' has no zh label (every entity needs its Chinese name)")]),
    "neither id nor zh": (lines("- type: City", "  en: X"),
                          [(1, "missing 'id'"),
                           (1, "entity 'None' has no zh label (every entity needs its Chinese name)")]),
    "zh unsafe": (lines("- id: x", "  type: City", '  zh: "某\\x0c市"'), [(3, f"'zh': character U+000C {UNSAFE}")]),
    "zh unsafe at its start": (lines("- id: x", "  type: City", '  zh: "\\x01某市"'),
                               [(3, f"'zh': character U+0001 {UNSAFE}")]),
    "aliases a list": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases: [某]"),
                       [(4, "'aliases' is a mapping with keys zh and en")]),
    "aliases of another language": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases:", "    fr: [X]"),
                                    [(4, "'aliases' is a mapping with keys zh and en")]),
    "aliases and no zh": (lines("- id: x", "  type: City", "  aliases: [某]"),
                          [(1, "entity 'x' has no zh label (every entity needs its Chinese name)"),
                           (3, "'aliases' is a mapping with keys zh and en")]),
    "alias not a list of texts": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases:", "    en: [X]",
                                        "    zh: [[某]]"),
                                  [(6, "'zh' must be a list of texts")]),
    "alias a mapping": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases:", "    zh: [X]", "    en: {a: b}"),
                        [(6, "'en' must be a list of texts")]),
    "alias unsafe": (lines("- id: x", "  type: City", "  zh: 某市", "  aliases:", "    en: [X]",
                           '    zh: [某, "某\\x1f"]'),
                     [(6, f"'zh': character U+001F {UNSAFE}")]),
    "heads not a boolean": (lines("- id: x", "  type: Role", "  zh: 某长", "  heads: 1"),
                            [(4, "'heads' is true or false")]),
    "en not text": (lines("- id: x", "  type: City", "  zh: 某市", "  en: [X]"), [(4, "'en' must be text, not a list")]),
    "note unsafe": (lines("- id: x", "  type: City", "  zh: 某市", '  note: "a\\x08"'),
                    [(4, f"'note': character U+0008 {UNSAFE}")]),
    "search not texts": (lines("- id: x", "  type: City", "  zh: 某市", "  search: [a, {b: c}]"),
                         [(4, "'search' must be a list of texts")]),
    "search a fraction": (lines("- id: x", "  type: City", "  zh: 某市", "  search: [1.5]"),
                         [(4, "'search' must be a list of texts")]),
    "stage not text": (lines("- id: x", "  type: Variable", "  zh: 某量", "  stage: [mining]"),
                       [(4, "'stage' must be text, not a list")]),
    "unknown stage": (lines("- id: x", "  type: Variable", "  zh: 某量", "  stage: nowhere"),
                      [(1, "'x' refers to unknown entity id 'nowhere'")]),
    "unknown stages": (lines("- type: IndustryChain", "  id: x", "  zh: 某链", "  stage: here",
                             "  stages: [mining, there, smelting, nowhere]"),
                       [(1, "'x' refers to unknown entity id 'here'"),
                        (1, "'x' refers to unknown entity id 'there'"),
                        (1, "'x' refers to unknown entity id 'nowhere'")]),
    "duplicate id in the file": (lines("- id: x", "  type: City", "  zh: 某市", "- type: City", "  id: x", "  zh: 某县",
                                       "- {id: y, type: Town, zh: 某镇}"),
                                 [(5, "duplicate id 'x' (already defined at {root}/registry/zz.yaml:1)"),
                                  (7, f"unknown type 'Town' (known: {TYPE_LIST})")]),
    "stages not a list": (lines("- id: x", "  type: IndustryChain", "  zh: 某链", "  stages: {mining: 1}"),
                          [(4, "'stages' must be a list of texts")]),
    # an entry with a problem is not defined: the same id again is no duplicate
    "bad entries are not defined": (
        lines("- {id: x, type: Town, zh: 某市}", "- {id: x, type: City}", "- {id: x, type: City, zh: \"某\\x0c\"}",
              "- {id: x, type: City, zh: 某市}", "- {id: Y, type: City, zh: 某市}", "- {id: Y, type: City}"),
        [(1, f"unknown type 'Town' (known: {TYPE_LIST})"),
         (2, "entity 'x' has no zh label (every entity needs its Chinese name)"),
         (3, f"'zh': character U+000C {UNSAFE}"),
         (5, "id 'Y' must be lower-case letters, digits and hyphens"),
         (6, "id 'Y' must be lower-case letters, digits and hyphens"),
         (6, "entity 'None' has no zh label (every entity needs its Chinese name)")]),
    "duplicate id of another file": (lines("- type: City", "  zh: 某市", "  id: city"),
                                     [(3, "duplicate id 'city' (already defined at {root}/registry/entities.yaml:21)")]),
    "duplicate key": (lines("- id: x", "  type: City", "  zh: 某市", "  zh: 某县"),
                      [(4, "key 'zh' is written twice in this mapping (first on line 3)")]),
    "every entry is checked": (lines("- id: Bad", "  type: City", "  zh: 某市", "- id: x", "  type: Town", "  zh: 某县"),
                               [(1, "id 'Bad' must be lower-case letters, digits and hyphens"),
                                (5, f"unknown type 'Town' (known: {TYPE_LIST})")]),
}


@pytest.mark.parametrize("case", REGISTRY_CASES)
def test_a_bad_registry_entry_is_reported_exactly(tiny, case):
    content, expected = REGISTRY_CASES[case]
    write(tiny, REGISTRY, content)
    assert problems(tiny) == [(REGISTRY, line, p.replace("{root}", str(tiny))) for line, p in expected]


def test_registry_problems_stop_before_the_reports_are_read(tiny):
    write(tiny, REGISTRY, lines("- id: x", "  type: Town", "  zh: 某市"))
    write(tiny, FACTS, HEAD + "relations: 1\n")
    assert problems(tiny) == [(REGISTRY, 2, f"unknown type 'Town' (known: {TYPE_LIST})")]


def test_every_registry_file_is_read(tiny):
    write(tiny, "registry/a.yaml", "id: x\n")    # not a list: told, and the next files are still read
    write(tiny, REGISTRY, lines("- id: x", "  type: Town", "  zh: 某市"))
    assert problems(tiny) == [("registry/a.yaml", 1, "a registry file is a list of entities ('- id: …')"),
                              (REGISTRY, 2, f"unknown type 'Town' (known: {TYPE_LIST})")]


def test_an_unreadable_or_empty_registry_file(tiny):
    (tiny / "registry" / "a.yaml").mkdir()        # read first: a folder, not a file
    write(tiny, "registry/b.yaml", "# nothing yet\n")   # an empty registry file is no problem
    write(tiny, REGISTRY, lines("- id: x", "  type: Town", "  zh: 某市"))
    assert problems(tiny) == [("registry/a.yaml", 0, "cannot read: Is a directory"),
                              (REGISTRY, 2, f"unknown type 'Town' (known: {TYPE_LIST})")]


def test_registry_entries_are_read_exactly(tiny):
    write(tiny, REGISTRY, lines(
        "- type: City",                          # 1
        "  id: town",
        "  zh: ' 丙镇 '",
        "  en: 1.5",
        "  aliases:",                            # 5
        "    zh: 本镇",
        "    en: [Bing Town, 7]",
        "  search: [丙]",
        "  note: a note",
        "- {id: chief, type: Role, zh: 镇长, heads: true}",   # 10
        "- {id: deputy, type: Role, zh: 副镇长, heads: false}",
        "- {id: lane, type: IndustryChain, zh: 链, stages: mining}",
        "- {id: amount, type: Variable, zh: 量, stage: smelting}",
        "- {id: '42', type: City, zh: 四十二}"))
    entities = load_corpus(tiny).entities
    path = str(tiny / REGISTRY)
    assert entities["town"] == Entity(id="town", type="City", zh="丙镇", en="1.5", aliases_zh=["本镇"],
                                      aliases_en=["Bing Town", "7"], search=["丙"], note="a note",
                                      where=Where(path, 1), heads=False, stage=None, stages=[])
    assert entities["chief"].heads is True and entities["deputy"].heads is False
    assert entities["chief"].where == Where(path, 10)
    assert entities["lane"].stages == ["mining"] and entities["lane"].stage is None
    assert entities["amount"].stage == "smelting" and entities["amount"].stages == []
    assert entities["42"].zh == "四十二"
    # every file in name order, every entry in file order
    assert list(entities)[:3] == ["mayor", "president", "secretary-general"]
    assert list(entities)[-5:] == ["chief", "deputy", "lane", "amount", "42"]
    assert entities["chain"] == Entity(
        id="chain", type="IndustryChain", zh="乙市铝产业链", en="Yi City aluminium chain", aliases_zh=[],
        aliases_en=[], search=[], note=None, where=Where(str(tiny / "registry/entities.yaml"), 23),
        heads=False, stage=None, stages=["mining", "smelting"])


def test_a_heads_flag_that_is_not_a_boolean_is_still_an_entity(tiny):
    """The flag is refused but the entity is defined: no 'unknown entity id' follows."""
    write(tiny, REGISTRY, lines("- id: chief", "  type: Role", "  zh: 镇长", "  heads: 'yes'",
                                "- {id: lane, type: IndustryChain, zh: 链, stages: [chief]}"))
    assert problems(tiny) == [(REGISTRY, 4, "'heads' is true or false")]


# --- the report text and the head of a facts file --------------------------------------------

HEAD_KEYS = "accessed, clicks, comments, id, issued, language, publisher, sha256, source, title, url"

#: facts.yaml -> its problems: (line, problem). "{root}" is the scratch project.
FACTS_FILE_CASES = {
    "not a mapping": ("- report\n", [(1, "a facts file starts with a 'report:' mapping")]),
    "report not a mapping": ("report: tiny_0001\n", [(1, "a facts file starts with a 'report:' mapping")]),
    "no report": ("relations: []\n", [(1, "a facts file starts with a 'report:' mapping")]),
    "empty": ("", [(1, "a facts file starts with a 'report:' mapping")]),
    "only a comment": ("# facts to come\n", [(1, "a facts file starts with a 'report:' mapping")]),
    "duplicate key": (lines("report:", "  id: a", "  id: b", "relations: 1"),
                      [(3, "key 'id' is written twice in this mapping (first on line 2)")]),
    "unknown head key": (HEAD + "  headline: 测试\n", [(5, f"unknown key 'headline' (expected one of: {HEAD_KEYS})")]),
    "unknown section": (HEAD + "statements: []\n",
                        [(5, "unknown key 'statements' (expected one of: mentions, observations, posts, relations, report)")]),
    "missing id": (lines("report:", f"  sha256: {TINY_SHA}", "  language: zh"), [(2, "missing 'id'")]),
    "other id": (lines("report:", f"  sha256: {TINY_SHA}", "  id: tiny_0002", "  language: zh"),
                 [(3, "report id 'tiny_0002' differs from its folder name 'tiny_0001'")]),
    "missing sha256": (lines("report:", "  id: tiny_0001", "  language: zh"), [(2, "missing 'sha256'")]),
    "missing language": (lines("report:", "  id: tiny_0001", f"  sha256: {TINY_SHA}"), [(2, "missing 'language'")]),
    "blank language": (lines("report:", "  id: tiny_0001", f"  sha256: {TINY_SHA}", "  language: ' '"),
                       [(4, "'language' is empty")]),
    # a changed text stops the report: nothing after the hash is checked
    "other sha256": (lines("report:", "  id: tiny_0001", "  sha256: abc", "  clicks: 1", "relations: 1"),
                     [(3, "{root}/reports/tiny_0001/report.txt changed since its facts were written: its sha256 is "
                          f"{TINY_SHA}, the facts were written against abc; check every quote, then update sha256")]),
    "language unsafe": (lines("report:", "  id: tiny_0001", f"  sha256: {TINY_SHA}", '  language: "z\\x0ch"'),
                        [(4, f"'language': character U+000C {UNSAFE}")]),
    "sections not lists": (HEAD + lines("observations: 1", "posts:", "mentions: {entity: city}"),
                           [(7, "'mentions' is a list"), (6, "'posts' is a list"), (5, "'observations' is a list")]),
    "items not mappings": (HEAD + lines("relations:", "  - a relation", "  - [another]", "posts:", "  - a post"),
                           [(5, "items of 'relations' are mappings"), (5, "items of 'relations' are mappings"),
                            (8, "items of 'posts' are mappings")]),
}


@pytest.mark.parametrize("case", FACTS_FILE_CASES)
def test_a_bad_facts_file_is_reported_exactly(tiny, case):
    content, expected = FACTS_FILE_CASES[case]
    write(tiny, FACTS, content)
    assert problems(tiny) == [(FACTS, line, p.replace("{root}", str(tiny))) for line, p in expected]


def test_an_unreadable_facts_file(tiny):
    (tiny / FACTS).unlink()
    (tiny / FACTS).mkdir()
    assert problems(tiny) == [(FACTS, 0, "cannot read: Is a directory")]


def test_a_missing_report_text(tiny):
    (tiny / TEXT).unlink()
    assert problems(tiny) == [
        (TEXT, 0, f"cannot read the report text: [Errno 2] No such file or directory: '{tiny / TEXT}'")]


def test_a_report_text_that_is_not_utf8(tiny):
    (tiny / TEXT).write_bytes("乙市".encode() + b"\xff\n")
    assert problems(tiny) == [
        (TEXT, 0, "cannot read the report text: 'utf-8' codec can't decode byte 0xff in position 6: "
                  "invalid start byte")]


@pytest.mark.parametrize("text,line,code", [("乙市\n甲省\n丙\x0c国\n", 3, "000C"),
                                            ("\n\x0b", 2, "000B"),
                                            ("\x01", 1, "0001"),
                                            ("乙市\ufffe", 1, "FFFE")])
def test_a_report_text_with_a_character_xml_cannot_carry(tiny, text, line, code):
    write(tiny, FACTS, "relations: 1\n")   # not read further once the text is refused
    write(tiny, TEXT, text)
    assert problems(tiny) == [(TEXT, line, f"character U+{code} {UNSAFE}")]


def test_the_facts_file_and_the_text_are_both_checked(tiny):
    write(tiny, FACTS, lines("report:", "  id: a", "  id: b"))
    write(tiny, TEXT, "\x0c")
    assert problems(tiny) == [(FACTS, 3, "key 'id' is written twice in this mapping (first on line 2)"),
                              (TEXT, 1, f"character U+000C {UNSAFE}")]


def test_the_head_of_the_tiny_report():
    report = tiny_report(TINY)
    assert (report.id, report.sha256, report.language, report.text) == (TINY_ID, TINY_SHA, "zh", TINY_TEXT)
    assert report.where == Where(str(TINY / FACTS), 4)    # the line of the head's first key


def test_the_language_as_given(tiny):
    write(tiny, FACTS, HEAD.replace("language: zh", "language: ' en '"))
    assert tiny_report(tiny).language == "en"


def test_an_other_id_is_told_and_the_folder_name_kept(tiny):
    write(tiny, FACTS, lines("report:", f"  sha256: {TINY_SHA}", "  id: tiny_0002", "  language: zh",
                             "relations:", "  - {subject: nobody, relation: organizes, object: expo, "
                                           "quote: 2024乙市铝业博览会由乙市政府主办}"))
    assert problems(tiny) == [
        (FACTS, 3, "report id 'tiny_0002' differs from its folder name 'tiny_0001'"),
        (FACTS, 6, "unknown entity id 'nobody' in 'subject' (not in registry/*.yaml)")]


# --- report fields ------------------------------------------------------------------------------

REPORT_FIELD_CASES = {
    "not a mapping": ("  issued: 2024-05-02", [(5, "'issued' is a mapping with 'value' and 'quote'")]),
    "a list": ("  source: [测试]", [(5, "'source' is a mapping with 'value' and 'quote'")]),
    "value not in its quote": (lines("  clicks:", "    quote: 点击数:12", "    value: 13"),
                               [(7, "value '13' is not written in its quote")]),
    "no such date": (lines("  issued:", "    quote: 发布日期:2024-05-02", "    value: 2024-02-30"),
                     [(7, "'issued' value '2024-02-30' is not a valid date (YYYY-MM-DD)")]),
    "date not as YYYY-MM-DD": ("  issued: {value: 2024-5-2, quote: 发布日期:2024-05-02}",
                               [(5, "'issued' value '2024-5-2' is not a valid date (YYYY-MM-DD)")]),
    "date a number": ("  issued: {value: 20240502, quote: 发布日期:2024-05-02}",
                      [(5, "'issued' value 20240502 is not a valid date (YYYY-MM-DD)")]),
    "date missing": ("  issued: {quote: 发布日期:2024-05-02}",
                     [(5, "'issued' value None is not a valid date (YYYY-MM-DD)")]),
    "integer a word": ("  clicks: {value: many, quote: 点击数:12}", [(5, "'clicks' value 'many' is not a valid integer")]),
    "integer a boolean": ("  comments: {value: true, quote: 点击数:12}",
                          [(5, "'comments' value True is not a valid integer")]),
    "integer a fraction": ("  comments: {value: 1.5, quote: 点击数:12}",
                           [(5, "'comments' value 1.5 is not a valid integer")]),
    "text blank": ("  source: {value: ' ', quote: 来源:测试}", [(5, "'source' value ' ' is not a valid text")]),
    "text a list": ("  source: {value: [测试], quote: 来源:测试}", [(5, "'source' value ['测试'] is not a valid text")]),
    "quote missing": (lines("  source:", "    value: 测试"), [(6, "missing 'quote'")]),
    "quote not found": ("  source: {value: 测试, quote: 来源:不明}",
                        [(5, "quote not found in tiny_0001/report.txt: '来源:不明'")]),
    "quote not found and value wrong": (lines("  clicks:", "    quote: 点击:12", "    value: x"),
                                        [(6, "quote not found in tiny_0001/report.txt: '点击:12'"),
                                         (7, "'clicks' value 'x' is not a valid integer")]),
}


@pytest.mark.parametrize("case", REPORT_FIELD_CASES)
def test_a_bad_report_field_is_reported_exactly(tiny, case):
    content, expected = REPORT_FIELD_CASES[case]
    write(tiny, FACTS, HEAD + content + "\n")
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_report_fields_are_statements_about_the_report(tiny):
    write(tiny, FACTS, HEAD + lines("  comments:", "    quote: 点击数:12", "    value: 12",
                                    "  source: {value: 12, quote: 点击数:12}",
                                    "  issued: {value: 2024-05-02, quote: '2024-05-02'}"))
    report = tiny_report(tiny)
    statement = {s.key: s for s in report.statements}
    assert list(statement) == ["issued", "source", "comments"]    # in the order of REPORT_FIELDS
    quote = tiny_span("点击数:12")
    assert statement["comments"] == Statement(subject=TINY_ID, key="comments", object=None, value=12, value_en=None,
                                              span=quote, where=where(tiny, 6))
    assert statement["source"].value == "12" and statement["source"].where == where(tiny, 8)
    assert statement["issued"].value == date(2024, 5, 2)
    assert statement["issued"].span == Span(TINY_ID, 5, 15, "2024-05-02", "发布日期:", "。\n来源:测试。\n点击数:12。")


def test_the_report_fields_of_the_tiny_report():
    fields = [(s.key, s.value, s.span.exact, s.subject, s.object, s.value_en, s.inferred, s.context)
              for s in tiny_report(TINY).statements if s.key in REPORT_FIELDS]
    assert fields == [("issued", date(2024, 5, 2), "发布日期:2024-05-02", TINY_ID, None, None, None, None),
                      ("source", "测试", "来源:测试", TINY_ID, None, None, None, None),
                      ("clicks", 12, "点击数:12", TINY_ID, None, None, None, None)]


# --- quotes: spans, within, occurrence --------------------------------------------------------

ATTENDS = "  - {subject: wang, relation: attends, object: expo, quote: 参加了博览会"
THRICE = ", ".join(str(at(TINY_TEXT, "参加了博览会", a)) for a in ("乙市铝业协会参加了博览会", "联盟也参加了博览会",
                                                              "王五参加了博览会"))
WHERE = "tiny_0001/report.txt"

QUOTE_CASES = {
    "quote missing": ("  - {subject: wang, relation: attends, object: expo}", [(6, "missing 'quote'")]),
    "quote a list": ("  - {subject: wang, relation: attends, object: expo, quote: [参加了博览会]}",
                     [(6, "'quote' must be text, not a list")]),
    "quote unsafe": ('  - {subject: wang, relation: attends, object: expo, quote: "参\\x0c加"}',
                     [(6, f"'quote': character U+000C {UNSAFE}")]),
    "quote not found": (lines("  - subject: wang", "    relation: attends", "    object: expo", "    quote: 王五缺席"),
                        [(9, f"quote not found in {WHERE}: '王五缺席'")]),
    "quote differs in punctuation only": (
        "  - {subject: expo, relation: startDate, value: 2024-05-02, quote: 发布日期：2024-05-02}",
        [(6, f"quote not found in {WHERE}: '发布日期：2024-05-02' (it differs from the text only in "
             "full-width/ASCII punctuation; copy it exactly)")]),
    "quote found thrice": (ATTENDS + "}", [(6, f"quote '参加了博览会' occurs 3 times in {WHERE} (at characters "
                                              f"{THRICE}); add 'within: <longer text around it>' or 'occurrence: N'")]),
    "quote found thrice, not on the item's line": (
        lines("  - subject: wang", "    relation: attends", "    object: expo", "    quote: 参加了博览会"),
        [(9, f"quote '参加了博览会' occurs 3 times in {WHERE} (at characters {THRICE}); "
             "add 'within: <longer text around it>' or 'occurrence: N'")]),
    "within found nowhere": (lines(ATTENDS + ",", "      within: 王五没有参加了博览会}"),
                             [(7, f"'within' text '王五没有参加了博览会' occurs 0 times in {WHERE} "
                                  "(it must occur exactly once)")]),
    "within found thrice": (ATTENDS + ", within: 参加了博览会}",
                            [(6, f"'within' text '参加了博览会' occurs 3 times in {WHERE} (it must occur exactly once)")]),
    "quote not inside its within": (lines(ATTENDS.replace("参加了博览会", "王五") + ",", "      within: 乙市隶属甲省}"),
                                    [(7, "quote '王五' is not inside its 'within' text '乙市隶属甲省'")]),
    "within not text": (ATTENDS + ", within: [王五参加了博览会]}",
                        [(6, "'within' must be text, not a list"),
                         (6, f"quote '参加了博览会' occurs 3 times in {WHERE} (at characters {THRICE}); "
                             "add 'within: <longer text around it>' or 'occurrence: N'")]),
    "quote twice inside its within": (
        "  - {subject: assoc-a, relation: friendlyAssociationOf, object: assoc-b, quote: 铝业协会, "
        "within: 乙市铝业协会与丁市铝业协会缔结}",
        [(6, f"quote '铝业协会' occurs 2 times in {WHERE} (at characters "
             f"{at(TINY_TEXT, '铝业协会', '乙市铝业协会与')}, {at(TINY_TEXT, '铝业协会', '丁市铝业协会缔结')}); "
             "add 'within: <longer text around it>' or 'occurrence: N'")]),
    "occurrence all of a relation": (lines(ATTENDS + ",", "      occurrence: all}"),
                                     [(7, "occurrence must be a number from 1 to 3, not 'all'")]),
    "occurrence 0": (ATTENDS + ", occurrence: 0}", [(6, "occurrence must be a number from 1 to 3, not 0")]),
    "occurrence 4": (ATTENDS + ", occurrence: 4}", [(6, "occurrence must be a number from 1 to 3, not 4")]),
    "occurrence -1": (ATTENDS + ", occurrence: -1}", [(6, "occurrence must be a number from 1 to 3, not -1")]),
    "occurrence text": (ATTENDS + ", occurrence: '2'}", [(6, "occurrence must be a number from 1 to 3, not '2'")]),
    "occurrence a boolean": (ATTENDS + ", occurrence: true}", [(6, "occurrence must be a number from 1 to 3, not True")]),
    "occurrence 2 of one": ("  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, occurrence: 2}",
                            [(6, "occurrence must be a number from 1 to 1, not 2")]),
    "occurrence of a mention": ("  - {entity: wang, kind: pronoun, quote: 参加了博览会, occurrence: 0}",
                                [(6, "occurrence must be a number from 1 to 3 or 'all', not 0")]),
}


@pytest.mark.parametrize("case", QUOTE_CASES)
def test_a_bad_quote_is_reported_exactly(tiny, case):
    item, expected = QUOTE_CASES[case]
    section = "mentions" if "entity:" in item else "relations"
    write(tiny, FACTS, HEAD + f"{section}:\n" + item + "\n")
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_within_and_occurrence_choose_the_span(tiny):
    write(tiny, FACTS, HEAD + lines(
        "relations:",
        "  - {subject: wang, relation: attends, object: expo, quote: 参加了博览会, within: 王五参加了博览会}",
        "  - {subject: alliance, relation: attends, object: expo, quote: 参加了博览会, occurrence: 2}",
        "  - {subject: assoc-a, relation: attends, object: expo, quote: 参加了博览会, occurrence: 1}",
        "  - {subject: assoc-a, relation: friendlyAssociationOf, object: assoc-b, quote: 铝业协会, occurrence: 2,",
        "     within: 乙市铝业协会与丁市铝业协会缔结}",
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, occurrence: 1}",
        "mentions:",
        "  - {entity: expo, kind: pronoun, quote: 博览会, occurrence: all}",
        "  - {entity: wang, kind: pronoun, quote: 参加了博览会, occurrence: 3}"))
    report = tiny_report(tiny)
    spans = [s.span for s in report.statements]
    assert spans == [tiny_span("参加了博览会", "王五参加了博览会"), tiny_span("参加了博览会", "联盟也参加了博览会"),
                     tiny_span("参加了博览会", "乙市铝业协会参加了博览会"),
                     tiny_span("铝业协会", "丁市铝业协会缔结"), tiny_span("乙市隶属甲省")]
    expo = [m for m in report.mentions if m.kind == "pronoun" and m.entity == "expo"]
    starts = [i for i in range(len(TINY_TEXT)) if TINY_TEXT.startswith("博览会", i)]
    assert len(starts) > 5 and [m.span.start for m in expo] == starts
    assert all(m.span == span(TINY_TEXT, TINY_ID, m.span.start, "博览会") and m.where == where(tiny, 13) for m in expo)
    wang = [m for m in report.mentions if m.entity == "wang" and m.kind == "pronoun"]
    assert [m.span for m in wang] == [tiny_span("参加了博览会", "王五参加了博览会")]


def test_every_span_keeps_context_characters_either_side():
    assert CONTEXT == 16
    report = tiny_report(TINY)
    first = report.statements[0].span     # issued: the quote opens the text
    assert first == Span(TINY_ID, 0, 15, "发布日期:2024-05-02", "", "。\n来源:测试。\n点击数:12。")
    containment = next(s.span for s in report.statements if s.key == "containedIn")
    assert containment == Span(TINY_ID, at(TINY_TEXT, "乙市隶属甲省"), at(TINY_TEXT, "乙市隶属甲省") + 6, "乙市隶属甲省",
                               "开幕。\n博览会以“开放合作”为主题。\n博览会在乙市举行。\n"[-16:], "。\n乙市铝业协会参加了博览会。\n")
    assert containment.prefix == "”为主题。\n博览会在乙市举行。\n"
    last = report.observations[-1].span   # near the end: a short suffix
    assert (last.exact, last.suffix, last.end) == ("约占全省的12.5%", "。\n", len(TINY_TEXT) - 2)
    for s in [m.span for m in report.mentions] + [s.span for s in report.statements]:
        assert len(s.prefix) == min(CONTEXT, s.start) and len(s.suffix) == min(CONTEXT, len(TINY_TEXT) - s.end)


def test_a_quote_at_the_second_character_has_a_short_prefix(tiny):
    write(tiny, FACTS, HEAD + "mentions:\n  - {entity: expo, kind: pronoun, quote: 布日期}\n")
    (mention,) = [m for m in tiny_report(tiny).mentions if m.kind == "pronoun"]
    assert mention.span == Span(TINY_ID, 1, 4, "布日期", "发", ":2024-05-02。\n来源:")


# --- mentions -----------------------------------------------------------------------------------

PAIR = "- {id: pair, type: OrganizationGroup, zh: 两个协会, en: 两会, aliases: {zh: [友好协会], en: [内设机构]}}\n"

MENTION_CASES = {
    "kind unknown": (lines("  - entity: city", "    quote: 乙市隶属甲省", "    kind: place"),
                     [(8, "mention kind must be one of name, alias, pronoun")]),
    "entity unknown": ("  - {entity: nobody, quote: 不存在}",
                       [(6, "unknown entity id 'nobody' in 'entity' (not in registry/*.yaml)"),
                        (6, "mention kind must be one of name, alias, pronoun")]),
    "entity unknown, kind given": (lines("  - entity: nobody", "    kind: alias", "    quote: 不存在"),
                                   [(6, "unknown entity id 'nobody' in 'entity' (not in registry/*.yaml)"),
                                    (8, f"quote not found in {WHERE}: '不存在'")]),
    "entity missing": ("  - {kind: alias, quote: 乙市隶属甲省}", [(6, "missing 'entity'")]),
    "not a label": (lines("  - entity: city", "    kind: alias", "    quote: 乙市隶属"),
                    [(8, "'乙市隶属' is not a label or alias of 'city'; add it to the registry's aliases "
                         "or mark the mention 'kind: pronoun'")]),
    "not a label, kind not given": (lines("  - entity: city", "    quote: 乙市隶属"),
                                    [(7, "'乙市隶属' is not a label or alias of 'city'; add it to the registry's "
                                         "aliases or mark the mention 'kind: pronoun'")]),
    "not a label, quote not found": (lines("  - entity: city", "    quote: 乙市不属"),
                                     [(7, f"quote not found in {WHERE}: '乙市不属'")]),
    "not a label of any occurrence": (lines("  - entity: pair", "    occurrence: all", "    quote: 协会"),
                                      [(8, "'协会' is not a label or alias of 'pair'; add it to the registry's "
                                           "aliases or mark the mention 'kind: pronoun'")]),
}


@pytest.mark.parametrize("case", MENTION_CASES)
def test_a_bad_mention_is_reported_exactly(tiny, case):
    item, expected = MENTION_CASES[case]
    write(tiny, REGISTRY, PAIR)
    write(tiny, FACTS, HEAD + "mentions:\n" + item + "\n")
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_mention_kinds_and_labels(tiny):
    write(tiny, REGISTRY, PAIR)
    write(tiny, FACTS, HEAD + lines(
        "mentions:",
        "  - {entity: pair, quote: 两会}",                          # 6: its en label, written in Chinese here
        "  - {entity: pair, quote: 内设机构}",                       # 7: an en alias
        "  - {entity: pair, quote: 友好协会, occurrence: all}",      # 8: a zh alias, twice
        "  - {entity: pair, kind: pronoun, quote: 代表团, occurrence: 2}",   # 9: no label needed
        "  - {entity: pair, kind: name, quote: 两会}",              # 10: the kind as given
        "  - entity: city",                                       # 11: the zh name: kind name
        "    quote: 乙市",
        "    within: 乙市被评为",
        "  - {entity: delegation, quote: 乙市代表团, kind: alias}"))   # 14
    report = tiny_report(tiny)
    curated = [(m.entity, m.kind, m.span, m.where) for m in report.mentions if m.where != report.where]
    assert curated == [
        ("pair", "alias", tiny_span("两会"), where(tiny, 6)),
        ("pair", "alias", tiny_span("内设机构"), where(tiny, 7)),
        ("pair", "alias", tiny_span("友好协会", "缔结友好协会关系"), where(tiny, 8)),
        ("pair", "alias", tiny_span("友好协会", "结为友好协会"), where(tiny, 8)),
        ("pair", "pronoun", tiny_span("代表团", "代表团由"), where(tiny, 9)),
        ("pair", "name", tiny_span("两会"), where(tiny, 10)),
        ("city", "name", tiny_span("乙市", "乙市被评为"), where(tiny, 11)),
        ("delegation", "alias", tiny_span("乙市代表团"), where(tiny, 14)),
    ]
    assert all(isinstance(m, Mention) for m in report.mentions)
    # the curated name mentions are not found again
    names = [(m.entity, m.span.start) for m in report.mentions if m.kind == "name"]
    assert len(names) == len(set(names))
    assert ("delegation", at(TINY_TEXT, "乙市代表团")) not in names


# --- relations ----------------------------------------------------------------------------------

KNOWN = ", ".join([*sorted(RELATIONS), *sorted(ATTRIBUTES)])
THEME = "quote: 博览会以“开放合作”为主题"

RELATION_CASES = {
    "relation missing": ("  - {subject: city, object: province, quote: 乙市隶属甲省}", [(6, "missing 'relation'")]),
    "relation missing, quote too": ("  - {subject: city, object: province}",
                                    [(6, "missing 'relation'"), (6, "missing 'quote'")]),
    "relation blank": ("  - {subject: city, relation: ' ', object: province, quote: 乙市隶属甲省}",
                       [(6, "'relation' is empty")]),
    "unknown relation": (lines("  - subject: city", "    quote: 乙市隶属甲省", "    relation: near", "    object: province"),
                         [(8, f"unknown relation 'near' (known: {KNOWN})")]),
    "subject unknown": (lines("  - relation: containedIn", "    subject: town", "    object: province", "    quote: 乙市隶属甲省"),
                        [(7, "unknown entity id 'town' in 'subject' (not in registry/*.yaml)")]),
    "object unknown": (lines("  - relation: containedIn", "    subject: city", "    object: land", "    quote: 乙市隶属甲省"),
                       [(8, "unknown entity id 'land' in 'object' (not in registry/*.yaml)")]),
    "object missing": ("  - {subject: city, relation: containedIn, quote: 乙市隶属甲省}", [(6, "missing 'object'")]),
    "value of a relation": (lines("  - subject: city", "    relation: containedIn", "    quote: 乙市隶属甲省",
                                  "    value: 甲省", "    object: province"),
                            [(9, "'containedIn' links two entities: give 'object', not 'value'")]),
    "object of an attribute": (lines("  - subject: expo", "    relation: startDate", "    quote: 博览会于2024年5月1日开幕",
                                     "    object: city"),
                               [(9, "'startDate' takes a 'value', not an 'object'")]),
    "no such date": (lines("  - subject: expo", "    relation: startDate", "    quote: 博览会于2024年5月1日开幕",
                           "    value: 2024-13-01"),
                     [(9, "'startDate' value '2024-13-01' is not a valid date (YYYY-MM-DD)")]),
    "date missing": ("  - {subject: expo, relation: startDate, quote: 博览会于2024年5月1日开幕}",
                     [(6, "'startDate' value None is not a valid date (YYYY-MM-DD)")]),
    "text value a list": (f"  - {{subject: expo, relation: theme, value: [开放合作], en: open, {THEME}}}",
                          [(6, "'theme' value ['开放合作'] is not a valid text")]),
    "text value blank": (f"  - {{subject: expo, relation: theme, value: '', en: open, {THEME}}}",
                         [(6, "'theme' value '' is not a valid text")]),
    "text value not in its quote": (lines("  - subject: expo", "    relation: theme", f"    {THEME}",
                                          "    en: open cooperation", "    value: 合作开放"),
                                    [(10, "value '合作开放' is not written in its quote; text values are the "
                                         "report's own words")]),
    "text value without en": (lines("  - subject: expo", "    relation: theme", f"    {THEME}", "    value: 开放合作"),
                              [(6, "missing 'en'")]),
    "text value with a blank en": (lines("  - subject: expo", "    relation: theme", f"    {THEME}",
                                         "    value: 开放合作", "    en: ' '"),
                                   [(10, "'en' is empty")]),
    "date with an en not text": (lines("  - subject: expo", "    relation: startDate", "    quote: 博览会于2024年5月1日开幕",
                                       "    value: 2024-05-01", "    en: [May]"),
                                 [(10, "'en' must be text, not a list")]),
    "context not an event": (lines("  - subject: city", "    relation: containedIn", "    object: province",
                                   "    quote: 乙市隶属甲省", "    context: province"),
                             [(10, "'province' is an AdministrativeArea; 'context' needs an event or an agreement")]),
    "context unknown": ("  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, context: x}",
                        [(6, "unknown entity id 'x' in 'context' (not in registry/*.yaml)")]),
    "inferred without a reason": ("  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, "
                                  "inferred: }", [(6, "missing 'inferred'")]),
    "inferred blank": (lines("  - subject: city", "    relation: containedIn", "    object: province",
                             "    quote: 乙市隶属甲省", "    inferred: ''"), [(10, "'inferred' is empty")]),
    "inferred in a language not given": (
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, inferred: {fr: pourquoi}}",
        [(6, "'inferred' is a text in English, or {en: …, zh: …} to give it in Chinese too; found the keys fr")]),
    "inferred in Chinese only": (
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, inferred: {zh: 因为}}",
        [(6, "'inferred' is a text in English, or {en: …, zh: …} to give it in Chinese too; found the keys zh")]),
    "inferred with a blank en": (
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, inferred: {en: ' ', zh: 因为}}",
        [(6, "'en' is empty")]),
    "inferred with a zh list": (
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, inferred: {en: why, zh: [因为]}}",
        [(6, "'zh' must be text, not a list")]),
    "everything wrong": ("  - {subject: town, relation: near, object: land, quote: 不存在, context: city}",
                         [(6, "unknown entity id 'town' in 'subject' (not in registry/*.yaml)"),
                          (6, f"quote not found in {WHERE}: '不存在'"),
                          (6, "'city' is a City; 'context' needs an event or an agreement"),
                          (6, f"unknown relation 'near' (known: {KNOWN})")]),
    "the same statement with the same quote": (
        lines("  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省}",
              "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省, inferred: why}",
              "  - subject: city",
              "    relation: containedIn",
              "    object: province",
              "    quote: 乙市隶属甲省"),
        [(7, "the same statement with the same quote is already on line 6"),
         (8, "the same statement with the same quote is already on line 6")]),
}


@pytest.mark.parametrize("case", RELATION_CASES)
def test_a_bad_relation_is_reported_exactly(tiny, case):
    item, expected = RELATION_CASES[case]
    write(tiny, FACTS, HEAD + "relations:\n" + item + "\n")
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_a_reason_and_a_note_may_be_given_in_chinese_too(tiny):
    write(tiny, FACTS, HEAD + lines(
        "relations:",
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省,",
        "     inferred: {en: the text implies it, zh: 原文暗示}}",
        "  - {subject: city, relation: locatedIn, object: province, quote: 乙市隶属甲省, inferred: only English}"))
    registry = tiny / "registry" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "en: Yi City}", "en: Yi City, note: {en: a city, zh: 一座城市}}", 1), encoding="utf-8")
    corpus = load_corpus(tiny)
    both, english = corpus.reports[0].statements
    assert (both.inferred, both.inferred.zh) == ("the text implies it", "原文暗示")
    assert (english.inferred, english.inferred.zh) == ("only English", None)
    assert (corpus.entities["city"].note, corpus.entities["city"].note.zh) == ("a city", "一座城市")


def test_relations_and_attributes_are_statements(tiny):
    write(tiny, FACTS, HEAD + lines(
        "relations:",
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属甲省}",     # 6
        "  - subject: expo",                                                                   # 7
        "    relation: startDate",
        "    value: 2024-05-01",
        "    en: May Day",
        "    quote: 博览会于2024年5月1日开幕",
        "    inferred: a reason",
        "  - {subject: expo, relation: theme, value: ' 开放合作 ', en: open cooperation, context: forum,",  # 13
        f"     {THEME}}}",
        "  - {subject: expo, relation: theme, value: 开放, en: opening, " + THEME + "}",         # 15
        "  - {subject: expo, relation: startDate, value: 2024-05-02, " + "quote: 博览会于2024年5月1日开幕}",   # 16
        "  - {subject: city, relation: locatedIn, object: province, quote: 乙市隶属甲省}",        # 17
        "  - {subject: province, relation: containedIn, object: province, quote: 乙市隶属甲省}",  # 18
        "  - {subject: city, relation: containedIn, object: country, quote: 乙市隶属甲省}",       # 19
        "  - {subject: city, relation: containedIn, object: province, quote: 乙市隶属}",          # 20
        "  - {subject: city, relation: containedIn, object: province, quote: 隶属甲省}"))         # 21
    report = tiny_report(tiny)
    quote = tiny_span("乙市隶属甲省")
    assert report.statements[0] == Statement(subject="city", key="containedIn", object="province", value=None,
                                             value_en=None, span=quote, where=where(tiny, 6))
    assert report.statements[1] == Statement(subject="expo", key="startDate", object=None, value=date(2024, 5, 1),
                                             value_en="May Day", span=tiny_span("博览会于2024年5月1日开幕"),
                                             where=where(tiny, 7), inferred="a reason")
    assert report.statements[2] == Statement(subject="expo", key="theme", object=None, value="开放合作",
                                             value_en="open cooperation", span=tiny_span("博览会以“开放合作”为主题"),
                                             where=where(tiny, 13), context="forum")
    # differing in value, key, subject, object, end or start only: no duplicates
    assert [(s.key, s.value, s.where.line) for s in report.statements[3:5]] == [
        ("theme", "开放", 15), ("startDate", date(2024, 5, 2), 16)]
    assert [(s.subject, s.key, s.object, s.span.start, s.span.end) for s in report.statements[5:10]] == [
        ("city", "locatedIn", "province", quote.start, quote.end),
        ("province", "containedIn", "province", quote.start, quote.end),
        ("city", "containedIn", "country", quote.start, quote.end),
        ("city", "containedIn", "province", quote.start, quote.end - 2),
        ("city", "containedIn", "province", quote.start + 2, quote.end)]
    assert len(report.statements) == 10


# --- posts --------------------------------------------------------------------------------------

POST_CASES = {
    "role not a Role": (lines("  - person: zhang", "    organization: city-gov", "    quote: 乙市政府市长张三",
                              "    role: city"), [(9, "'city' is not a Role")]),
    "role unknown": ("  - {person: zhang, role: boss, organization: city-gov, quote: 乙市政府市长张三}",
                     [(6, "unknown entity id 'boss' in 'role' (not in registry/*.yaml)")]),
    "person not a person": (lines("  - role: mayor", "    organization: city-gov", "    person: city",
                                  "    quote: 乙市政府市长张三"),
                            [(8, "'city' is a City; 'person' needs a person")]),
    "organization a person": (lines("  - role: mayor", "    person: zhang", "    organization: li",
                                    "    quote: 乙市政府市长张三"),
                              [(8, "'li' is a Person; 'organization' needs an organization or a group")]),
    "quote missing": ("  - {person: zhang, role: mayor, organization: city-gov}", [(6, "missing 'quote'")]),
    "everything wrong": ("  - {person: city, role: city, organization: city, quote: 市长出席}",
                         [(6, "'city' is a City; 'person' needs a person"), (6, "'city' is not a Role"),
                          (6, "'city' is a City; 'organization' needs an organization or a group"),
                          (6, f"quote not found in {WHERE}: '市长出席'")]),
}


@pytest.mark.parametrize("case", POST_CASES)
def test_a_bad_post_is_reported_exactly(tiny, case):
    item, expected = POST_CASES[case]
    write(tiny, FACTS, HEAD + "posts:\n" + item + "\n")
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_posts(tiny):
    write(tiny, FACTS, HEAD + lines(
        "posts:",
        "  - {person: zhang, role: mayor, organization: city-gov, quote: 乙市政府市长张三}",
        "  - person: li",
        "    role: president",
        "    organization: delegation",
        "    quote: 乙市铝业协会会长李四",
        "    inferred: she leads the delegation"))
    assert tiny_report(tiny).posts == [
        Post(person="zhang", role="mayor", organization="city-gov", span=tiny_span("乙市政府市长张三"),
             where=where(tiny, 6)),
        Post(person="li", role="president", organization="delegation", span=tiny_span("乙市铝业协会会长李四"),
             where=where(tiny, 7), inferred="she leads the delegation")]


# --- observations -------------------------------------------------------------------------------

OUTPUT = ("about: city", "variable: aluminium-output", "raw: 120.5万吨", "year: 2023",
          "quote: 2023年乙市电解铝产量120.5万吨")


def observation(*changes, ident="out"):
    """The 2023 output of the tiny report in block style, with ``key: value`` changes (value None: removed)."""
    keys = dict(k.split(": ", 1) for k in OUTPUT)
    for change in changes:
        key, _, value = change.partition(": ")
        if value:
            keys[key] = value
        else:
            keys.pop(key)
    body = [f"{k}: {v}" for k, v in keys.items()]
    if ident is not None:
        body.insert(0, f"id: {ident}")
    return "".join(f"  {'- ' if i == 0 else '  '}{b}\n" for i, b in enumerate(body))


UNIT_TABLE = yaml.safe_load((TINY / "registry" / "units.yaml").read_text(encoding="utf-8"))
UNIT_LIST = ", ".join(row["key"] for row in UNIT_TABLE)          # as the loader lists them
WRITTEN = " ".join(form for row in UNIT_TABLE for form in row["written"])

OBSERVATION_CASES = {   # the item starts on line 6: id 6, about 7, variable 8, raw 9, year 10, quote 11, then added keys
    "id missing": (observation(ident=None), [(6, "missing 'id'")]),
    "id upper-case": (observation(ident="Out"), [(6, "id 'Out' must be lower-case letters, digits and hyphens")]),
    "id twice": (observation() + observation(), [(12, "duplicate observation id 'out' (first on line 6)")]),
    "id twice, first not on the item's line": (
        lines("  - about: city", "    id: out", "    variable: aluminium-output", "    raw: 120.5万吨",
              "    quote: 2023年乙市电解铝产量120.5万吨") + observation(),
        [(11, "duplicate observation id 'out' (first on line 6)")]),
    "id upper-case, not the first key": (
        lines("  - about: city", "    id: Out", "    variable: aluminium-output", "    raw: 120.5万吨",
              "    quote: 2023年乙市电解铝产量120.5万吨"),
        [(7, "id 'Out' must be lower-case letters, digits and hyphens")]),
    "id twice, not the first key": (
        observation() + lines("  - about: city", "    id: out", "    variable: aluminium-output", "    raw: 120.5万吨",
                              "    quote: 2023年乙市电解铝产量120.5万吨"),
        [(13, "duplicate observation id 'out' (first on line 6)")]),
    "a bad id twice": (observation(ident="Out") + observation(ident="Out"),
                       [(6, "id 'Out' must be lower-case letters, digits and hyphens"),
                        (12, "id 'Out' must be lower-case letters, digits and hyphens")]),
    "about unknown": (observation("about: town"), [(7, "unknown entity id 'town' in 'about' (not in registry/*.yaml)")]),
    "variable not a Variable": (observation("variable: city"), [(8, "'city' is not a Variable")]),
    "variable missing": (observation("variable: "), [(6, "missing 'variable'")]),
    "share_of not a place": (observation("share_of: expo"), [(12, "'expo' is an Event; 'share_of' needs a place or an industry")]),
    "event not an event": (observation("event: city"), [(12, "'city' is a City; 'event' needs an event")]),
    "quote not found": (observation("quote: 乙市电解铝产量120万吨"), [(11, f"quote not found in {WHERE}: '乙市电解铝产量120万吨'")]),
    "raw missing": (observation("raw: "), [(6, "missing 'raw'")]),
    "raw no number": (observation("raw: 很多"), [(9, "wrong number format: cannot read a number in '很多'")]),
    "raw an unknown unit": (observation("raw: 120.5万斤"),
                            [(9, f"wrong number format: unknown unit '斤' in '120.5万斤' (known: {WRITTEN}; a new one goes in registry/units.yaml)")]),
    "raw an unknown unit and an unknown unit key": (
        observation("raw: 120.5万斤", "unit: kg"),
        [(9, f"wrong number format: unknown unit '斤' in '120.5万斤' (known: {WRITTEN}; a new one goes in registry/units.yaml)"),
         (12, f"unknown unit 'kg' (known: {UNIT_LIST})")]),
    "raw no number, a unit stated": (observation("raw: 很多", "unit: tonne"),
                                     [(9, "wrong number format: cannot read a number in '很多'")]),
    "raw missing, a unit stated": (observation("raw: ", "unit: tonne"), [(6, "missing 'raw'")]),
    "raw without a unit not in its quote": (observation("raw: 13", "quote: 点击数:12"),
                                            [(9, "raw value '13' is not written in its quote '点击数:12'")]),
    "raw not in its quote": (observation("raw: 120.6万吨"),
                             [(9, "raw value '120.6万吨' is not written in its quote '2023年乙市电解铝产量120.5万吨'")]),
    "raw not in a quote not found": (observation("raw: 120.6万吨", "quote: 电解铝产量120万吨"),
                                     [(11, f"quote not found in {WHERE}: '电解铝产量120万吨'")]),
    "unit unknown": (observation("unit: kg"), [(12, f"unknown unit 'kg' (known: {UNIT_LIST})")]),
    "unit unknown for a number without one": (observation("raw: 12", "quote: 点击数:12", "unit: kg"),
                                              [(12, f"unknown unit 'kg' (known: {UNIT_LIST})")]),
    "unit contradicts": (observation("unit: percent"), [(12, "unit 'percent' contradicts the unit written in '120.5万吨'")]),
    "no unit": (observation("raw: 12", "quote: 点击数:12"),
                [(9, f"'12' has no unit; state one with 'unit:' ({UNIT_LIST}) and, if the text omits it, "
                     "a 'defect:' note")]),
    "qualifier unknown": (observation("qualifiers: [about]"),
                          [(12, f"unknown qualifier 'about' (known: {', '.join(QUALIFIERS)})")]),
    "qualifier not in the quote": (observation("qualifiers: [over, approximately]", "raw: 12.5%", "quote: 约占全省的12.5%"),
                                   [(12, "qualifier 'over' needs '超' in the quote")]),
    "qualifiers not texts": (observation("qualifiers: {approximately: 1}"), [(12, "'qualifiers' must be a list of texts")]),
    "year a word": (observation("year: twenty"), [(10, "year must be a four-digit number, not 'twenty'")]),
    "year 1899": (observation("year: 1899"), [(10, "year must be a four-digit number, not 1899")]),
    "year 2101": (observation("year: 2101"), [(10, "year must be a four-digit number, not 2101")]),
    "year a boolean": (observation("year: true"), [(10, "year must be a four-digit number, not True")]),
    "year a fraction": (observation("year: 2023.5"), [(10, "year must be a four-digit number, not 2023.5")]),
    "denominator not text": (observation("denominator: [全省]", "share_of: province"),
                             [(12, "'denominator' must be text, not a list")]),
    "defect unsafe": (observation('defect: "a\\x0cb"'), [(12, f"'defect': character U+000C {UNSAFE}")]),
    "inferred blank": (observation("inferred: ' '"), [(12, "'inferred' is empty")]),
}


@pytest.mark.parametrize("case", OBSERVATION_CASES)
def test_a_bad_observation_is_reported_exactly(tiny, case):
    item, expected = OBSERVATION_CASES[case]
    write(tiny, FACTS, HEAD + "observations:\n" + item)
    assert problems(tiny) == [(FACTS, line, p) for line, p in expected]


def test_observations(tiny):
    write(tiny, FACTS, HEAD + "observations:\n" + observation("unit: tonne") + observation(
        "raw: 12.5%", "quote: 约占全省的12.5%", "year: 1900", "share_of: province", "denominator: 全省",
        "qualifiers: approximately", "defect: no year given", "event: expo", "inferred: the year before",
        ident="share") + observation("raw: 12", "quote: 点击数:12", "unit: count", "year: 2100", ident="clicks"))
    out, share, clicks = tiny_report(tiny).observations
    assert out == Observation(id="out", about="city", variable="aluminium-output", value=Decimal("1205000"),
                              unit=str(UNIT.TONNE), raw="120.5万吨", year=2023,
                              span=tiny_span("2023年乙市电解铝产量120.5万吨"), where=where(tiny, 6))
    assert share == Observation(id="share", about="city", variable="aluminium-output", value=Decimal("12.5"),
                                unit=str(UNIT.PERCENT), raw="12.5%", year=1900, span=tiny_span("约占全省的12.5%"),
                                where=where(tiny, 13), share_of="province", denominator_text="全省",
                                qualifiers=["approximately"], defect="no year given", event="expo",
                                inferred="the year before")
    assert (clicks.value, clicks.unit, clicks.year, clicks.qualifiers) == (Decimal(12), str(UNIT.NUM), 2100, [])
    assert str(UNIT.NUM) == clicks.unit


def test_the_observations_of_the_tiny_report():
    output, share = tiny_report(TINY).observations
    assert (output.id, output.value, output.unit, output.year, output.share_of, output.inferred) == (
        "city-aluminium-output-2023", Decimal("1205000"), str(UNIT.TONNE), 2023, None, None)
    assert (share.id, share.value, share.unit, share.qualifiers, share.share_of, share.denominator_text) == (
        "city-aluminium-share-2023", Decimal("12.5"), str(UNIT.PERCENT), ["approximately"], "province", "全省")
    assert share.inferred.startswith("the text gives the share")


# --- a fact with a problem ----------------------------------------------------------------------

def test_a_fact_with_a_problem_is_left_out_of_its_report(tiny):
    """load_report, called as load_corpus calls it, returns the report without the facts that have problems."""
    write(tiny, FACTS, HEAD.replace("language: zh", "language: ' '") + "observations:\n"
          + observation(ident="good")
          + observation("unit: percent", ident="contradicted")
          + observation("raw: 12", "quote: 点击数:12", ident="unitless")
          + observation("qualifiers: [about]", ident="qualified")
          + observation("qualifiers: [over]", ident="unmarked")
          + observation("year: 1899", ident="old")
          + observation(ident="good")
          + observation("variable: city", ident="varied")
          + lines("posts:",
                  "  - {person: zhang, role: city, organization: city-gov, quote: 乙市政府市长张三}",
                  "relations:",
                  "  - {subject: nobody, relation: theme, value: 开放合作, en: open, quote: 博览会以“开放合作”为主题}",
                  "  - {subject: city, relation: containedIn, quote: 乙市隶属甲省}"))
    problems = loader.Problems()
    entities = loader.load_registry(sorted((tiny / "registry").glob("[!u]*.yaml")), problems)   # not units.yaml
    units = loader.load_units(tiny / "registry" / "units.yaml", problems)
    assert problems.errors == []
    report = loader.load_report(tiny / "reports" / TINY_ID, entities, problems, units)
    assert len(problems.errors) == 11
    assert [o.id for o in report.observations] == ["good"]
    assert report.posts == [] and report.statements == []
    assert report.language == "zh"     # a blank language is told, and zh kept


# --- name mentions ------------------------------------------------------------------------------

NAMES_TEXT = lines("甲城人民政府在甲城展会期间主办甲城会议。",
                   "甲城办公室主任、市长吴一出席。",
                   "甲城产量12万吨，普查显示占甲省的30%。",
                   "丙镇与乙城交流,本镇与丙镇友好。",
                   "甲城政府支持甲城。")

#: Each entity is referred to by the facts in one way only, so that each way is checked.
NAMES_REGISTRY = lines(
    "- {id: city, type: City, zh: 甲城}",                          # observation about
    "- {id: twin, type: City, zh: 甲城}",                          # the same name, registered later: not it
    "- {id: gov, type: GovernmentBody, zh: 甲城人民政府, aliases: {zh: [甲城政府]}}",   # statement subject
    "- {id: meeting, type: Event, zh: 甲城会议}",                  # statement object
    "- {id: fair, type: Event, zh: 甲城展会}",                     # statement context
    "- {id: wu, type: Person, zh: 吴一}",                          # post person
    "- {id: mayor, type: Role, zh: 市长}",                         # post role
    "- {id: office, type: OrganizationalUnit, zh: 甲城办公室}",     # post organization
    "- {id: output, type: Variable, zh: 产量}",                    # observation variable
    "- {id: region, type: AdministrativeArea, zh: 甲省}",          # observation share_of
    "- {id: census, type: Event, zh: 普查}",                       # observation event
    "- {id: town, type: City, zh: 丙镇, aliases: {zh: [本镇]}}",    # curated mentions only
    "- {id: other, type: City, zh: 乙城}")                         # not referred to

NAMES_FACTS = lines(
    "relations:",
    "  - {subject: gov, relation: organizes, object: meeting, context: fair, quote: 甲城人民政府在甲城展会期间主办甲城会议}",
    "posts:",
    "  - {person: wu, role: mayor, organization: office, quote: 甲城办公室主任、市长吴一}",
    "observations:",
    "  - {id: o1, about: city, variable: output, raw: 12万吨, quote: 甲城产量12万吨}",
    "  - {id: o2, about: city, variable: output, raw: 30%, share_of: region, event: census, quote: 普查显示占甲省的30%}",
    "mentions:",
    "  - {entity: town, quote: 本镇}",
    "  - {entity: town, quote: 丙镇, occurrence: 1}")


def add_report(root, ident, text, facts):
    """Write ``reports/<ident>/``: the text and a facts file of 4 head lines and then ``facts``."""
    write(root, f"reports/{ident}/report.txt", text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    write(root, f"reports/{ident}/facts.yaml", lines("report:", f"  id: {ident}", f"  sha256: {sha}", "  language: zh")
          + facts)
    return root


def names_project(root, facts=NAMES_FACTS, text=NAMES_TEXT):
    write(root, "registry/names.yaml", NAMES_REGISTRY)
    shutil.copy(TINY / "registry" / "units.yaml", root / "registry" / "units.yaml")
    return add_report(root, "names", text, facts)


def test_names_are_found_for_every_entity_the_facts_refer_to(tmp_path):
    report = load_corpus(names_project(tmp_path)).reports[0]
    found = [(m.entity, m.kind, m.span.start, m.span.exact, m.where.line) for m in report.mentions]

    def pos(name, around):
        return at(NAMES_TEXT, name, around)

    assert found == [   # the curated mentions first, then the names found, in text order
        ("town", "alias", pos("本镇", "本镇"), "本镇", 13),
        ("town", "name", pos("丙镇", "丙镇与"), "丙镇", 14),
        ("gov", "name", 0, "甲城人民政府", 2),
        ("fair", "name", pos("甲城展会", "甲城展会期间"), "甲城展会", 2),
        ("meeting", "name", pos("甲城会议", "主办甲城会议"), "甲城会议", 2),
        ("office", "name", pos("甲城办公室", "甲城办公室"), "甲城办公室", 2),
        ("mayor", "name", pos("市长", "市长吴一"), "市长", 2),
        ("wu", "name", pos("吴一", "吴一"), "吴一", 2),
        ("city", "name", pos("甲城", "甲城产量"), "甲城", 2),
        ("output", "name", pos("产量", "甲城产量"), "产量", 2),
        ("census", "name", pos("普查", "普查"), "普查", 2),
        ("region", "name", pos("甲省", "甲省"), "甲省", 2),
        ("town", "name", pos("丙镇", "与丙镇友好"), "丙镇", 2),
        ("city", "name", pos("甲城", "支持甲城"), "甲城", 2),
    ]
    assert all(m.where == Where(str(tmp_path / "reports/names/facts.yaml"), 2) for m in report.mentions[2:])
    assert report.mentions[2].span == span(NAMES_TEXT, "names", 0, "甲城人民政府")


def test_a_name_inside_a_longer_one_is_not_a_mention_of_its_own(tmp_path):
    text = NAMES_TEXT + "甲城人民政府办公室。\n"     # a name inside no registered name: the longest found wins
    facts = NAMES_FACTS.replace("quote: 甲城产量12万吨", "quote: 甲城产量12万吨, inferred: x")
    report = load_corpus(names_project(tmp_path, facts, text)).reports[0]
    last = [(m.entity, m.span.start, m.span.end) for m in report.mentions if m.span.start >= len(NAMES_TEXT)]
    assert last == [("gov", len(NAMES_TEXT), len(NAMES_TEXT) + 6)]


def test_the_name_mentions_of_the_tiny_report():
    report = tiny_report(TINY)
    names = [(m.entity, m.span.start, m.span.end) for m in report.mentions]
    assert all(m.kind == "name" and m.where == report.where for m in report.mentions)
    assert names == sorted(names, key=lambda n: n[1])
    # 乙市 is a mention only where no longer name (乙市政府, 乙市铝业协会 …) contains it
    city = [start for entity, start, _ in names if entity == "city"]
    assert city == [at(TINY_TEXT, "乙市", a) for a in ("在乙市举行", "乙市隶属", "乙市被评为", "乙市是面向", "年乙市电解铝")]
    assert ("mayor", at(TINY_TEXT, "市长", "市长张三"), at(TINY_TEXT, "市长", "市长张三") + 2) in names
    assert ("aluminium-output", at(TINY_TEXT, "电解铝产量"), at(TINY_TEXT, "电解铝产量") + 5) in names
    assert len(names) == len(set(names))


# --- the corpus ---------------------------------------------------------------------------------

def test_reports_are_read_in_folder_order_and_a_folder_without_facts_is_no_report(tiny):
    add_report(tiny, "a_report", "乙市。\n", "")
    write(tiny, "reports/notes/report.txt", "草稿")
    corpus = load_corpus(tiny)
    assert [r.id for r in corpus.reports] == ["a_report", TINY_ID]


def test_problems_of_every_report_are_told_together(tiny):
    add_report(tiny, "a_report", "乙市。\n", "extra: 1\n")
    write(tiny, FACTS, HEAD + "relations: 1\n")
    assert problems(tiny) == [
        ("reports/a_report/facts.yaml", 5,
         "unknown key 'extra' (expected one of: mentions, observations, posts, relations, report)"),
        (FACTS, 5, "'relations' is a list")]


def test_a_quote_differing_in_full_width_punctuation_only(tmp_path):
    names_project(tmp_path, NAMES_FACTS.replace("quote: 甲城产量12万吨}", 'quote: "甲城产量12万吨,普查"}'))
    assert problems(tmp_path) == [
        ("reports/names/facts.yaml", 10, "quote not found in names/report.txt: '甲城产量12万吨,普查' (it differs from "
                                        "the text only in full-width/ASCII punctuation; copy it exactly)")]


# --- helpers --------------------------------------------------------------------------------

def test_outermost():
    assert loader._outermost([]) == []
    assert loader._outermost([(5, 7, "c"), (0, 3, "a"), (0, 7, "b")]) == [(0, 7, "b")]
    assert loader._outermost([(0, 3, "a"), (2, 5, "b")]) == [(0, 3, "a"), (2, 5, "b")]      # overlapping: both
    assert loader._outermost([(1, 5, "b"), (0, 5, "a")]) == [(0, 5, "a")]                   # same end: inside
    assert loader._outermost([(0, 5, "a"), (5, 7, "b")]) == [(0, 5, "a"), (5, 7, "b")]
    assert loader._outermost([(0, 0, "")]) == [(0, 0, "")]
    assert loader._outermost([(0, 9, "a"), (1, 3, "b"), (2, 8, "c"), (8, 10, "d")]) == [(0, 9, "a"), (8, 10, "d")]


def test_find_all():
    assert find_all("aaaa", "aa") == [0, 1, 2]
    assert find_all("abcabc", "c") == [2, 5]
    assert find_all("abc", "d") == []


def test_near_miss():
    hint = " (it differs from the text only in full-width/ASCII punctuation; copy it exactly)"
    assert near_miss("a,b:c;d(e)f!g?", "a，b：c；d（e）f！g？") == hint
    assert near_miss("a，b：c；d（e）f！g？", "a,b:c;d(e)f!g?") == hint
    assert near_miss("a,b", "a，c") == ""
    assert near_miss("a、b", "a,b") == ""


def test_literal():
    assert literal("2024-02-29", "date") == date(2024, 2, 29)
    for bad in ("2023-02-29", "2024-2-29", "2024-02-29 ", "x2024-02-29", "20240229", 20240229, None, date(2024, 2, 29)):
        assert literal(bad, "date") is None, bad
    assert literal(0, "integer") == 0 and literal(-3, "integer") == -3
    for bad in (True, False, "3", 3.0, None):
        assert literal(bad, "integer") is None, bad
    assert literal(" 乙 ", "text") == "乙" and literal(7, "text") == "7"
    for bad in ("", "  ", None, [1], 1.5):
        assert literal(bad, "text") is None, bad


def test_unsafe_character():
    for ch in "\x00\x08\x0b\x0c\x0e\x1f\ud800\udfff\ufffe\uffff":
        assert unsafe_character(f"ab{ch}c{ch}") == 2, repr(ch)
    assert unsafe_character("\t\n\r \x7f\ud7ff\ue000\ufffd乙") is None
    assert unsafe_message("\x0c") == f"character U+000C {UNSAFE}"
    assert unsafe_message("\ufffe") == f"character U+FFFE {UNSAFE}"


# --- any corpus: the committed reports and the tiny one ------------------------------------------------------------

@pytest.fixture(scope="module", params=["reports", "tiny"])
def any_corpus(request):
    """``(root, corpus)`` of the committed reports and of the tiny corpus."""
    root = ROOT if request.param == "reports" else TINY
    return root, load_corpus(root)


def _plain(path):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def test_every_span_slices_its_text(any_corpus):
    root, corpus = any_corpus
    assert corpus.reports
    for report in corpus.reports:
        text = (root / "reports" / report.id / "report.txt").read_text(encoding="utf-8")
        assert report.text == text
        assert report.sha256 == hashlib.sha256(text.encode()).hexdigest()
        spans = ([m.span for m in report.mentions] + [s.span for s in report.statements]
                 + [p.span for p in report.posts] + [o.span for o in report.observations])
        for s in spans:
            assert s.report == report.id and 0 <= s.start < s.end <= len(text)
            assert (s.exact, s.prefix, s.suffix) == (text[s.start:s.end], text[max(0, s.start - CONTEXT):s.start],
                                                     text[s.end:s.end + CONTEXT])


def test_every_fact_is_loaded(any_corpus):
    root, corpus = any_corpus
    for report in corpus.reports:
        facts = _plain(root / "reports" / report.id / "facts.yaml")
        assert report.language == facts["report"].get("language", "zh")
        fields = [k for k in REPORT_FIELDS if k in facts["report"]]
        assert [s.key for s in report.statements if s.subject == report.id] == fields
        relations = [s for s in report.statements if s.subject != report.id]
        assert [(s.subject, s.key, s.object) for s in relations] == [
            (r["subject"], r["relation"], r.get("object")) for r in facts.get("relations", [])]
        assert all(s.span.exact == str(r["quote"]) for s, r in zip(relations, facts.get("relations", [])))
        assert [(p.person, p.role, p.organization, p.span.exact) for p in report.posts] == [
            (p["person"], p["role"], p["organization"], str(p["quote"])) for p in facts.get("posts", [])]
        assert [(o.id, o.raw, o.span.exact) for o in report.observations] == [
            (o["id"], str(o["raw"]), str(o["quote"])) for o in facts.get("observations", [])]


def _outermost_names(text, names):
    """Every ``(start, end, name)`` of a registered name not inside another occurrence (naively)."""
    found = {(i, i + len(n), n) for n in names for i in range(len(text)) if text.startswith(n, i)}
    return {f for f in found if not any(g != f and g[0] <= f[0] and f[1] <= g[1] for g in found)}


def test_the_name_mentions(any_corpus):
    root, corpus = any_corpus
    entities = corpus.entities
    for report in corpus.reports:
        facts = _plain(root / "reports" / report.id / "facts.yaml")
        curated = [m for m in report.mentions if m.where != report.where]
        found = [m for m in report.mentions if m.where == report.where]
        assert len(curated) >= len(facts.get("mentions", []))
        for m in curated:
            e = entities[m.entity]
            assert m.kind in MENTION_KINDS
            if m.kind != "pronoun":
                assert m.span.exact in {e.zh, *e.aliases_zh, e.en, *e.aliases_en}
        referred = {m["entity"] for m in facts.get("mentions", [])}
        for r in facts.get("relations", []):
            referred.update(r[k] for k in ("subject", "object", "context") if k in r)
        for p in facts.get("posts", []):
            referred.update(p[k] for k in ("person", "role", "organization"))
        for o in facts.get("observations", []):
            referred.update(o[k] for k in ("about", "variable", "share_of", "event") if k in o)
        first = {}
        for e in entities.values():
            for name in (e.zh, *e.aliases_zh):
                first.setdefault(name, e.id)
        taken = {(m.span.start, m.span.end) for m in curated}
        expected = sorted((first[n], s, e) for s, e, n in _outermost_names(report.text, first)
                          if first[n] in referred and entities[first[n]].zh == n and (s, e) not in taken)
        assert sorted((m.entity, m.span.start, m.span.end) for m in found) == expected
        assert all(m.kind == "name" for m in found) and expected


# --- reports as records: title, publisher, dates as written, address, access ------------------

REPORT_RECORD_CASES = {   # head lines after the four of HEAD (line 5 on) -> problems
    "issued written with slashes": ("  issued: {value: 2024-05-01, quote: 2024年5月1日}", []),
    "issued not the date written": ("  issued: {value: 2024-05-03, quote: 2024年5月1日}",
                                    [(5, "value '2024-05-03' is not written in its quote '2024年5月1日'")]),
    "issued without a year, not inferred": ("  issued: {value: 2024-05-01, quote: 5月1日}",
                                            [(5, "the quote '5月1日' gives no year; say how 2024 is known with 'inferred: …'")]),
    "issued without a year, inferred": ('  issued: {value: 2024-05-01, quote: 5月1日, inferred: "the expo year"}', []),
    "issued not a date": ("  issued: {value: 2024-13-01, quote: 2024年5月1日}",
                          [(5, "'issued' value '2024-13-01' is not a valid date (YYYY-MM-DD)")]),
    "title not in its quote": ("  title: {value: 乙市博览会, quote: 2024乙市铝业博览会}",
                               [(5, "value '乙市博览会' is not written in its quote")]),
    "url not an address": ("  url: www.example.org/a", [(5, "'url' is an address such as https://…, not 'www.example.org/a'")]),
    "accessed not a date": ("  accessed: 2026/11/27", [(5, "'accessed' '2026/11/27' is not a valid date (YYYY-MM-DD)")]),
    "a number that is not a date": ('  issued: {value: 2024-05-12, quote: 约占全省的12.5%, inferred: "no"}',
                                    [(5, "value '2024-05-12' is not written in its quote '约占全省的12.5%'")]),
    "clicks only a part of the number": ("  clicks: {value: 1, quote: 点击数:12}",
                                         [(5, "value '1' is not written in its quote")]),
    "a title whose quote is not there": ("  title: {quote: 乙市铝业博览会简报}",
                                         [(5, "quote not found in tiny_0001/report.txt: '乙市铝业博览会简报'")]),
}


@pytest.mark.parametrize("case", REPORT_RECORD_CASES)
def test_report_record_fields_are_checked(tiny, case):
    head, expected = REPORT_RECORD_CASES[case]
    write(tiny, FACTS, HEAD + head + "\n")
    if expected:
        assert problems(tiny) == [(FACTS, line, p) for line, p in expected]
    else:
        assert tiny_report(tiny).statements[0].key == "issued"


def test_a_report_names_its_title_publisher_address_and_access_date(tiny):
    write(tiny, FACTS, HEAD + lines(
        "  title: {quote: 2024乙市铝业博览会}",               # a text field without value: its quote
        "  publisher: {value: 测试, quote: 来源:测试}",
        "  issued: {value: 2024-05-02, quote: 发布日期:2024-05-02}",
        "  url: https://example.org/news/1.html",
        "  accessed: 2026-11-27"))
    report = tiny_report(tiny)
    assert (report.url, report.accessed) == ("https://example.org/news/1.html", date(2026, 11, 27))
    fields = {s.key: (s.value, s.span.exact) for s in report.statements}
    assert fields == {"title": ("2024乙市铝业博览会", "2024乙市铝业博览会"), "publisher": ("测试", "来源:测试"),
                      "issued": (date(2024, 5, 2), "发布日期:2024-05-02")}


def test_a_year_inferred_for_the_issued_date_marks_the_statement_inferred(tiny):
    write(tiny, FACTS, HEAD + '  issued: {value: 2024-05-01, quote: 5月1日, inferred: "the expo year"}\n')
    (issued,) = tiny_report(tiny).statements
    assert (issued.value, issued.inferred) == (date(2024, 5, 1), "the expo year")


# --- posts won at a meeting -----------------------------------------------------------------------

ELECTION_CASES = {
    "elected": ("how: elected, event: forum", []),
    "event empty": ("how: elected, event: ", [(6, "missing 'event'")]),
    "how a list": ("how: [elected], event: forum", [(6, "'how' is one of elected, appointed, not ['elected']")]),
    "how unknown": ("how: voted, event: forum", [(6, "'how' is one of elected, appointed, not 'voted'")]),
    "how without event": ("how: elected", [(6, "a post's 'how' (elected, appointed) and 'event' (the meeting) go together")]),
    "event without how": ("event: forum", [(6, "a post's 'how' (elected, appointed) and 'event' (the meeting) go together")]),
    "event not an event": ("how: appointed, event: city", [(6, "'city' is a City; 'event' needs an event")]),
}


@pytest.mark.parametrize("case", ELECTION_CASES)
def test_a_post_may_say_at_which_meeting_it_was_won(tiny, case):
    keys, expected = ELECTION_CASES[case]
    write(tiny, FACTS, HEAD + f"posts:\n  - {{person: zhang, role: mayor, organization: city-gov, {keys}, "
                              "quote: 乙市政府市长张三}\n")
    if expected:
        assert problems(tiny) == [(FACTS, line, p) for line, p in expected]
    else:
        (post,) = tiny_report(tiny).posts
        assert (post.how, post.event) == ("elected", "forum")


# --- the units table ------------------------------------------------------------------------------

UNITS_FILE = "registry/units.yaml"
UNIT_TABLE_CASES = {
    "not a list": ("count: 1\n", [(1, "the units table is a list of units ('- {key: …, iri: …}')")]),
    "iri of another vocabulary": ("- {key: kg, iri: ex:KG, zh: 公斤, en: kilogram, written: [公斤]}\n",
                                  [(1, "unit IRI 'ex:KG' is not one of unit:…, cur:…, rg:… with a name of letters, "
                                       "digits, '-', '_' or '.'")]),
    "a form written for two units": ("- {key: a, iri: unit:NUM, zh: 个, en: count, written: [个]}\n"
                                     "- {key: b, iri: unit:UNITLESS, zh: 个, en: piece, written: [个]}\n",
                                     [(2, "'个' is written for two units: 'a' and 'b'")]),
    "a key given twice": ("- {key: a, iri: unit:NUM, zh: 个, en: count, written: [个]}\n"
                          "- {key: a, iri: unit:NUM, zh: 人, en: people, written: [人]}\n",
                          [(2, "unit 'a' is given twice")]),
    "a suffix not a text": ("- {key: a, iri: unit:NUM, zh: 个, en: count, en_suffix: [x], written: [个]}\n",
                            [(1, "'en_suffix' is a text ('' for none)")]),
    "no names": ("- {key: a, iri: unit:NUM, written: [个]}\n", [(1, "missing 'zh'"), (1, "missing 'en'")]),
    "a form that can never be read": ("- {key: a, iri: unit:TONNE, zh: 吨, en: t, written: [万吨, 吨2]}\n",
                                      [(1, "'万吨' can never be read: a unit is written without digits, and 万 or 亿 "
                                           "before it is read as a multiplier (write the unit after it)"),
                                       (1, "'吨2' can never be read: a unit is written without digits, and 万 or 亿 "
                                           "before it is read as a multiplier (write the unit after it)")]),
    "two rows of one IRI": ("- {key: a, iri: unit:TONNE, zh: 吨, en: t, written: [吨]}\n"
                            "- {key: b, iri: unit:TONNE, zh: 公吨, en: t, written: [公吨]}\n",
                            [(2, "unit 'b' has the IRI of 'a' (line 1): write its other forms in that row")]),
    "an IRI with a space": ("- {key: a, iri: 'unit:TON NE', zh: 吨, en: t, written: [吨]}\n",
                            [(1, "unit IRI 'unit:TON NE' is not one of unit:…, cur:…, rg:… with a name of letters, "
                                 "digits, '-', '_' or '.'")]),
}


@pytest.mark.parametrize("case", UNIT_TABLE_CASES)
def test_a_bad_units_table_is_reported_exactly(tiny, case):
    content, expected = UNIT_TABLE_CASES[case]
    write(tiny, UNITS_FILE, content)
    assert problems(tiny) == [(UNITS_FILE, line, p) for line, p in expected]


def test_statistics_without_a_units_table_are_told_so(tiny):
    (tiny / UNITS_FILE).unlink()
    assert problems(tiny)[0][2] == "no units table to read '120.5万吨' with: registry/units.yaml is missing or empty"


def test_a_share_without_what_it_is_a_share_of_is_told(tiny):
    write(tiny, FACTS, HEAD + "observations:\n" + observation("raw: 12.5%", "quote: 约占全省的12.5%", "denominator: 全省"))
    assert problems(tiny) == [(FACTS, 12, "a share names what it is a share of: add 'share_of:' (the place or industry "
                                          "whose total the denominator is)")]


def test_a_person_re_elected_at_another_meeting_holds_one_post_won_at_both(tiny):
    write(tiny, FACTS, HEAD + lines(
        "posts:",
        "  - {person: zhang, role: mayor, organization: city-gov, how: elected, event: forum, quote: 乙市政府市长张三}",
        "  - {person: zhang, role: mayor, organization: city-gov, how: elected, event: expo, quote: 张三主持乙市政府全面工作}"))
    assert [(p.how, p.event) for p in tiny_report(tiny).posts] == [("elected", "forum"), ("elected", "expo")]


def test_the_units_table_decides_how_numbers_are_read(tiny):
    table = (tiny / UNITS_FILE).read_text(encoding="utf-8")
    write(tiny, UNITS_FILE, table.replace("written: [吨]", "written: [吨, 公吨]"))
    write(tiny, FACTS, HEAD + "observations:\n" + observation("raw: 120.5万吨"))
    (out,) = tiny_report(tiny).observations
    assert out.unit == str(UNIT.TONNE)
    write(tiny, UNITS_FILE, table.replace("written: [吨]", "written: []"))
    assert problems(tiny)[0][2].startswith("wrong number format: unknown unit '吨' in '120.5万吨'")


def test_the_build_keeps_each_report_as_loaded_and_reads_it_back_only_while_nothing_it_was_read_from_changed(tmp_path):
    from reportgraph import cache

    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    kept = root / ".reportgraph-cache" / "reports"
    first = load_corpus(root, cached=True)
    assert [p.name for p in kept.iterdir()] == [f"{TINY_ID}.pickle"] and first == load_corpus(root)
    (kept / f"{TINY_ID}.pickle").write_bytes(b"not a pickle")           # damaged: loaded again, and kept again
    assert load_corpus(root, cached=True) == first and cache.read_pickle(kept / f"{TINY_ID}.pickle", b"") is None
    before = (kept / f"{TINY_ID}.pickle").read_bytes()
    assert load_corpus(root, cached=True) == first and (kept / f"{TINY_ID}.pickle").read_bytes() == before
    facts = root / FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace(TINY_ID, TINY_ID, 1) + "# reviewed\n", encoding="utf-8")
    assert load_corpus(root, cached=True) == first and (kept / f"{TINY_ID}.pickle").read_bytes() != before
    (root / REGISTRY).write_text("- {id: zz-new, type: City, zh: 某市}\n", encoding="utf-8")     # the registry changed
    again = load_corpus(root, cached=True)
    assert "zz-new" in again.entities and again.reports == first.reports
    shutil.rmtree(root / "reports" / TINY_ID)                            # a report gone: its file too
    load_corpus(root, cached=True)
    assert list(kept.iterdir()) == []


def test_the_build_keeps_the_registry_as_read_while_its_files_the_code_and_the_folder_are_unchanged(tmp_path, monkeypatch):
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    kept = root / ".reportgraph-cache" / "registry.pickle"
    first = load_corpus(root, cached=True)
    assert kept.is_file() and first == load_corpus(root)
    with monkeypatch.context() as patched:   # read back: no registry file is read again
        patched.setattr(loader, "read_registry", lambda *_: pytest.fail("the registry was read again"))
        assert load_corpus(root, cached=True) == first
    moved = tmp_path / "moved"               # a copy, cache and all: its entries name its own files
    shutil.copytree(root, moved)
    assert {Path(e.where.path).parent for e in load_corpus(moved, cached=True).entities.values()} == {moved / "registry"}
    (root / REGISTRY).write_text("- {id: zz-new, type: City, zh: 某市}\n", encoding="utf-8")
    assert "zz-new" in load_corpus(root, cached=True).entities
    (root / REGISTRY).write_text("- {id: zz-new, zh: 某市}\n", encoding="utf-8")      # a problem: told each time, never kept
    for _ in range(2):
        with pytest.raises(LoadError, match="zz.yaml:1"):
            load_corpus(root, cached=True)
