#!/usr/bin/env python3
"""Front door of reportgraph: ``python build_graph.py --help`` lists the commands."""

import sys

from reportgraph.cli import main

if __name__ == "__main__":
    sys.exit(main())
