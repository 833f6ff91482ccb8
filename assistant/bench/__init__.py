"""Measurements, not product code: `writing-assistant bench` and the GUI heartbeat probe.

`speed` and `quality` use the engine (torch, no Qt); `ghost` and `heartbeat` drive
the real window offscreen. Nothing in the app imports this package except the CLI.
"""
