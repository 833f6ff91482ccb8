"""Which text the model wrote: spans kept through edits and saves, tinted on request, reported."""
