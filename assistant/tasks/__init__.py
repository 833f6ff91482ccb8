"""Pure prompt building and output clean-up. No Qt, no torch."""
