"""The synchronized launch: the lease, the journal, the release gate and the executor."""
