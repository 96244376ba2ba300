"""The checked-in error-code page is what the generator writes now."""

from __future__ import annotations

from pytest_fake_eni import docs, error_codes


def test_error_codes_page_is_current() -> None:
    assert docs.PAGE.read_text(encoding="utf-8") == docs.render(), (
        "docs/error-codes.md is stale: run python -m pytest_fake_eni.docs"
    )


def test_page_lists_every_code_with_its_status_and_a_recipe() -> None:
    page = docs.render()
    for spec in error_codes("CreateNetworkInterface"):
        assert f"### {spec.code}\n\nHTTP {spec.status}: {spec.message}" in page


def test_check_mode_reports_a_stale_page(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "error-codes.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(docs, "PAGE", stale)
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0
    assert docs.main(["--check"]) == 0
