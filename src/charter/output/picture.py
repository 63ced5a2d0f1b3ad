"""Pictures of a history: membership per state, chairmanship terms, sessions, Secretaries-General.

The same picture in three forms: SVG (a file a browser shows), Mermaid (a Gantt
chart that renders in documentation) and plain text for a terminal. All three
are drawn from one ``Picture``, taken from a replayed timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from charter.engine._installed import display, rotation_key
from charter.engine.timeline import Timeline

__all__ = ["Bar", "Mark", "Picture", "picture_of", "to_mermaid", "to_text"]


@dataclass(frozen=True, slots=True)
class Bar:
    """A span on a row: ``[start, end)`` with a label (and, for a term, who held the seat)."""

    start: date
    end: date
    label: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """A session: its day, kind, the row it stands on, and a title."""

    day: date
    kind: str
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
    recorded_until: date | None = None
    """The day of the history's last event: bars after it are terms it already decided."""


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
    rows = tuple(sorted(timeline.status, key=rotation_key(timeline.rulebook)))
    status = {
        state: tuple(
            _spans([(day, value) for day, value in timeline.status[state].changes()], stop)
        )
        for state in rows
    }
    terms = [
        Bar(bar.start, bar.end, bar.label, _seat_holder(timeline, bar.label, bar.start))
        for bar in _spans(
            [(day, value.state) for day, value in timeline.presidency.changes()], stop
        )
    ]
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
                f"{event.date} {session.kind}, {place}",
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
    return Picture(
        title, start, stop, rows, status, chair, tuple(marks), tuple(secretaries), timeline.last_day
    )


def _seat_holder(timeline: Timeline, state: str, day: date) -> str | None:
    holder = timeline.seat_holder_on(state, day)
    return holder.person if holder is not None else None


# The SVG form is drawn in charter.output._svg.


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
        lines.append(f"    {mark.kind} {mark.day} : milestone, {mark.day}, 0d")
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
