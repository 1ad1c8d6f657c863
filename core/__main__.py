"""Command line: ``python -m core {geodata build|ingest|extract|store|evaluate|export|assets}``.

Each subcommand is a thin wrapper over core functions; a module that owns a command
exposes ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand → (module, help)
COMMANDS = {
    "geodata": ("core.geo.cli", "build the geodata artifacts from GEODATA_SOURCE"),
    "ingest": ("core.extract.ingest_cli", "read a documents folder and report problems"),
    "extract": ("core.extract.pipeline", "extract events from a documents folder into a table"),
    "store": ("core.table.cli", "event store: info, migrate a table file into a store, remove documents"),
    "evaluate": ("core.evaluate.cli", "score an event table against a gold file"),
    "export": ("core.exports.cli", "export the (filtered) event table or map"),
    "assets": ("core.views.assets", "copy map assets (Leaflet, plugins) into static/vendor"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m core", description="Rasd command line")
    sub = parser.add_subparsers(dest="command", required=True)
    name = argv[0] if argv and argv[0] in COMMANDS else None
    for cmd, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(cmd, help=help_text)
        if cmd == name:  # import only the module of the command being run
            module = importlib.import_module(module_name)
            module.add_arguments(p)
            p.set_defaults(_run=module.run)
    args = parser.parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
