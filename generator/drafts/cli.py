"""`atlas new` and `atlas import-hub`: start a catalog entry from a commented skeleton, or from the Hub."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..catalog.kinds import KINDS, Kind
from ..output import write_text_atomic

KIND_NAMES = {name: kind for kind in KINDS for name in (kind.singular, kind.folder)}


def add_commands(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser("new", help="write a commented skeleton entry to fill in",
                         description="Write catalog/<kind>s/<id>.yaml: every field of the kind, with what it means and "
                                     "whether it is required. Fill it in, then run `atlas check`.")
    new.add_argument("kind", metavar="KIND", help="model, dataset, engine, benchmark, service, license or recipe (or the folder name)")
    new.add_argument("id", metavar="ID", help="the entry's id: lowercase letters, digits and single hyphens")
    new.set_defaults(func=cmd_new)

    hub = sub.add_parser("import-hub", help="draft a model (or dataset) entry from its Hugging Face Hub repo",
                         description="Draft catalog/models/<id>.yaml (or datasets/) from the Hub's API and the repo's card. "
                                     "Every drafted fact says where it came from; what the Hub does not say stays unknown "
                                     "or empty. HF_TOKEN is sent when set.")
    hub.add_argument("repo", metavar="ORG/NAME", help="the Hugging Face repo id")
    hub.add_argument("--endpoint", default=os.environ.get("HF_ENDPOINT"), help="Hub endpoint (default: HF_ENDPOINT or the public Hub)")
    hub.add_argument("--kind", choices=["model", "dataset"], default="model")
    hub.add_argument("--id", dest="entry_id", help="the entry's id (default: from the repo's name)")
    hub.add_argument("--force", action="store_true", help="overwrite an existing entry")
    hub.add_argument("--timeout", type=float, default=20.0, help="seconds per call")
    hub.set_defaults(func=cmd_import_hub)


def _kind(name: str) -> Kind | None:
    return KIND_NAMES.get(name.strip().lower())


def _target(args: argparse.Namespace, kind: Kind, entry_id: str) -> tuple[Path, str]:
    root = Path(args.root).resolve()
    path = root / "catalog" / kind.folder / f"{entry_id}.yaml"
    return path, f"catalog/{kind.folder}/{entry_id}.yaml"


def _bad_id(entry_id: str) -> str | None:
    from ..catalog.load import MAX_ID_LENGTH
    from .ids import valid_id

    if valid_id(entry_id):
        return None

    return (f"{entry_id!r} is not an id: use lowercase ASCII letters, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters (such as my-model-7b)")


def cmd_new(args: argparse.Namespace) -> int:
    from .skeleton import default_values, render

    kind = _kind(args.kind)
    if kind is None:
        print(f"atlas new: unknown kind {args.kind!r}; use one of: {', '.join(k.singular for k in KINDS)}", file=sys.stderr)
        return 2
    if problem := _bad_id(args.id):
        print(f"atlas new: {problem}", file=sys.stderr)
        return 2
    path, shown = _target(args, kind, args.id)
    if path.exists() or path.is_symlink():
        print(f"atlas new: {shown} exists already; edit it, or pick another id", file=sys.stderr)
        return 1
    write_text_atomic(path, render(kind, default_values(kind)))
    print(shown, flush=True)
    print(f"Fill in the empty fields of {shown} (each has a comment saying what it means), then run `atlas check`.",
          file=sys.stderr)
    return 0


def cmd_import_hub(args: argparse.Namespace) -> int:
    from .catalog_index import catalog_index
    from .from_hub import HUB_REPO, draft_dataset, draft_model
    from .ids import slug_of
    from .hub_read import HubReadError, read_repo
    from .skeleton import render

    if not HUB_REPO.match(args.repo):
        print(f"atlas import-hub: {args.repo!r} is not a Hugging Face repo id (owner/name)", file=sys.stderr)
        return 2
    kind = KIND_NAMES[args.kind]
    entry_id = args.entry_id or slug_of(args.repo.split("/", 1)[1])
    if problem := _bad_id(entry_id):
        print(f"atlas import-hub: {problem}; choose one with --id", file=sys.stderr)
        return 2
    path, shown = _target(args, kind, entry_id)
    if (path.exists() or path.is_symlink()) and not args.force:
        print(f"atlas import-hub: {shown} exists already; use --force to overwrite it, or --id to pick another id", file=sys.stderr)
        return 1
    token = os.environ.get("HF_TOKEN") or None
    try:
        repo = read_repo(args.repo, args.kind, args.endpoint, token, timeout=args.timeout)
    except HubReadError as exc:
        print(f"atlas import-hub: {exc}", file=sys.stderr)
        return 1
    index = catalog_index(Path(args.root).resolve() / "catalog")
    today = dt.date.today()
    draft = (draft_model if args.kind == "model" else draft_dataset)(repo, index, entry_id, today)
    write_text_atomic(path, render(kind, draft.values, draft.notes, draft.header))
    print(shown, flush=True)
    if repo.card_problem:
        print(f"note: {repo.card_problem}", file=sys.stderr)
    print(f"Drafted from {repo.endpoint}. Left for you: {', '.join(draft.unfilled)}. Check every drafted value "
          f"against its source, then run `atlas check`.", file=sys.stderr)
    return 0
