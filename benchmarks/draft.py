"""Score the draft (reportgraph.draft) against hand-checked facts, and time it.

    python benchmarks/draft.py [--set devset|DIR] [--report ID] [--per-key] [--misses KEY] [--cold N]
    python benchmarks/draft.py --scaling KB

Gold: the facts of every report of the set (``DIR/reports/*/report.txt|facts.yaml`` over the
main registry plus ``DIR/registry/*.yaml``), read with the project's loader; with ``--set devset``
(the default) the first report of ``reports/`` too. The draft is given the MAIN registry only
(``registry/*.yaml``), never the set's entities, so nothing of the gold leaks into it.

Matching: a drafted entity is a gold entity of the same kind when one of its mentions overlaps
one of the gold entity's spans (its mentions as the loader resolves them, name mentions
included, and its name or an alias where the quote of a fact about it writes it; for an entity
the text never names, such as a speech or an implied government, the quotes of the facts and
posts about it, and then only a gold entity of its very type); a tie between gold
entities goes to the one whose name is the drafted name, else that shares most characters with it.
Posts (person, role as written = the role's zh name or alias, organisation), relations
(subject, key, object; both ways for the symmetric keys; startDate by its value) and numbers
(about, value, unit) match through those entity matches; "numbers (value, unit)" asks only that
the drafted number's quote overlaps the gold quote and value and unit agree; "numbers (variable,
value, unit)" asks that and that the drafted ``variable`` names the gold variable (see
:func:`same_variable`).

Relations are scored against all gold and against *stated* gold (the facts without ``inferred:``:
an inference is the curator's reading, which no pattern of the text can propose). Precision is
always against all gold (a drafted fact the curator states as inferred is right). The last line
is a one-line summary (``draft set=… rel_r_stated=… numbers_p=…``; numbers there are scored with
the right ``about``; ``ms_per_2000_chars`` is the warm draft time, the best of two runs;
``cold_draft_s`` the median wall time of ``--cold`` runs of ``python build_graph.py draft`` on the
first report, each a new process: imports, the tokenizer's dictionary, the draft and its checks).

``--scaling KB`` instead drafts a paragraph of the genre repeated to a tenth of KB kilobytes and to KB
kilobytes, and prints the CPU seconds of each and their ratio: about ten when the draft's time grows
as the text's length, near a hundred when a step is quadratic in the text (a search back to the
text's start for each clause, since replaced by an index, made it 15).
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgraph import draft as drafting  # noqa: E402
from reportgraph import drafttokens  # noqa: E402
from reportgraph.load import Problems, load_corpus, read_registry  # noqa: E402
from reportgraph.vocab import SYMMETRIC, RELATIONS, TYPES  # noqa: E402

ENTITY_KINDS = ("organization", "person", "event", "group", "place", "agreement")
SCORED = ("organization", "person", "event")


def scratch_project(fixtures: Path, dest: Path, with_first: bool) -> Path:
    """A project in ``dest``: the main registry, the set's registry files (as ``set-*.yaml``), the
    set's reports and (``with_first``) the first report."""
    shutil.copytree(ROOT / "registry", dest / "registry")
    for path in sorted((fixtures / "registry").glob("*.yaml")):
        shutil.copy2(path, dest / "registry" / f"set-{path.name}")
    (dest / "reports").mkdir()
    sources = [p for p in sorted((fixtures / "reports").iterdir()) if (p / "facts.yaml").exists()]
    if with_first:
        sources = [p for p in sorted((ROOT / "reports").iterdir()) if (p / "facts.yaml").exists()] + sources
    for report in sources:
        shutil.copytree(report, dest / "reports" / report.name)
    return dest


def gold_of(report, entities) -> dict:
    """The gold of one loaded report: entity spans by id, posts, relations, numbers."""
    spans = defaultdict(list)
    for m in report.mentions:
        spans[m.entity].append((m.span.start, m.span.end))
    quoted = defaultdict(list)
    for s in report.statements:
        for ident in (s.subject, s.object, s.context):
            if ident in entities:
                quoted[ident].append((s.span.start, s.span.end))
    for p in report.posts:
        for ident in (p.person, p.organization):
            quoted[ident].append((p.span.start, p.span.end))
    for ident, found in quoted.items():
        if not spans.get(ident):
            spans[ident] = found
            continue
        names = [n for n in (entities[ident].zh, *entities[ident].aliases_zh) if len(n) >= 2] if ident in entities else []
        for start, end in found:    # its name written in the quote of a fact about it is a mention, marked or not
            for name in names:
                at = report.text.find(name, start, end)
                if at != -1 and (at, at + len(name)) not in spans[ident]:
                    spans[ident].append((at, at + len(name)))
    kinds = {i: TYPES[entities[i].type].kind for i in spans if i in entities}
    relations = {(s.subject, s.key, s.object if s.object else str(s.value)) for s in report.statements
                 if s.key in RELATIONS or s.key == "startDate"}
    stated = {(s.subject, s.key, s.object if s.object else str(s.value)) for s in report.statements
              if (s.key in RELATIONS or s.key == "startDate") and not s.inferred}
    quotes = {(s.subject, s.key, s.object if s.object else str(s.value)): s.span.exact for s in report.statements}
    posts = {(p.person, p.role, p.organization) for p in report.posts}
    numbers = [(o.about, o.value, o.unit, o.span.start, o.span.end, o.variable) for o in report.observations]
    return {"spans": spans, "kinds": kinds, "types": {i: entities[i].type for i in kinds}, "names": {i: entities[i].zh for i in kinds}, "relations": relations, "stated": stated, "posts": posts, "quotes": quotes,
            "numbers": numbers, "text": report.text}


def match_entities(drafted: dict, gold: dict) -> dict:
    """Drafted id -> gold id, by overlapping spans and the same kind (a registry id matches itself); for
    a drafted entity with no mention, as for a gold one, the spans are the quotes of the facts about it."""
    out, names = {}, gold.get("names", {})
    quoted = defaultdict(list)   # an entity the text never names (a department's government): its facts' quotes
    for r in drafted["relations"]:
        for ident in (r["subject"], r.get("object"), r.get("context")):
            quoted[ident].append({"start": r["start"], "end": r["end"]})
    for p in drafted["posts"]:      # as the gold's: a government the text never names, quoted by its posts
        for ident in (p["person"], p["organization"]):
            quoted[ident].append({"start": p["start"], "end": p["end"]})
    for e in drafted["entities"]:
        kind = TYPES[e["type"]].kind
        if not e["new"] and e["id"] in gold["kinds"]:
            out[e["id"]] = e["id"]
            continue
        votes = Counter()
        for m in e["mentions"] or quoted[e["id"]]:     # one the text never names: by a gold one of its very type
            for ident, spans in gold["spans"].items():
                if gold["kinds"].get(ident) == kind and (e["mentions"] or gold["types"].get(ident) == e["type"]) \
                        and any(s < m["end"] and m["start"] < t for s, t in spans):
                    votes[ident] += 1
        if votes:       # a tie (a unit and its parent quoted by one span; three bureaus in one quote) goes to
            # the gold entity of the same name, else to the one whose name shares most characters
            out[e["id"]] = max(sorted(votes), key=lambda i: (votes[i], names.get(i) == e["zh"],
                                                             len(set(names.get(i, "")) & set(e["zh"]))))
    return out


def score(drafted: dict, gold: dict, entities: dict, units: dict) -> dict:
    """``{category: (true positives of the draft, drafted, gold covered, gold)}``."""
    match = match_entities(drafted, gold)
    result = {}
    for kind in ENTITY_KINDS:
        mine = [e["id"] for e in drafted["entities"] if TYPES[e["type"]].kind == kind]
        theirs = {i for i, k in gold["kinds"].items() if k == kind}
        result[f"entities/{kind}"] = (sum(1 for i in mine if i in match), len(mine),
                                      len(theirs & set(match.values())), len(theirs))
    roles = {i: {e.zh, *e.aliases_zh} for i, e in entities.items() if e.type == "Role"}
    mine = [(match.get(p["person"]), p["role"], match.get(p["organization"])) for p in drafted["posts"]]
    hit = {g for g in gold["posts"] for m in mine if (m[0], m[2]) == (g[0], g[2]) and m[1] in roles.get(g[1], ())}
    result["posts"] = (sum(1 for m in mine if any((m[0], m[2]) == (g[0], g[2]) and m[1] in roles.get(g[1], ())
                                                  for g in gold["posts"])), len(mine), len(hit), len(gold["posts"]))
    _score_relations(drafted, gold, match, result)
    _score_numbers(drafted, gold, match, units, result, entities)
    return result


def _score_relations(drafted, gold, match, result):
    """Relations, by key and overall."""
    def same(a, b):
        if a[1] != b[1]:
            return False
        if RELATIONS.get(a[1]) and RELATIONS[a[1]].property in SYMMETRIC:
            return {a[0], a[2]} == {b[0], b[2]}
        return a == b
    mine = [(match.get(r["subject"]), r["relation"], match.get(r["object"]) if "object" in r else r.get("value"))
            for r in drafted["relations"]]
    keys = {m[1] for m in mine} | {g[1] for g in gold["relations"]}
    for key in sorted(keys):
        m_k = [m for m in mine if m[1] == key]
        g_k = [g for g in gold["relations"] if g[1] == key]
        s_k = [g for g in gold["stated"] if g[1] == key]
        tp = sum(1 for m in m_k if any(same(m, g) for g in g_k))
        result[f"relations/{key}"] = (tp, len(m_k), sum(1 for g in g_k if any(same(m, g) for m in m_k)), len(g_k))
        result[f"stated/{key}"] = (tp, len(m_k), sum(1 for g in s_k if any(same(m, g) for m in m_k)), len(s_k))


def misses(drafted: dict, gold: dict, key: str, units: dict, entities: dict | None = None) -> list[str]:
    """Lines naming each stated gold relation of ``key`` the draft did not find (with its quote), and
    each drafted one of ``key`` that is not gold: what a rule writer reads (``--misses KEY``). With an
    entity kind (``organization``…) for ``key``: the gold entities of that kind not drafted, and the drafted
    ones that match none. With ``numbers``: each drafted number whose value and unit are gold but whose
    ``about`` is not (the drafted and the gold one), and each gold number not drafted. With ``posts``: each
    gold post not drafted (with what was drafted for its person), and each drafted post that is no gold one
    (roles matched by the zh names of the gold role, ``entities`` holding the roles)."""
    match = match_entities(drafted, gold)
    names = {**gold["names"], **{e["id"]: e["zh"] for e in drafted["entities"]}}
    if key == "numbers":
        return _number_misses(drafted, gold, match, names, units)
    if key == "posts":
        return _post_misses(drafted, gold, match, names, entities or {})
    if key in ENTITY_KINDS:
        text = gold["text"]
        found = set(match.values())
        lines = [f"  missed: {names.get(i, i)}  «{text[min(s for s, _ in gold['spans'][i]):][:40]}…»"
                 for i, k in sorted(gold["kinds"].items()) if k == key and i not in found]
        return lines + [f"  wrong: {e['zh']} ({e['type']})  «{_around(text, e['mentions'])}»"
                        for e in drafted["entities"] if TYPES[e["type"]].kind == key and e["id"] not in match]
    mine = {(match.get(r["subject"]), r["relation"], match.get(r.get("object"))): r for r in drafted["relations"]
            if r["relation"] == key}
    lines = [f"  missed: {names.get(g[0], g[0])} —{key}→ {names.get(g[2], g[2])}  «{gold['quotes'].get(g, '')}»"
             for g in sorted(gold["stated"]) if g[1] == key and g not in mine
             and not (g[2], key, g[0]) in mine]
    lines += [f"  wrong: {r['subject']} —{key}→ {r.get('object')}  «{r['quote']}» ({r['rule']})"
              for m, r in sorted(mine.items(), key=lambda kv: kv[1]["start"]) if m not in gold["relations"]]
    return lines


def _post_misses(drafted, gold, match, names, entities):
    roles = {i: {e.zh, *e.aliases_zh} for i, e in entities.items() if e.type == "Role"}
    mine = [((match.get(p["person"]), p["role"], match.get(p["organization"])), p) for p in drafted["posts"]]
    fits = lambda m, g: (m[0], m[2]) == (g[0], g[2]) and m[1] in roles.get(g[1], ())
    lines = [f"  missed: {names.get(g[0], g[0])} {entities[g[1]].zh if g[1] in entities else g[1]} {names.get(g[2], g[2])}"
             f"  (drafted for that person: {[(m[1], names.get(m[2], m[2])) for m, _ in mine if m[0] == g[0]]})"
             for g in sorted(gold["posts"]) if not any(fits(m, g) for m, _ in mine)]
    return lines + [f"  wrong: {names.get(p['person'])} {p['role']} {names.get(p['organization'])}  «{p['quote']}» ({p['rule']})"
                    for m, p in mine if not any(fits(m, g) for g in gold["posts"])]


def _around(text, mentions):
    """The first mention with a little of the text around it (an entity the text never names: none)."""
    if not mentions:
        return "(not named in the text)"
    return text[max(0, mentions[0]["start"] - 15):mentions[0]["end"] + 10]


def _number_misses(drafted, gold, match, names, units):
    iri = {u.key: u.iri for u in units.values()}
    lines = []
    for g in gold["numbers"]:
        near = [o for o in drafted["observations"] if float(o["value"]) == float(g[1])
                and iri.get(o["unit"]) == g[2] and o["start"] < g[4] and g[3] < o["end"]]
        if not near:
            lines.append(f"  missed: {names.get(g[0], g[0])} {g[1]} {g[2]}  «{gold['text'][g[3]:g[4]]}»")
        elif all(match.get(o["about"]) != g[0] for o in near):
            o = near[0]
            lines.append(f"  about: drafted {names.get(o['about'], o['about'])}, gold {names.get(g[0], g[0])}: "
                         f"{o['raw']}  «{o['quote']}»")
    return lines


def same_variable(drafted: dict | None, names: set) -> bool:
    """Whether a drafted variable (its words as written) names the gold variable (its zh name or an
    alias, which the curator words in general: 规模以上企业数 for 规模以上光伏企业): one holds the
    other, or their character bigrams overlap by a Dice coefficient of at least 0.5."""
    if not drafted:
        return False
    mine = drafted["zh"]
    for name in names:
        if mine in name or name in mine:
            return True
        a, b = {mine[i:i + 2] for i in range(len(mine) - 1)}, {name[i:i + 2] for i in range(len(name) - 1)}
        if a and b and 2 * len(a & b) / (len(a) + len(b)) >= 0.5:
            return True
    return False


def _score_numbers(drafted, gold, match, units, result, entities):
    """Numbers: (value, unit) at an overlapping quote; the same with the right about; with the right variable."""
    iri = {u.key: u.iri for u in units.values()}
    mine = [(match.get(o["about"]), o["value"], iri.get(o["unit"]), o["start"], o["end"], o.get("variable"))
            for o in drafted["observations"]]

    def loose(m, g):
        return float(m[1]) == float(g[1]) and m[2] == g[2] and m[3] < g[4] and g[3] < m[4]

    def strict(m, g):
        return loose(m, g) and m[0] == g[0]

    def variable(m, g):
        known = entities.get(g[5])
        return loose(m, g) and known is not None and same_variable(m[5], {known.zh, *known.aliases_zh})
    for name, same in (("numbers (about, value, unit)", strict), ("numbers (variable, value, unit)", variable),
                       ("numbers (value, unit)", loose)):
        result[name] = (sum(1 for m in mine if any(same(m, g) for g in gold["numbers"])), len(mine),
                        sum(1 for g in gold["numbers"] if any(same(m, g) for m in mine)), len(gold["numbers"]))


def prf(tp, n, covered, total):
    p = tp / n if n else 0.0
    r = covered / total if total else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(result: dict, per_key: bool, stated_per_key: bool = True) -> str:
    """The rows of one score: entities, posts, relations (all gold and stated gold, then by key:
    ``stated/KEY`` against stated gold, ``relations/KEY`` against all gold with ``per_key``), numbers."""
    lines = [f"  {'category':<34} {'P':>5} {'R':>5} {'F1':>5}   draft-ok/drafted  gold-found/gold"]
    rows = dict(result)
    for label, prefix in (("relations (all keys)", "relations/"), ("relations (stated gold)", "stated/")):
        rel = [v for k, v in result.items() if k.startswith(prefix)]
        rows[label] = tuple(map(sum, zip(*rel))) if rel else (0, 0, 0, 0)
    for name in sorted(rows, key=_order):
        if name.startswith("relations/") and not per_key or name.startswith("stated/") and not stated_per_key:
            continue
        tp, n, covered, total = rows[name]
        if name.startswith(("relations/", "stated/")) and not n and not total:
            continue
        p, r, f = prf(tp, n, covered, total)
        lines.append(f"  {name:<34} {p:5.2f} {r:5.2f} {f:5.2f}   {tp:>4}/{n:<4}          {covered:>4}/{total:<4}")
    return "\n".join(lines)


def cold_draft(runs: int) -> float:
    """The median wall time of ``runs`` new processes of ``python build_graph.py draft`` on the
    first report (its YAML, checked as ``add`` checks it), after one run that makes the caches."""
    command = [sys.executable, str(ROOT / "build_graph.py"), "draft", str(next((ROOT / "reports").glob("*/report.txt")))]
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


#: A paragraph of the genre written for this measure (its names are in no registry), repeated to length.
PARAGRAPH = ("6月18日，北原市机械行业协会第二次会员代表大会在北原市召开。大会由北原市机械行业协会主办，北原市工信局指导。"
             "市委常委、副市长周建华，协会会长陈国庆出席并致辞。全市机械产业实现产值约320亿元，同比增长8.5%；"
             "规模以上企业达到120余家。会议选举陈国庆为会长，黄立新、刘小云为副会长。考察团参观了北原精工有限公司。\n")


def scaling(kilobytes: float, registry: dict, units: dict) -> list[tuple[int, float]]:
    """``(bytes, CPU seconds)`` of drafting :data:`PARAGRAPH` repeated to a tenth of ``kilobytes`` and to
    ``kilobytes`` (this process's CPU time: what else the machine runs does not lengthen it)."""
    times = int(kilobytes * 1000) // len(PARAGRAPH.encode("utf-8")) + 1
    drafting.draft(PARAGRAPH, registry, units)   # the tokenizer made before timing
    out = []
    for text in (PARAGRAPH * max(1, times // 10), PARAGRAPH * times):
        started = time.process_time()
        drafted = drafting.draft(text, registry, units)
        out.append((len(text.encode("utf-8")), time.process_time() - started))
        if not (drafted["observations"] and drafted["relations"]):
            raise SystemExit("the paragraph drafted no number or relation: it measures nothing")
    return out


def summary(set_name: str, total: dict, ms_per_2000: float, cold_s: float) -> str:
    """The one-line summary: the headline figures of the overall table."""
    def p(key):
        return prf(*total.get(key, (0, 0, 0, 0)))[0]

    def r(key):
        return prf(*total.get(key, (0, 0, 0, 0)))[1]
    rel = tuple(map(sum, zip(*[v for k, v in total.items() if k.startswith("stated/")]))) or (0, 0, 0, 0)
    total = {**total, "stated": rel}
    return (f"draft set={set_name} orgs_p={p('entities/organization'):.2f} orgs_r={r('entities/organization'):.2f} "
            f"people_p={p('entities/person'):.2f} people_r={r('entities/person'):.2f} posts_r={r('posts'):.2f} "
            f"rel_p={p('stated'):.2f} rel_r_stated={r('stated'):.2f} "
            f"numbers_p={p('numbers (about, value, unit)'):.2f} numbers_r={r('numbers (about, value, unit)'):.2f} "
            f"ms_per_2000_chars={ms_per_2000:.0f} cold_draft_s={cold_s:.2f}")


def _order(name):
    groups = ["entities/organization", "entities/person", "entities/event", "entities/", "posts", "relations (all",
              "relations (stated", "relations/", "stated/", "numbers"]
    return (next(i for i, g in enumerate(groups) if name.startswith(g)), name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="devset", help="devset (tests/fixtures/devset) or a folder of the same layout")
    parser.add_argument("--report", help="only this report id")
    parser.add_argument("--per-key", action="store_true",
                        help="relations by key against all gold, and each report's table by key (the overall "
                             "table always gives them by key against stated gold)")
    parser.add_argument("--misses", metavar="KEY", help="list the stated gold relations of KEY not drafted, and "
                                                        "the drafted ones that are not gold (also an entity kind, "
                                                        "numbers or posts)")
    parser.add_argument("--cold", type=int, default=3, metavar="N",
                        help="runs of the cold draft command to take the median of (default 3)")
    parser.add_argument("--scaling", type=float, metavar="KB",
                        help="only time the draft of a tenth of KB kilobytes and of KB kilobytes of one paragraph")
    args = parser.parse_args(argv)
    if args.scaling:
        problems = Problems()
        registry, units = read_registry(ROOT, problems)
        problems.check()
        (small, a), (large, b) = scaling(args.scaling, registry, units)
        print(f"draft of {small:,} bytes: {a:.2f} s CPU; of {large:,} bytes: {b:.2f} s CPU; "
              f"{large / small:.1f} times the text took {b / a:.1f} times as long")
        return 0
    cold = cold_draft(args.cold)     # first, in a machine not yet busy with this process
    fixtures = ROOT / "tests" / "fixtures" / "devset" if args.set == "devset" else Path(args.set).resolve()
    problems = Problems()
    main_registry, _ = read_registry(ROOT, problems)
    problems.check()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = load_corpus(scratch_project(fixtures, Path(tmp) / "project", args.set == "devset"))
    started = time.perf_counter()
    drafttokens.tokenizer(frozenset(e.zh for e in main_registry.values() if e.type == "Person"))
    print(f"tokenizer loaded in {time.perf_counter() - started:.2f} s (the index of jieba's dictionary, once per process)")
    total = defaultdict(lambda: (0, 0, 0, 0))
    seconds, characters = 0.0, 0
    for report in corpus.reports:
        if args.report and report.id != args.report:
            continue
        elapsed = float("inf")
        for _ in range(2):      # warm: the best of two
            started = time.perf_counter()
            drafted = drafting.draft(report.text, main_registry, corpus.units)
            elapsed = min(elapsed, time.perf_counter() - started)
        seconds += elapsed
        characters += len(report.text)
        result = score(drafted, gold_of(report, corpus.entities), corpus.entities, corpus.units)
        print(f"\n{report.id}: {len(report.text)} characters, drafted in {elapsed * 1000:.0f} ms")
        print(table(result, args.per_key, args.per_key))
        if args.misses:
            print("\n".join(misses(drafted, gold_of(report, corpus.entities), args.misses, corpus.units, corpus.entities)))
        for k, v in result.items():
            total[k] = tuple(a + b for a, b in zip(total[k], v))
    print(f"\noverall ({len(corpus.reports) if not args.report else 1} report(s)); scored entity kinds: "
          f"{', '.join(SCORED)}")
    print(table(dict(total), args.per_key))
    print(f"\nthe draft command, cold (python build_graph.py draft, the first report; median of {args.cold}): {cold:.2f} s")
    print(summary(args.set if args.set == "devset" else Path(args.set).name, dict(total),
                  seconds * 1000 * 2000 / characters if characters else 0.0, cold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
