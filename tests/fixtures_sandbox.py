"""The sandbox drill server in-process on a free port (sandbox area)."""
