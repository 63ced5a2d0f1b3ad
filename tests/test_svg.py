"""The SVG picture: readable when rendered, markers that hide nothing, colours told apart."""

from __future__ import annotations

import itertools
import struct
import xml.dom.minidom
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from charter.engine.check import default_history
from charter.engine.replaying import replay
from charter.output._svg import MARKER_SPACING, PRESIDES, STATUS_COLOURS, to_svg
from charter.output.picture import Picture, picture_of
from charter.strategies import HistoryPlan, histories

ROOT = Path(__file__).resolve().parent.parent
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def drawn() -> Picture:
    """The picture of the embedded record."""
    return picture_of(default_history().timeline, "The CSTO record, 1992-2025")


@pytest.fixture(scope="module")
def document(drawn: Picture) -> xml.dom.minidom.Document:
    """Its SVG, parsed."""
    return xml.dom.minidom.parseString(to_svg(drawn))


def _elements(document: xml.dom.minidom.Document, css_class: str) -> list[xml.dom.minidom.Element]:
    return [
        node
        for tag in ("rect", "circle", "polygon", "text")
        for node in document.getElementsByTagName(tag)
        if node.getAttribute("class") == css_class
    ]


def _box(node: xml.dom.minidom.Element) -> Box:
    """The element's bounding box: left, top, right, bottom."""

    def number(name: str) -> float:
        return float(node.getAttribute(name))

    if node.tagName == "rect":
        x, y = number("x"), number("y")
        return x, y, x + number("width"), y + number("height")
    if node.tagName == "circle":
        r = number("r")
        return number("cx") - r, number("cy") - r, number("cx") + r, number("cy") + r
    points = [tuple(map(float, pair.split(","))) for pair in node.getAttribute("points").split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _text(node: xml.dom.minidom.Element) -> str:
    return "".join(
        child.data for child in node.childNodes if isinstance(child, xml.dom.minidom.Text)
    )


def test_no_session_marker_covers_a_bar_or_another_marker(
    document: xml.dom.minidom.Document,
) -> None:
    """Every session is visible: its marker touches no bar and no other marker."""
    markers = [_box(node) for node in _elements(document, "session")]
    bars = [_box(node) for node in _elements(document, "bar")]
    assert len(markers) == len(default_history().timeline.sessions)
    for a, b in itertools.combinations(markers, 2):
        assert not _overlap(a, b), (a, b)
    for marker, bar in itertools.product(markers, bars):
        assert not _overlap(marker, bar), (marker, bar)


@settings(max_examples=25)
@given(histories(max_years=4))
def test_on_any_generated_history_no_marker_covers_a_bar_or_another(plan: HistoryPlan) -> None:
    """Sessions crowded or not, on any history: every marker is drawn clear of the rest."""
    drawn = picture_of(replay(plan.scenario()).history.timeline, "generated")
    document = xml.dom.minidom.parseString(to_svg(drawn))
    markers = [_box(node) for node in _elements(document, "session")]
    bars = [_box(node) for node in _elements(document, "bar")]
    assert len(markers) == len(drawn.sessions)
    for a, b in itertools.combinations(markers, 2):
        assert not _overlap(a, b), (a, b)
    for marker, bar in itertools.product(markers, bars):
        assert not _overlap(marker, bar), (marker, bar)
    names = _elements(document, "term-name")
    assert len(names) == sum(len(bars) for bars in drawn.chair.values())


def test_markers_keep_their_order_spacing_and_true_date(
    drawn: Picture, document: xml.dom.minidom.Document
) -> None:
    """On each row, markers are in date order, ``MARKER_SPACING`` apart, never left of their day."""
    from charter.output._svg import _x

    lanes: dict[float, list[tuple[date, float]]] = {}
    for node in _elements(document, "session"):
        left, top, right, bottom = _box(node)
        title = _text(node.getElementsByTagName("title")[0])
        day = date.fromisoformat(title.split()[0])
        lanes.setdefault((top + bottom) / 2, []).append((day, (left + right) / 2))
    assert len(lanes) > 3
    for marks in lanes.values():
        marks.sort(key=lambda mark: mark[1])
        assert [day for day, _ in marks] == sorted(day for day, _ in marks)
        for (_, a), (_, b) in itertools.pairwise(marks):
            assert b - a >= MARKER_SPACING - 0.11
        for day, x in marks:
            assert x >= _x(drawn, day) - 0.11


def test_status_colours_are_far_apart() -> None:
    """No two statuses (nor a status and the presidency) share a similar colour."""
    colours = [*STATUS_COLOURS.values(), PRESIDES]

    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))

    for a, b in itertools.combinations(colours, 2):
        distance = sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b), strict=True)) ** 0.5
        assert distance >= 60, (a, b, distance)


def test_every_presidency_is_named_after_its_seat_holder(
    drawn: Picture, document: xml.dom.minidom.Document
) -> None:
    """Each presides bar has a name over it: the surname of who held the seat."""
    names = [_text(node) for node in _elements(document, "term-name")]
    terms = [bar for bars in drawn.chair.values() for bar in bars]
    assert len(names) == len(terms)
    assert "Rahmon" in names
    assert "Pashinyan" in names


def test_each_secretary_general_is_labelled_once_and_short_spells_are_numbered(
    drawn: Picture, document: xml.dom.minidom.Document
) -> None:
    """A renewed term is not labelled again; a spell too short for its name gets a note number."""
    names = [_text(node) for node in _elements(document, "sg-name")]
    notes = [_text(node) for node in _elements(document, "sg-note")]
    assert names.count("Bordyuzha") == 1
    spells = [
        bar
        for index, bar in enumerate(drawn.secretaries)
        if index == 0
        or drawn.secretaries[index - 1].label != bar.label
        or drawn.secretaries[index - 1].end != bar.start
    ]
    assert len(names) + len(notes) == len(spells)
    assert notes == [str(number) for number in range(1, len(notes) + 1)]
    legend = to_svg(drawn)
    for number in notes:
        assert f">{number}: " in legend


def test_the_title_area_states_the_span_drawn_and_where_the_record_ends(drawn: Picture) -> None:
    """The axis runs past the record's last event; the picture says so and draws the line."""
    svg = to_svg(drawn)
    assert f"Drawn from {drawn.start} to {drawn.end}" in svg
    assert drawn.recorded_until is not None
    assert f"last event is on {drawn.recorded_until}" in svg
    assert 'class="record-end"' in svg


# --- rendered ------------------------------------------------------------------------------


def _decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit RGBA, non-interlaced PNG (as resvg writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, width, height = 8, b"", 0, 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if chunk == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 6)
        elif chunk == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4
    rows: list[bytes] = []
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - 4] if index >= 4 else 0
            up = previous[index]
            corner = previous[index - 4] if index >= 4 else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0), (abs(guess - up), 1), (abs(guess - corner), 2))
                line[index] = (line[index] + (left, up, corner)[near[1]]) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def _hex(rows: list[bytes], x: float, y: float) -> str:
    pixel = rows[round(y)][round(x) * 4 : round(x) * 4 + 3]
    return "#" + pixel.hex()


def test_the_rendered_picture_shows_each_status_presidency_and_session(
    drawn: Picture, document: xml.dom.minidom.Document
) -> None:
    """Rendered to PNG, the middle of each bar shows its colour and each marker its own fill."""
    resvg = pytest.importorskip("resvg_py")
    svg = to_svg(drawn)
    width, height, rows = _decode_png(bytes(resvg.svg_to_bytes(svg_string=svg)))
    root = document.documentElement
    assert root is not None
    assert (width, height) == (int(root.getAttribute("width")), int(root.getAttribute("height")))
    presides = [
        node for node in _elements(document, "bar") if node.getAttribute("fill") == PRESIDES
    ]
    assert presides
    for node in _elements(document, "bar"):
        left, top, right, bottom = _box(node)
        if right - left < 4:
            continue
        # A presidency band is read at its middle; any other bar just inside its top edge,
        # above the band drawn inside it and above the name written on it.
        y = (top + bottom) / 2 if node in presides else top + 2
        assert _hex(rows, (left + right) / 2, y) == node.getAttribute("fill"), node.toxml()[:120]
    for node in _elements(document, "session"):
        left, top, right, bottom = _box(node)
        fill = node.getAttribute("fill")  # an informal session is a ring, white inside
        assert _hex(rows, (left + right) / 2, (top + bottom) / 2) == fill, node.toxml()[:120]


def test_the_shipped_picture_is_current() -> None:
    """docs/record-timeline.svg is what ``charter timeline --format svg`` draws today."""
    from charter.engine.record import record_scenario

    drawn = picture_of(default_history().timeline, record_scenario().title or "The CSTO record")
    shipped = (ROOT / "docs" / "record-timeline.svg").read_text(encoding="utf-8")
    assert shipped == to_svg(drawn) + "\n"
    assert drawn.end > date(2025, 1, 1)
