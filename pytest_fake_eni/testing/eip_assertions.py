"""Assertions about elastic IP addresses, with failure messages that show what is there."""

from __future__ import annotations

from pytest_fake_eni.cloud.eips import Eip
from pytest_fake_eni.cloud.state import Cloud


def assert_eip_associated(cloud: Cloud, eni_id: str, private_ip: str | None = None) -> Eip:
    """An ``InUse`` EIP points at ``eni_id`` (at ``private_ip`` when given); return it.

    Without ``private_ip``: the EIP on the ENI's lowest address that holds one.
    """
    __tracebackhide__ = True
    with cloud.lock:
        cloud.settle()
        eni = cloud.enis.get(eni_id)
        if eni is None:
            raise AssertionError(f"no ENI {eni_id!r}; the fake has {sorted(cloud.enis)}")
        held = cloud.eips.on_eni(eni_id)
        wanted = [private_ip] if private_ip is not None else eni.private_ip_addresses
        for ip in wanted:
            eip = held.get(ip)
            if eip is not None and eip.status == "InUse":
                return eip
        where = f" at {private_ip}" if private_ip is not None else ""
        seen = {ip: f"{e.allocation_id} {e.ip_address} ({e.status})" for ip, e in held.items()}
        raise AssertionError(
            f"no InUse EIP on {eni_id}{where}; it holds {seen or 'none'} "
            f"on addresses {eni.private_ip_addresses}"
        )
