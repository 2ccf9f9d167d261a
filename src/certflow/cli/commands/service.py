"""``certflow serve``: the HTTP API, the event feed and the verification page on uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from certflow import MissingExtraError
from certflow.cli import profile as profiles
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import help_text

__all__ = ["commands", "serve"]

commands = typer.Typer()


@commands.command(help=help_text("Run the HTTP API, the event feed and the verification page."))
@refusals
def serve(
    store: Store = None,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on. Default: 127.0.0.1.")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on. Default: 8000.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (each opens the store). Default: 1.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="The service's public address; QR codes printed hold BASE_URL/v/TOKEN.",
        ),
    ] = None,
) -> None:
    """Run the service until interrupted (settings: [service] in the profile, environment)."""
    try:
        import uvicorn

        from certflow.service import load_settings
    except ImportError as error:
        raise MissingExtraError("service", error.name or "fastapi") from None
    given = {
        key: value
        for key, value in (
            ("host", host),
            ("port", port),
            ("workers", workers),
            ("base_url", base_url),
        )
        if value is not None
    }
    url = given["store"] = profiles.store_url(store)
    with opened(url):  # a store that cannot be opened or written: exit 6, at once
        pass
    path = profiles.chosen_profile_path()
    if path.is_file():
        os.environ["CERTFLOW_CONFIG"] = str(path.resolve())
    settings = load_settings(**given)  # checked here, so a wrong setting is said before starting
    for key, value in given.items():  # the workers read the same settings from the environment
        os.environ[f"CERTFLOW_SERVICE_{key.upper()}"] = str(value)
    uvicorn.run(
        "certflow.service:app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        root_path=settings.root_path,
        proxy_headers=True,
        forwarded_allow_ips=",".join(settings.trusted_proxies),
        access_log=False,
    )
