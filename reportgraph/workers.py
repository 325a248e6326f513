"""The endpoint's query workers: processes that each hold the store and answer one query at a time.

A query runs in a worker process, not in a thread of the server, so that a runaway
query can be stopped (a Python thread cannot be) and its memory capped (``RLIMIT_DATA``:
rdflib then raises MemoryError, Oxigraph's Rust code aborts). A worker that overran the
time limit or the cap is replaced; one that dies for another reason (killed, crashed) is
replaced and the query it had is retried once on another: a dead worker never fails a
request. Imports :mod:`reportgraph.replies`, :mod:`reportgraph.sparql` and
:mod:`reportgraph.paths` of the package.
"""

import asyncio
import multiprocessing
import os
import re
import signal
import sys
from dataclasses import dataclass

from . import sparql
from .paths import Paths
from .replies import TEXT, reply


def parse_size(text: str) -> int:
    """Bytes in a size such as ``1G``, ``512M``, ``800k`` or ``1000000``; 0 means no cap.

    >>> parse_size("1G"), parse_size("512M"), parse_size("0")
    (1073741824, 536870912, 0)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", str(text), flags=re.I)
    if not m:
        raise ValueError(f"{text!r} is not a size: give bytes, or a number with K, M or G (1G, 512M)")
    return int(float(m.group(1)) * 1024 ** " kmgt".index(m.group(2).lower() or " "))


def _mb(n):
    return f"{n / 2**30:g} GB" if n >= 2**30 and n % 2**28 == 0 else f"{n / 2**20:.0f} MB"


MEMORY = ("the query needed more memory than this endpoint's limit of {limit} per query and was "
          "stopped")
TIME = "the query ran past this endpoint's time limit of {limit:g} s and was stopped"


def _data_size():
    """Bytes of this process's data segment (heap and private mappings, what RLIMIT_DATA counts)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def _no_fetching():
    """Under :func:`reportgraph.queries.fetches`, belt and braces: rdflib's SERVICE client and
    FROM loading are switched off in this worker process."""
    import rdflib.plugins.sparql
    from rdflib.plugins.sparql import evaluate

    def refuse(*args, **kwargs):
        raise PermissionError("this endpoint fetches nothing")

    evaluate.urlopen = refuse
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _worker(conn, paths, spec, reason, max_rows, max_memory, allow_service):
    """A worker process: open the store, say so, then answer ``(query, preferences)`` requests
    with ``(status, content type, body, retire)`` until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is for the server, which stops the workers
    os.environ["RUST_BACKTRACE"] = "0"   # Oxigraph over the cap aborts with one line, not a backtrace
    try:
        store = sparql.open_store(paths, spec, reason, read_only=True)
        store.query("ASK {}")   # the parser's first use costs; not a query's time
        if max_memory:
            import resource

            used = _data_size()
            if used + (64 << 20) > max_memory:
                raise MemoryError(f"the store alone takes {_mb(used)} of the worker's memory limit "
                                  f"of {_mb(max_memory)}: raise --max-memory")
            resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
        if not allow_service:
            _no_fetching()
    except Exception as e:
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            text, preferences = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((*reply(store, text, preferences, max_rows, allow_service), False))
        except MemoryError:   # rdflib (Python) over the cap; start afresh, the heap may be in pieces
            conn.send((503, TEXT, MEMORY.format(limit=_mb(max_memory)).encode(), True))
            return


async def _readable(conn, timeout):
    """Whether ``conn`` has something to read (a message, or the end: its worker died) within ``timeout`` s."""
    if conn.poll(0):
        return True
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)


@dataclass(eq=False)
class _Worker:
    process: object
    conn: object


class WorkerFailed(sparql.StoreError):
    """A query worker could not open the store (within its memory limit, or at all)."""


_RETRY = object()


class Pool:
    """Worker processes holding the store, used from one asyncio loop.

    A query waits for a worker that is ready (a replacement counts only once it has opened
    its store, so a query's time limit never includes a worker's start); a worker that overran
    the time limit or the memory cap is replaced, and one found dead is replaced and its
    query retried once.
    """

    def __init__(self, paths: Paths, spec: str = "rdflib", reason: bool = False, size: int = 2,
                 timeout: float = 10.0, max_rows: int = 10000, max_memory: int = 1 << 30,
                 allow_service: bool = False, start_timeout: float = 120.0):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:   # workers start with these imported: a replacement is ready sooner
            self.context.set_forkserver_preload(["reportgraph.workers", "rdflib.plugins.sparql.parser"])
        self.args = (paths, spec, reason, max_rows, max_memory, allow_service)
        self.size, self.timeout, self.max_memory = size, timeout, max_memory
        self.start_timeout = start_timeout
        self.wait = 4 * timeout + start_timeout   # for a free worker, before "busy"
        self.idle = None
        self.workers = set()
        self.tasks = set()

    async def start(self) -> None:
        """Start the workers; :class:`WorkerFailed` if they cannot open the store."""
        self.idle = asyncio.Queue()
        for worker in await asyncio.gather(*(self._spawn() for _ in range(self.size))):
            self.idle.put_nowait(worker)

    async def _spawn(self):
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(theirs, *self.args), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        self.workers.add(worker)
        message = ("failed", f"it did not open the store within {self.start_timeout:g} s")
        if await _readable(mine, self.start_timeout):
            try:
                message = mine.recv()
            except (EOFError, OSError):
                process.join(5)
                message = ("failed", f"it stopped while opening the store (exit code {process.exitcode})")
        if message[0] != "ready":
            self._retire(worker)
            raise WorkerFailed(f"a query worker could not start: {message[1]}")
        return worker

    def _retire(self, worker):
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers.discard(worker)

    def _replace(self, worker):
        """Retire ``worker`` and start another in the background; it joins the idle ones once ready."""
        self._retire(worker)
        task = asyncio.ensure_future(self._refill())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _refill(self):
        for _ in range(3):   # a replacement too may be killed while it starts
            try:
                self.idle.put_nowait(await self._spawn())
                return
            except WorkerFailed as e:
                failure = e
        print(f"error: {failure}", file=sys.stderr, flush=True)

    async def _take(self):
        """An idle, live worker, or None if none is free within ``self.wait`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        while True:
            try:
                worker = await asyncio.wait_for(self.idle.get(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                return None
            if worker.process.is_alive():
                return worker
            self._replace(worker)   # died while idle: not this query's doing

    async def run(self, text: str, preferences: list[str]) -> tuple[int, str, bytes]:
        """``(status, content type, body)`` of a query."""
        for _ in range(2):
            worker = await self._take()
            if worker is None:
                return 503, TEXT, b"all query workers are busy; try again"
            answer = await self._ask(worker, text, preferences)
            if answer is not _RETRY:
                return answer
        return 503, TEXT, b"two query workers in turn stopped while answering this query; try again"

    async def _ask(self, worker, text, preferences):
        """The reply of ``worker``, or ``_RETRY`` if it died of something else than the query."""
        try:
            worker.conn.send((text, preferences))
            if await _readable(worker.conn, self.timeout):
                status, media, body, retire = worker.conn.recv()
                if retire:
                    self._replace(worker)
                else:
                    self.idle.put_nowait(worker)
                return status, media, body
        except (EOFError, OSError):
            worker.process.join(5)
            aborted = worker.process.exitcode == -signal.SIGABRT   # Rust's answer to a failed allocation
            self._replace(worker)
            if aborted and self.max_memory:
                return 503, TEXT, MEMORY.format(limit=_mb(self.max_memory)).encode()
            return _RETRY
        except BaseException:   # cancelled mid-query: the worker's state is unknown
            self._replace(worker)
            raise
        self._replace(worker)
        return 503, TEXT, TIME.format(limit=self.timeout).encode()

    def close(self) -> None:
        """Stop the workers (and any being started)."""
        for task in list(self.tasks):
            task.cancel()
        for worker in list(self.workers):
            self._retire(worker)
