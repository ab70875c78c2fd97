"""The coordination console: the pages officers of several agencies use together.

A Starlette app, server-rendered from Jinja2 templates with plain forms: no script at all,
so the Content-Security-Policy allows none. It is an interface over the core: every page
calls the same functions as the CLI (`broadcaster.campaign.status`, `prepare_campaign`,
`approval_status`, the officers registry). Nothing imports it; `broadcaster console` serves
it by its import string (`broadcaster.console.app:from_environment`).
"""
