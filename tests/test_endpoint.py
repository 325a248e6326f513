"""The SPARQL endpoint (python build_graph.py serve), queried over HTTP by SPARQLWrapper, a real client,
and by raw sockets where a client would not misbehave on purpose."""

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from helpers import ROOT, children, gone, server, serving, until
from reportgraph import queries, sparql
from reportgraph.paths import Paths

NAMED = queries.questions(ROOT)
ORGANISERS = NAMED["organisers-of-docking-activity"].text
CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?e schema:organizer ?o } WHERE { ?e schema:organizer ?o }"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# 25 BINDs, each doubling the string before it: 2 GB of text at the end, from a 1 KB query
DOUBLING = "SELECT (STRLEN(?x25) AS ?n) WHERE {\n  BIND(\"%s\" AS ?x0)\n%s}" % (
    "0123456789abcdef" * 4, "".join(f"  BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})\n" for i in range(25)))


class Running:
    """A server started by :func:`running`: its base URL and process, and its query workers."""

    def __init__(self, url, process):
        self.url, self.process = url, process

    def workers(self):
        """Process ids of the query workers (the children of the server's multiprocessing forkserver)."""
        def forkserver(pid):
            try:
                return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                return False
        return sorted(w for f in children(self.process.pid) if forkserver(f) for w in children(f))

    def threads(self):
        return len(os.listdir(f"/proc/{self.process.pid}/task"))


@contextmanager
def running(*options):
    """Like helpers' ``server``, but yields a :class:`Running` (the tests here kill its workers)."""
    with serving(*options) as (url, process):
        yield Running(url, process)


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def served(request, tmp_path_factory):
    store = "rdflib" if request.param == "rdflib" else f"oxigraph:{tmp_path_factory.mktemp('ox')}"
    with running("--store", store) as s:
        yield s


@pytest.fixture(scope="module")
def endpoint(served):
    return served.url


@pytest.fixture(scope="module")
def strict():
    """One worker, which opens the graph with its OWL-RL closure (reasoned, or kept from before), 1 s limits, 50 rows."""
    with running("--reason", "--timeout", "1", "--workers", "1", "--receive-timeout", "1",
                 "--max-rows", "50") as s:
        yield s


class Listener:
    """A local HTTP server that counts the connections made to it (a SERVICE a query names)."""

    ANSWER = b'{"head": {"vars": ["a"]}, "results": {"bindings": []}}'

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"
        self.hits = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.hits += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(self.ANSWER), self.ANSWER))
                except OSError:
                    pass


@pytest.fixture(scope="module")
def listener():
    listening = Listener()
    yield listening
    listening.socket.close()


@pytest.fixture(scope="module")
def local():
    return sparql.open_store(Paths(ROOT))


def client(url, query, fmt=JSON, method=None):
    c = SPARQLWrapper(url + "/sparql")
    c.setQuery(query)
    c.setReturnFormat(fmt)
    if method:
        c.setMethod(POST)
        c.setRequestMethod(method)
    return c


def get(url, query, headers=None, path="/sparql"):
    """``(status, headers, body text)`` of GET ``path?query=``, whatever the status."""
    request = urllib.request.Request(url + path + "?" + urllib.parse.urlencode({"query": query}),
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def raw(url, data, wait=10):
    """The raw answer (bytes, up to the end or ``wait`` s) of sending ``data`` on a new connection."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        return out


def values(result_bytes, fmt):
    """Rows of a SPARQL result document as Python values (rdflib's own result parsers)."""
    parsed = Result.parse(io.BytesIO(result_bytes), format=fmt)
    return [tuple(None if row.get(v) is None else row[v].toPython() for v in parsed.vars)
            for row in parsed.bindings]


@pytest.mark.parametrize("name", sorted(NAMED))
def test_every_named_question_over_http(endpoint, local, name):
    body = client(endpoint, NAMED[name].text).query().response.read()
    expected = local.query(NAMED[name].text)
    assert values(body, "json") == values(expected.serialise("json"), "json")


@pytest.mark.parametrize("fmt,parser", [(JSON, "json"), (XML, "xml"), (CSV, "csv"), (TSV, "tsv")])
def test_select_in_every_result_format_by_get_and_post(endpoint, fmt, parser):
    for method in (None, POSTDIRECTLY, "urlencoded"):
        response = client(endpoint, ORGANISERS, fmt, method).query().response
        assert response.status == 200
        rows = values(response.read(), parser)
        expected = ["工业和信息化部", "广西壮族自治区人民政府"]
        assert [str(r[0]) for r in rows] == expected


def test_content_negotiation_by_accept_header(endpoint):
    for accept, media in (("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/csv;q=0.4, text/tab-separated-values", "text/tab-separated-values"),
                          ("*/*", "application/sparql-results+json")):
        status, headers, _ = get(endpoint, ORGANISERS, {"Accept": accept})
        assert status == 200 and headers["Content-Type"].split(";")[0] == media


def test_ask_in_a_format_it_has_no_form_in_gets_406(endpoint):
    status, _, body = get(endpoint, "ASK { ?s ?p ?o }", {"Accept": "text/csv"})
    assert status == 406 and "text/tab-separated-values" in body
    status, headers, body = get(endpoint, "ASK { ?s ?p ?o }", {"Accept": "text/csv, */*;q=0.1"})
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = get(endpoint, "ASK { ?s ?p ?o }", {"Accept": "text/tab-separated-values"})
    assert status == 200 and body == "?_askResult\ntrue\n"


@pytest.mark.parametrize("fmt,parser", [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_construct_as_turtle_and_jsonld(endpoint, local, fmt, parser):
    body = client(endpoint, CONSTRUCT, fmt).query().response.read()
    got = Graph().parse(data=body, format=parser)
    assert len(got) == 2 and isomorphic(got, local.query(CONSTRUCT).result.graph)


def test_updates_are_refused_and_change_nothing(endpoint):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    prefixed = "PREFIX ex: <urn:ex:> INSERT DATA { ex:a ex:b ex:c }"
    for method, body, media in (("POST", update, "application/sparql-update"),
                                ("POST", urllib.parse.urlencode({"update": update}), "application/x-www-form-urlencoded"),
                                ("POST", update, "application/sparql-query"),
                                ("POST", prefixed, "application/sparql-query"),
                                ("POST", urllib.parse.urlencode({"query": prefixed}), "application/x-www-form-urlencoded")):
        request = urllib.request.Request(endpoint + "/sparql", data=body.encode(), method=method,
                                         headers={"Content-Type": media})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 403 and "read-only" in e.value.read().decode()
    c = SPARQLWrapper(endpoint + "/sparql")
    c.setQuery(update)
    c.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as e:   # SPARQLWrapper passes a 403 on as is
        c.query()
    assert e.value.code == 403
    for subject in ("<urn:x>", "<urn:ex:a>"):
        assert client(endpoint, f"ASK {{ {subject} ?p ?o }}").query().convert()["boolean"] is False


def test_malformed_query_gets_400_with_the_parsers_message(endpoint):
    with pytest.raises(QueryBadFormed) as e:
        client(endpoint, "SELECT ?x WHERE { ?x a ").query()
    assert "malformed query" in str(e.value)
    assert client(endpoint, ORGANISERS).query().response.status == 200   # still serving


# --- it fetches nothing -----------------------------------------------------------------------

def fetching(url):
    """Queries that would make a store fetch ``url`` (or a file), however they are dressed."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"select * where {{ service silent <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment between\n <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"PREFIX remote: <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE remote:sparql {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} LIMIT 1",
        f"ASK {{ {{ SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE <{url}> {{ ?a ?b ?c }} LATERAL {{ ?s ?p ?o }} }}",   # Oxigraph-only syntax
    ]


def test_service_is_refused_and_nothing_is_fetched(endpoint, listener):
    for query in fetching(listener.url):
        status, headers, body = get(endpoint, query)
        assert status == 400 and "fetches nothing" in body and "SERVICE" in body, (query, status, body)
    assert listener.hits == 0


def test_files_cannot_be_probed_through_service(endpoint):
    answers = [get(endpoint, f"SELECT * WHERE {{ SERVICE <file://{path}> {{ ?a ?b ?c }} }}")
               for path in ("/etc/passwd", "/nonexistent")]
    assert [status for status, _, _ in answers] == [400, 400]
    assert answers[0][2].replace("/etc/passwd", "PATH") == answers[1][2].replace("/nonexistent", "PATH")


def test_from_and_from_named_are_refused(endpoint, listener):
    for clause in ("FROM", "FROM NAMED"):
        status, _, body = get(endpoint, f"SELECT * {clause} <{listener.url}> WHERE {{ ?s ?p ?o }} LIMIT 1")
        assert status == 400 and clause in body and "fetches nothing" in body
    assert listener.hits == 0


def test_service_named_only_in_strings_comments_and_names_is_answered(endpoint, listener):
    query = (f"PREFIX service: <urn:service:> SELECT ?service WHERE {{ # SERVICE <{listener.url}> {{}}\n"
             f"  BIND(\"SERVICE <{listener.url}> {{ ?a ?b ?c }}\" AS ?service) FILTER (?service != service:x) }}")
    status, _, body = get(endpoint, query)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["service"]["value"].startswith("SERVICE <")
    assert listener.hits == 0


@pytest.fixture(scope="module")
def opened(listener):
    """A server that lets SERVICE through and lets one origin's pages read its answers."""
    with running("--allow-service", "--cors", "https://research.example") as s:
        yield s


def test_allow_service_lets_service_through(opened, listener):
    before = listener.hits
    status, _, body = get(opened.url, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?a ?b ?c }} }}")
    assert status == 200, body
    assert listener.hits > before
    status, _, body = get(opened.url, f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}")
    assert status == 400 and "FROM" in body   # still: this endpoint serves one graph


def test_no_cors_header_unless_an_origin_is_given(endpoint, opened):
    origin = {"Origin": "https://research.example"}
    status, headers, _ = get(endpoint, "ASK {}", origin)
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = get(opened.url, "ASK {}", origin)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://research.example"
    status, headers, _ = get(opened.url, "ASK {}", {"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in headers
    preflight = urllib.request.Request(opened.url + "/sparql", method="OPTIONS", headers={
        **origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    with urllib.request.urlopen(preflight) as r:
        assert r.headers["Access-Control-Allow-Origin"] == "https://research.example"
        assert "POST" in r.headers["Access-Control-Allow-Methods"]


def test_a_page_that_names_itself_127_0_0_1_is_not_served(endpoint):
    """DNS rebinding: a web page whose own host name now points at 127.0.0.1 sends its own name."""
    for host in ("attacker.example", "attacker.example:80"):
        status, _, _ = get(endpoint, "ASK {}", {"Host": host})
        assert status == 400
    port = urllib.parse.urlsplit(endpoint).port
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert get(endpoint, "ASK {}", {"Host": host})[0] == 200


# --- limits ---------------------------------------------------------------------------------------

def test_a_query_over_the_memory_cap_gets_503_and_its_worker_is_replaced(served):
    before = served.workers()
    status, _, body = get(served.url, DOUBLING)
    assert status == 503 and "memory" in body and "1 GB" in body, body
    assert until(lambda: served.workers() != before and len(served.workers()) == len(before))
    assert client(served.url, ORGANISERS).query().response.status == 200


@pytest.mark.parametrize("length", [b"-1", b"abc", b"1e3", b"99999999999999999999999"])
def test_a_bad_content_length_gets_400(endpoint, length):
    answer = raw(endpoint, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: " + length + b"\r\nConnection: close\r\n\r\nASK {}")
    status = answer.split(b"\r\n", 1)[0]
    assert status.split()[1:2] in ([b"400"], [b"413"]), answer[:200]   # (413: a number over 1 MB)


def test_a_body_over_1_mb_gets_413(endpoint):
    answer = raw(endpoint, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                           b"Content-Length: 2000000\r\nConnection: close\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 413")


def test_slow_clients_are_dropped_and_pin_no_threads(strict):
    host, port = urllib.parse.urlsplit(strict.url).netloc.split(":")
    halves = [b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n",   # headers never finished
              b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
              b"Content-Length: 100\r\n\r\nASK",                               # body never finished
              b""]                                                            # nothing at all
    threads = strict.threads()
    connections = []
    for i in range(300):
        s = socket.create_connection((host, int(port)))
        s.sendall(halves[i % 3])
        connections.append(s)
    started = time.monotonic()
    assert get(strict.url, "ASK {}")[0] == 200   # served meanwhile
    assert time.monotonic() - started < 5
    assert strict.threads() <= threads + 2       # no thread per connection

    def closed(s):
        s.settimeout(0.01)
        try:
            return s.recv(4096) == b""
        except socket.timeout:
            return False
        except OSError:
            return True

    timeout = 1
    open_ = list(connections)

    def all_closed():
        open_[:] = [s for s in open_ if not closed(s)]
        return not open_

    assert until(all_closed, timeout=timeout + 14), f"{len(open_)} of 300 still open"
    for s in connections:
        s.close()
    answer = raw(strict.url, halves[1], wait=timeout + 9)
    assert answer.startswith(b"HTTP/1.1 408") and b"not received in full within 1 s" in answer


def test_timeout_stops_a_runaway_query_and_the_next_query_waits_for_the_new_worker(strict):
    started = time.perf_counter()
    status, _, body = get(strict.url, RUNAWAY)
    assert status == 503 and "time limit of 1 s" in body
    assert time.perf_counter() - started < 10
    # The replacement opens its store (the graph and its OWL-RL closure) before it answers: the next
    # queries wait for it rather than counting its start against their limit.
    for _ in range(3):
        assert client(strict.url, ORGANISERS).query().response.status == 200


def test_result_size_cap(strict):
    status, _, body = get(strict.url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and "add a LIMIT" in body
    limited = client(strict.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 50").query().convert()
    assert len(limited["results"]["bindings"]) == 50


def test_a_worker_that_died_while_idle_never_fails_the_next_query(served):
    workers = served.workers()
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    assert until(lambda: all(gone(pid) for pid in workers)), workers
    for _ in range(3):
        status, _, body = get(served.url, ORGANISERS)
        assert status == 200, body
    assert until(lambda: len(served.workers()) == len(workers) and not set(served.workers()) & set(workers)), \
        (workers, served.workers())


def load(url, clients=8, total=2000, during=None):
    """``(errors, sorted latencies in ms)`` of ``total`` queries from ``clients`` SPARQLWrapper clients;
    ``during(done)`` is called after each answer (with the number done so far)."""
    questions = [ORGANISERS, NAMED["posts-of-ge-guoke"].text, NAMED["industry-chain-in-order"].text]
    errors, latencies = [], []

    def run(worker):
        for i in range(total // clients):
            started = time.perf_counter()
            try:
                body = client(url, questions[(worker + i) % 3]).query().response.read()
                json.loads(body)
                latencies.append((time.perf_counter() - started) * 1000)
            except Exception as e:   # every failure is counted, none is fatal to the test run
                errors.append(repr(e))
            if during:
                during(len(latencies))

    threads = [threading.Thread(target=run, args=(w,)) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors, sorted(latencies)


def report(record_property, name, latencies):
    p50, p99 = (latencies[min(len(latencies) - 1, int(q * len(latencies)))] for q in (0.5, 0.99))
    record_property(f"{name}_p50_ms", round(p50, 1))
    record_property(f"{name}_p99_ms", round(p99, 1))
    print(f"{name}: {len(latencies)} answers, p50 {p50:.1f} ms, p99 {p99:.1f} ms")


def test_load_2000_queries_from_8_clients_without_error(endpoint, record_property):
    errors, latencies = load(endpoint)
    assert errors == [] and len(latencies) == 2000
    report(record_property, "load", latencies)


@pytest.mark.parametrize("served", ["rdflib"], indirect=True)   # its queries take long enough to be killed in
def test_load_with_a_worker_killed_mid_run_without_error(served, record_property):
    killed, lock = [], threading.Lock()

    def kill_one(done):
        with lock:
            if not killed and done >= 500:
                killed.append(served.workers()[0])
                os.kill(killed[0], signal.SIGKILL)

    errors, latencies = load(served.url, during=kill_one)
    assert killed and gone(killed[0])
    assert errors == [] and len(latencies) == 2000
    report(record_property, "load_with_a_worker_killed", latencies)


def test_query_page_works_offline(endpoint, chromium):
    from reportgraph import browser

    visit = browser.open_page(chromium, endpoint + "/", ready=None, allow=(endpoint,))
    visit.page.click("#questions button[data-name=organisers-of-docking-activity]")
    visit.page.wait_for_selector("body[data-answered=true]", state="attached")
    cells = visit.page.locator("#results td").all_inner_texts()
    assert cells == ["工业和信息化部", "广西壮族自治区人民政府"]
    assert visit.errors == [] and visit.blocked == []
    assert [m for m in visit.console if m[0] == "error"] == []
    visit.page.close()


def test_query_command_shares_an_oxigraph_store_with_a_running_server(tmp_path):
    from helpers import cli

    store = f"oxigraph:{tmp_path / 'shared'}"
    with server("--store", store) as url:
        result = cli(ROOT, "query", "organisers-of-docking-activity", "--store", store)
        assert result.returncode == 0, result.stderr
        assert "工业和信息化部" in result.stdout
        assert client(url, ORGANISERS).query().response.status == 200


def test_result_size_cap_on_rdflib_stops_reading_early():
    """rdflib finds the rows of a SELECT as they are read: over the cap, no more are read than the cap and
    one (the endpoint's refusal, quick whatever the graph's size), the first rows of the result; under the
    cap, every row."""
    from reportgraph import sparql as S

    store = S.open_store(Paths(ROOT), "rdflib")
    for query in ("SELECT * WHERE { ?s ?p ?o }", "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s"):
        whole = store.query(query).result.bindings
        assert len(whole) > 11 and store.query(query, max_rows=10).result.bindings == whole[:11]
        assert store.query(query, max_rows=len(whole)).result.bindings == whole


def test_result_size_cap_on_oxigraph_stops_reading_early(tmp_path):
    from reportgraph import sparql as S

    store = S.open_store(Paths(ROOT), f"oxigraph:{tmp_path / 'cap'}")
    answer = store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(answer.result.bindings) == 11   # the cap plus one: enough to refuse, no more read
    with server("--max-rows", "50", "--store", f"oxigraph:{tmp_path / 'cap2'}") as url:
        request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?s ?p ?o }"}))
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 400 and "cap of 50 rows" in e.value.read().decode()


def test_a_store_too_large_for_the_memory_cap_stops_the_server_with_a_message():
    result = subprocess.run([sys.executable, "build_graph.py", "serve", "--port", "0", "--max-memory", "1M"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "raise --max-memory" in result.stderr
