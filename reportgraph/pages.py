"""What the package's HTML pages share: their templates and their Content-Security-Policy.

The explorer (:mod:`reportgraph.explorer`) and the endpoint's query page
(:mod:`reportgraph.serve`) are both rendered from ``templates/`` and both run no script but
their own inline ones. That is here, and only that, so that ``serve`` need not import the
explorer (and with it networkx, igraph and pyvis) for a template folder and a policy.
Imports nothing of the package.
"""

import base64
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

#: The pages' templates, scripts and styles.
ASSETS = Path(__file__).parent / "templates"


def environment() -> Environment:
    """Jinja over :data:`ASSETS`, escaping everything it fills in (report text is untrusted)."""
    return Environment(loader=FileSystemLoader(ASSETS), autoescape=True)


def with_policy(page: str) -> str:
    """Fill in the page's Content-Security-Policy: only its own inline scripts (by hash) may run.

    The policy in the template names ``'rg-script-hashes'`` where the hashes go.

    >>> policy = "script-src 'rg-script-hashes'"
    >>> page = with_policy(f'<meta content="{policy}"><script>go()</script>')
    >>> page.split('"')[1]
    "script-src 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"
    """
    hashes = []
    for script in re.findall(r"<script>(.*?)</script>", page, flags=re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return page.replace("'rg-script-hashes'", " ".join(hashes), 1)
