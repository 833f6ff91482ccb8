"""The bridge to the engine: one worker thread, and a job object per request."""
