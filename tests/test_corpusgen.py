"""The generated corpora of the corpus benchmark: deterministic, loadable, shaped like real reports."""

import shutil
import statistics
from collections import Counter

import yaml

from helpers import ROOT, cli
from reportgraph import corpusgen
from reportgraph.load import load_corpus


def test_the_same_seed_writes_the_same_bytes_and_another_seed_other_ones(tmp_path):
    def written(folder, seed):
        corpusgen.write(folder, 3, seed)
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert written(tmp_path / "a", 1) == written(tmp_path / "b", 1) != written(tmp_path / "c", 2)


def test_a_generated_corpus_loads_builds_and_conforms_like_a_curated_one(tmp_path):
    for name in ("ontology.ttl", "shapes.ttl", "build_graph.py"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "reportgraph", tmp_path / "reportgraph", ignore=shutil.ignore_patterns("__pycache__"))
    ids = corpusgen.write(tmp_path, 2)
    shutil.copy2(ROOT / "registry" / "units.yaml", tmp_path / "registry" / "units.yaml")
    corpus = load_corpus(tmp_path)
    assert [r.id for r in corpus.reports] == ids
    for report in corpus.reports:   # shaped like the first report: its counts, within a factor
        assert len(report.statements) > 80 and len(report.posts) >= 9 and len(report.observations) >= 19
        assert any(s.inferred for s in report.statements) and any(m.kind == "alias" for m in report.mentions)
        for s in report.statements:
            assert report.text[s.span.start:s.span.end] == s.span.exact
    result = cli(tmp_path, "validate")
    assert result.returncode == 0 and "SHACL: conforms (0 warning(s))" in result.stdout, result.stdout + result.stderr


def test_a_few_entities_are_in_most_reports_and_most_in_one_or_two(tmp_path):
    corpusgen.write(tmp_path, 200)   # more than the brand names of one list: generation must end
    reports_of = Counter()
    for facts in (tmp_path / "reports").glob("*/facts.yaml"):
        data = yaml.load(facts.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)   # libyaml: 200 files
        used = {item[k] for section in ("relations", "posts") for item in data.get(section, [])
                for k in ("subject", "object", "person", "organization") if k in item}
        reports_of.update(e for e in used if not e.startswith("gen-event-"))
    counts = sorted(reports_of.values(), reverse=True)
    assert counts[0] >= 100 and statistics.median(counts) <= 2, counts[:10]
