"""Each kind of bad input in the committed project: exactly the problems told, file, line and message.

The checks load a scratch copy of the project in-process (``reportgraph.load.load_corpus``)
and compare the whole list of problems; a few run ``python build_graph.py`` for the
command-line contract: exit 1, the problems on stderr, "nothing was written", graph/ untouched.
"""

import hashlib
import re

import pytest
import yaml

from helpers import REPORT, ROOT, cli
from reportgraph.load import LoadError, load_corpus
from reportgraph.vocab import ATTRIBUTES, RELATIONS, TYPES

FACTS = f"reports/{REPORT}/facts.yaml"
TEXT = f"reports/{REPORT}/report.txt"
PEOPLE = "registry/people.yaml"
UNIT_TABLE = yaml.safe_load((ROOT / "registry" / "units.yaml").read_text(encoding="utf-8"))
UNITS = ", ".join(row["key"] for row in UNIT_TABLE)                       # as the loader lists them
WRITTEN = " ".join(form for row in UNIT_TABLE for form in row["written"])
KNOWN_KEYS = ", ".join([*sorted(RELATIONS), *sorted(ATTRIBUTES)])   # as the loader lists them


def snapshot(root):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "graph").iterdir()}


def edit(root, rel, old, new, count=1):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return _line_of(text, old)


def _line_of(text, old):
    return text[: text.index(old)].count("\n") + 1


def problems(root):
    """``(file relative to root, line, problem)`` of every problem the loader reports."""
    with pytest.raises(LoadError) as caught:
        load_corpus(root)
    return [(_relative(root, e.path), e.line, e.problem) for e in caught.value.errors]


def _relative(root, path):
    prefix = f"{root}/"
    return path[len(prefix):] if path.startswith(prefix) else path


def starts(root, quote):
    """Offsets of every occurrence of ``quote`` in the committed report."""
    text = (root / TEXT).read_text(encoding="utf-8")
    return [i for i in range(len(text)) if text.startswith(quote, i)]


#: case -> (file, old text, new text, [(line relative to the edited one, problem)]); the problems are all
#: in the edited file. In a problem "{root}" is the project, "{line}" the edited line, "{line:T}" the
#: line of the text T in the file before the edit and "{starts:Q}" the offsets of Q in the report.
CASES = {
    "unknown entity id": (FACTS, "{subject: lu-jiyan, relation: leads", "{subject: lu-jiyang, relation: leads",
                          [(0, "unknown entity id 'lu-jiyang' in 'subject' (not in registry/*.yaml)")]),
    "quote not found": (FACTS, "quote: 南海铝协已与之缔结友好协会关系}", "quote: 南海铝协已与之缔结友好关系}",
                        [(0, f"quote not found in {REPORT}/report.txt: '南海铝协已与之缔结友好关系'")]),
    "quote with full-width punctuation": (
        FACTS, 'eco-aluminium-docking-2023, quote: "会上,自治区政协副主席"', "eco-aluminium-docking-2023, quote: 会上，自治区政协副主席",
        [(0, f"quote not found in {REPORT}/report.txt: '会上，自治区政协副主席' (it differs from the text only in "
             "full-width/ASCII punctuation; copy it exactly)")]),
    "quote found 7 times": (FACTS, "quote: 百色铝产业, occurrence: 1}", "quote: 百色铝产业}",
                            [(0, f"quote '百色铝产业' occurs 7 times in {REPORT}/report.txt (at characters "
                                 "{starts:百色铝产业}); add 'within: <longer text around it>' or 'occurrence: N'")]),
    "occurrence out of range": (FACTS, "quote: 百色铝产业, occurrence: 1}", "quote: 百色铝产业, occurrence: 8}",
                                [(0, "occurrence must be a number from 1 to 7, not 8")]),
    "within found twice": (FACTS, "quote: 南宁, within: 在南宁举行}", "quote: 南宁, within: 南宁}",
                           [(0, f"'within' text '南宁' occurs 2 times in {REPORT}/report.txt (it must occur exactly once)")]),
    # the quote occurs once in the text, but not inside the text its 'within' names
    "quote outside its within": (FACTS, "{entity: docking-activity-2023, quote: 2023中国产业转移对接活动}",
                                 "{entity: docking-activity-2023, quote: 2023中国产业转移对接活动, within: 在南宁举行}",
                                 [(0, "quote '2023中国产业转移对接活动' is not inside its 'within' text '在南宁举行'")]),
    "duplicate id": (PEOPLE, "- id: lu-jian", "- id: mo-xinda",
                     [(0, "duplicate id 'mo-xinda' (already defined at {root}/registry/people.yaml:{line:- id: mo-xinda})")]),
    # told at the entity's first line, "- id: ge-guoke", two lines above
    "missing zh label": (PEOPLE, "  zh: 葛国科\n", "",
                         [(-2, "entity 'ge-guoke' has no zh label (every entity needs its Chinese name)")]),
    "unknown type": (PEOPLE, "  type: Person\n  zh: 卢建", "  type: Persona\n  zh: 卢建",
                     [(0, f"unknown type 'Persona' (known: {', '.join(sorted(TYPES))})")]),
    "unknown stage": ("registry/concepts.yaml", "en: alumina output, stage: alumina}",
                      "en: alumina output, stage: aluminia}",
                      [(0, "'alumina-output' refers to unknown entity id 'aluminia'")]),
    "alias not a list of texts": ("registry/places.yaml", "    zh: [南宁]", "    zh: {南宁: 1}",
                                  [(0, "'zh' must be a list of texts")]),
    "wrong date": (FACTS, "value: 2023-08-02, quote", "value: 2023-02-30, quote",
                   [(0, "'issued' value '2023-02-30' is not a valid date (YYYY-MM-DD)")]),
    "wrong number": (FACTS, "raw: 959.33万吨", "raw: 959.33万斤",
                     [(0, f"wrong number format: unknown unit '斤' in '959.33万斤' (known: {WRITTEN}; "
                          "a new one goes in registry/units.yaml)")]),
    "unknown relation": (FACTS, "relation: friendlyAssociationOf, object: baise-aluminium-association, quote: 南海铝协已与之",
                         "relation: friendOf, object: baise-aluminium-association, quote: 南海铝协已与之",
                         [(0, f"unknown relation 'friendOf' (known: {KNOWN_KEYS})")]),
    "drafted not a text": (FACTS, "quote: 南海铝协已与之缔结友好协会关系}", "quote: 南海铝协已与之缔结友好协会关系, drafted: [invite]}",
                           [(0, "'drafted' must be text, not a list")]),
    "drafted without its rule": (FACTS, "quote: 南海铝协已与之缔结友好协会关系}", "quote: 南海铝协已与之缔结友好协会关系, drafted: }",
                                 [(0, "'drafted' names the rule that drafted the line; once the line is reviewed, remove 'drafted:' altogether")]),
    "context not an event": (FACTS, "object: nanhai-aluminium-alliance, context: docking-activity-2023",
                             "object: nanhai-aluminium-alliance, context: baise",
                             [(0, "'baise' is a City; 'context' needs an event or an agreement")]),
    "comma in flow quote": (FACTS, 'eco-aluminium-docking-2023, quote: "会上,自治区政协副主席"',
                            "eco-aluminium-docking-2023, quote: 会上,自治区政协副主席",
                            [(0, "unknown key '自治区政协副主席' (expected one of: context, drafted, en, inferred, object, "
                                 "occurrence, quote, relation, subject, value, within); a text with an ASCII comma "
                                 "inside { … } must be written in double quotes"),
                             (0, f"quote '会上' occurs 2 times in {REPORT}/report.txt (at characters {{starts:会上}}); "
                                 "add 'within: <longer text around it>' or 'occurrence: N'")]),
    "kind of mention": (FACTS, "{entity: guangxi-government, quote: 自治区政府}",
                        "{entity: guangxi-government, quote: 自治区政府, kind: abbreviation}",
                        [(0, "mention kind must be one of name, alias, pronoun")]),
    "mention of another entity's alias": (FACTS, "{entity: china, quote: 我国}", "{entity: guangxi, quote: 我国}",
                                          [(0, "'我国' is not a label or alias of 'guangxi'; add it to the registry's "
                                               "aliases or mark the mention 'kind: pronoun'")]),
    "role not a Role": (FACTS, "{person: lu-jiyan, role: executive-vice-chairman,",
                        "{person: lu-jiyan, role: nanhai-delegation,", [(0, "'nanhai-delegation' is not a Role")]),
    "the same statement twice": (FACTS, "  - {subject: baise-government, relation: locatedIn, object: baise, quote: 百色市人民政府}\n",
                                 "  - {subject: baise-government, relation: locatedIn, object: baise, quote: 百色市人民政府}\n" * 2,
                                 [(1, "the same statement with the same quote is already on line {line}")]),
    # a raw value that reads as a number but is not the one its quote writes (959.33万吨)
    "raw value not in its quote": (FACTS, "raw: 959.33万吨", "raw: 959.34万吨",
                                   [(0, "raw value '959.34万吨' is not written in its quote '氧化铝产量959.33万吨'")]),
    "unit contradicting the text": (FACTS, "raw: 959.33万吨, year", "raw: 959.33万吨, unit: yuan, year",
                                    [(0, "unit 'yuan' contradicts the unit written in '959.33万吨'")]),
    "number without its unit": (FACTS, 'raw: "78.6", unit: percent,', 'raw: "78.6",',
                                [(0, f"'78.6' has no unit; state one with 'unit:' ({UNITS}) and, if the text omits "
                                     "it, a 'defect:' note")]),
    "qualifier not in the quote": (FACTS, "raw: 959.33万吨, year", "raw: 959.33万吨, qualifiers: [over], year",
                                   [(0, "qualifier 'over' needs '超' in the quote")]),
    "year out of range": (FACTS, "raw: 959.33万吨, year: 2022", "raw: 959.33万吨, year: 22",
                          [(0, "year must be a four-digit number, not 22")]),
    "duplicate observation id": (FACTS, "{id: baise-alumina-output-2022,", "{id: baise-aluminium-output-value-2022,",
                                 [(0, "duplicate observation id 'baise-aluminium-output-value-2022' "
                                      "(first on line {line:id: baise-aluminium-output-value-2022,})")]),
    "duplicate key": (FACTS, "  language: zh\n", "  language: zh\n  language: en\n",
                      [(1, "key 'language' is written twice in this mapping (first on line {line})")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_exactly(project, case):
    rel, old, new, expected = CASES[case]
    original = (project / rel).read_text(encoding="utf-8")
    line = edit(project, rel, old, new)

    def fill(problem):
        problem = problem.replace("{root}", str(project)).replace("{line}", str(line))
        problem = re.sub(r"\{line:([^}]+)\}", lambda m: str(_line_of(original, m[1])), problem)
        return re.sub(r"\{starts:([^}]+)\}", lambda m: ", ".join(map(str, starts(project, m[1]))), problem)

    assert problems(project) == [(rel, line + delta, fill(p)) for delta, p in expected]


def test_a_yaml_syntax_error_names_its_line(project):
    path = project / FACTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, l in enumerate(lines) if l.startswith("  - {subject: miit"))
    lines[target] = lines[target].replace("{subject: miit", "{subject: [miit")
    path.write_text("".join(lines), encoding="utf-8")
    assert problems(project) == [(FACTS, target + 2, "YAML syntax error: did not find expected ',' or ']'")]


def test_a_changed_report_text_is_a_hash_mismatch(project):
    text_path = project / TEXT
    text_path.write_bytes(text_path.read_bytes().replace("卢继延".encode(), "卢继廷".encode()))
    facts = (project / FACTS).read_text(encoding="utf-8")
    stated = facts.split("sha256: ", 1)[1].split("\n", 1)[0]
    digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
    assert problems(project) == [
        (FACTS, _line_of(facts, "sha256:"),
         f"{text_path} changed since its facts were written: its sha256 is {digest}, the facts were written "
         f"against {stated}; check every quote, then update sha256")]


def test_an_empty_facts_file(project):
    (project / FACTS).write_text("# facts to come\n", encoding="utf-8")
    assert problems(project) == [(FACTS, 1, "a facts file starts with a 'report:' mapping")]


# --- the command line ---------------------------------------------------------------------------

def test_bad_input_stops_the_build_and_writes_nothing(project):
    before = snapshot(project)
    line = edit(project, FACTS, "{subject: lu-jiyan, relation: leads", "{subject: lu-jiyang, relation: leads")
    edit(project, PEOPLE, "  en: Cai Qifeng\n", "")     # a warning, not an error: not told
    result = cli(project)
    assert result.returncode == 1
    assert result.stderr == ("error: the input has 1 problem(s); nothing was written\n"
                             f"{FACTS}:{line}: unknown entity id 'lu-jiyang' in 'subject' (not in registry/*.yaml)\n")
    assert result.stdout == ""
    assert snapshot(project) == before


def test_a_changed_report_text_stops_validate(project):
    before = snapshot(project)
    text_path = project / TEXT
    text_path.write_bytes(text_path.read_bytes().replace("卢继延".encode(), "卢继廷".encode()))
    result = cli(project, "validate")
    assert result.returncode == 1
    facts = (project / FACTS).read_text(encoding="utf-8")
    assert f"{FACTS}:{_line_of(facts, 'sha256:')}: {TEXT} changed since its facts were written" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(project) == before


def test_validate_writes_nothing(project):
    before = snapshot(project)
    for p in (project / "graph").iterdir():
        p.write_text("stale", encoding="utf-8")
    stale = snapshot(project)
    result = cli(project, "validate")
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms" in result.stdout
    assert snapshot(project) == stale != before


def test_shacl_violation_stops_the_build(project):
    # an organiser that is a place breaks rgs:Event (organisers are agents)
    before = snapshot(project)
    edit(project, FACTS, "{subject: miit, relation: organizes", "{subject: nanning, relation: organizes")
    result = cli(project)
    assert result.returncode == 1
    assert "does not conform" in result.stderr and "schema:organizer" in result.stderr
    assert snapshot(project) == before


def test_missing_en_label_is_a_printed_warning_not_an_error(project):
    edit(project, PEOPLE, "  en: Cai Qifeng\n", "")
    result = cli(project)
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms (1 warning(s))" in result.stdout
    assert "cai-qifeng" in result.stdout and "no en skos:prefLabel" in result.stdout
