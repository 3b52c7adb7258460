"""Handlers of the `taoshelf` subcommands (one module each); wired up by app.cli."""
