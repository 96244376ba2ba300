"""The catalogue against the vendored copy of CreateNetworkInterface's documented error table."""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pytest_fake_eni.catalogue import ACTION_CODES, ROWS, VARIANTS, core
from pytest_fake_eni.errors import CATALOGUE, EcsError, ErrorSpec, error_codes

DATA = Path(__file__).parent / "data"
ACTION = "CreateNetworkInterface"
SPEC: list[dict[str, Any]] = json.loads(
    (DATA / f"{ACTION}.errors.json").read_text(encoding="utf-8")
)

KINDS = {"client", "quota", "permission", "server"}
PLACEHOLDERS = {
    # wire parameters, by their wire name
    "RegionId",
    "VSwitchId",
    "SecurityGroupId",
    "NetworkInterfaceName",
    "ResourceGroupId",
    "InstanceId",
    "NetworkInterfaceId",
    "Action",
    "Version",
    # specifics of the failure
    "Parameter",
    "ConflictParameter",
    "IpAddress",
    "Prefix",
    "Prefixes",
    "Limit",
    "Status",
    "Expected",
    "Actual",
    "Field",
    "Min",
    "Max",
    "MinMask",
    "MaxMask",
    "Mask",
    "Value",
    "StringToSign",
}
# Codes the fake returns that the action's table does not list, with their documented status.
COMMON_STATUS = {
    "Throttling": 400,
    "Throttling.User": 400,
    "ServiceUnavailable": 503,
    "UnknownError": 500,
    "OperationConflict": 409,
    "Operation.Conflict": 403,
    "InvalidAction.NotFound": 404,
    "InvalidVersion": 400,
    "IdempotentParameterMismatch": 400,
    "IdempotentFailed": 400,
    "InvalidIdempotenceParameter.Mismatch": 403,
    "LastTokenProcessing": 403,
    "InvalidAccessKeyId.NotFound": 404,
    "Forbidden.AccessKeyDisabled": 403,
    "SignatureDoesNotMatch": 400,
    "IncompleteSignature": 400,
    "InvalidTimeStamp.Expired": 400,
    "IllegalTimestamp": 400,
    "SignatureNonceUsed": 400,
    "InvalidSecurityToken.Expired": 400,
    "InvalidSecurityToken.Malformed": 400,
    "InvalidSecurityToken.MismatchWithAccessKey": 400,
    "MissingSecurityToken": 400,
    "Forbidden.RAM": 403,
    "InvalidRegionId.MalFormed": 400,
    "InvalidParamater": 400,
}
# Variants that are not a repeated row of the table but another wording of a common code.
PROTOCOL_VARIANTS = {("SignatureDoesNotMatch", "acs")}

# Codes the lifecycle actions document beyond CreateNetworkInterface's table.
LIFECYCLE_STATUS = {
    "InvalidIp.IpUnassigned": 403,
    "InvalidIp.IpAssigned": 403,
    "InvalidParams.EniId": 400,
    "InvalidOperation.EniServiceManaged": 403,
    "InvalidVpc.Empty": 403,
}
# Codes the VPC product (2016-04-28) documents beyond the ones above.
VPC_STATUS = {"DryRunOperation": 400}
VPC_ACTIONS = ("DescribeVSwitches", "DescribeVpcs")


def _only_placeholder(message: str) -> bool:
    """True when the spec gives no wording at all (``%s`` or ``%s.``)."""
    return message.rstrip(".") == "%s"


def _as_spec_text(template: str) -> str:
    """The template with each ``{Name}`` put back as the spec's ``%s``."""
    return re.sub(r"\{[A-Za-z]+\}", "%s", template)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


SPEC_CODES = list(dict.fromkeys(row["code"] for row in SPEC))
FIRST = {code: next(row for row in SPEC if row["code"] == code) for code in SPEC_CODES}
REPEATS = {
    code: [row for row in SPEC if row["code"] == code][1:]
    for code, n in Counter(row["code"] for row in SPEC).items()
    if n > 1
}
TEMPLATES = [(row[0], row[2]) for row in ROWS] + [
    (f"{code}[{name}]", text) for (code, name), text in VARIANTS.items()
]


def test_vendored_table_is_the_documented_one() -> None:
    assert len(SPEC) == 88
    assert len(SPEC_CODES) == 81
    assert len(REPEATS) == 7


@pytest.mark.parametrize("row", SPEC, ids=[f"{i}-{row['code']}" for i, row in enumerate(SPEC)])
def test_every_documented_code_is_catalogued_with_its_status(row: dict[str, Any]) -> None:
    spec = CATALOGUE[row["code"]]
    assert spec.status == row["http_status"]


# Codes the service was seen to answer beyond the table (docs/observed-behaviour.md).
# Beyond the documented table: a ClientToken reused with other parameters, or after a 5xx.
OBSERVED_CODES = ["IdempotentParameterMismatch", "IdempotentFailed"]


def test_action_codes_are_the_distinct_codes_in_spec_order() -> None:
    codes = [spec.code for spec in error_codes(ACTION)]
    assert codes == SPEC_CODES + OBSERVED_CODES
    assert len(codes) == 83
    assert ACTION_CODES[ACTION] == tuple(SPEC_CODES + OBSERVED_CODES)


def test_rows_follow_the_spec_then_common_codes() -> None:
    from pytest_fake_eni.catalogue import core  # the other families add codes of their own

    codes = [row[0] for row in core.ROWS]
    assert len(codes) == len(set(codes)), "a code is listed twice in ROWS"
    codes = [row[0] for row in core.ROWS]  # further families add their own codes
    assert codes[: len(SPEC_CODES)] == SPEC_CODES
    assert set(codes[len(SPEC_CODES) :]) == set(COMMON_STATUS) | set(LIFECYCLE_STATUS) | set(
        VPC_STATUS
    )


@pytest.mark.parametrize("code", sorted(COMMON_STATUS))
def test_common_codes_have_their_documented_status(code: str) -> None:
    assert CATALOGUE[code].status == COMMON_STATUS[code]


@pytest.mark.parametrize("code", sorted(LIFECYCLE_STATUS))
def test_lifecycle_codes_have_their_documented_status(code: str) -> None:
    assert CATALOGUE[code].status == LIFECYCLE_STATUS[code]


@pytest.mark.parametrize("code", sorted(VPC_STATUS))
def test_vpc_codes_have_their_documented_status(code: str) -> None:
    assert CATALOGUE[code].status == VPC_STATUS[code]


@pytest.mark.parametrize("action", VPC_ACTIONS)
def test_vpc_actions_list_their_codes(action: str) -> None:
    codes = [spec.code for spec in error_codes(action)]
    assert codes[:3] == ["MissingParameter", "InvalidParameter", "Forbidden.RegionId"]
    assert "DryRunOperation" in codes


def test_every_action_lists_only_catalogued_codes() -> None:
    from pytest_fake_eni.api import ECS, VPC

    assert set(ACTION_CODES) == set(ECS.operations) | set(VPC.operations)
    for action, codes in ACTION_CODES.items():
        assert len(codes) == len(set(codes)), action
        assert set(codes) <= set(CATALOGUE), action


@pytest.mark.parametrize("code", SPEC_CODES)
def test_description_is_the_spec_description(code: str) -> None:
    documented = FIRST[code]["description"]
    assert CATALOGUE[code].description == ("" if documented == "-" else documented)


# Codes whose message follows what the service was seen to send (docs/observed-behaviour.md):
# the table's first wording is kept as the named variant.
OBSERVED_MESSAGES = {"IncorrectVSwitchStatus": "state"}


@pytest.mark.parametrize("code", SPEC_CODES)
def test_documented_sentence_is_the_template(code: str) -> None:
    documented = FIRST[code]["message"]
    template = CATALOGUE[code].message
    if code in OBSERVED_MESSAGES:
        template = VARIANTS[(code, OBSERVED_MESSAGES[code])]
    if _only_placeholder(documented):
        assert _as_spec_text(template).rstrip(".") != "%s", "a bare %s needs a written message"
        assert len(template.split()) >= 5
        assert template.endswith(".") or not documented.endswith(".")
    else:
        assert _as_spec_text(template) == documented


@pytest.mark.parametrize("code", sorted(REPEATS))
def test_second_message_of_a_repeated_code_is_a_variant(code: str) -> None:
    variants = {name: text for (c, name), text in VARIANTS.items() if c == code}
    assert variants, f"{code} is listed twice but has no variant"
    for row in REPEATS[code]:
        if row["message"] == FIRST[code]["message"] or _only_placeholder(row["message"]):
            continue
        assert row["message"] in {_as_spec_text(t) for t in variants.values()}


def test_variants_belong_to_repeated_codes() -> None:
    table_variants = set(core.VARIANTS) - PROTOCOL_VARIANTS  # further families add theirs
    assert len(table_variants) == 7 + len(OBSERVED_MESSAGES)
    assert {code for code, _ in table_variants} == set(REPEATS)
    for _, name in VARIANTS:
        assert re.fullmatch(r"[a-z][a-z_]*", name), name


@pytest.mark.parametrize(("code", "template"), TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_template_is_well_formed(code: str, template: str) -> None:
    assert "%s" not in template
    assert "%" not in template
    assert _fields(template) <= PLACEHOLDERS, f"unknown placeholder in {code}"


@pytest.mark.parametrize("spec", error_codes(), ids=lambda s: s.code)
def test_every_template_renders_without_details(spec: ErrorSpec) -> None:
    text = spec.render({})
    assert text and "{" not in text and "}" not in text
    for code, name in VARIANTS:
        if code == spec.code:
            assert "{" not in spec.render(None, variant=name)


@pytest.mark.parametrize("spec", error_codes(), ids=lambda s: s.code)
def test_kind_is_known(spec: ErrorSpec) -> None:
    assert spec.kind in KINDS


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("InvalidVSwitchId.IpNotEnough", "quota"),
        ("MaxEniCountExceeded", "quota"),
        ("QuotaExceed.Tags", "quota"),
        ("QuotaExceeded.PrivateIpAddress", "quota"),
        ("InvalidVSwitchId.IpPrefixNotEnough", "quota"),
        ("EniPerInstanceLimitExceeded", "quota"),
        ("Forbidden.RAM", "permission"),
        ("Forbidden.SubUser", "permission"),
        ("SignatureDoesNotMatch", "permission"),
        ("InternalError", "server"),
        ("ServiceUnavailable", "server"),
        ("Throttling", "server"),
        ("InvalidVSwitchId.NotFound", "client"),
        ("MissingParameter", "client"),
    ],
)
def test_kind_of_well_known_codes(code: str, kind: str) -> None:
    assert CATALOGUE[code].kind == kind


def test_limit_codes_are_quota() -> None:
    for spec in error_codes():
        if "LimitExceed" in spec.code or "CountExceeded" in spec.code:
            assert spec.kind == "quota", spec.code


def test_error_codes_filters_by_status() -> None:
    assert [s.code for s in error_codes(status=503)] == ["ServiceUnavailable"]
    assert [s.code for s in error_codes(ACTION, status=500)] == [
        "InternalError",
        "InvalidOperation.RegionNotSupportIpPrefix",
    ]
    for status in (400, 403, 404, 500):
        expected = [c for c in SPEC_CODES if FIRST[c]["http_status"] == status]
        expected += [c for c in OBSERVED_CODES if CATALOGUE[c].status == status]
        assert [s.code for s in error_codes(ACTION, status=status)] == expected


def test_error_codes_of_unknown_action() -> None:
    with pytest.raises(ValueError, match="DescribeRouteTables"):
        error_codes("DescribeRouteTables")


def test_render_fills_placeholders() -> None:
    spec = CATALOGUE["InvalidVSwitchId.IpNotEnough"]
    assert (
        spec.render({"VSwitchId": "vsw-1"})
        == 'The specified VSwitch "vsw-1" has not enough IpAddress.'
    )
    assert CATALOGUE["MissingParameter"].render({}) == (
        'The input parameter "Parameter" that is mandatory for processing this request '
        "is not supplied."
    )
    status = CATALOGUE["IncorrectVSwitchStatus"]
    assert status.render({"Status": "Pending"}) == (
        "The current status of vSwitch does not support this operation."
    )
    assert status.render({"Status": "Pending"}, variant="state").endswith(
        'current state is "Pending".'
    )
    assert status.render(variant="generic") == (
        "The current status of virtual switch does not support this operation."
    )


def test_ecs_error_takes_status_and_message_from_the_catalogue() -> None:
    err = EcsError("InvalidPrivateIpAddress.Duplicated", IpAddress="10.0.0.5")
    assert (err.status, err.message) == (
        400,
        'The specified private IP address "10.0.0.5" is duplicated.',
    )
    again = EcsError("InvalidPrivateIpAddress.Duplicated", variant="in_use")
    assert again.message == "The specified private IP address is already in use."
