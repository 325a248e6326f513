"""Load the built graph into any SPARQL 1.1 store: ``python build_graph.py push URL``.

Two standard ways, both replacing the project's named graph so that pushing twice
leaves the same data:

- ``gsp`` (the default): the SPARQL 1.1 Graph Store HTTP Protocol, one
  ``PUT URL?graph=G`` with the N-Triples file (atomic in the store);
- ``update``: SPARQL 1.1 Update at URL: ``DROP SILENT GRAPH G`` and then ``INSERT DATA``
  in batches, for stores whose Graph Store endpoint is not open to writing.

Where the store asks for a login, ``--user`` and the ``REPORTGRAPH_PASSWORD``
environment variable give it (HTTP Basic or Digest, as the store asks).
"""

import os
import urllib.error
import urllib.parse
import urllib.request

from .sparql import graph_file
from .vocab import DEFAULT_BASE

BATCH = 5000   # triples per INSERT DATA request


class PushError(RuntimeError):
    """The store refused the data; the message has its status and answer."""


def default_graph(base=DEFAULT_BASE):
    """The named graph the project's triples go to: ``<base>graph``."""
    return (base if base.endswith(("/", "#")) else base + "/") + "graph"


def _opener(url, user):
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, os.environ.get("REPORTGRAPH_PASSWORD", ""))
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _send(opener, request, timeout):
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace").strip()[:500]
        raise PushError(f"{request.get_method()} {request.full_url.split('?')[0]}: HTTP {e.code}: {body}") from None
    except urllib.error.URLError as e:
        raise PushError(f"{request.full_url.split('?')[0]}: {e.reason}") from None


def push(root, url, graph=None, protocol="gsp", user=None, timeout=120):
    """Replace ``graph`` in the store at ``url`` with the built graph; returns the triples sent."""
    graph = graph or default_graph()
    lines = [line for line in graph_file(root).read_text(encoding="utf-8").splitlines() if line.strip()]
    opener = _opener(url, user)
    if protocol == "gsp":
        separator = "&" if "?" in url else "?"
        request = urllib.request.Request(
            f"{url}{separator}{urllib.parse.urlencode({'graph': graph})}", method="PUT",
            data=("\n".join(lines) + "\n").encode("utf-8"),
            headers={"Content-Type": "application/n-triples"})
        _send(opener, request, timeout)
    elif protocol == "update":
        updates = [f"DROP SILENT GRAPH <{graph}>"]
        for start in range(0, len(lines), BATCH):
            updates.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(lines[start:start + BATCH]) + "\n} }")
        for update in updates:
            request = urllib.request.Request(
                url, method="POST", data=urllib.parse.urlencode({"update": update}).encode("utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            _send(opener, request, timeout)
    else:
        raise PushError(f"unknown protocol {protocol!r}: use gsp or update")
    return len(lines)


def count(url, graph, timeout=60):
    """How many triples the store's SPARQL endpoint ``url`` holds in ``graph``."""
    import json

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])

