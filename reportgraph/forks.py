"""Run a function in a forked process of the build and wait for its value (or its exception).

The build forks its helpers (SHACL, the serialisations, GraphML and GEXF; each notebook it runs) so
that they share the pages of the graph and the text already made instead of being sent them; each dies
with its parent.
"""

import gc
import os
from collections.abc import Callable


def forked(function: Callable, *args: object, here: Callable | None = None) -> Callable:
    """Start ``function(*args)`` in a forked process; returns a function that waits for its value.

    Where fork is unavailable ``here(*args)`` (``function`` unless given) runs here and now: a
    function that may change its arguments, as the fork owns copies of them, needs a ``here``
    that does not.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        value = (here or function)(*args)

        def wait():
            return value

        wait.stop = lambda: None
        return wait
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    parent = os.getpid()

    def child():
        die_with_parent(parent)
        gc.freeze()   # the parent's objects are never scanned here, so their pages stay shared
        try:
            send.send((True, function(*args)))
        except BaseException as e:   # handed to the parent, which raises it
            send.send((False, e))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def wait():
        try:
            ok, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"a process of the build died (exit code {process.exitcode})") from None
        finally:
            process.join()
        if not ok:
            raise value
        return value

    def stop():
        if process.is_alive():
            process.kill()
        process.join()

    wait.stop = stop
    return wait


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this (forked) process when its parent dies (``PR_SET_PDEATHSIG``), so
    that a killed build leaves no validating child behind; elsewhere a no-op."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG = 1
    except (AttributeError, OSError):
        return
    if os.getppid() != parent:   # the parent died before the request took effect
        os._exit(1)
