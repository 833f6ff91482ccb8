"""The window around the documents: main window, workspace protocol, actions, status bar, theme."""
