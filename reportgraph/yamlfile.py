"""Read a YAML file so that every mapping remembers the line it stands on.

Facts are curated by hand, so every error must point at a line. PyYAML's safe
loader is kept, with three changes: mappings become :class:`Located` dicts that
know their line and the line of each key, a key written twice is an error
(PyYAML would silently keep the last), and dates stay strings so that the
loader, not PyYAML, reports a malformed one with its line. Nesting deeper than
:data:`MAX_DEPTH` is refused before anything is built: PyYAML composes and
constructs by recursion, so a thousand ``[`` raise ``RecursionError`` and fifty
thousand crash the interpreter in libyaml's composer.
"""

import os
from typing import Any

import yaml

#: The deepest nesting of sequences and mappings a file may have (the facts need about six).
MAX_DEPTH = 100


class FactsError(Exception):
    """A problem in an input file, told as ``file:line: problem``."""

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class Located(dict):
    """A mapping read from YAML; ``line`` is its first line, ``key_lines[k]`` the line of key k."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        """Line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # libyaml when present: 5x faster
    pass


# No implicit timestamps: "2023-13-45" must reach our own check, not crash PyYAML.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node):
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            raise FactsError(loader.name, line,
                             f"key '{key}' is written twice in this mapping "
                             f"(first on line {mapping.key_lines[key]})")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_depth(text, path):
    """Raise :class:`FactsError` where ``text`` nests deeper than :data:`MAX_DEPTH`.

    Reads the parser's events with a counter (libyaml's parser keeps its own stack, so
    this is linear and never recurses), before the recursive composer sees the text.
    """
    parser = _Loader(text)
    try:
        depth = 0
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise FactsError(path, event.start_mark.line + 1,
                                     f"nesting deeper than {MAX_DEPTH} levels of lists and mappings")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        parser.dispose()


def load(path: str | os.PathLike) -> Any:
    r"""Parse the YAML file at ``path``; mappings come back as :class:`Located`.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8") as f:
    ...     _ = f.write("- id: china\n  zh: 中国\n")
    ...     f.flush()
    ...     places = load(f.name)
    >>> places[0]["zh"], places[0].line, places[0].line_of("zh")
    ('中国', 1, 2)

    Raises :class:`FactsError` naming the file and line of a syntax error, of nesting
    deeper than :data:`MAX_DEPTH`, or of bytes that are not UTF-8.
    """
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise FactsError(path, line, f"not UTF-8 text: byte 0x{data[e.start]:02x} "
                                     f"at offset {e.start}") from None
    loader = None
    try:
        _check_depth(text, path)
        loader = _Loader(text)
        loader.name = str(path)
        return loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        raise FactsError(path, line, f"YAML syntax error: {e.problem or e.context}") from None
    except yaml.reader.ReaderError as e:   # a character YAML does not allow (control characters …)
        line = text[:e.position].count("\n") + 1 if isinstance(e.position, int) else 0
        raise FactsError(path, line, f"YAML syntax error: {e.reason} (character #x{e.character:04x})") from None
    finally:
        if loader is not None:
            loader.dispose()
