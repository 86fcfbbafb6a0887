"""`atlas mof classify|import|export`: the Model Openness Tool's files, read and written."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from ..output import write_text_atomic
from .convert import MOT_REPOSITORY, from_mot_document, slug_for, to_mot_document
from .mot_yaml import MotFileError, load_mot_yaml, main_classify

MODELINE = "# yaml-language-server: $schema=../../schemas/model.schema.json\n"


def add_commands(sub: argparse._SubParsersAction) -> None:
    mof = sub.add_parser("mof", help="Model Openness Tool files: classify, import, export")
    verbs = mof.add_subparsers(dest="mof_command", required=True)

    classify = verbs.add_parser("classify", help="print each MOT file's class and progress as JSON lines")
    classify.add_argument("files", nargs="+")
    classify.set_defaults(func=lambda args: main_classify(args.files))

    imports = verbs.add_parser("import", help="draft catalog entries from MOT model files")
    imports.add_argument("files", nargs="+")
    imports.add_argument("--out-dir", help="where drafts go (default: catalog/models/)")
    imports.add_argument("--source-url", help="the public URL of the file(s), recorded as the draft's source")
    imports.add_argument("--force", action="store_true", help="overwrite an existing entry")
    imports.set_defaults(func=cmd_import)

    export = verbs.add_parser("export", help="write a catalog model as a MOT model file")
    export.add_argument("id")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from ..build import Project
    from ..catalog.load import ID_PATTERN
    from ..licenses import LicenseRegistry

    project = Project(Path(args.root).resolve())
    out_dir = Path(args.out_dir) if args.out_dir else project.catalog / "models"
    existing_licences = {p.stem for p in (project.catalog / "licenses").glob("*.yaml")}
    registry = LicenseRegistry({}, existing_licences)
    failed = 0
    for name in args.files:
        try:
            document = load_mot_yaml(name)
        except MotFileError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        source = args.source_url or f"{MOT_REPOSITORY}/blob/main/models/{Path(name).name}"
        draft = from_mot_document(document, lambda lic: not registry.parse(lic)[1], source, dt.date.today().isoformat())
        entry_id = slug_for(draft["name"])
        assert ID_PATTERN.match(entry_id)
        target = out_dir / f"{entry_id}.yaml"
        if target.exists() and not args.force:
            print(f"{name}: {target} exists; use --force to overwrite", file=sys.stderr)
            failed += 1
            continue
        write_text_atomic(target, MODELINE + yaml.safe_dump(draft, sort_keys=False, allow_unicode=True, width=100))
        print(target)
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..build import Project, load_or_report

    catalog = load_or_report(Project(Path(args.root).resolve()))
    if catalog is None:
        return 1
    model = catalog.of("models").get(args.id)
    if model is None:
        print(f"no model with id {args.id!r} in catalog/models/", file=sys.stderr)
        return 1
    text = yaml.safe_dump(to_mot_document(model), sort_keys=False, allow_unicode=True, width=100)
    if args.out:
        write_text_atomic(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0
