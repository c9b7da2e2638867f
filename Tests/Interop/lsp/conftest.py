"""The pytest-lsp fixtures: `aafilter lsp` started as its own process for each test.

`client` is a server initialized as a capable editor (UTF-16 positions, the default);
`server` is a started server the test initializes itself (encodings, initializationOptions);
`raw` is a server on bare pipes, for bytes no client library would send.
"""
import asyncio
import contextlib
import functools
import inspect
import sys
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig
from pytest_lsp import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))

from raw import RawServer  # noqa: E402
from support import AAFILTER  # noqa: E402
from support import TIMEOUT  # noqa: E402
from support import initialize  # noqa: E402

CONFIG = ClientServerConfig(server_command=[AAFILTER, "lsp"])


# pytest-lsp waits for an answer as long as it takes: every test and every shutdown gets a
# bound, so a server that stops answering fails its test instead of hanging the run.
TEST_TIMEOUT = 10 * TIMEOUT


def pytest_collection_modifyitems(items):
    for item in items:
        test = getattr(item, "obj", None)
        if inspect.iscoroutinefunction(test):
            item.obj = _bounded(test)


def _bounded(test):
    @functools.wraps(test)
    async def bounded(*args, **kwargs):
        return await asyncio.wait_for(test(*args, **kwargs), TEST_TIMEOUT)

    return bounded


async def _shut_down(client):
    """Shutdown and exit, as an editor closes; a server that does not answer is killed."""
    try:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    except asyncio.TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            client._server.kill()
        raise AssertionError("the server did not answer shutdown") from None


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    await asyncio.wait_for(initialize(lsp_client), TIMEOUT)
    yield
    await _shut_down(lsp_client)


@pytest_lsp.fixture(config=CONFIG)
async def server(lsp_client: LanguageClient):
    yield
    await _shut_down(lsp_client)


@pytest.fixture
def raw():
    peer = RawServer()
    yield peer
    peer.kill()
