"""The units table end to end: a project unit must be declared in the ontology, and what the table
gives the explorer's English must be fit for the XML files."""

from helpers import cli, copy_project


def add_unit_row(project, row):
    table = project / "registry" / "units.yaml"
    table.write_text(table.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    return table.read_text(encoding="utf-8").count("\n")   # the line of the row


def test_a_project_unit_the_ontology_does_not_declare_is_an_error_naming_its_row(tmp_path):
    project = copy_project(tmp_path)
    line = add_unit_row(project, "- {key: jin, iri: rg:Jin, zh: 斤, en: jin, en_suffix: jin, written: [斤]}")
    result = cli(project, "validate")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: the input has 1 problem(s); nothing was written",
        f"registry/units.yaml:{line}: project unit rg:Jin is not declared in ontology.ttl: add it there as an "
        "rg:Unit with zh and en labels"]


def test_an_english_suffix_xml_cannot_carry_is_refused_with_its_row(tmp_path):
    project = copy_project(tmp_path)
    line = add_unit_row(project, '- {key: jin, iri: unit:JIN, zh: 斤, en: jin, en_suffix: "t\\a", written: [斤]}')
    result = cli(project, "validate")
    assert result.returncode == 1
    assert f"registry/units.yaml:{line}: 'en_suffix': character U+0007" in result.stderr
