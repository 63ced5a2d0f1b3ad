"""Display names of the states the record mentions, and the rotation's alphabetical order."""

from __future__ import annotations

__all__ = ["NAMES", "ROTATION_NAMES", "display", "rotation_key"]

NAMES = {
    "ARM": "Armenia",
    "AZE": "Azerbaijan",
    "BLR": "Belarus",
    "GEO": "Georgia",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "MDA": "Moldova",
    "RUS": "Russia",
    "TJK": "Tajikistan",
    "UZB": "Uzbekistan",
}

ROTATION_NAMES = {
    "AZE": "Азербайджан",
    "ARM": "Армения",
    "BLR": "Беларусь",
    "GEO": "Грузия",
    "KAZ": "Казахстан",
    "KGZ": "Кыргызстан",
    "RUS": "Россия",
    "TJK": "Таджикистан",
    "UZB": "Узбекистан",
}
"""The Russian names that fix the chairmanship's alphabetical order in practice."""


def display(code: str | None) -> str:
    """A state's English name, or its code when charter has no name for it.

    >>> display("KGZ"), display("FRA"), display(None)
    ('Kyrgyzstan', 'FRA', 'an unrecorded state')
    """
    if code is None:
        return "an unrecorded state"
    return NAMES.get(code, code)


def rotation_key(code: str) -> tuple[int, str]:
    """Sort key for the alphabetical rotation: by Russian name, then unnamed codes after.

    >>> sorted(["RUS", "ARM", "TJK", "KGZ", "BLR", "KAZ"], key=rotation_key)
    ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK']
    """
    name = ROTATION_NAMES.get(code)
    return (0, name) if name is not None else (1, code)
