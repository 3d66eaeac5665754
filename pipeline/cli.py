"""Command line: ``zhkg run | annotate | batch | export``. Only parses arguments and wires stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.export import FORMATS
from pipeline.workers import MAX_DEFAULT_WORKERS, usable_cores


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.nlp import load_pipeline
    from pipeline.run import run

    summary = run(load_pipeline(), args.inputs, args.out, formats=args.format or FORMATS, paper=args.paper)
    counts = summary["counts"]
    print(
        f"{counts['articles']} articles, {counts['entities']} entities, {counts['relations']} relations, "
        f"graph {counts['nodes']} nodes / {counts['edges']} edges → {args.out} "
        f"({summary['timings']['total_seconds']} s); {counts['failures']} failed"
    )
    return 1 if counts["failures"] else 0


def cmd_annotate(args: argparse.Namespace) -> int:
    from pipeline.nlp import ALL_STAGES
    from pipeline.run import annotate

    failures = annotate(args.input, args.output, stages=args.stages or ALL_STAGES, workers=args.workers)
    if failures:
        print(f"{failures} input lines could not be read (see 'error' in {args.output})", file=sys.stderr)
    return 1 if failures else 0


def cmd_batch(args: argparse.Namespace) -> int:
    from pipeline.batch import batch
    from pipeline.nlp import ALL_STAGES

    try:
        summary = batch(args.inputs, args.out, workers=args.workers, batch_size=args.batch_size,
                        formats=args.format or FORMATS, stages=args.stages or ALL_STAGES,
                        engine=args.engine, scheduler_address=args.scheduler, paper=args.paper)
    except (RuntimeError, ValueError) as exc:  # folder locked, store too new, unknown stage, no Dask
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts, store = summary["counts"], summary["store"]
    print(
        f"{counts['processed']} documents processed ({counts['articles']} articles), {counts['skipped']} skipped "
        f"(already done), {counts['failed']} failed, {counts['dropped']} dropped (edited or deleted); "
        f"store {store['done']} done / {store['failed']} failed, "
        f"graph {counts['nodes']} nodes / {counts['edges']} edges → {args.out} ({summary['timings']['total_seconds']} s)"
    )
    return 1 if counts["failed"] else 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import load_graph, write_exports
    from pipeline.store import graph_from_store, has_store

    if args.graph.is_dir() and has_store(args.graph):
        with graph_from_store(args.graph) as graph:
            return print_written(write_exports(graph, args.out or args.graph, args.format or FORMATS))
    source = args.graph / "graph.json" if args.graph.is_dir() else args.graph
    if not source.exists():
        print(f"error: {source}: no saved graph (run `zhkg run` first)", file=sys.stderr)
        return 2
    out = args.out or source.parent
    return print_written(write_exports(load_graph(source), out, args.format or FORMATS))


def print_written(written: dict[str, list[Path]]) -> int:
    """List the exported files; exit status 0."""
    for paths in written.values():
        for path in paths:
            print(path)
    return 0


def positive(value: str) -> int:
    """argparse type: an integer of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def stage_list(value: str) -> list[str]:
    """argparse type: comma-separated pipeline stages, each one of ``pipeline.nlp.ALL_STAGES``."""
    from pipeline.nlp import ALL_STAGES

    stages = [name for name in value.split(",") if name]
    unknown = sorted(set(stages) - set(ALL_STAGES))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown stages {unknown}; choose from {list(ALL_STAGES)}")
    return stages


PAPER_HELP = ("the paper the pages come from (e.g. 昌吉日报): 本报 in bylines and text is named so; "
              "a JSONL record's own \"paper\" field wins")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhkg", description="Chinese government news → knowledge graph.")
    parser.add_argument("--version", action="version", version=f"zhkg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process pages, folders or JSONL into articles.jsonl and the graph")
    run.add_argument("inputs", nargs="*", type=Path, default=[Path("seeds")], help="files, folders or .jsonl (default: seeds/)")
    run.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    run.add_argument("--format", action="append", choices=FORMATS, help="graph export format (repeatable; default: all)")
    run.add_argument("--paper", help=PAPER_HELP)
    run.set_defaults(func=cmd_run)

    annotate = sub.add_parser("annotate", help="annotate clean texts: one JSONL line in, one out")
    annotate.add_argument("input", type=Path, help='JSONL with {"id", "text"} per line')
    annotate.add_argument("output", type=Path, help="JSONL with tokens, entities, relations, topics")
    annotate.add_argument("--workers", type=positive, default=usable_cores(),
                          help=f"worker processes, forked once the pipeline is loaded (default: the usable cores, "
                               f"at most {MAX_DEFAULT_WORKERS}: {usable_cores()})")
    annotate.add_argument("--stages", type=stage_list,
                          help="comma-separated stages, e.g. zhkg_ner for segmentation + NER (default: all)")
    annotate.set_defaults(func=cmd_annotate)

    batch = sub.add_parser("batch", help="process a large collection into a resumable store (DIR/zhkg.sqlite) and the graph")
    batch.add_argument("inputs", nargs="+", type=Path, help="files, folders or .jsonl")
    batch.add_argument("--out", type=Path, required=True, help="batch folder: store, graph exports, batch.json")
    batch.add_argument("--workers", type=positive, default=1,
                       help="worker processes, each loading the pipeline once, also for Dask (default: 1)")
    batch.add_argument("--batch-size", type=positive, default=32, help="documents per chunk sent to a worker (default: 32)")
    batch.add_argument("--format", action="append", choices=FORMATS, help="graph export format (repeatable; default: all)")
    batch.add_argument("--stages", type=stage_list,
                       help="comma-separated pipeline stages, for partial runs (default: the full pipeline)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local worker processes, or a Dask cluster (optional extra zhkg[dask]) (default: local)")
    batch.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="with --engine dask: use this running Dask scheduler instead of starting a local cluster")
    batch.add_argument("--paper", help=PAPER_HELP)
    batch.set_defaults(func=cmd_batch)

    export = sub.add_parser("export", help="re-export a graph (graph.json, a run folder, or a batch folder's store)")
    export.add_argument("graph", type=Path, help="run or batch folder, or a graph.json")
    export.add_argument("--format", action="append", choices=FORMATS, help="format (repeatable; default: all)")
    export.add_argument("--out", type=Path, help="output folder (default: beside the graph)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
