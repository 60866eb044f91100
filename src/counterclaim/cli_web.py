"""Command line, the browser face: ``counterclaim serve`` runs the web app over a store.

``COMMANDS`` lists the click commands; the main CLI group registers them.
"""

from __future__ import annotations

import sys
from urllib.parse import unquote

import click

from .errors import CounterclaimError
from .store import DEFAULT_PATH, redact


@click.command("serve")
@click.option(
    "--db",
    default=DEFAULT_PATH,
    show_default=True,
    envvar="COUNTERCLAIM_DB",
    metavar="DB",
    help="The store to serve: a SQLite FILE or a database URL (postgresql://user:password@host/db).",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (local only by default)."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option("--read-only", is_flag=True, help="Never store analysed articles; the store is only read.")
def serve_cmd(db: str, host: str, port: int, read_only: bool) -> None:
    """Serve the web app: articles, entities, claims explorer, contradictions, stories, search, analyze."""
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from .web.app import create_app  # noqa: PLC0415

    shown = redact(db)  # a URL's password is never printed
    try:
        app = create_app(db, read_only=read_only)
    except CounterclaimError as exc:
        click.echo(f"counterclaim: {scrub(str(exc), db)}", err=True)
        sys.exit(exc.exit_code)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"counterclaim: warning: serving on {host}, reachable from other machines", err=True)
    click.echo(
        f"counterclaim: serving {shown} on http://{host}:{port}/" + (" (read-only)" if read_only else "")
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def scrub(message: str, location: str) -> str:
    """``message`` with the store location redacted and its URL's password (if any) masked anywhere."""
    message = message.replace(location, redact(location))
    if "://" in location and "@" in location:
        creds = location.split("://", 1)[1].rpartition("@")[0]
        password = creds.split(":", 1)[1] if ":" in creds else ""
        if password:
            message = message.replace(password, "***")
            message = message.replace(unquote(password), "***")
    return message


COMMANDS: list[click.Command] = [serve_cmd]
