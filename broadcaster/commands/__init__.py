"""Command modules, one per area of the product; see `broadcaster.cli`."""
