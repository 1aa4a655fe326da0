#!/usr/bin/env python3
"""Build the timeline site: `python build.py --help` lists the options."""

from karabakh_timeline.cli import run

if __name__ == "__main__":
    run()
