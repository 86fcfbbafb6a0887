"""`atlas …`: the command line of Open Model Atlas (also `python -m generator …`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildFailed, Project, build_site
from .site import PAGES_PER_BATCH
from .output import UnsafeOutput
from .drafts.cli import add_commands as add_draft_commands
from .determinism.cli import add_commands as add_determinism_commands
from .mof.cli import add_commands as add_mof_commands
from .verify.cli import add_commands as add_verify_commands
from .problems import CatalogError, format_problems


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve())


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        catalog = project.load()
    except CatalogError as exc:
        print(format_problems(exc.problems, args.format), file=sys.stdout if args.format == "json" else sys.stderr)
        if args.format == "text":
            print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
        return 1
    if args.format == "json":
        print(format_problems([], "json"))
    else:
        counts = ", ".join(f"{len(entries)} {folder}" for folder, entries in catalog.entries.items())
        print(f"catalog is valid: {counts}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        counts = build_site(project, args.batch_size, args.jobs)
    except CatalogError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; the site was not built.", file=sys.stderr)
        return 1
    except (BuildFailed, UnsafeOutput) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"built {project.site}: {counts['pages']} pages (entry pages: {counts['entry_pages_built']} built in "
          f"{counts['batches']} batch(es), {counts['entry_pages_reused']} unchanged and reused), "
          f"{counts['api_files']} API files")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema.export import write_schemas

    written = write_schemas(Path(args.out) if args.out else _project(args).root / "schemas")
    for path in written:
        print(path)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(_project(args), args.dev_addr)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (holding catalog/ and mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate the catalog and report every problem")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="validate, render and build the site into site/")
    build.add_argument("--batch-size", type=_positive, default=PAGES_PER_BATCH, metavar="N",
                       help=f"entry pages per mkdocs run (default {PAGES_PER_BATCH}): fewer use less memory,"
                            " more start up less often")
    build.add_argument("--jobs", type=_positive, default=None, metavar="N",
                       help="mkdocs runs at a time (default: one per CPU)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview the site with live reload while you edit catalog/ or docs/")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)

    schema = sub.add_parser("schema", help="write the JSON Schema files editors use")
    schema.add_argument("--out", help="folder to write to (default: schemas/)")
    schema.set_defaults(func=cmd_schema)
    add_draft_commands(sub)
    add_mof_commands(sub)
    add_verify_commands(sub)
    add_determinism_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
