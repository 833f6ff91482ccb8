"""The Model manager: models on this machine, downloads, speed tests."""
