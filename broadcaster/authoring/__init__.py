"""Authoring: agencies, campaign files, templates, photos and approvals. Nothing here sends."""
