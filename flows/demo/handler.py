"""Request handler for one demo site: static files with the caching headers crawlers use.

Written on BaseHTTPRequestHandler rather than SimpleHTTPRequestHandler so that
directory listings, charset guessing and If-None-Match are under our control.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
}
HTML_TYPE = "text/html"
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StaticFile:
    path: Path
    content_type: str
    last_modified: int
    etag: str


def resolve_url_path(site_dir: Path, url_path: str) -> Path | None:
    """The file a URL path names inside the site, or None; nothing outside the site is reachable."""
    decoded = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path)
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        return None
    candidate = site_dir.joinpath(*parts).resolve()
    if not candidate.is_relative_to(site_dir):
        return None
    return candidate


def content_type_for(path: Path) -> str:
    """HTML gets `charset=utf-8` only when the page declares UTF-8; for GBK pages the meta decides."""
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    if content_type != HTML_TYPE:
        return content_type
    with path.open("rb") as stream:
        match = META_CHARSET.search(stream.read(2048))
    if match and match.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8"):
        return f"{HTML_TYPE}; charset=utf-8"
    return HTML_TYPE


def describe(path: Path) -> StaticFile:
    stat = path.stat()
    tag = hashlib.sha1(f"{stat.st_size}-{stat.st_mtime_ns}".encode(), usedforsecurity=False).hexdigest()
    return StaticFile(path, content_type_for(path), int(stat.st_mtime), f'"{tag[:16]}"')


def is_not_modified(headers: Message, file: StaticFile) -> bool:
    """RFC 9110 §13.1: If-None-Match wins over If-Modified-Since when both are sent."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or file.etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if not if_modified_since:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    return since.tzinfo is not None and file.last_modified <= since.timestamp()


def make_handler(site_dir: Path) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to one site; http.server wants a class, not an instance."""
    root = site_dir.resolve()

    class DemoSiteHandler(BaseHTTPRequestHandler):
        server_version = "TRS-Demo/1.0"

        def version_string(self) -> str:
            return self.server_version

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def log_message(self, format: str, *args: object) -> None:
            """Silenced: a crawl makes hundreds of requests and the demo must not spam stderr."""

        def _serve(self, send_body: bool) -> None:
            path = resolve_url_path(root, self.path)
            if path is not None and path.is_dir():
                if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                    self._redirect_to_directory()
                    return
                path = path / "index.html"
            if path is None or not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND, "Not Found")
                return
            self._send_file(describe(path), send_body)

        def _redirect_to_directory(self) -> None:
            """Relative links like ./202403/… only resolve against a URL ending in '/'."""
            parts = urllib.parse.urlsplit(self.path)
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", urllib.parse.urlunsplit(parts._replace(path=parts.path + "/")))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send_file(self, file: StaticFile, send_body: bool) -> None:
            not_modified = is_not_modified(self.headers, file)
            body = b"" if not_modified else file.path.read_bytes()
            self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else HTTPStatus.OK)
            self.send_header("Last-Modified", email.utils.formatdate(file.last_modified, usegmt=True))
            self.send_header("ETag", file.etag)
            if not not_modified:
                self.send_header("Content-Type", file.content_type)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

    return DemoSiteHandler
