"""A working folder as a user has it: agencies.toml, .env, campaigns/ (authoring area)."""
