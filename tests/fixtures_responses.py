"""Tracked replies and metrics for tests (responses area)."""
