"""The web service behind ``charter serve``: a JSON API and pages, beside the command line.

Installed with the ``web`` extra (``pip install 'charter[web]'``). The API
returns the documents the command line prints; the pages put the same answers
in forms. ``create_app`` builds the application; ``serve`` runs it.
"""

from __future__ import annotations

from charter.web.app import create_app
from charter.web.serve import serve

__all__ = ["create_app", "serve"]
