#!/usr/bin/env python3
"""Front door of reportgraph: ``python build_graph.py --help`` lists the commands."""

import gc
import sys

from reportgraph.cli import main

if __name__ == "__main__":
    status = main()
    # The process ends here: the collector's last pass at exit need not scan all that the command
    # made (a 100-report build's graph and views), which the system frees at once.
    gc.freeze()
    sys.exit(status)
