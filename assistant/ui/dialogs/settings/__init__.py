"""Settings › Preferences: pages and their fields."""
