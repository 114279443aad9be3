"""The `comity` command: a thin shell over comity.api. Library errors become messages here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from comity import __version__
from comity.config import DEFAULT_DB, Config
from comity.errors import ComityError, InputError
from comity.lazy import lazy_module

if TYPE_CHECKING:
    from comity import api
else:
    api = lazy_module("comity.api")  # the store and the pipeline load when a command first needs them

app = typer.Typer(
    help="comity: political event data from news articles, with the evidence behind every row.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]

#: `comity code` exit codes besides 0 (every input coded or unchanged) and 2 (an error, or no input coded).
EXIT_PARTIAL = 3  # some inputs failed, the others were coded or unchanged
EXIT_ERROR = 2


def _show_version(value: bool) -> None:
    if value:
        console.print(f"comity {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print comity's version and exit.")] = False,
) -> None:
    """comity: political event data from news articles, with the evidence behind every row."""


def _fail(exc: ComityError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {exc}")
    return typer.Exit(code=2)


def _config(actors: list[Path] | None, agents: list[Path] | None, verbs: list[Path] | None = None) -> Config:
    return Config(
        actor_files=[str(p) for p in actors or []], agent_files=[str(p) for p in agents or []], verb_files=[str(p) for p in verbs or []]
    )


def _report_verb_dictionaries(config: Config) -> None:
    """What the --verbs dictionaries left out (codes not in the CAMEO codebook), before coding."""
    if not config.verb_files:
        return
    problems = api.event_patterns(config).problems
    for problem in problems[:20]:
        err_console.print(f"[yellow]--verbs:[/yellow] {problem}")
    if len(problems) > 20:
        err_console.print(f"[yellow]--verbs:[/yellow] ... and {len(problems) - 20} more patterns left out")


@app.command("code")
def code_command(
    # Strings, not Paths: a Path would turn "https://host" into "https:/host" before it can be named a URL.
    paths: Annotated[list[str], typer.Argument(help="Files or folders: .txt, .md, .html, .jsonl.")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[Optional[Path], typer.Option("--out", help="Also write mentions.jsonl and events.jsonl here.")] = None,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary (comity YAML or PETRARCH/Phoenix format); repeatable.")] = None,
    agents: Annotated[Optional[list[Path]], typer.Option("--agents", help="Extra agent dictionary; repeatable.")] = None,
    verbs: Annotated[Optional[list[Path]], typer.Option("--verbs", help="Verb dictionary in PETRARCH format, in front of the built-in patterns; repeatable.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (local engine), or workers of the local Dask cluster.")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (into the store) or dask (partitioned Parquet into --out).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="A doc_id given with another text than the stored one replaces that document instead of failing.")] = False,
) -> None:
    """Code articles into the store, showing progress and ending with a summary.
    Exits 0 when every input was coded or unchanged, 3 when some failed, 2 when none could be coded."""
    try:
        config = _config(actors, agents, verbs)
        _report_verb_dictionaries(config)
        if engine == "dask":
            _code_on_dask([Path(p) for p in paths], out, config, scheduler, workers)
            return
        if engine != "local":
            raise InputError(f"--engine must be local or dask, not {engine!r}")
        summary = _run_with_progress(paths, db, out, config, quiet, workers, replace)
    except ComityError as exc:
        raise _fail(exc) from exc
    _print_summary(summary, db)
    _exit_for(summary)


def _exit_for(summary: api.RunSummary) -> None:
    """Exit codes a script can act on; the summary has said which inputs failed and why."""
    if summary.inputs == 0:
        err_console.print("[red]error:[/red] no inputs were found in the given paths; nothing was coded")
        raise typer.Exit(code=EXIT_ERROR)
    if summary.failed and summary.coded + summary.unchanged == 0:
        err_console.print(f"[red]error:[/red] none of the {summary.inputs} input(s) could be coded; see the reasons above")
        raise typer.Exit(code=EXIT_ERROR)
    if summary.failed:
        err_console.print(f"[yellow]{len(summary.failed)} of {summary.inputs} input(s) failed[/yellow]; "
                          "the rest were coded (exit code 3)")
        raise typer.Exit(code=EXIT_PARTIAL)


def _code_on_dask(paths: list[Path], out: Path | None, config: Config, scheduler: str | None, workers: int) -> None:
    from comity.distributed import code_on_dask

    if out is None:
        raise InputError("--engine dask writes partitioned Parquet: name the folder with --out DIR")
    summary = code_on_dask(paths, out, config, scheduler=scheduler, workers=workers)
    console.print(
        f"{summary.partitions} partitions: [green]{summary.coded} coded[/green], [red]{len(summary.failed)} failed[/red]; "
        f"{summary.mentions} event mentions, {summary.events} events"
    )
    for origin, code, message in summary.failed:
        console.print(f"[red]failed[/red] {origin}: {code}: {message}")
    for path in summary.outputs:
        console.print(f"wrote {path}")


def _run_with_progress(
    paths: list[str], db: Path, out: Path | None, config: Config, quiet: bool, workers: int = 1,
    replace: bool = False,
) -> api.RunSummary:
    columns = (SpinnerColumn(), TextColumn("coding"), MofNCompleteColumn(), BarColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[origin]}"))
    with Progress(*columns, console=err_console, disable=quiet, transient=True) as bar:
        task = bar.add_task("code", total=None, origin="")

        def advance(origin: str, status: str) -> None:
            bar.update(task, advance=1, origin=Path(origin).name[:40])

        return api.code(paths, db=db, out=out, config=config, progress=advance, workers=workers, replace=replace)


def _print_summary(summary: api.RunSummary, db: Path) -> None:
    console.print(
        f"{summary.inputs} inputs: [green]{summary.coded} coded[/green], {summary.unchanged} unchanged, "
        f"[red]{len(summary.failed)} failed[/red]; {summary.mentions} event mentions, "
        f"{summary.events} events in {db}"
    )
    if summary.failed:
        table = Table("input", "reason", "message", title="not coded")
        for origin, code, message in summary.failed:
            table.add_row(origin, code, message)
        console.print(table)
    for origin, code, message in summary.warnings:
        console.print(f"[yellow]warning[/yellow] {origin}: {code}: {message}")
    for path in summary.outputs:
        console.print(f"wrote {path}")


@app.command("demo")
def demo_command(db: DbOption = DEFAULT_DB) -> None:
    """Code the bundled demo articles into the store and show what was found."""
    try:
        summary = api.code([api.DEMO_DIR], db=db)
        events = api.event_records(db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    _print_summary(summary, db)
    console.print(_events_table(events))


def _events_table(events: list[dict]) -> Table:
    table = Table("date", "source", "CAMEO", "target", "place", "articles", "sources", title="events")
    for event in sorted(events, key=lambda e: (e.get("date") or "", e["event_id"])):
        source, target = event.get("source") or {}, event.get("target") or {}
        place = (event.get("place") or {}).get("name") or ""
        table.add_row(
            event.get("date") or "?", f"{source.get('text', '')} [{source.get('code') or '-'}]",
            event["cameo"], f"{target.get('text', '')} [{target.get('code') or '-'}]", place,
            str(event["num_articles"]), str(event["num_sources"]),
        )
    return table


@app.command("show")
def show_command(
    doc_id: Annotated[str, typer.Argument(help="The document id (a file input's name without extension).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the document as JSON.")] = False,
) -> None:
    """Show an article with its metadata, its sections and the event mentions coded from it."""
    try:
        doc = api.show(doc_id, db=db)
        mentions = api.document_mentions(doc_id, db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    if as_json:
        console.print_json(json.dumps(api.document_to_dict(doc, mentions), default=str))
        return
    console.print(render_document(doc, mentions))


@app.command("docs")
def docs_command(
    db: DbOption = DEFAULT_DB,
    failed: Annotated[bool, typer.Option("--failed", help="List the inputs that failed, with their reasons, instead.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines, one record per line.")] = False,
) -> None:
    """List the documents in the store with their metadata, or with --failed the inputs that could not be coded."""
    try:
        frame = api.failed_inputs(db=db) if failed else api.documents(db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    if as_json:
        console.file.write(frame.to_json(orient="records", lines=True, date_format="iso", force_ascii=False))
        return
    if failed:
        table = Table("input", "doc_id", "reason", "message", title="failed inputs (as of their latest run)")
        for row in frame.itertuples(index=False):
            table.add_row(row.origin, _cell(row.doc_id), row.problem_code or "", row.message or "")
    else:
        table = Table("doc_id", "title", "outlet", "published", "mentions")
        for row in frame.itertuples(index=False):
            table.add_row(row.doc_id, _cell(row.title)[:60], _cell(row.outlet), _cell(row.published), str(row.mentions))
    console.print(table)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold annotations, JSON Lines in the interchange gold format.")],
    mentions: Annotated[Optional[Path], typer.Option("--mentions", help="Score this mentions.jsonl.")] = None,
    docs: Annotated[Optional[list[Path]], typer.Option("--docs", help="Code the documents the gold names in these files, folders or JSON Lines corpora, and score the result; repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    why: Annotated[bool, typer.Option("--why", help="With --docs: trace every missed gold row, false positive and wrong date to the stage where it went wrong, and print the losses by cause.")] = False,
) -> None:
    """Score event mentions against gold: precision, recall, dates, leaks, clusters."""
    from comity import eval as evaluation

    if (mentions is None) == (not docs):
        err_console.print("[red]error:[/red] give exactly one of --mentions FILE or --docs PATH...")
        raise typer.Exit(code=2)
    if why and mentions is not None:
        err_console.print("[red]error:[/red] --why needs --docs: it codes the documents again to see where each event was lost")
        raise typer.Exit(code=2)
    try:
        gold_rows = evaluation.load_gold(gold)
        if why:
            report, losses = api.trace_gold(gold_rows, docs or [])
        else:
            found = evaluation.load_mentions(mentions) if mentions else api.code_paths(docs or [], doc_ids={row.doc_id for row in gold_rows})
            report, losses = evaluation.evaluate(gold_rows, found), None
    except ComityError as exc:
        raise _fail(exc) from exc
    if as_json:
        result = report.to_dict() | ({"losses": [loss.to_dict() for loss in losses]} if losses is not None else {})
        console.print_json(json.dumps(result))
        return
    console.print(evaluation.render(report))
    if losses is not None:
        from comity.loss_trace import render_losses

        console.print(render_losses(losses))


_SECTION_STYLE = {
    "headline": "bold", "body": "", "comment": "dim magenta", "boilerplate": "dim cyan",
    "caption": "dim yellow", "metadata": "dim", "repeat": "dim strike",
}


def render_document(doc, mentions: list[dict]):  # -> rich renderable
    from rich.console import Group
    from rich.text import Text

    meta = doc.meta
    header = Table.grid(padding=(0, 2))
    for label, found in (("title", meta.title), ("outlet", meta.outlet), ("published", meta.published),
                         ("url", meta.url)):
        if found is not None and found.value:
            precision = f", {found.precision}" if found.precision else ""
            header.add_row(label, f"{found.value}  [dim]({found.basis}{precision})[/dim]")
    parts: list = [Text(f"{doc.doc_id}  ({doc.origin})", style="bold underline"), header]
    for problem in doc.problems:
        parts.append(Text(f"warning: {problem.code}: {problem.message}", style="yellow"))
    for section in doc.sections:
        coded = section.kind in ("headline", "body")
        label = str(section.kind) + ("" if coded else " · not coded") + (f" · {section.reason}" if section.reason else "")
        parts.append(Text(f"[{label}]", style="dim"))
        parts.append(Text(section.span.text(doc.text), style=_SECTION_STYLE.get(str(section.kind), "")))
    if mentions:
        table = Table("evidence", "source", "CAMEO", "target", "date", "factuality", title="event mentions")
        for m in mentions:
            source, target = m.get("source") or {}, m.get("target") or {}
            table.add_row(m["evidence"]["text"][:80], source.get("code") or "-", m["cameo"],
                          target.get("code") or "-", m.get("date") or "?", m["factuality"])
        parts.append(table)
    return Group(*parts)


@app.command("actor")
def actor_command(
    name: Annotated[str, typer.Argument(help="A name or part of one: 'Diaz-Canel', 'DPRK', 'Workers Party'.")],
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Also search this actor dictionary; repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Show actors matching a name: code, country, every name variant and the roles held, with dates."""
    try:
        profiles = api.actor_profiles(name, _config(actors, None))
    except ComityError as exc:
        raise _fail(exc) from exc
    if as_json:
        console.print_json(json.dumps(profiles))
        return
    if not profiles:
        err_console.print(f"no actor matches {name!r}; add one with an actor file (see docs/actors.md) and --actors")
        raise typer.Exit(code=1)
    for profile in profiles:
        console.print(f"[bold]{profile['name']}[/bold]  {profile['actor_id']}  kind={profile['kind']} "
                      f"country={profile['country'] or '-'} code={profile['code'] or '-'}")
        console.print("  names: " + "; ".join(profile["variants"]))
        for role in profile["roles"]:
            console.print(f"  {role['start'] or '…'} – {role['end'] or 'now'}  {role['title']}  [{role['code']}]")


@app.command("actors")
def actors_command(
    unresolved: Annotated[bool, typer.Option("--unresolved", help="List the names found in coded articles that resolved to no actor.")] = False,
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows.")] = 50,
) -> None:
    """Actors seen in the store; with --unresolved, the names to add to the dictionaries, most frequent first."""
    if not unresolved:
        err_console.print("nothing to list: use `comity actors --unresolved`, or `comity actor NAME` to look one up")
        raise typer.Exit(code=2)
    try:
        rows = api.unresolved_actors(db=db, limit=limit)
    except ComityError as exc:
        raise _fail(exc) from exc
    table = Table("name", "mentions", "documents", "examples", title="unresolved actor mentions")
    for row in rows:
        table.add_row(row["name"], str(row["mentions"]), str(row["documents"]), ", ".join(row["examples"]))
    console.print(table)


@app.command("serve")
def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Server processes; one per core serves more clients at once.")] = 1,
) -> None:
    """Explore the store in a browser: dyad timelines, events with their evidence, articles, actors, search."""
    import os

    import uvicorn

    from comity.web import create_app
    from comity.web.app import DB_ENVIRONMENT, is_loopback

    try:
        web_app = create_app(db, read_only=True)
    except ComityError as exc:
        raise _fail(exc) from exc
    if not is_loopback(host):
        err_console.print(
            f"[yellow]warning:[/yellow] the app has no authentication: anyone who can reach {host}:{port} "
            "can read every article and event in the store. Serve on 127.0.0.1 unless that is what you want."
        )
    err_console.print(f"comity: serving {db} read-only at http://{host}:{port}/  (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
        return
    os.environ[DB_ENVIRONMENT] = str(Path(db).absolute())  # each worker process builds its own app from it
    uvicorn.run("comity.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@app.command("export")
def export_command(
    format: Annotated[str, typer.Option("--format", help="jsonl | csv | parquet | gdelt | plover.")] = "jsonl",
    what: Annotated[str, typer.Option("--what", help="events | mentions.")] = "events",
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of standard output (required for parquet).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the store's events or mentions: interchange JSONL, flat CSV, Parquet, the GDELT 2.0 layout, or PLOVER."""
    import sys

    if out is None and format == "parquet":
        err_console.print("[red]error:[/red] Parquet is binary: name a file with --out FILE.parquet")
        raise typer.Exit(code=2)
    try:
        frame = api.export(out if out is not None else sys.stdout.buffer, format=format, what=what, db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    if out is not None:
        err_console.print(f"wrote {len(frame)} {what} to {out}")


@app.command("dyad")
def dyad_command(
    a: Annotated[str, typer.Argument(help="A country (ISO3, 'CUB') or actor code ('CUBGOV').")],
    b: Annotated[str, typer.Argument(help="The other side; both directions are counted.")],
    by: Annotated[str, typer.Option("--by", help="month | year.")] = "month",
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Also draw the timeline into this .png or .svg file.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Per period, the events between two actors by QuadClass with Goldstein sum and mean, then each event with its evidence."""
    try:
        series = api.dyad(a, b, by=by, db=db)
        events = api.dyad_events(a, b, db=db)
        if plot is not None:
            api.dyad_plot(a, b, plot, by=by, db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    console.print(_frame_table(series, f"{a.upper()} – {b.upper()} by {by}"))
    from rich.table import Column

    table = Table(Column("date", no_wrap=True, min_width=10), "source", "CAMEO", "target", "Goldstein",
                  "articles", "sources", Column("evidence", overflow="fold", ratio=1), title="events")
    for row in events.itertuples():
        table.add_row(_cell(row.date), _cell(row.source_code), row.cameo, _cell(row.target_code),
                      f"{row.goldstein:g}", str(row.num_articles), str(row.num_sources), _cell(row.evidence)[:90])
    console.print(table)
    if plot is not None:
        console.print(f"wrote {plot}")


@app.command("sources")
def sources_command(db: DbOption = DEFAULT_DB) -> None:
    """Per outlet and dyad: how many events it reports and the average Goldstein it gives them."""
    try:
        table = api.sources(db=db)
    except ComityError as exc:
        raise _fail(exc) from exc
    console.print(_frame_table(table, "outlets by dyad"))


def _cell(value: object) -> str:
    return "" if value is None or value != value else str(value)  # NaN is the only value unequal to itself


def _frame_table(frame, title: str) -> Table:  # frame: pandas.DataFrame
    table = Table(*map(str, frame.columns), title=title)
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    return table


def run() -> None:
    """The `comity` script: the app, then an exit that skips the interpreter's teardown.

    A coding command leaves a million small objects of compiled knowledge in memory; freeing
    them one by one and collecting them at exit cost about a second after the work was done
    (`bench/startup.py`). Every command has closed its store, pools and files by the time it
    returns, so the process flushes its output and ends without tearing the heap down."""
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
