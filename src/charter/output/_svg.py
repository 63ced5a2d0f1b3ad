"""The picture of a history as SVG: bars that can be told apart, markers that hide nothing.

Each state's row has three lanes: the seat-holder's name above each term it
presides, the membership bar with the presidency drawn inside it, and a lane of
session markers under the bar. A marker never covers a bar or another marker:
markers too close to fit side by side are moved right, and a tick from the bar
keeps each one's true date. Secretaries-General are labelled once per person;
a spell too short for its name gets a number, explained under the row.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from charter.engine._installed import display
from charter.engine.model import MembershipStatus, SessionKind
from charter.output.picture import Bar, Mark, Picture

__all__ = ["MARKER_SPACING", "STATUS_COLOURS", "svg", "to_svg"]

STATUS_COLOURS = {
    MembershipStatus.SIGNATORY.value: "#d5d5d5",
    MembershipStatus.MEMBER.value: "#86bf7f",
    MembershipStatus.SUSPENDED.value: "#f2a04e",
    MembershipStatus.FROZEN.value: "#b79fdc",
    MembershipStatus.WITHDRAWN.value: "#e79c9c",
}
"""One colour per membership status, far apart from each other and from the presidency."""

PRESIDES = "#1f3d7a"
_SG_FILLS = ("#e3cf8a", "#c9a54a")
_LEFT, _RIGHT, _TOP, _ROW, _WIDTH = 130, 40, 92, 48, 1600
# Within a row: names at +10, the bar from +13 to +29, markers centred at +39.
_NAME, _BAR, _BAR_HEIGHT, _LANE = 10, 13, 16, 39
MARKER_SPACING = 13.0
"""The least distance between two markers' centres on a lane (each is at most 12 wide)."""


def _x(picture: Picture, day: date) -> float:
    span = (picture.end - picture.start).days or 1
    return _LEFT + (_WIDTH - _LEFT - _RIGHT) * (day - picture.start).days / span


def _surname(person: str | None) -> str:
    return person.split()[-1] if person else "?"


def svg(picture: Picture) -> str:
    """The picture as a standalone SVG document."""
    sg_notes = _secretary_notes(picture)
    bottom = _TOP + _ROW * (len(picture.rows) + 1) + 16 * len(sg_notes)
    height = bottom + 80
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" '
        'font-size="12">',
        f'<rect width="{_WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{_LEFT}" y="26" font-size="18" font-weight="bold">{escape(picture.title)}</text>',
        f'<text x="{_LEFT}" y="46" fill="#444">{escape(_span_note(picture))}</text>',
    ]
    out += _axis(picture, bottom)
    for index, row in enumerate(picture.rows):
        out += _row(picture, row, _TOP + _ROW * index)
    out += _secretaries(picture, _TOP + _ROW * len(picture.rows), sg_notes)
    out += _legend(bottom + 30)
    out.append("</svg>")
    return "\n".join(out)


def _span_note(picture: Picture) -> str:
    shown = f"Drawn from {picture.start} to {picture.end} (the axis's last day is not included)"
    last = picture.recorded_until
    if last is None or last >= picture.end:
        return shown + "."
    return (
        f"{shown}; the history's last event is on {last}: "
        "to its right, only terms it had already decided (dashed line)."
    )


def _axis(picture: Picture, bottom: float) -> list[str]:
    out = []
    for year in range(picture.start.year, picture.end.year + 1):
        x = _x(picture, date(year, 1, 1))
        out.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{bottom}" stroke="#e6e6e6"/>'
        )
        if date(year, 1, 1) < picture.end and (
            year % 2 == 0 or picture.end.year - picture.start.year <= 20
        ):
            out.append(
                f'<text x="{x + 2:.1f}" y="{_TOP - 12}" fill="#555" font-size="11">{year}</text>'
            )
    last = picture.recorded_until
    if last is not None and last < picture.end:
        x = _x(picture, last)
        out.append(
            f'<line class="record-end" x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{bottom}" '
            'stroke="#333" stroke-dasharray="4 3"/>'
        )
    return out


def _bar(x1: float, x2: float, y: float, height: float, fill: str, *, tip: str) -> str:
    return (
        f'<rect class="bar" x="{x1:.1f}" y="{y:.1f}" width="{max(x2 - x1, 1.5):.1f}" '
        f'height="{height}" fill="{fill}"><title>{escape(tip)}</title></rect>'
    )


def _row(picture: Picture, row: str, y: float) -> list[str]:
    label = "other hosts" if row == "other" else display(row)
    out = [f'<text x="10" y="{y + _BAR + 12}">{escape(label)}</text>']
    for bar in picture.status.get(row, ()):
        x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
        tip = f"{display(row)}: {bar.label} [{bar.start}, {bar.end})"
        out.append(_bar(x1, x2, y + _BAR, _BAR_HEIGHT, STATUS_COLOURS[bar.label], tip=tip))
    for bar in picture.chair.get(row, ()):
        x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
        who = bar.person or "seat-holder not recorded"
        tip = f"{display(row)} presides [{bar.start}, {bar.end}); its seat: {who}"
        out.append(_bar(x1, x2, y + _BAR + 4, _BAR_HEIGHT - 8, PRESIDES, tip=tip))
        out.append(
            f'<text class="term-name" x="{x1:.1f}" y="{y + _NAME}" font-size="9.5" '
            f'fill="{PRESIDES}">{escape(_surname(bar.person))}</text>'
        )
    marks = sorted((mark for mark in picture.sessions if mark.row == row), key=lambda m: m.day)
    placed = float("-inf")
    for mark in marks:
        true_x = _x(picture, mark.day)
        x = max(true_x, placed + MARKER_SPACING)
        placed = x
        bar_bottom = y + _BAR + _BAR_HEIGHT
        out.append(
            f'<polyline points="{true_x:.1f},{bar_bottom:.1f} {true_x:.1f},{bar_bottom + 2:.1f} '
            f'{x:.1f},{y + _LANE - 6:.1f}" fill="none" stroke="#777" stroke-width="0.8"/>'
        )
        out.append(_marker(mark, x, y + _LANE))
    return out


def _marker(mark: Mark | SessionKind, x: float, y: float, title: str | None = None) -> str:
    kind = mark.kind if isinstance(mark, Mark) else mark
    tip = f"<title>{escape(mark.title if isinstance(mark, Mark) else title or '')}</title>"
    if kind == SessionKind.REGULAR:
        return (
            f'<circle class="session" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#000000">{tip}</circle>'
        )
    if kind == SessionKind.EXTRAORDINARY:
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon class="session" points="{points}" fill="#c0392b">{tip}</polygon>'
    if kind == SessionKind.ANNIVERSARY:
        return (
            f'<rect class="session" x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" '
            f'fill="#7d3c98">{tip}</rect>'
        )
    return (
        f'<circle class="session" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#ffffff" stroke="#000000" '
        f'stroke-width="1.5">{tip}</circle>'
    )


def _starts_spell(picture: Picture, index: int) -> bool:
    """True when the bar begins a new holder's spell (not a renewed term of the one before)."""
    if index == 0:
        return True
    before, bar = picture.secretaries[index - 1], picture.secretaries[index]
    return before.label != bar.label or before.end != bar.start


def _secretary_notes(picture: Picture) -> list[tuple[int, Bar]]:
    """The spells too short to carry their holder's name, numbered in order."""
    notes: list[tuple[int, Bar]] = []
    for index, bar in enumerate(picture.secretaries):
        wide = _x(picture, bar.end) - _x(picture, bar.start)
        if _starts_spell(picture, index) and wide < 6.5 * len(_short(bar)) + 6:
            notes.append((len(notes) + 1, bar))
    return notes


def _short(bar: Bar) -> str:
    return _surname(bar.label.split(" (")[0]) + (" (acting)" if "acting" in bar.label else "")


def _secretaries(picture: Picture, y: float, notes: list[tuple[int, Bar]]) -> list[str]:
    out = [f'<text x="10" y="{y + _BAR + 12}">Secretary General</text>']
    numbered = {id(bar): number for number, bar in notes}
    spell = -1
    for index, bar in enumerate(picture.secretaries):
        starts = _starts_spell(picture, index)
        spell += starts
        x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
        fill = _SG_FILLS[spell % 2]  # a renewed term keeps its holder's colour
        tip = f"{bar.label} [{bar.start}, {bar.end})"
        out.append(_bar(x1, x2, y + _BAR, _BAR_HEIGHT, fill, tip=tip))
        if id(bar) in numbered:
            out.append(
                f'<text class="sg-note" x="{x1:.1f}" y="{y + _NAME}" font-size="9.5">'
                f"{numbered[id(bar)]}</text>"
            )
        elif starts:
            out.append(
                f'<text class="sg-name" x="{x1 + 3:.1f}" y="{y + _BAR + 12}" font-size="10">'
                f"{escape(_short(bar))}</text>"
            )
    for line, (number, bar) in enumerate(notes):
        out.append(
            f'<text x="{_LEFT}" y="{y + _ROW + 4 + 16 * line}" font-size="10.5" fill="#333">'
            f"{number}: {escape(bar.label)}, {bar.start} to {bar.end}</text>"
        )
    return out


def _legend(y: float) -> list[str]:
    items: list[str] = []
    x = float(_LEFT)
    for label, colour in STATUS_COLOURS.items():
        items.append(f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="14" height="12" fill="{colour}"/>')
        items.append(f'<text x="{x + 18:.0f}" y="{y}">{label}</text>')
        x += 100
    items.append(f'<rect x="{x:.0f}" y="{y - 8:.0f}" width="14" height="8" fill="{PRESIDES}"/>')
    items.append(f'<text x="{x + 18:.0f}" y="{y}">presides</text>')
    items.append(
        f'<text x="{x + 80:.0f}" y="{y}" fill="#555">(the name over it: who held its seat)</text>'
    )
    x, y = float(_LEFT), y + 24
    for kind, label in (
        (SessionKind.REGULAR, "regular session"),
        (SessionKind.EXTRAORDINARY, "extraordinary"),
        (SessionKind.INFORMAL, "informal"),
        (SessionKind.ANNIVERSARY, "anniversary"),
    ):
        items.append(_marker(kind, x + 6, y - 4, label).replace('class="session" ', ""))
        items.append(f'<text x="{x + 16:.0f}" y="{y}">{label}</text>')
        x += 130
    items.append(
        f'<text x="{x:.0f}" y="{y}" fill="#555">sessions stand under the host state\'s row; '
        "a tick marks each one's date</text>"
    )
    return items


def to_svg(picture: Picture) -> str:
    """The picture as a standalone SVG document."""
    return svg(picture)
