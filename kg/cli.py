"""``kg``: a thin command line over the library.  Each command calls one library function."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

__all__ = ["main", "make_parser"]

EXAMPLES = {
    "build": "examples:\n  kg build                       # bundled seeds -> output/\n"
             "  kg build news/ more.txt --out out/\n  kg build news/ --html-max-nodes 500 --no-validate\n"
             "  kg build news/ -j 2 -v           # two extraction processes, time per stage\n"
             "  kg build news/ --executor dask --scheduler tcp://10.0.0.5:8786",
    "extract": "examples:\n  kg extract article.txt\n  echo '武侯区民政局开展“三社联动”' | kg extract -\n"
               "  kg extract --per-line sentences.txt > mentions.jsonl",
    "eval": "examples:\n  kg eval tests/gold/other_cities.jsonl\n"
            "  kg eval tests/gold/seeds.jsonl --files seeds/ --json scores.json",
    "validate": "examples:\n  kg validate output/graph.ttl",
    "view": "examples:\n  kg view output/",
    "export": "examples:\n  kg export output/                 # graph.graphml and graph.gexf for Gephi\n"
              "  kg export output/ --format gexf --out gephi/",
    "analyze": "examples:\n  kg analyze output/\n  kg analyze output/ --out report/ --top 20",
    "query": "examples:\n  kg query --list\n  kg query output/ places_in_district --bind district=天元区\n"
             "  kg query output/graph.ttl relation_evidence --bind predicate=kgo:issuedBy --format csv\n"
             "  kg query output/ 'SELECT ?d WHERE { ?d a kgo:District }' --format json",
}


def _import_writers(validate: bool) -> None:
    """Import the output writers (pyvis, jinja2, rdflib) and pyshacl and parse the shapes.

    ``kg build`` does it while the extraction workers run and this process only
    waits: done before the build or after it, the second core would idle meanwhile.
    """
    from . import export  # noqa: F401

    if validate:
        from .shacl import ontology_graph, shapes_graph

        import pyshacl  # noqa: F401

        ontology_graph()
        shapes_graph()


def _cmd_build(args: argparse.Namespace) -> int:
    from .executor import default_workers
    from .pipeline import build

    t0 = time.perf_counter()
    out = Path(args.out)
    workers = args.workers if args.workers > 0 else default_workers()
    # lazy_graph: the outputs are written from the records; the networkx graph is never needed here.
    kg = build(args.paths or None, progress=not args.quiet and sys.stderr.isatty(), workers=workers,
               executor=args.executor, scheduler=args.scheduler, cache_dir=None if args.no_cache else out / ".cache",
               lazy_graph=True, meanwhile=lambda: _import_writers(args.validate))
    from .export import summary_lines, write_and_validate
    # A one-shot command: the build lives until exit, so no GC pass need ever rescan its millions of objects.
    import gc

    gc.freeze()
    for s in kg.skipped:
        print(f"kg: skipped {s.path}: {s.reason}", file=sys.stderr)
    if not kg.articles:
        print("kg: nothing could be built: no readable article in the input", file=sys.stderr)
        return 1
    if args.strict and kg.skipped:
        print(f"kg: --strict: {len(kg.skipped)} input(s) skipped", file=sys.stderr)
        return 1
    # With two or more workers, Turtle/TriG are written by a forked child beside JSON, HTML and validation.
    t1, built_here = time.perf_counter(), not kg.graph_built
    paths, result = write_and_validate(kg, out, base_iri=args.base_iri, html_max_nodes=args.html_max_nodes,
                                       workers=workers, validate=args.validate)
    graph_s = kg.timings.get("graph", 0.0) if built_here else 0.0  # timed on its own
    kg.timings["outputs+validation"] = round(time.perf_counter() - t1 - graph_s, 4)
    for line in summary_lines(kg):
        if not line.startswith("skipped"):
            print(line)
    if result is not None:
        scope = result.text.splitlines()[0].removeprefix("validated: ")
        print(f"SHACL: {'conforms' if result.conforms else 'does NOT conform'} "
              f"({result.violations} violations, {result.warnings} warnings; {scope})")
        if not result.conforms:
            print(result.text, file=sys.stderr)
    if kg.stats.get("cached"):
        print(f"extraction: {kg.stats['extracted']} article(s) extracted, {kg.stats['cached']} from the cache")
    if args.verbose:
        print("stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in kg.timings.items()))
    print(f"wrote {', '.join(str(p) for p in paths.values())} in {time.perf_counter() - t0:.1f}s")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    import gc

    from .annotate import annotate
    from .extract import load_resources

    res = load_resources()
    # The tables live until exit: load the village table now and freeze the heap, so
    # that no full GC pass rescans their ~400k objects (one pass costs about 0.1 s).
    res.gazetteer.load_villages()
    gc.freeze()
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    with stream:
        if args.per_line:
            for line in stream:  # streamed: one JSON object per input line, in order
                print(json.dumps({"mentions": annotate(line.rstrip("\n"), res)}, ensure_ascii=False))
        else:
            print(json.dumps({"mentions": annotate(stream.read(), res)}, ensure_ascii=False))
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_records, format_table, load_gold
    from .extract import load_resources
    from .resources import seeds_dir

    scores = evaluate_records(load_gold(Path(args.gold)), load_resources(), files_dir=Path(args.files or seeds_dir()))
    print(format_table(scores.table()))
    if args.json:
        Path(args.json).write_text(json.dumps({"scores": scores.table(), "errors": scores.errors},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .shacl import validate

    result = validate(args.file)
    print(result.text if not result.conforms else f"{args.file}: conforms ({result.warnings} warnings)")
    return 0 if result.conforms else 1


def _cmd_query(args: argparse.Namespace) -> int:
    from .sparql import query_list_text, run_query

    if args.list or not args.query:
        sys.stdout.write(query_list_text())
        return 0
    try:
        sys.stdout.write(run_query(args.target, args.query, args.format, args.bind, base_iri=args.base_iri))
    except SyntaxError as exc:
        print(f"kg: query error: {exc}", file=sys.stderr)
        return 2
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .interop import write_gexf, write_graphml
    from .persist import load_graph

    graph = load_graph(args.graph)
    out = Path(args.out or args.graph)
    out.mkdir(parents=True, exist_ok=True)
    if args.format in ("graphml", "both"):
        print(write_graphml(graph, out / "graph.graphml"))
    if args.format in ("gexf", "both"):
        print(write_gexf(graph, out / "graph.gexf"))
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import analyze

    report = analyze(Path(args.graph), Path(args.out or args.graph), top=args.top)
    for _name, path in sorted(report.files.items()):
        print(path)
    return 0


def _cmd_view(args: argparse.Namespace) -> int:
    import webbrowser

    page = Path(args.out) / "graph.html"
    if not page.is_file():
        print(f"kg: {page} does not exist; run `kg build --out {args.out}` first", file=sys.stderr)
        return 1
    webbrowser.open(page.resolve().as_uri())
    print(page.resolve())
    return 0


def _version() -> str:
    from . import __version__
    from .resources import compiled_modules

    compiled = compiled_modules()
    how = f"{len(compiled)} modules compiled with mypyc" if compiled else "pure Python"
    return f"kg {__version__} ({how})"


def make_parser() -> argparse.ArgumentParser:
    from .rdf import DEFAULT_BASE_IRI

    parser = argparse.ArgumentParser(prog="kg", description="Build a knowledge graph from Chinese local-government news.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, helptext: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=helptext, description=helptext, epilog=EXAMPLES[name],
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = add("build", "Build the graph from .txt/.html files and folders (default: the bundled seeds).")
    p.add_argument("paths", nargs="*", help="input files or folders")
    p.add_argument("--out", default="output", help="output folder (default: output/)")
    p.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"base IRI of entities (default: {DEFAULT_BASE_IRI})")
    p.add_argument("--html-max-nodes", type=int, default=2000, help="draw at most N nodes in graph.html")
    p.add_argument("--no-validate", dest="validate", action="store_false", help="skip SHACL validation")
    p.add_argument("--strict", action="store_true", help="fail if any input is skipped")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-j", "--workers", type=int, default=0, help="extraction processes (default: all cores); with 2 or more, Turtle/TriG are also "
                   "written by a second process beside JSON, HTML and validation")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where extraction runs: local processes or a Dask cluster")
    p.add_argument("--scheduler", help="Dask scheduler address for --executor dask, e.g. tcp://host:8786")
    p.add_argument("--no-cache", action="store_true", help="re-extract every article (ignore OUT/.cache)")
    p.add_argument("-v", "--verbose", action="store_true", help="print time per stage and log details")
    p.set_defaults(func=_cmd_build)

    p = add("extract", "Print mentions (JSON) for a text, or for every line with --per-line.")
    p.add_argument("file", nargs="?", default="-", help="text file, or - for standard input")
    p.add_argument("--per-line", action="store_true", help="one JSON object per input line")
    p.set_defaults(func=_cmd_extract)

    p = add("eval", "Precision, recall and F1 per type against a gold JSONL file.")
    p.add_argument("gold", help="gold JSONL file")
    p.add_argument("--files", help="folder of the files named in the gold (default: bundled seeds)")
    p.add_argument("--json", help="also write scores and errors to this JSON file")
    p.set_defaults(func=_cmd_eval)

    p = add("validate", "Validate a Turtle/TriG file against the SHACL shapes.")
    p.add_argument("file", help=".ttl or .trig file")
    p.set_defaults(func=_cmd_validate)

    p = add("query", "Run SPARQL (a bundled query name, a .rq file or text) on a built graph.")
    p.add_argument("target", nargs="?", default="output", help="output folder or .ttl/.trig file")
    p.add_argument("query", nargs="?", help="bundled query name, .rq file or SPARQL text")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="pre-bind a variable: an IRI, a node id (place/430211) or a label (天元区)")
    p.add_argument("--base-iri", default=None, help="base IRI the graph was built with")
    p.add_argument("--list", action="store_true", help="list the bundled queries")
    p.set_defaults(func=_cmd_query)

    p = add("export", "Write GraphML and/or GEXF (Gephi) from a built graph, without re-extracting.")
    p.add_argument("graph", nargs="?", default="output", help="built output folder or graph.json")
    p.add_argument("--format", choices=("graphml", "gexf", "both"), default="both")
    p.add_argument("--out", help="folder for the files (default: the graph folder)")
    p.set_defaults(func=_cmd_export)

    p = add("analyze", "Write report.md, report.json and charts for a built graph.")
    p.add_argument("graph", nargs="?", default="output", help="built output folder (default: output/)")
    p.add_argument("--out", help="where to write the report (default: the graph folder)")
    p.add_argument("--top", type=int, default=10, help="rows per ranking (default: 10)")
    p.set_defaults(func=_cmd_analyze)

    p = add("view", "Open graph.html of a built output folder in the default browser.")
    p.add_argument("out", nargs="?", default="output", help="output folder (default: output/)")
    p.set_defaults(func=_cmd_view)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
