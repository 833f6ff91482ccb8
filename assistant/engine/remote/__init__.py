"""Model servers reached over HTTP (OpenAI-compatible). No torch, no Qt."""
