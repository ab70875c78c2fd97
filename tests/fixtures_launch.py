"""Launched campaigns ready for tests (launch area)."""
