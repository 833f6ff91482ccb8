"""Continue writing at the cursor, inline or as alternatives in the panel."""
