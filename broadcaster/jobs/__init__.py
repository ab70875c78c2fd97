"""Scheduled work: the pure schedule, the job queue, and the worker with its handlers."""
