"""Resource ids, MAC addresses and request ids, all drawn from a seed."""

from __future__ import annotations

import random
import string
import zlib

_ALNUM = string.ascii_lowercase + string.digits
# The first characters of real ids name the region (eni-bp1... is Hangzhou).
_REGION_CODES = {
    "cn-hangzhou": "bp1",
    "cn-beijing": "2ze",
    "cn-shenzhen": "wz9",
    "cn-qingdao": "m5e",
    "cn-shanghai": "uf6",
}


def region_code(region_id: str) -> str:
    """Three id characters standing for ``region_id``, as real ids carry."""
    if region_id in _REGION_CODES:
        return _REGION_CODES[region_id]
    n = zlib.crc32(region_id.encode())
    return "".join(_ALNUM[(n >> (6 * i)) % len(_ALNUM)] for i in range(3))


class IdFactory:
    """Draws ids from seeded streams, one stream per kind of id.

    Separate streams keep ENI ids stable when a test adds or removes calls of
    another kind (every request draws a request id).
    """

    def __init__(self, seed: int | str) -> None:
        self.seed = seed
        self._streams: dict[str, random.Random] = {}
        self._macs: set[str] = set()

    def _rng(self, kind: str) -> random.Random:
        rng = self._streams.get(kind)
        if rng is None:
            rng = self._streams[kind] = random.Random(f"{self.seed}:{kind}")
        return rng

    def resource_id(self, prefix: str, region_id: str) -> str:
        """``<prefix>-`` then 20 lowercase alphanumerics, e.g. ``eni-bp1...``."""
        rng = self._rng(prefix)
        tail = "".join(rng.choices(_ALNUM, k=17))  # one call: ids are on the hot path
        return f"{prefix}-{region_code(region_id)}{tail}"

    def mac_address(self) -> str:
        """A unique ``00:16:3e:xx:xx:xx`` address."""
        rng = self._rng("mac")
        while True:
            n = rng.getrandbits(24)  # one draw: MACs are on the hot path
            mac = f"00:16:3e:{n >> 16:02x}:{(n >> 8) & 255:02x}:{n & 255:02x}"
            if mac not in self._macs:
                self._macs.add(mac)
                return mac

    def request_id(self) -> str:
        """An upper-case UUID with version nibble 5, as current responses carry."""
        h = f"{self._rng('request').getrandbits(128):032X}"
        return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{'89AB'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"

    def token(self, kind: str, nbytes: int = 16) -> str:
        """An opaque hex token of the given stream (paging tokens, nonces)."""
        return f"{self._rng(kind).getrandbits(nbytes * 8):0{nbytes * 2}x}"
