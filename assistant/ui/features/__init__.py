"""The assist features, one package each: flow + panel + `install(workspace)`."""
