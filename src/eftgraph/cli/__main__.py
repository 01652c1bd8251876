"""``python -m eftgraph.cli``."""

import sys

from eftgraph.cli import main

sys.exit(main())
