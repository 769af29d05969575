"""Command-line interface: ``python -m generator COMMAND`` (also ``briefs``).

Commands only parse arguments and print; the work lives in the pipeline
modules. A :class:`~generator.errors.BriefError` becomes one line on stderr
and exit code 2; nothing else reaches the user as a traceback unless
``BRIEFS_DEBUG=1`` is set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.errors import EXIT_BAD_INPUT, BriefError

if TYPE_CHECKING:
    from generator.analyse.analysis import Analysis
    from generator.project import Project

EXIT_INTERNAL = 70


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _project(args: argparse.Namespace) -> "Project":
    from generator.project import Project

    return Project.load(Path(args.glossary) if args.glossary else None)


def _analysis(args: argparse.Namespace) -> tuple["Analysis", "Project"]:
    from generator.analyse.analysis import analyse
    from generator.read import read_document

    project = _project(args)
    return analyse(read_document(args.file), project.lexicon), project


def cmd_parse(args: argparse.Namespace) -> int:
    from generator.read import read_document

    _dump(read_document(args.file).to_dict())
    return 0


def cmd_scorecard(args: argparse.Namespace) -> int:
    from generator.localise.briefs import wording_for
    from generator.render.scorecard_files import scorecard_json

    analysis, project = _analysis(args)
    _dump(scorecard_json(analysis, wording_for(project)))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from generator.analyse.factcheck import SEVERITIES
    from generator.localise.briefs import wording_for

    analysis, project = _analysis(args)
    words = wording_for(project)
    findings = [(f, str(words.sentence(f.sentence, whole=True))) for f in analysis.findings]
    if args.json:
        _dump([{**f.to_dict(), "message": message} for f, message in findings])
        return 0
    for f, message in findings:
        print(f"{args.file}:{f.line or 0}: {f.severity}: {message}")
    counts = ", ".join(f"{sum(1 for f, _ in findings if f.severity == s)} {s}" for s in SEVERITIES)
    print(f"{args.file}: {len(findings)} finding(s): {counts}")
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    from generator.analyse.summaries import summarize_json

    analysis, _ = _analysis(args)
    _dump({**summarize_json(analysis.doc, budget=args.budget), "digest": analysis.digest.to_dict()})
    return 0


def cmd_glossary_check(args: argparse.Namespace) -> int:
    from generator.project import Project

    folder = Path(args.glossary) if args.glossary else None
    _, problems = Project.inspect(folder)
    shown = args.glossary or "glossary"
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {shown}", file=sys.stderr)
        return 1
    print(f"glossary OK: {shown}")
    return 0


def cmd_glossary_gaps(args: argparse.Namespace) -> int:
    from generator.localise.gaps import run_gaps

    return run_gaps(Path(args.file), _project(args), write=args.write)


def _glossary_dir(args: argparse.Namespace) -> Path:
    from generator.paths import Paths

    return Paths.default(Path(args.glossary) if args.glossary else None).glossary


def cmd_glossary_export(args: argparse.Namespace) -> int:
    from generator.lexicon.interchange import export_glossary, format_of

    out = Path(args.out)
    count = export_glossary(_glossary_dir(args), out, format_of(out, args.format))
    print(f"exported {count} entries to {out}")
    return 0


def cmd_glossary_import(args: argparse.Namespace) -> int:
    from generator.lexicon.interchange import format_of, import_glossary

    source = Path(args.file)
    directory = _glossary_dir(args)
    added, changed, unchanged = import_glossary(directory, source, format_of(source, args.format))
    print(f"imported {source}: {added} added, {changed} changed, {unchanged} unchanged ({directory})")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build

    return build(
        [Path(p) for p in args.files],
        out=Path(args.out),
        jobs=args.jobs,
        strict=args.strict or os.environ.get("STRICT") == "1",
        formats=args.formats.split(",") if args.formats else None,
        glossary_dir=Path(args.glossary) if args.glossary else None,
        draft=args.draft,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Bilingual briefs of Chinese government plan reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str,
            parent: Any = sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        p.add_argument("--glossary", "--dir", dest="glossary", default=None, metavar="DIR",
                       help="glossary folder (default: the project's glossary/)")
        return p

    p = add("parse", cmd_parse, "Print the document model of a report as JSON.")
    p.add_argument("file", help="report (.txt, .docx, .html, .md)")

    p = add("scorecard", cmd_scorecard, "Print the indicator scorecard of a report as JSON.")
    p.add_argument("file")

    p = add("check", cmd_check, "Print fact-check findings of a report (exit 0 even when some are found).")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = add("summarize", cmd_summarize, "Print section summaries, key and headline figures, and the digest (the "
            "brief's headline and executive summary facts) as JSON.")
    p.add_argument("file")
    p.add_argument("--budget", type=int, default=200, help="characters per section summary (default 200)")

    p = sub.add_parser("glossary", help="Glossary tools: check, gaps, export, import.",
                       description="Glossary tools: check, gaps, export, import.")
    gsub = p.add_subparsers(dest="glossary_command", required=True, metavar="SUBCOMMAND")
    add("check", cmd_glossary_check, "Validate every glossary file; print file:line:column: message per problem; "
        "exit 1 if any.", gsub)
    g = add("gaps", cmd_glossary_gaps, "List the terms the English brief of FILE needs that the glossary lacks, "
            "as a YAML stub.", gsub)
    g.add_argument("file")
    g.add_argument("--write", action="store_true",
                   help="add the stubs to the glossary file of their kind (keeps comments and order)")
    g = add("export", cmd_glossary_export, "Write every glossary entry to OUT as TBX, CSV or XLSX "
            "(columns: file, zh, en, kind, status, aliases, note, source, id, unit, polarity).", gsub)
    g.add_argument("out", metavar="OUT")
    g.add_argument("--format", choices=("tbx", "csv", "xlsx"), default=None,
                   help="interchange format (default: from OUT's extension)")
    g = add("import", cmd_glossary_import, "Update the glossary from a TBX, CSV or XLSX file: changed entries are "
            "edited in place, new ones appended; nothing is written unless the whole result is valid.", gsub)
    g.add_argument("file", metavar="FILE")
    g.add_argument("--format", choices=("tbx", "csv", "xlsx"), default=None,
                   help="interchange format (default: from FILE's extension)")

    p = add("build", cmd_build, "Render reports into DIR/<name>/ (PDF, DOCX, HTML in zh and en, scorecard).")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", default="build", help="output folder (default: build)")
    p.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (default: CPU count)")
    p.add_argument("--strict", action="store_true", help="fail on any glossary gap (also STRICT=1)")
    p.add_argument("--draft", action="store_true",
                   help="English briefs show suggested glossary renderings (status: suggested), marked, for gaps")
    p.add_argument("--formats", default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BriefError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line unless debugging
        if os.environ.get("BRIEFS_DEBUG") == "1":
            raise
        where = getattr(args, "file", None) or ""
        print(
            f"internal error{' on ' + str(where) if where else ''}: {type(exc).__name__}: {exc} "
            "(rerun with BRIEFS_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
