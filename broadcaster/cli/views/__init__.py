"""What the commands show: the JSON shapes and the rich tables, one module per command module.

Nothing here touches the database or a platform: a view gets the core's result and prints it.
"""
