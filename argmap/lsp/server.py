"""The language server: pygls over standard input and output, answering from
:mod:`argmap.lsp.features`.

Findings are worked out for the latest text as soon as it arrives, in a worker thread so that
the server keeps reading the editor's messages meanwhile; edits that arrive during a run are
read together by the next one, and the findings of a text that has changed since are never
sent. Requests (hover, completion ...) wait for the reading of the text they are about.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.lsp import features
from argmap.lsp.analysis import Analysis
from argmap.lsp.document import Document
from argmap.lsp.incremental import Reader

__all__ = ["create_server", "serve"]

_T = TypeVar("_T")
log = logging.getLogger(__name__)


class JsonRpcRequestFailed(JsonRpcException):
    """The protocol's RequestFailed: a request that could not be done, with the reason."""

    CODE = -32803
    MESSAGE = "Request failed"


class _Open:
    """An open document: its text, the reader that keeps its statements between versions, and
    the analysis of its latest text once there is one."""

    def __init__(self, doc: Document, path: str | None) -> None:
        self.doc = doc
        self.path = path
        self.reader = Reader(path)
        self.analysis: Analysis | None = None
        self.task: asyncio.Task[None] | None = None
        self.closed = False
        #: The text whose reading failed (a bug), so that requests about it fail, not wait.
        self.failed: str | None = None


class ArgmapServer(LanguageServer):
    """The argmap language server."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.open: dict[str, _Open] = {}
        self.worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-read")

    @property
    def encoding(self) -> str:
        try:
            return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)
        except RuntimeError:  # before initialize
            return str(lsp.PositionEncodingKind.Utf16)

    # ---- reading -----------------------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        """Read the document's latest text and publish its findings, unless a run is going on:
        that run reads the text again when it ends."""
        state = self.open.get(uri)
        if state is None or (state.task is not None and not state.task.done()):
            return
        state.task = asyncio.get_running_loop().create_task(self._read(state))

    async def _read(self, state: _Open) -> None:
        loop = asyncio.get_running_loop()
        while not state.closed:
            text, version = state.doc.text, state.doc.version
            try:
                analysis = await loop.run_in_executor(self.worker, _analyse, state.reader, text, version)
            except Exception:  # a bug: say so in the editor's log, keep serving
                log.exception("argmap: reading %s failed", state.doc.uri)
                state.reader = Reader(state.path)
                state.failed = text
                return
            if state.closed:
                return
            if state.doc.version != version or state.doc.text != text:
                continue  # edited meanwhile: read the latest text
            state.analysis = analysis
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=state.doc.uri, version=version, diagnostics=features.diagnostics(analysis, state.doc)
                )
            )
            return

    async def current(self, uri: str) -> tuple[Analysis, Document]:
        """The analysis of the document's text as it is now."""
        state = self.open.get(uri)
        if state is None:
            raise JsonRpcRequestFailed(f"{uri} is not open")
        while (
            state.analysis is None
            or state.analysis.version != state.doc.version
            or state.analysis.text != state.doc.text
        ):
            if state.failed is not None and state.failed == state.doc.text:
                raise JsonRpcRequestFailed(f"argmap could not read {uri} (a bug: see the server's log)")
            self.schedule(uri)
            if state.task is not None:
                await asyncio.shield(state.task)
            if state.closed:
                raise JsonRpcRequestFailed(f"{uri} was closed")
        return state.analysis, state.doc


def _analyse(reader: Reader, text: str, version: int | None) -> Analysis:
    return Analysis(text, reader.read(text), version)


def create_server() -> ArgmapServer:
    """The server with every feature registered."""
    server = ArgmapServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        state = _Open(Document(item.uri, item.text, item.version, ls.encoding), path)
        old = ls.open.get(item.uri)
        if old is not None:
            old.closed = True
        ls.open[item.uri] = state
        ls.schedule(item.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: lsp.DidChangeTextDocumentParams) -> None:
        state = ls.open.get(params.text_document.uri)
        if state is None:
            return
        state.doc.apply(params.content_changes, params.text_document.version)
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: lsp.DidCloseTextDocumentParams) -> None:
        state = ls.open.pop(params.text_document.uri, None)
        if state is not None:
            state.closed = True
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    def request(
        compute: Callable[[Analysis, Document, Any], _T],
    ) -> Callable[[ArgmapServer, Any], Any]:
        async def handler(ls: ArgmapServer, params: Any) -> _T:
            analysis, doc = await ls.current(params.text_document.uri)
            try:
                return compute(analysis, doc, params)
            except features.FeatureError as exc:
                raise JsonRpcRequestFailed(str(exc)) from None

        return handler

    server.feature(lsp.TEXT_DOCUMENT_HOVER)(request(lambda a, d, p: features.hover(a, d, p.position)))
    server.feature(lsp.TEXT_DOCUMENT_DEFINITION)(
        request(lambda a, d, p: features.definition(a, d, p.position))
    )
    server.feature(lsp.TEXT_DOCUMENT_REFERENCES)(
        request(lambda a, d, p: features.references(a, d, p.position, p.context.include_declaration))
    )
    server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)(
        request(lambda a, d, p: features.prepare_rename(a, d, p.position))
    )
    server.feature(lsp.TEXT_DOCUMENT_RENAME)(
        request(lambda a, d, p: features.rename(a, d, p.position, p.new_name))
    )
    server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[" ", ",", "+", ":"]),
    )(request(lambda a, d, p: features.completion(a, d, p.position)))
    server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)(
        request(lambda a, d, p: features.document_symbols(a, d))
    )
    server.feature(lsp.TEXT_DOCUMENT_FORMATTING)(
        request(lambda a, d, p: features.formatting(d, ls_path(server, d.uri)))
    )
    server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )(request(lambda a, d, p: features.code_actions(d, p)))
    return server


def ls_path(server: ArgmapServer, uri: str) -> str | None:
    state = server.open.get(uri)
    return state.path if state is not None else None


def serve() -> None:
    """Run the server on standard input and output until the editor ends it."""
    gc.enable()  # `argmap` turns the collector off for its short runs; a server runs for hours
    create_server().start_io()
