"""The ``hanji`` command: serve, migrate, manage domains, keys and tokens, and OCR files offline."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from hanji.cli_ocr import ocr_command
from hanji.cli_operators import operator_app, token_list, token_revoke
from hanji.cli_support import DataDir, database, print_json, settings_for
from hanji.cli_train import train_app
from hanji.config import Settings
from hanji.services.management import domains, gateway, operators, tokens
from hanji.storage.database import upgrade_database
from hanji.web.models.domains import DomainList, copied_domain_view, domain_view

app = typer.Typer(help="Hanji: self-hosted, CLOVA-OCR-compatible document OCR.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
domain_app = typer.Typer(help="Create, list, show, copy and delete domains.", no_args_is_help=True)
key_app = typer.Typer(help="Secret keys of a domain's invoke URLs.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for automation.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(domain_app, name="domain")
app.add_typer(key_app, name="key")
app.add_typer(token_app, name="token")
app.add_typer(operator_app, name="operator")
token_app.command("list")(token_list)
token_app.command("revoke")(token_revoke)
app.add_typer(train_app, name="train")
app.command("ocr")(ocr_command)


def _print_version(value: bool) -> None:
    if value:
        from hanji import __version__

        typer.echo(f"hanji {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Hanji: self-hosted, CLOVA-OCR-compatible document OCR."""


def _base_url(settings: Settings) -> str:
    return settings.public_url or f"http://{settings.host}:{settings.port}/"


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Listen address [env HANJI_HOST, default 127.0.0.1].")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Listen port [env HANJI_PORT, default 8000].")] = None,
    data_dir: DataDir = None,
) -> None:
    """Run the HTTP service (API, invoke URLs, console) on the embedded defaults."""
    import uvicorn

    from hanji.server import create_app

    settings = settings_for(data_dir, host=host, port=port)
    # Hanji's own progress (models loading, workers ready, jobs resumed) beside uvicorn's lines.
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s:     %(message)s")
    typer.echo(
        f"Hanji serving on http://{settings.host}:{settings.port}/ (data: {settings.data_dir.resolve()})"
    )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise: only named proxies.
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(settings.trusted_proxies) or "",
    )


@app.command()
def worker(
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", "-c", help="OCR processes [default: HANJI_WORKERS].")
    ] = None,
    queues: Annotated[
        str | None,
        typer.Option("--queues", "-Q", help="Comma list of queues [default: hanji.invoke,hanji.jobs]."),
    ] = None,
    loglevel: Annotated[str | None, typer.Option(help="Log level [env HANJI_LOG_LEVEL].")] = None,
    data_dir: DataDir = None,
) -> None:
    """Run a Celery OCR worker (needs HANJI_BROKER_URL; same database and data dir as `hanji serve`)."""
    from hanji.broker.celery_app import INVOKE_QUEUE, JOBS_QUEUE
    from hanji.workers.app import create_worker_app

    settings = settings_for(data_dir)
    if not settings.broker_url:
        typer.secho("error: set HANJI_BROKER_URL (redis://… or amqp://…) to run a worker", err=True, fg="red")
        raise typer.Exit(2)
    celery = create_worker_app(settings)
    celery.worker_main(
        [
            "worker",
            "--pool=prefork",  # one process per task: a crash or a leak stays in its process
            f"--concurrency={concurrency or settings.worker_count}",
            f"--queues={queues or f'{INVOKE_QUEUE},{JOBS_QUEUE}'}",
            f"--loglevel={(loglevel or settings.log_level).upper()}",
        ]
    )


@db_app.command("upgrade")
def db_upgrade(data_dir: DataDir = None) -> None:
    """Apply database migrations up to the newest schema."""
    settings = settings_for(data_dir)
    upgrade_database(settings.resolved_database_url)
    typer.echo("database is up to date")


@domain_app.command("create")
def domain_create(
    name: Annotated[str, typer.Argument(help="Unique domain name.")],
    code: Annotated[str, typer.Option(help="Unique domain code (letters, digits, . ? & _ -).")],
    service_type: Annotated[str, typer.Option("--type", help="general, template or document.")] = "general",
    languages: Annotated[str, typer.Option("--languages", help="Comma list of ko, ja, zh-TW.")] = "ko",
    model: Annotated[str | None, typer.Option("--model", help="basic/premium, or a document model.")] = None,
    plan: Annotated[str, typer.Option("--plan", help="basic, standard or unlimited.")] = "basic",
    region: Annotated[str, typer.Option(help="Region code, e.g. KR.")] = "KR",
    tables: Annotated[
        bool, typer.Option("--tables/--no-tables", help="General: allow table extraction.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Create a domain and print it with its invoke URL(s)."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        domain = domains.create_domain(
            db,
            name=name,
            code=code,
            service_type=service_type,
            languages=[x.strip() for x in languages.split(",") if x.strip()],
            recognition_model=model,
            service_plan=plan,
            region=region,
            table_extraction=tables,
            actor="cli",
        )
        print_json(domain_view(domain, _base_url(settings)).model_dump(mode="json"))


@domain_app.command("list")
def domain_list(
    q: Annotated[str | None, typer.Option(help="Search id, name or code.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    data_dir: DataDir = None,
) -> None:
    """List domains as a table (or JSON)."""
    from rich.console import Console
    from rich.table import Table

    settings = settings_for(data_dir)
    with database(settings) as db:
        page = domains.list_domains(db, q=q, limit=500)
        if as_json:
            views = [domain_view(d, _base_url(settings)) for d in page.domains]
            print_json(DomainList(data=views, count=page.count).model_dump(mode="json"))
            return
        table = Table("ID", "Name", "Code", "Type", "Languages", "Model", "Plan", "Templates", "Created")
        for d in page.domains:
            table.add_row(
                str(d.id),
                d.name,
                d.code,
                d.service_type,
                ",".join(d.languages),
                d.recognition_model,
                d.service_plan,
                str(len(d.templates)),
                d.created_at.strftime("%Y-%m-%d %H:%M"),
            )
        Console().print(table)


@domain_app.command("show")
def domain_show(domain_id: int, data_dir: DataDir = None) -> None:
    """Print one domain as JSON."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        view = domain_view(domains.get_domain(db, domain_id=domain_id), _base_url(settings))
        print_json(view.model_dump(mode="json"))


@domain_app.command("copy")
def domain_copy(
    domain_id: int,
    name: Annotated[str, typer.Option(help="Name of the copy.")],
    code: Annotated[str, typer.Option(help="Code of the copy.")],
    model: Annotated[str | None, typer.Option("--model", help="Recognition model of the copy.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Copy a Template or Document domain (new URLs, no keys)."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        result = domains.copy_domain(
            db, domain_id=domain_id, name=name, code=code, recognition_model=model, actor="cli"
        )
        print_json(copied_domain_view(result, _base_url(settings)).model_dump(mode="json"))


@domain_app.command("delete")
def domain_delete(
    domain_id: int,
    confirm: Annotated[str, typer.Option(help="The domain's code, to confirm.")],
    data_dir: DataDir = None,
) -> None:
    """Delete a domain with its templates, URLs and keys (statistics stay)."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        domains.delete_domain(db, domain_id=domain_id, confirm=confirm, actor="cli")
    typer.echo(f"deleted domain {domain_id}")


@key_app.command("create")
def key_create(domain_id: Annotated[int, typer.Argument(metavar="DOMAIN")], data_dir: DataDir = None) -> None:
    """Create a secret key for a domain; it is printed once, keep it safe."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        issued = gateway.create_secret_key(
            db,
            domain=domains.get_domain(db, domain_id=domain_id),
            server_key=settings.secret_key,
            actor="cli",
        )
        print_json({"id": issued.key.id, "secret": issued.secret, "prefix": issued.key.prefix})


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option(help="What the token is for, e.g. ci.")] = "cli",
    operator: Annotated[str, typer.Option(help="Whose token it is (their role applies).")] = "admin",
    days: Annotated[int, typer.Option(help="Days it is valid (0: it never expires).")] = 90,
    data_dir: DataDir = None,
) -> None:
    """Create an API token for an operator (the admin by default); it is printed once."""
    settings = settings_for(data_dir)
    with database(settings) as db:
        operators.ensure_admin(db, password=settings.admin_password, data_dir=settings.data_dir)
        owner = operators.find_operator(db, username=operator)
        issued = tokens.create_token(
            db, operator=owner, name=name, server_key=settings.secret_key, expires_in_days=days or None
        )
        expires = issued.token.expires_at.isoformat() if issued.token.expires_at else None
        print_json({"id": issued.token.id, "token": issued.secret, "name": name, "expires_at": expires})


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
