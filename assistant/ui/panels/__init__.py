"""Side panels (docks). Each emits *_requested signals; the main window wires them."""
