"""Model loading and generation. No Qt imports here, ever.

Importing this package is cheap: torch is imported only by the modules that
need it (loader, generate), so the UI can import the backend contract.
"""
