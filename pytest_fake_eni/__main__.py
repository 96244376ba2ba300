"""``python -m pytest_fake_eni serve``."""

import sys

from pytest_fake_eni.cli import main

sys.exit(main())
