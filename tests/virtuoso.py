"""Start OpenLink Virtuoso (Debian's virtuoso-opensource) for a test, and stop it by its PID.

Virtuoso does not start itself: ``virtuoso-t +configfile INI +foreground`` runs it with
both ports bound to 127.0.0.1, its database in a scratch folder (which DirsAllowed
names) and ResultSetMaxRows raised; it answers a few seconds after it starts. The
anonymous SPARQL user is then granted SPARQL_UPDATE through ``isql-vt``, so that
``python build_graph.py push`` can load the graph.
"""

import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

SERVER, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 500M
CheckpointInterval = 60
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
DefaultQuery = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10
"""


@contextmanager
def running(folder, wait_s=60):
    """A Virtuoso server in ``folder``; yields its SPARQL endpoint URL. Stopped by PID on exit."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    log = open(folder / "stdout.log", "w")
    process = subprocess.Popen([SERVER, "+configfile", str(ini), "+foreground"], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited ({process.returncode}): "
                                   + (folder / "stdout.log").read_text(errors="replace")[-2000:])
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"Virtuoso did not answer at {url} within {wait_s} s")
            time.sleep(0.3)
        subprocess.run([ISQL, str(sql), "dba", "dba", "exec=grant SPARQL_UPDATE to \"SPARQL\";"],
                       check=True, capture_output=True, timeout=30)
        yield url
    finally:
        process.terminate()   # by PID; Virtuoso checkpoints and exits
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
