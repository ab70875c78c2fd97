"""OAuth 1.0a (HMAC-SHA1) signature checks, as X does them for user-context requests."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from oauthlib.oauth1.rfc5849 import signature, utils

T = TypeVar("T")


def authenticate(
    method: str,
    uri: str,
    authorization: str | None,
    form_body: list[tuple[str, str]] | None,
    lookup: Callable[[str, str], tuple[T, str, str] | None],
) -> T | None:
    """The account whose keys signed this request, or None.

    `lookup(consumer_key, token)` returns (account, consumer_secret, token_secret) or None.
    Only form-encoded bodies take part in the signature (RFC 5849, 3.4.1.3.1).
    """
    if not authorization or not authorization.startswith("OAuth "):
        return None
    try:
        params = {k: utils.unescape(v) for k, v in utils.parse_authorization_header(authorization)}
    except (ValueError, TypeError):
        return None
    if params.get("oauth_signature_method") != "HMAC-SHA1":
        return None
    consumer_key = params.get("oauth_consumer_key", "")
    token = params.get("oauth_token", "")
    given = params.get("oauth_signature", "")
    found = lookup(consumer_key, token)
    if found is None or not given:
        return None
    account, consumer_secret, token_secret = found
    try:
        collected = signature.collect_parameters(
            uri_query=urlsplit(uri).query,
            body=form_body or [],
            headers={"Authorization": authorization},
            exclude_oauth_signature=True,
        )
        base = signature.signature_base_string(
            method.upper(),  # type: ignore[arg-type]
            signature.base_string_uri(uri),
            signature.normalize_parameters(collected),  # type: ignore[arg-type]
        )
    except (ValueError, TypeError):
        return None
    key = f"{utils.escape(consumer_secret)}&{utils.escape(token_secret)}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    expected = base64.b64encode(digest).decode()
    return account if hmac.compare_digest(expected, given) else None
