"""`argmap serve`: a local page per map that reloads when its file is saved (watchfiles, SSE)."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote, urlsplit

import watchfiles

from argmap.checking.pipeline import parse_checked
from argmap.checking.report import format_text
from argmap.diagnostics import Severity
from argmap.errors import ArgmapError, InputError
from argmap.files import read_source
from argmap.rendering.html import to_html

HOST: Final = "127.0.0.1"
# The shell page loads only its own script and frames only this server's map pages.
SHELL_POLICY: Final = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; frame-src 'self'; "
    "style-src 'unsafe-inline'"
)
ERROR_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'"
# The shell's script: reload the map's frame when the server says its file changed.
SCRIPT: Final = """\
(function () {
  var frame = document.getElementById("map");
  var path = document.body.dataset.path;
  var events = new EventSource("/events");
  events.onmessage = function (message) {
    if (message.data === path) {
      document.body.dataset.reloads = String(Number(document.body.dataset.reloads) + 1);
      frame.src = "/map/" + encodeURI(path) + "?t=" + Date.now();
    }
  };
  events.onopen = function () { document.body.dataset.listening = "true"; };
}());
"""
_STYLE: Final = (
    "body{margin:0;font-family:sans-serif}header{padding:.4em 1em;background:#eee}"
    "iframe{border:0;width:100%;height:calc(100vh - 2.4em)}"
    "pre{margin:1em;padding:1em;background:#fff4f4;border-left:4px solid #c62828;"
    "overflow:auto}"
)


@dataclass
class Changes:
    """Saved maps, announced to every open page (each page waits for the next change)."""

    condition: threading.Condition = field(default_factory=threading.Condition)
    serial: int = 0
    latest: list[str] = field(default_factory=list)

    def announce(self, paths: list[str]) -> None:
        with self.condition:
            self.serial += 1
            self.latest = paths
            self.condition.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str]]:
        """The next change after `seen` (or `seen` and nothing, after `timeout` seconds)."""
        with self.condition:
            self.condition.wait_for(lambda: self.serial != seen, timeout)
            if self.serial == seen:
                return seen, []
            return self.serial, list(self.latest)


class Preview:
    """What `argmap serve` shows: the .arg maps of one file or one folder, and their changes."""

    def __init__(self, target: Path) -> None:
        resolved = target.resolve()
        if not resolved.exists():
            raise InputError(f"{target}: no such file or folder")
        self.single = resolved if resolved.is_file() else None
        self.root = resolved.parent if self.single is not None else resolved
        self.changes = Changes()
        self.stop = threading.Event()

    def maps(self) -> list[str]:
        """The maps served, as paths relative to the root (with `/`)."""
        if self.single is not None:
            return [self.single.name]
        return sorted(
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*.arg") if p.is_file()
        )

    def file(self, relative: str) -> Path | None:
        """The map file for a request path, or None: only the maps listed, nothing else."""
        return self.root / relative if relative in self.maps() else None

    def watch(self) -> None:
        """Announce saved maps until `stop` is set (run in a thread)."""
        watched = self.single if self.single is not None else self.root
        for found in watchfiles.watch(
            watched,
            stop_event=self.stop,
            debounce=40,
            step=10,
            rust_timeout=500,
            raise_interrupt=False,
        ):
            changed = []
            for _, name in found:
                path = Path(name)
                if path.suffix == ".arg" and path.is_file() and path.is_relative_to(self.root):
                    changed.append(path.relative_to(self.root).as_posix())
            if changed:
                self.changes.announce(sorted(set(changed)))

    def map_page(self, relative: str) -> tuple[HTTPStatus, str]:
        """The interactive page of one map, or a page showing its problems with carets."""
        path = self.file(relative)
        if path is None:
            return HTTPStatus.NOT_FOUND, error_page("Not found", f"{relative}: no such map")
        try:
            text = read_source(path)
            argument_map, diagnostics = parse_checked(text, relative)
            if argument_map is None:
                errors = [d for d in diagnostics if d.severity is Severity.ERROR]
                return HTTPStatus.OK, error_page(relative, format_text(errors, {relative: text}))
            return HTTPStatus.OK, to_html(argument_map)
        except ArgmapError as error:
            return HTTPStatus.OK, error_page(relative, str(error))

    def shell(self, relative: str) -> str:
        """The page that frames a map and reloads the frame when the map is saved."""
        others = "".join(
            f' <a href="/view/{quote(name)}">{html.escape(name)}</a>' for name in self.maps()
        )
        return (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{SHELL_POLICY}\">"
            f"<title>{html.escape(relative)} - argmap serve</title><style>{_STYLE}</style>"
            f"</head><body data-path=\"{html.escape(relative, quote=True)}\" data-reloads='0'>"
            f"<header><b>{html.escape(relative)}</b> &middot;{others}</header>"
            f'<iframe id="map" src="/map/{quote(relative)}" title="{html.escape(relative)}">'
            '</iframe><script src="/preview.js"></script></body></html>'
        )

    def index(self) -> str:
        """The list of maps in the folder."""
        items = "".join(
            f'<li><a href="/view/{quote(name)}">{html.escape(name)}</a></li>'
            for name in self.maps()
        )
        return (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{ERROR_POLICY}\">"
            f"<title>argmap serve</title><style>{_STYLE}</style></head><body>"
            f"<header><b>{html.escape(str(self.root))}</b></header><ul>{items}</ul></body></html>"
        )


def error_page(title: str, report: str) -> str:
    """A page showing a map's problems as `argmap check` prints them (line, caret, hint)."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{ERROR_POLICY}\">"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<pre class="argmap-problems">{html.escape(report)}</pre></body></html>'
    )


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap-serve"

        def log_message(self, format: str, *args: object) -> None:
            """Requests are not logged: the terminal shows what was saved instead."""

        def _send(self, status: HTTPStatus, body: str, kind: str = "text/html") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == "/":
                maps = preview.maps()
                if preview.single is not None and maps:
                    self.send_response(HTTPStatus.FOUND)
                    self.send_header("Location", f"/view/{quote(maps[0])}")
                    self.end_headers()
                    return
                self._send(HTTPStatus.OK, preview.index())
            elif path == "/preview.js":
                self._send(HTTPStatus.OK, SCRIPT, "text/javascript")
            elif path == "/events":
                self._events()
            elif path.startswith("/view/") and preview.file(path[6:]) is not None:
                self._send(HTTPStatus.OK, preview.shell(path[6:]))
            elif path.startswith("/map/"):
                self._send(*preview.map_page(path[5:]))
            else:
                self._send(HTTPStatus.NOT_FOUND, error_page("Not found", f"{path}: not found"))

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = preview.changes.serial
            try:
                self.wfile.write(b": listening\n\n")
                self.wfile.flush()
                while not preview.stop.is_set():
                    seen, changed = preview.changes.wait(seen, 15.0)
                    lines = "".join(f"data: {name}\n\n" for name in changed) or ": alive\n\n"
                    self.wfile.write(lines.encode("utf-8"))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


@dataclass
class Server:
    """A running preview: its address, and how to stop it."""

    preview: Preview
    http: ThreadingHTTPServer
    threads: list[threading.Thread]

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self.preview.stop.set()
        self.preview.changes.announce([])
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(target: Path, port: int = 8000) -> Server:
    """Serve the maps of `target` on 127.0.0.1:`port` (0: any free port) in background threads."""
    preview = Preview(target)
    try:
        http = ThreadingHTTPServer((HOST, port), _handler(preview))
    except OSError as error:
        raise InputError(f"cannot listen on {HOST}:{port} ({error.strerror})") from None
    http.daemon_threads = True
    threads = [
        threading.Thread(target=http.serve_forever, name="argmap-serve", daemon=True),
        threading.Thread(target=preview.watch, name="argmap-watch", daemon=True),
    ]
    for thread in threads:
        thread.start()
    return Server(preview, http, threads)


def announcements(server: Server) -> Iterator[list[str]]:
    """The saved maps, as they are announced (for the command's terminal log)."""
    seen = server.preview.changes.serial
    while not server.preview.stop.is_set():
        seen, changed = server.preview.changes.wait(seen, 1.0)
        if changed:
            yield changed
