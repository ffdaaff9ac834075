"""``corroborate serve``: the web app and HTTP API with uvicorn."""

from __future__ import annotations

import os

import typer

from .common import DB_OPTION, console, make_app


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command()
    def serve(
        db: str = DB_OPTION,
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", help="TCP port."),
        workers: int = typer.Option(1, "--workers", min=1,
                                    help="Worker processes (each opens the store; "
                                    "job status is kept in the store, so any worker "
                                    "answers it)."),
        private: bool = typer.Option(False, "--private",
                                     help="Close read endpoints too (they need the token)."),
        log_level: str = typer.Option("info", "--log-level",
                                      help="uvicorn log level (warning for quiet)."),
    ) -> None:
        """Serve the incident browser and the JSON API (/api/v1/) on HOST:PORT.

        Write endpoints (POST /api/v1/articles, the ingest page) need the token in
        CORROBORATE_TOKEN; without it they are refused.
        """
        import uvicorn

        corroborate = make_app(db, create=True, private=private or None)
        # open the store now: a bad --db fails here, with its catalogue error
        _ = corroborate.store
        settings = corroborate.settings
        if not (settings.token or settings.tokens):
            console.print("[yellow]note[/yellow] no CORROBORATE_TOKEN or CORROBORATE_TOKENS: "
                          "uploads, review edits and POST /api/v1/articles are refused",
                          highlight=False)
        console.print(f"Serving {settings.db} on http://{host}:{port}/incidents "
                      f"(API: http://{host}:{port}/api/v1/openapi.json)", highlight=False)
        if workers > 1:
            # worker processes rebuild the app from the environment
            corroborate.close()
            os.environ["CORROBORATE_DB"] = settings.db
            if settings.private:
                os.environ["CORROBORATE_PRIVATE"] = "true"
            uvicorn.run("corroborate.web:app_from_env", factory=True, host=host, port=port,
                        workers=workers, log_level=log_level)
            return
        from ..web import create_app

        uvicorn.run(create_app(corroborate), host=host, port=port, log_level=log_level)
