"""A small static file server that behaves like GitHub Pages for what matters here.

It gzips text responses, sends Cache-Control, serves `404.html` for missing paths with
status 404, and redirects a folder without a trailing slash. Used by the browser tests
and the benchmark; it listens on loopback only.

    python scripts/static_server.py site/ 8000
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self._respond(send_body=True)

    def do_HEAD(self):
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        root = Path(self.directory).resolve()
        path = unquote(urlsplit(self.path).path)
        target = (root / path.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            target = root / "__missing__"
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = HTTPStatus.OK
        if not target.is_file():
            status = HTTPStatus.NOT_FOUND
            target = root / "404.html"
        body = target.read_bytes() if target.is_file() else b"Not found"
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        # GitHub Pages: 10 minutes for everything.
        self.send_header("Cache-Control", "max-age=600")
        if "gzip" in self.headers.get("Accept-Encoding", "") and content_type.startswith(COMPRESSIBLE):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class StaticServer:
    """Serve ``directory`` on 127.0.0.1:``port`` in a background thread (port 0: any free port)."""

    def __init__(self, directory: Path, port: int = 0):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, directory=str(directory)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    with StaticServer(directory, port) as server:
        print(f"Serving {directory} at {server.url} (Ctrl+C to stop)")
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass
