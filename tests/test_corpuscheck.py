"""Warnings about the corpus as a whole: printed with file and line by validate and build, which
still succeed (the curator decides)."""

import shutil

from helpers import ROOT, cli, copy_project
from reportgraph import corpuscheck
from reportgraph.load import load_corpus


def test_the_committed_corpus_has_no_warning():
    assert corpuscheck.warnings(load_corpus(ROOT)) == []


def line_of(path, text):
    """The number of the line of ``path`` that starts with ``text``."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def test_validate_warns_with_file_and_line_and_succeeds(tmp_path):
    project = copy_project(tmp_path)
    extra = project / "registry" / "zz-extra.yaml"
    extra.write_text("\n".join([
        "- {id: nanhai-association-again, type: IndustryAssociation, zh: 广东省佛山市南海区铝型材行业协会}",
        "- {id: another-ge, type: Person, zh: 葛国科}",
        "- {id: unused-city, type: City, zh: 某某市, aliases: {zh: [南宁]}}", ""]), encoding="utf-8")
    result = cli(project, "validate")
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("warning:")]
    assert "registry: 6 warning(s) (the curator decides; nothing was changed)" in result.stdout
    nanhai = line_of(project / "registry" / "organizations.yaml", "- id: nanhai-aluminium-profile-association")
    assert lines == [
        f"warning: registry/organizations.yaml:{nanhai}: 'nanhai-aluminium-profile-association' (佛山市南海区铝型材行业协会) "
        "and 'nanhai-association-again' (广东省佛山市南海区铝型材行业协会, registry/zz-extra.yaml:1) may be one "
        "entity: one name is the other with the place 广东省 before it",
        "warning: registry/people.yaml:13: 'ge-guoke' and 'another-ge' (registry/zz-extra.yaml:2) are both people "
        "named 葛国科: one person in two entries, or two people?",
        "warning: registry/places.yaml:23: '南宁' names both 'nanning' and 'unused-city' (registry/zz-extra.yaml:3): "
        "a search or a draft cannot tell which is meant",
        "warning: registry/zz-extra.yaml:1: 'nanhai-association-again' is in no fact of any report",
        "warning: registry/zz-extra.yaml:2: 'another-ge' is in no fact of any report",
        "warning: registry/zz-extra.yaml:3: 'unused-city' is in no fact of any report"]


def test_names_differing_only_in_width_or_spaces_are_probable_duplicates(tmp_path):
    project = copy_project(tmp_path)
    shutil.rmtree(project / "graph")
    (project / "registry" / "zz-extra.yaml").write_text(
        "- {id: alliance-again, type: IndustryAlliance, zh: 广东（南海）铝加工 产业联盟}\n", encoding="utf-8")
    found = [str(w) for w in corpuscheck.warnings(load_corpus(project))]
    assert any("may be one entity: their names differ only in width or spaces" in w and "alliance-again" in w
               for w in found), found
