"""Time a report that names one entity thousands of times: ``python benchmarks/mentions.py [--occurrences N] [--runs R]``.

The seed report gets a paragraph that writes the full name of a registered entity
N times (6,000 by default, about 250 KB); its facts file keeps every quote (the text
before is unchanged) with the new sha256. Every occurrence becomes a name mention, so
the build must find, nest and validate N more mentions. Prints the median wall time of
``python build_graph.py validate`` and of a full build, each in a fresh process.
"""

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "000_7ed03d3179984da0"
NAME = "佛山市南海区铝型材行业协会"


def project(work, occurrences):
    sys.path.insert(0, str(ROOT))
    from reportgraph.build import SOURCES

    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
    text_path = work / "reports" / REPORT / "report.txt"
    raw = text_path.read_bytes()
    new = raw + ("\n" + "、".join([NAME] * occurrences) + "。\n").encode("utf-8")
    text_path.write_bytes(new)
    facts = work / "reports" / REPORT / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        hashlib.sha256(raw).hexdigest(), hashlib.sha256(new).hexdigest()), encoding="utf-8")
    return len(new)


def wall(args, cwd):
    start = time.perf_counter()
    subprocess.run([sys.executable, "build_graph.py", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--occurrences", type=int, default=6000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        size = project(Path(tmp), args.occurrences)
        validate = [wall(["validate"], tmp) for _ in range(args.runs)]
        builds = [wall([], tmp) for _ in range(args.runs)]
    print(f"report of {size / 1000:.0f} kB naming {NAME} {args.occurrences} more times")
    print(f"validate, median of {args.runs}: {statistics.median(validate):.2f} s (min {min(validate):.2f})")
    print(f"build,    median of {args.runs}: {statistics.median(builds):.2f} s (min {min(builds):.2f})")


if __name__ == "__main__":
    main()
