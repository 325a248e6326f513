"""What the package's HTML pages share: their templates and their Content-Security-Policy.

The explorer (:mod:`reportgraph.explorer`) and the endpoint's query page
(:mod:`reportgraph.serve`) are both rendered from ``templates/`` and both run no script but
their own inline ones. That is here, and only that, so that ``serve`` need not import the
explorer (and with it networkx, igraph and pyvis) for a template folder and a policy.
Imports nothing of the package.
"""

import base64
import hashlib
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

#: The pages' templates, scripts and styles.
ASSETS = Path(__file__).parent / "templates"


def environment() -> Environment:
    """Jinja over :data:`ASSETS`, escaping everything it fills in (report text is untrusted); its
    ``tojson`` writes JSON with orjson (:func:`_json`), made safe for HTML as Jinja makes it."""
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True)
    env.policies["json.dumps_function"] = _json
    return env


def _json(value, sort_keys: bool = False, **_) -> str:
    """``value`` as compact JSON, UTF-8 text as it is (a corpus's page is tens of megabytes of it: the
    standard library's encoder, escaping every Chinese character, took a fifth of the page's time).

    >>> _json({"b": [1, 2.5], "a": "铝"}, sort_keys=True)
    '{"a":"铝","b":[1,2.5]}'
    """
    import orjson

    try:
        return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY | (orjson.OPT_SORT_KEYS if sort_keys else 0)).decode("utf-8")
    except TypeError:   # what orjson does not write (a key not a string, an integer past 64 bits): as Jinja would
        return json.dumps(value, sort_keys=sort_keys)


def with_policy(page: str) -> str:
    """Fill in the page's Content-Security-Policy: only its own inline scripts (by hash) may run.

    The policy in the template names ``'rg-script-hashes'`` where the hashes go.

    >>> policy = "script-src 'rg-script-hashes'"
    >>> page = with_policy(f'<meta content="{policy}"><script>go()</script>')
    >>> page.split('"')[1]
    "script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"
    """
    hashes, at = [], page.find("<script>")
    while at >= 0:   # each <script>…</script> (str.find: a pattern's scan of a corpus's page took a tenth of a second)
        end = page.find("</script>", at + 8)
        if end < 0:
            break
        digest = base64.b64encode(hashlib.sha256(page[at + 8:end].encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
        at = page.find("<script>", end + 9)
    return page.replace("'rg-script-hashes'", " ".join(hashes), 1)
