"""Resource ids, MAC addresses and request ids, all drawn from a seed."""

from __future__ import annotations

import functools
import itertools
import string
import zlib
from hashlib import blake2b
from typing import Any

_ALNUM = string.ascii_lowercase + string.digits
_TO_ALNUM = bytes(ord(_ALNUM[b % len(_ALNUM)]) for b in range(256))  # a byte -> a character
# The first characters of real ids name the region (eni-bp1... is Hangzhou).
_REGION_CODES = {
    "cn-hangzhou": "bp1",
    "cn-beijing": "2ze",
    "cn-shenzhen": "wz9",
    "cn-qingdao": "m5e",
    "cn-shanghai": "uf6",
}


# Characters after the dash, as real ids carry them: a vSwitch, VPC or route table id has 21
# (vsw-uf6odhf9rhknmld5iadw8), an ENI, instance or security group id 20 (sg-uf6donwmm5y6ijlafcj9).
_BODY_LENGTH = {"vsw": 21, "vpc": 21, "vtb": 21}
_DEFAULT_BODY = 20
_MAC_OUI = bytes.fromhex("00163e")  # Alibaba Cloud's


def region_code(region_id: str) -> str:
    """Three id characters standing for ``region_id``, as real ids carry."""
    if region_id in _REGION_CODES:
        return _REGION_CODES[region_id]
    n = zlib.crc32(region_id.encode())
    return "".join(_ALNUM[(n >> (6 * i)) % len(_ALNUM)] for i in range(3))


@functools.lru_cache(maxsize=256)
def _head(prefix: str, region_id: str) -> tuple[str, int]:
    """An id's fixed start (``eni-bp1``) and how many bytes its random tail draws."""
    code = region_code(region_id)
    return f"{prefix}-{code}", _BODY_LENGTH.get(prefix, _DEFAULT_BODY) - len(code)


class IdFactory:
    """Draws ids from seeded streams, one stream per kind of id.

    Separate streams keep ENI ids stable when a test adds or removes calls of
    another kind (every request draws a request id). The n-th draw of a stream is a
    hash of (seed, kind, n): nothing to set up, so a fake with a dozen kinds of id
    costs no more to build than one with none.
    """

    def __init__(self, seed: int | str) -> None:
        self.seed = seed
        self._draws: dict[str, itertools.count[int]] = {}
        self._hashers: dict[tuple[str, int], Any] = {}  # a stream's hash of its prefix
        self._macs: set[str] = set()

    def _draw(self, kind: str, nbytes: int) -> bytes:
        # setdefault and next() are atomic: threads never draw the same n (no lock needed).
        counter = self._draws.get(kind) or self._draws.setdefault(kind, itertools.count())
        n = next(counter)
        # blake2b of "seed:kind:n". A stream that draws again hashes its prefix once and
        # copies that hash (the same digest); most streams of a test's fake draw once.
        hasher = self._hashers.get((kind, nbytes))
        if hasher is None:
            prefix = f"{self.seed}:{kind}:".encode()
            if n == 0:
                return blake2b(prefix + b"0", digest_size=nbytes).digest()
            hasher = blake2b(prefix, digest_size=nbytes)
            hasher = self._hashers.setdefault((kind, nbytes), hasher)
        drawn = hasher.copy()
        drawn.update(b"%d" % n)
        return drawn.digest()  # type: ignore[no-any-return]

    def resource_id(self, prefix: str, region_id: str) -> str:
        """``<prefix>-``, the region's code, then lowercase alphanumerics: a body of 21
        characters for ``vsw``, ``vpc`` and ``vtb`` ids, 20 for the others (``eni-bp1...``)."""
        head, nbytes = _head(prefix, region_id)
        return head + self._draw(prefix, nbytes).translate(_TO_ALNUM).decode()

    def mac_address(self) -> str:
        """A unique ``00:16:3e:xx:xx:xx`` address."""
        while True:
            mac = (_MAC_OUI + self._draw("mac", 3)).hex(":")
            if mac not in self._macs:
                self._macs.add(mac)
                return mac

    def request_id(self) -> str:
        """An upper-case UUID with version nibble 5, as current responses carry."""
        drawn = self._draw("request", 16)
        h = drawn.hex().upper()
        return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{'89AB'[drawn[8] >> 4 & 3]}{h[17:20]}-{h[20:]}"
