"""Each kind of bad input: one clear message naming file and line, exit 1, no output touched."""

import hashlib

import pytest

from conftest import REPORT, cli

FACTS = f"reports/{REPORT}/facts.yaml"


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


CASES = {
    "yaml syntax error": (FACTS, "  - {subject: miit, relation: organizes",
                          "  - {subject: [miit, relation: organizes", "YAML syntax error"),
    "unknown entity id": (FACTS, "{subject: lu-jiyan, relation: leads",
                          "{subject: lu-jiyang, relation: leads", "unknown entity id 'lu-jiyang'"),
    "quote not found": (FACTS, "quote: 南海铝协已与之缔结友好协会关系}",
                        "quote: 南海铝协已与之缔结友好关系}", "quote not found"),
    "quote found twice": (FACTS, "quote: 百色铝产业, occurrence: 1}", "quote: 百色铝产业}",
                          "occurs 7 times"),
    "duplicate id": ("registry/people.yaml", "- id: lu-jian", "- id: mo-xinda",
                     "duplicate id 'mo-xinda'"),
    "missing zh label": ("registry/people.yaml", "  zh: 葛国科\n", "", "has no zh label"),
    "wrong date": (FACTS, "value: 2023-08-02, quote", "value: 2023-02-30, quote",
                   "not a valid date"),
    "wrong number": (FACTS, "raw: 959.33万吨", "raw: 959.33万斤", "wrong number format"),
    "unknown relation": (FACTS, "relation: friendlyAssociationOf, object: baise-aluminium-association, quote: 南海铝协已与之",
                         "relation: friendOf, object: baise-aluminium-association, quote: 南海铝协已与之",
                         "unknown relation 'friendOf'"),
    "comma in flow quote": (FACTS, 'eco-aluminium-docking-2023, quote: "会上,自治区政协副主席"',
                            "eco-aluminium-docking-2023, quote: 会上,自治区政协副主席",
                            "must be written in double quotes"),
    # a raw value that reads as a number but is not the one its quote writes (959.33万吨)
    "raw value not in its quote": (FACTS, "raw: 959.33万吨", "raw: 959.34万吨",
                                   "raw value '959.34万吨' is not written in its quote '氧化铝产量959.33万吨'"),
    # the quote occurs once in the text, but not inside the text its 'within' names
    "quote outside its within": (FACTS, "{entity: docking-activity-2023, quote: 2023中国产业转移对接活动}",
                                 "{entity: docking-activity-2023, quote: 2023中国产业转移对接活动, within: 在南宁举行}",
                                 "quote '2023中国产业转移对接活动' is not inside its 'within' text '在南宁举行'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_with_file_and_line(project, case):
    rel, old, new, expected = CASES[case]
    before = snapshot(project)
    line = edit(project, rel, old, new)
    if case == "missing zh label":
        line -= 2   # told at the entity's first line, "- id: ge-guoke", two lines above
    result = cli(project)
    assert result.returncode == 1
    assert expected in result.stderr
    assert f"{rel}:{line}:" in result.stderr or (case == "yaml syntax error" and f"{rel}:" in result.stderr)
    assert "nothing was written" in result.stderr
    assert snapshot(project) == before


def test_changed_report_text_is_a_hash_mismatch(project):
    before = snapshot(project)
    text_path = project / "reports" / REPORT / "report.txt"
    text_path.write_bytes(text_path.read_bytes().replace("卢继延".encode(), "卢继廷".encode()))
    result = cli(project)
    assert result.returncode == 1
    facts = (project / FACTS).read_text(encoding="utf-8")
    assert f"{FACTS}:{_line_of(facts, 'sha256:')}:" in result.stderr
    assert "changed since its facts were written" in result.stderr
    assert snapshot(project) == before


def test_yaml_syntax_error_names_its_line(project):
    path = project / FACTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, l in enumerate(lines) if l.startswith("  - {subject: miit"))
    lines[target] = lines[target].replace("{subject: miit", "{subject: [miit")
    path.write_text("".join(lines), encoding="utf-8")
    result = cli(project, "validate")
    assert result.returncode == 1
    assert f"{FACTS}:{target + 1}: YAML syntax error" in result.stderr or \
        f"{FACTS}:{target + 2}: YAML syntax error" in result.stderr


def test_duplicate_key_in_a_mapping(project):
    edit(project, FACTS, "  language: zh\n", "  language: zh\n  language: en\n")
    result = cli(project)
    assert result.returncode == 1
    assert "key 'language' is written twice" in result.stderr


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
    edit(project, "registry/people.yaml", "  en: Cai Qifeng\n", "")
    result = cli(project)
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms (1 warning(s))" in result.stdout
    assert "cai-qifeng" in result.stdout and "no en skos:prefLabel" in result.stdout
