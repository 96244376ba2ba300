"""Transports: the ways a request reaches the fake (responses, aiohttp, a loopback server)."""
