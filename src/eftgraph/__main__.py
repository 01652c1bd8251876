"""``python -m eftgraph``."""

import sys

from eftgraph.cli import main

sys.exit(main())
