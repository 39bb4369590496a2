"""The review application's guards: where it may listen, who may use it, and what a page may do.

- With a token set (``planingest serve`` requires one to listen beyond 127.0.0.1), every
  request carries it: an ``Authorization: Bearer`` header, or the cookie the login form sets.
- Every change is a POST carrying a CSRF token equal to the one in the person's cookie
  (double submit), from this site (``Origin``, when the browser sends one). GET changes nothing.
- Every response carries a strict Content-Security-Policy: scripts, styles and images from the
  application only, no inline script or style, no frames, forms post only here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse

__all__ = [
    "CSP",
    "CSRF_COOKIE",
    "TOKEN_COOKIE",
    "csrf_ok",
    "guard",
    "token_cookie_value",
]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CSRF_COOKIE = "planingest_csrf"
TOKEN_COOKIE = "planingest_token"
OPEN_PATHS = ("/login", "/static/")
"""Reachable without the token: the login form and the files it needs."""


def token_cookie_value(token: str) -> str:
    """What the login cookie holds: a digest of the token, not the token."""
    return hmac.new(token.encode(), b"planingest-review-session", hashlib.sha256).hexdigest()


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    if header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
        return True
    cookie = request.cookies.get(TOKEN_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, token_cookie_value(token))


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """The form's CSRF token matches the cookie's, and the request comes from this site."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


Handler = Callable[[Request], Awaitable[Response]]


def guard(token: str | None) -> Callable[[Request, Handler], Awaitable[Response]]:
    """Middleware: the token check, a CSRF cookie for every visitor, the security headers."""

    async def middleware(request: Request, call_next: Handler) -> Response:
        path = request.url.path
        if token and not path.startswith(OPEN_PATHS) and not _authorised(request, token):
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                response: Response = RedirectResponse("/login", status_code=303)
            else:
                response = PlainTextResponse("a token is required", status_code=401)
        else:
            csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
            request.state.csrf = csrf
            response = await call_next(request)
            if request.cookies.get(CSRF_COOKIE) != csrf:
                response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" sends Origin: null
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return middleware
