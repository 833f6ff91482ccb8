"""What every assist panel shares: the flow base and small widgets."""
