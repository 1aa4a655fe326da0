#!/usr/bin/env python3
"""Build the timeline site: `python build.py --help` lists the options."""

import sys

from karabakh_timeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
