"""End-to-end tests of the Telegram bot: the real Application, over HTTP, against the Bot API test server.

Every test injects updates into `tools/tgserver.py` (which the unmodified python-telegram-bot Application polls
through TELEGRAM_API_URL) and asserts on what the bot sent back. Links point at a small article site on loopback.
The digest pipeline, the fetcher, the cache and the store are the real ones.

A package (unlike the rest of tests/) so that its conftest.py is imported as `e2e.conftest` and leaves the name
`conftest` to tests/conftest.py, which test modules import helpers from.
"""
