"""Pictures of a history: membership per state, chairmanship terms, sessions, Secretaries-General.

The same picture in three forms: SVG (a file a browser shows), Mermaid (a Gantt
chart that renders in documentation) and plain text for a terminal. All three
are drawn from one ``Picture``, taken from a replayed timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from charter._states import display, rotation_key
from charter.model import MembershipStatus, SessionKind
from charter.timeline import Timeline

__all__ = ["Bar", "Mark", "Picture", "picture_of", "to_mermaid", "to_svg", "to_text"]


@dataclass(frozen=True, slots=True)
class Bar:
    """A span on a row: ``[start, end)`` with a label."""

    start: date
    end: date
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A session: its day, kind, the row it stands on, and a title."""

    day: date
    kind: SessionKind
    row: str
    title: str


@dataclass(frozen=True)
class Picture:
    """What the pictures show, in plain data."""

    title: str
    start: date
    end: date
    rows: tuple[str, ...]
    status: dict[str, tuple[Bar, ...]]
    chair: dict[str, tuple[Bar, ...]]
    sessions: tuple[Mark, ...]
    secretaries: tuple[Bar, ...]


def _spans(changes: list[tuple[date, str | None]], end: date) -> list[Bar]:
    bars: list[Bar] = []
    for index, (start, label) in enumerate(changes):
        stop = min(changes[index + 1][0], end) if index + 1 < len(changes) else end
        if label is not None and stop > start:
            bars.append(Bar(start, stop, label))
    return bars


def picture_of(timeline: Timeline, title: str, end: date | None = None) -> Picture:
    """Take the picture of a replayed timeline, up to ``end`` (default: the January after it ends)."""
    last = timeline.last_day or date(1992, 1, 1)
    stop = end or date(last.year + 1, 1, 1)
    # Show whole years up to the end of the last term or spell that has begun.
    begun = [day for day, term in timeline.presidency.changes() if term.decided]
    begun += [
        day
        for day, spell in timeline.secretaries.changes()
        if spell is not None and not spell.ended
    ]
    for day in begun:
        stop = max(stop, date(day.year + 1, 1, 1))
    first_days = [
        series_start for series in timeline.status.values() for series_start, _ in series.changes()
    ]
    start = date(min(first_days).year, 1, 1) if first_days else date(last.year, 1, 1)
    rows = tuple(sorted(timeline.status, key=rotation_key))
    status = {
        state: tuple(
            _spans([(day, value.value) for day, value in timeline.status[state].changes()], stop)
        )
        for state in rows
    }
    terms = _spans([(day, value.state) for day, value in timeline.presidency.changes()], stop)
    chair = {state: tuple(bar for bar in terms if bar.label == state) for state in rows}
    marks = []
    for event in timeline.sessions.values():
        session = event.session
        assert session is not None
        row = session.host if session.host in rows else "other"
        place = session.city or display(session.host)
        marks.append(
            Mark(
                event.date,
                session.kind,
                row or "other",
                f"{event.date} {session.kind.value}, {place}",
            )
        )
    secretaries = _spans(
        [
            (
                day,
                (spell.person + (" (acting)" if spell.acting else ""))
                if spell and spell.person and not spell.ended
                else None,
            )
            for day, spell in timeline.secretaries.changes()
        ],
        stop,
    )
    if any(mark.row == "other" for mark in marks):
        rows = (*rows, "other")
    return Picture(title, start, stop, rows, status, chair, tuple(marks), tuple(secretaries))


# --- SVG -------------------------------------------------------------------------------------

_STATUS_COLOURS = {
    MembershipStatus.SIGNATORY.value: "#c9d6e3",
    MembershipStatus.MEMBER.value: "#7fb77e",
    MembershipStatus.SUSPENDED.value: "#f0a35e",
    MembershipStatus.FROZEN.value: "#9fb4c7",
    MembershipStatus.WITHDRAWN.value: "#f3d6d6",
}
_CHAIR = "#2b4a8b"
_LEFT, _TOP, _ROW, _WIDTH = 130, 70, 34, 1340


def _x(picture: Picture, day: date) -> float:
    span = (picture.end - picture.start).days or 1
    return _LEFT + (_WIDTH - _LEFT - 40) * (day - picture.start).days / span


def to_svg(picture: Picture) -> str:
    """The picture as a standalone SVG document."""
    height = _TOP + _ROW * (len(picture.rows) + 1) + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{_WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{_LEFT}" y="24" font-size="18" font-weight="bold">{escape(picture.title)}</text>',
    ]
    bottom = _TOP + _ROW * (len(picture.rows) + 1)
    for year in range(picture.start.year, picture.end.year + 1):
        x = _x(picture, date(year, 1, 1))
        out.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{bottom}" stroke="#e4e4e4"/>'
        )
        if year % 2 == 0 or picture.end.year - picture.start.year <= 20:
            out.append(
                f'<text x="{x + 2:.1f}" y="{_TOP - 12}" fill="#555" font-size="11">{year}</text>'
            )
    for index, row in enumerate(picture.rows):
        y = _TOP + _ROW * index
        label = "other hosts" if row == "other" else display(row)
        out.append(f'<text x="10" y="{y + 21}">{escape(label)}</text>')
        for bar in picture.status.get(row, ()):
            x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
            out.append(
                f'<rect x="{x1:.1f}" y="{y + 6}" width="{max(x2 - x1, 1):.1f}" height="{_ROW - 12}" '
                f'fill="{_STATUS_COLOURS[bar.label]}"><title>{escape(f"{display(row)}: {bar.label} [{bar.start}, {bar.end})")}</title></rect>'
            )
        for bar in picture.chair.get(row, ()):
            x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
            out.append(
                f'<rect x="{x1:.1f}" y="{y + 11}" width="{max(x2 - x1, 1.5):.1f}" height="{_ROW - 22}" '
                f'fill="{_CHAIR}"><title>{escape(f"{display(row)} presides [{bar.start}, {bar.end})")}</title></rect>'
            )
    for mark in picture.sessions:
        position = picture.rows.index(mark.row)
        centre = _TOP + _ROW * position + _ROW / 2
        out.append(_marker(mark.kind, _x(picture, mark.day), centre, mark.title))
    y = _TOP + _ROW * len(picture.rows)
    out.append(f'<text x="10" y="{y + 21}">Secretary General</text>')
    for index, bar in enumerate(picture.secretaries):
        x1, x2 = _x(picture, bar.start), _x(picture, bar.end)
        fill = "#d9c27a" if index % 2 == 0 else "#c9a94f"
        out.append(
            f'<rect x="{x1:.1f}" y="{y + 6}" width="{max(x2 - x1, 1):.1f}" height="{_ROW - 12}" fill="{fill}">'
            f"<title>{escape(f'{bar.label} [{bar.start}, {bar.end})')}</title></rect>"
        )
        if x2 - x1 > 60:
            short = bar.label.split(" (")[0].split()[-1] + (
                " (a.)" if "acting" in bar.label else ""
            )
            out.append(f'<text x="{x1 + 3:.1f}" y="{y + 21}" font-size="10">{escape(short)}</text>')
    out.extend(_legend(bottom + 30))
    out.append("</svg>")
    return "\n".join(out)


def _marker(kind: SessionKind, x: float, y: float, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if kind is SessionKind.REGULAR:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="black" stroke="white">{tip}</circle>'
    if kind is SessionKind.EXTRAORDINARY:
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="#c0392b" stroke="white">{tip}</polygon>'
    if kind is SessionKind.ANNIVERSARY:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#8e44ad" stroke="white">{tip}</rect>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="white" stroke="black" stroke-width="1.5">{tip}</circle>'


def _legend(y: float) -> list[str]:
    items: list[str] = []
    x = float(_LEFT)
    for label, colour in _STATUS_COLOURS.items():
        items.append(f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="14" height="12" fill="{colour}"/>')
        items.append(f'<text x="{x + 18:.0f}" y="{y}">{label}</text>')
        x += 100
    items.append(f'<rect x="{x:.0f}" y="{y - 8:.0f}" width="14" height="8" fill="{_CHAIR}"/>')
    items.append(f'<text x="{x + 18:.0f}" y="{y}">presides</text>')
    x, y = float(_LEFT), y + 24
    for kind, label in (
        (SessionKind.REGULAR, "regular session"),
        (SessionKind.EXTRAORDINARY, "extraordinary"),
        (SessionKind.INFORMAL, "informal"),
        (SessionKind.ANNIVERSARY, "anniversary"),
    ):
        items.append(_marker(kind, x + 6, y - 4, label))
        items.append(f'<text x="{x + 16:.0f}" y="{y}">{label}</text>')
        x += 130
    items.append(
        f'<text x="{x:.0f}" y="{y}" fill="#555">sessions stand on the host state\'s row</text>'
    )
    return items


# --- Mermaid ---------------------------------------------------------------------------------


def to_mermaid(picture: Picture) -> str:
    """The picture as a Mermaid Gantt chart."""
    lines = [
        "gantt",
        f"    title {picture.title}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y",
    ]
    for row in picture.rows:
        if row == "other":
            continue
        lines.append(f"    section {display(row)}")
        for bar in picture.status.get(row, ()):
            lines.append(f"    {bar.label} : {bar.start}, {bar.end}")
        for bar in picture.chair.get(row, ()):
            lines.append(f"    presides : crit, {bar.start}, {bar.end}")
    lines.append("    section Sessions")
    for mark in picture.sessions:
        lines.append(f"    {mark.kind.value} {mark.day} : milestone, {mark.day}, 0d")
    lines.append("    section Secretary General")
    for bar in picture.secretaries:
        lines.append(f"    {bar.label.replace(':', ' ')} : {bar.start}, {bar.end}")
    return "\n".join(lines)


# --- text ------------------------------------------------------------------------------------

_STATUS_CHARS = {"signatory": "s", "member": "=", "suspended": "S", "frozen": "F", "withdrawn": "x"}


def to_text(picture: Picture) -> str:
    """The picture as text: a column per year, a row per state."""
    years = list(range(picture.start.year, picture.end.year))
    label_width = 13
    decades = [" "] * (len(years) + 4)
    for index, year in enumerate(years):
        if year % 10 == 0 or index == 0:
            decades[index : index + 4] = list(str(year))
    header_decades = " " * label_width + "".join(decades).rstrip()
    header_units = " " * label_width + "".join(str(year)[3] for year in years)
    lines = [picture.title, header_decades, header_units]
    for row in picture.rows:
        if row == "other":
            continue
        cells = []
        for year in years:
            middle = date(year, 7, 1)
            if any(bar.start <= middle < bar.end for bar in picture.chair.get(row, ())):
                cells.append("#")
                continue
            status = next(
                (bar.label for bar in picture.status.get(row, ()) if bar.start <= middle < bar.end),
                None,
            )
            cells.append(_STATUS_CHARS.get(status or "", " "))
        lines.append(f"{display(row):<{label_width}}" + "".join(cells))
    counts = []
    for year in years:
        held = sum(1 for mark in picture.sessions if mark.day.year == year)
        counts.append(str(held) if held < 10 else "+")
    lines.append(f"{'sessions':<{label_width}}" + "".join(counts).replace("0", "."))
    lines.append("")
    lines.append(
        "s signatory  = member  S suspended  F frozen  x withdrawn  # presides (on 1 July)  digits: sessions held"
    )
    return "\n".join(lines)
