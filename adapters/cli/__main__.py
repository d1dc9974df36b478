"""``python -m careerbot.adapters.cli``: the same as the ``careerbot`` command."""

import sys

from careerbot.adapters.cli import main

sys.exit(main())
