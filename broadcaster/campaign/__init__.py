"""A campaign after its launch: resolve, cancel, expiry, status and the CAP export."""
