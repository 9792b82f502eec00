"""The thin Starlette adapter: routes, the websocket, static files."""

from rillet.server.app import create_app

__all__ = ["create_app"]
