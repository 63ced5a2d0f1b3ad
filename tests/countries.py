"""The country table (src/charter/engine/_iso3166.py), written from pycountry's ISO 3166-1 list.

Run ``make countries`` (``python -m tests.countries``) after pycountry is upgraded;
``tests/test_iso3166.py`` fails while the shipped table differs from the source.
"""

from __future__ import annotations

from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src" / "charter" / "engine" / "_iso3166.py"


def codes() -> list[str]:
    """Every current ISO 3166-1 alpha-3 code, sorted."""
    import pycountry

    return sorted(str(country.alpha_3) for country in pycountry.countries)


def render() -> str:
    """The text of ``_iso3166.py``."""
    lines = [
        '"""ISO 3166-1 alpha-3 country codes: the states a scenario may name.',
        "",
        "Generated from pycountry's ISO 3166-1 list by `make countries`; do not edit by hand.",
        "(The states' English display names and the Russian names that fix the rotation are",
        "kept by each rulebook pack.)",
        '"""',
        "",
        "ALPHA3: frozenset[str] = frozenset(",
        "    {",
        *(f'        "{code}",' for code in codes()),
        "    }",
        ")",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    TABLE.write_text(render(), encoding="utf-8")
