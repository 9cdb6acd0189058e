#!/usr/bin/env python3
"""Validates the app folder (addon/privacy_gateway) against the Home Assistant Supervisor's own schemas.

Usage: check-app-config.py SUPERVISOR_SOURCE_DIR [APP_DIR]

SUPERVISOR_SOURCE_DIR is a checkout of github.com/home-assistant/supervisor with its requirements
installed in the running Python. Any warning the Supervisor would log (a deprecated or legacy option,
such as the `addon_config` map) fails the check, as an error does. Not part of `npm test`: the
Supervisor's sources are not a dependency of this project.
"""

from __future__ import annotations

import logging
from pathlib import Path
import sys

import yaml


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.path.insert(0, sys.argv[1])
    app = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).parents[1] / "addon" / "privacy_gateway")
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    from supervisor.apps import validate  # noqa: PLC0415 (the path is known only at run time)

    problems: list[str] = []
    checks = [
        ("config.yaml", validate.SCHEMA_APP_CONFIG),
        ("build.yaml", validate.SCHEMA_BUILD_CONFIG),
        ("translations/en.yaml", validate.SCHEMA_APP_TRANSLATIONS),
    ]
    for name, schema in checks:
        try:
            schema(yaml.safe_load((app / name).read_text(encoding="utf-8")))
        except Exception as err:  # noqa: BLE001 (voluptuous raises several kinds; each is reported)
            problems.append(f"{name}: {err}")
    problems += [f"warning: {message}" for message in collect.messages]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{app}: config.yaml, build.yaml and translations/en.yaml pass the Supervisor's schemas with no warning")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
