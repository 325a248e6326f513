"""The SPARQL endpoint under load and abuse: ``python benchmarks/endpoint.py [--store rdflib|oxigraph] [--project DIR]``.

Prints, for the server of ``--project`` (this checkout by default; point it at another
checkout to compare):
- load: 2,000 queries from 8 clients (three named questions, POSTed as forms): errors,
  queries/s, p50 and p99 latency; then the same with one query worker killed (SIGKILL)
  after 500 answers;
- memory: the peak RSS of the query workers while the CONCAT-doubling query (25 BINDs, each
  doubling the string before it; 2 GB of text at the end) runs, and what the client gets;
- slow clients: 300 connections that send half a request and stop: the server's thread
  count, how long an ordinary query takes meanwhile, and how long until all 300 are closed;
- bad Content-Length (``-1``, ``abc``): what the client gets;
- reason: a server with ``--reason --workers 4`` started on a copy of the graph with no OWL-RL closure
  kept: how long until eight queries sent at once are all answered (the workers make the closure once
  between them and read it, :func:`reportgraph.cache.made_once`).

With ``--url URL`` only the last two are measured, on a server already running at URL (its
SPARQL endpoint), e.g. ``oxigraph serve-read-only`` or a bare uvicorn, to compare HTTP layers.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["organisers-of-docking-activity", "posts-of-ge-guoke", "industry-chain-in-order"]


def bomb(doublings=25, seed="0123456789abcdef" * 4):
    """A ~1 KB SELECT whose answer is the length of a string doubled ``doublings`` times."""
    binds = [f'BIND("{seed}" AS ?x0)'] + [f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(doublings)]
    return "SELECT (STRLEN(?x%d) AS ?n) WHERE {\n  %s\n}" % (doublings, "\n  ".join(binds))


class Server:
    """``python build_graph.py [--root ROOT] serve --port 0 OPTIONS`` in ``project``, with its process
    id and its workers'. ``root`` serves another folder's graph with ``project``'s code."""

    def __init__(self, project, *options, root=None):
        rooted = ["--root", str(root)] if root else []
        self.process = subprocess.Popen([sys.executable, "build_graph.py", *rooted, "serve", "--port", "0", *options],
                                        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("serving "):
            raise SystemExit(f"the server did not start: {line!r}")
        self.url = line.split()[1]

    def workers(self):
        """Process ids of the query workers: the children of the server's multiprocessing forkserver."""
        children = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(stat.parent.name))

        def forkserver(pid):
            try:
                return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                return False

        return sorted(w for f in children.get(self.process.pid, []) if forkserver(f) for w in children.get(f, []))

    def threads(self):
        return len(list(Path(f"/proc/{self.process.pid}/task").iterdir())) if self.process else "?"

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Elsewhere(Server):
    """A server already running at ``url``, not started here."""

    def __init__(self, url):
        self.url, self.process = url, None

    def stop(self):
        pass


def post(url, query, accept="application/sparql-results+json", timeout=120):
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def load(server, texts, clients=8, total=2000, kill_after=None):
    """``(errors, latencies, elapsed, killed pid)`` of ``total`` queries from ``clients`` threads."""
    latencies, errors, killed = [], [], []
    lock = threading.Lock()

    def run(worker):
        for i in range(total // clients):
            t = time.perf_counter()
            try:
                status, body = post(server.url, texts[(worker + i) % len(texts)])
                if status != 200:
                    raise RuntimeError(f"{status}: {body[:200]!r}")
                json.loads(body)
                latencies.append(time.perf_counter() - t)
            except Exception as e:   # counted and reported, not fatal
                errors.append(repr(e))
            with lock:
                if kill_after is not None and not killed and len(latencies) >= kill_after:
                    victim = server.workers()[0]
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(w,)) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors, sorted(latencies), time.perf_counter() - started, killed


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))] * 1000 if sorted_values else float("nan")


def print_load(title, errors, latencies, elapsed, killed):
    print(f"  {title}: {len(latencies) + len(errors)} queries in {elapsed:.1f} s = "
          f"{len(latencies) / elapsed:.0f}/s; p50 {percentile(latencies, 0.5):.1f} ms, "
          f"p99 {percentile(latencies, 0.99):.1f} ms; {len(errors)} errors"
          + (f" (worker {killed[0]} killed mid-run)" if killed else "")
          + (f"; first error: {errors[0][:160]}" if errors else ""))


def peak_rss(server, run):
    """``(result of run(), peak RSS in MB of the server's workers while it ran)``."""
    peak, done = {}, threading.Event()

    def watch():
        while not done.is_set():
            for pid in server.workers():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peak[pid] = max(peak.get(pid, 0), int(line.split()[1]) // 1024)
                except OSError:
                    pass
            done.wait(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        result = run()
    finally:
        done.set()
        watcher.join()
    return result, max(peak.values(), default=0)


def raw_request(url, data, wait=10):
    """The status line the server answers ``data`` with, or what happened instead."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as s:
        s.sendall(data.replace(b" /sparql ", b" " + parts.path.encode() + b" "))
        try:
            head = s.recv(200)
        except socket.timeout:
            return f"no answer within {wait} s"
        except ConnectionResetError:
            return "connection reset, no answer"
    return head.split(b"\r\n")[0].decode() if head else "connection closed, no answer"


def slow_clients(server, n=300, limit=60):
    """``(threads with n half-sent requests open, ms for an ordinary query meanwhile, s until all are closed)``."""
    parts = urllib.parse.urlsplit(server.url)
    socks = []
    for _ in range(n):
        s = socket.create_connection((parts.hostname, parts.port))
        s.sendall(b"POST " + parts.path.encode() + b" HTTP/1.1\r\nHost: " + parts.hostname.encode()
                  + b"\r\nContent-Length: 100\r\n")
        socks.append(s)
    started = time.perf_counter()
    t = time.perf_counter()
    status, _ = post(server.url, "ASK {}", timeout=limit)
    ordinary = (time.perf_counter() - t) * 1000
    threads = server.threads()
    open_ = list(socks)
    while open_ and time.perf_counter() - started < limit:
        still = []
        for s in open_:
            s.settimeout(0.05)
            try:
                if s.recv(4096):   # the answer (408); the end follows
                    still.append(s)
            except socket.timeout:
                still.append(s)
            except OSError:
                pass
        open_ = still
    for s in socks:
        s.close()
    closed = time.perf_counter() - started if not open_ else float("inf")
    return threads, ordinary, status, closed, len(open_)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", choices=["rdflib", "oxigraph", "both"], default="both")
    p.add_argument("--project", default=str(ROOT), help="the checkout whose server is measured")
    p.add_argument("--total", type=int, default=2000)
    p.add_argument("--skip", default="", help="comma-separated parts to skip: load,memory,slow,length,reason")
    p.add_argument("--url", help="only probe the HTTP layer of a server already running at URL")
    args = p.parse_args()
    if args.url:
        return probe(Elsewhere(args.url))
    sys.path.insert(0, args.project)
    from reportgraph import queries

    named = queries.questions(args.project)
    texts = [named[n].text for n in QUESTIONS]
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for store in (["rdflib", "oxigraph"] if args.store == "both" else [args.store]):
            spec = "rdflib" if store == "rdflib" else f"oxigraph:{tmp}/{store}"
            print(f"store {store} (server of {args.project}):")
            if "load" not in skip:
                server = Server(args.project, "--store", spec)
                try:
                    print_load("load", *load(server, texts, total=args.total))
                    print_load("load, a worker killed", *load(server, texts, total=args.total, kill_after=500))
                finally:
                    server.stop()
            if "memory" not in skip:
                server = Server(args.project, "--store", spec, "--timeout", "60")
                try:
                    t = time.perf_counter()
                    (status, body), peak = peak_rss(server, lambda: post(server.url, bomb()))
                    print(f"  CONCAT-doubling query: {status} after {time.perf_counter() - t:.1f} s, "
                          f"workers' peak RSS {peak} MB: {body[:120].decode('utf-8', 'replace').strip()}")
                    status, _ = post(server.url, texts[0])
                    print(f"  the next query: {status}")
                finally:
                    server.stop()
            if "slow" not in skip or "length" not in skip:
                server = Server(args.project, "--store", spec)
                try:
                    probe(server, skip)
                finally:
                    server.stop()
            if "reason" not in skip:
                print(f"  --reason, 4 workers, no closure kept: 8 queries at once answered after "
                      f"{cold_reasoning(args.project, spec, texts[0]):.1f} s")


def cold_reasoning(project, spec, text, workers=4, clients=8):
    """Seconds from starting ``serve --reason --workers N`` on a copy of ``project``'s graph and ontology (so
    that no closure is kept) until ``clients`` queries sent at once have all been answered (200 each)."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    with tempfile.TemporaryDirectory() as root:
        shutil.copytree(Path(project, "graph"), Path(root, "graph"))
        shutil.copy2(Path(project, "ontology.ttl"), root)
        store = spec if spec == "rdflib" else f"oxigraph:{root}/store"
        started = time.perf_counter()
        server = Server(project, "--store", store, "--reason", "--workers", str(workers), root=root)
        try:
            with ThreadPoolExecutor(clients) as pool:
                answers = list(pool.map(lambda _: post(server.url, text)[0], range(clients)))
            if answers != [200] * clients:
                raise SystemExit(f"--reason: the answers were {answers}")
            return time.perf_counter() - started
        finally:
            server.stop()


def probe(server, skip=()):
    """Print how ``server`` takes slow clients and bad Content-Lengths."""
    if "slow" not in skip:
        before = server.threads()
        threads, ordinary, status, closed, left = slow_clients(server)
        print(f"  300 half-sent requests: server threads {before} -> {threads}; an ordinary "
              f"query meanwhile {status} in {ordinary:.0f} ms; "
              + (f"all closed after {closed:.1f} s" if left == 0 else f"{left} still open after 60 s"))
    if "length" not in skip:
        for value in (b"-1", b"abc"):
            answer = raw_request(server.url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 b"Content-Type: application/sparql-query\r\nContent-Length: "
                                 + value + b"\r\n\r\nASK {}")
            print(f"  Content-Length: {value.decode()}: {answer}")


if __name__ == "__main__":
    main()
