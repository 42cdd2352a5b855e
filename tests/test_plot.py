"""zitat.plot: the timeline picture is a valid PNG or SVG with the speaker and period in its title."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.image import imread

from foundation.errors import InvalidDocument
from worker.types import TimelineBucket
from zitat.plot import period, render_timeline

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
WEEKS = [
    TimelineBucket("2025-03-03", 2, 0.45, 1, 1, 0),
    TimelineBucket("2025-03-10", 0, 0.0, 0, 0, 0),
    TimelineBucket("2025-03-17", 5, -0.3, 1, 1, 3),
    TimelineBucket("2025-03-24", 1, 0.9, 1, 0, 0),
]


def svg_texts(data: bytes) -> str:
    root = ET.fromstring(data)  # well-formed XML, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join(
        "".join(el.itertext())
        for el in root.iter()
        if el.tag in ("{http://www.w3.org/2000/svg}text", "{http://purl.org/dc/elements/1.1/}title")
    )


def test_png_file_by_suffix(tmp_path: Path) -> None:
    out = tmp_path / "pompeo.png"
    data = render_timeline("Mike Pompeo", WEEKS, "week", out)
    assert out.read_bytes() == data and data.startswith(PNG_MAGIC) and len(data) > 5000
    height, width, _ = imread(io.BytesIO(data)).shape
    assert width > 600 and height > 300
    assert b"Mike Pompeo: Haltung je Woche, 03.03.2025 \xe2\x80\x93 30.03.2025" in data  # PNG tEXt Title


def test_svg_keeps_its_text_title_axes_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "pompeo.SVG"
    data = render_timeline("Mike Pompeo", WEEKS, "week", out, fmt="png")  # the suffix decides
    assert out.read_bytes() == data
    texts = svg_texts(data)
    assert "Mike Pompeo: Haltung je Woche, 03.03.2025 – 30.03.2025" in texts
    for label in ("mittlere Haltung", "Aussagen", "+1 konfrontativ", "−1 versöhnlich", "n=2", "n=5", "n=1"):
        assert label in texts
    assert "n=0" not in texts  # an empty week has a gap, not a point


def test_bytes_only_without_a_file() -> None:
    assert render_timeline("Jen Psaki", WEEKS[:1], "week", fmt="png").startswith(PNG_MAGIC)
    assert "Jen Psaki" in svg_texts(render_timeline("Jen Psaki", WEEKS[:1], "week"))


@pytest.mark.parametrize("buckets", [[], [TimelineBucket("2025-03-01", 0, 0.0, 0, 0, 0)]])
def test_no_statements_draws_a_picture_that_says_so(buckets: list[TimelineBucket], tmp_path: Path) -> None:
    texts = svg_texts(render_timeline("Erika Beispiel", buckets, "month"))
    assert "Erika Beispiel" in texts and "keine Aussagen" in texts
    assert render_timeline("Erika Beispiel", buckets, "month", tmp_path / "leer.png").startswith(PNG_MAGIC)


def test_a_year_of_days_and_months_render() -> None:
    days = [
        TimelineBucket((date(2024, 1, 1) + timedelta(days=i)).isoformat(), i % 4, ((i * 37) % 200 - 100) / 100, 0, 0, 0)
        for i in range(366)
    ]
    texts = svg_texts(render_timeline("Annalena Beispiel", days, "day"))
    assert "01.01.2024 – 31.12.2024" in texts and "n=" not in texts  # too many points to label each
    months = [TimelineBucket(f"2025-{m:02d}-01", m, 0.1 * m - 0.6, 0, 0, 0) for m in range(1, 13)]
    assert "01.2025 – 12.2025" in svg_texts(render_timeline("Annalena Beispiel", months, "month"))


def test_names_are_not_read_as_formulas() -> None:
    assert "Dollar $ Mann_1 $^2" in svg_texts(render_timeline("Dollar $ Mann_1 $^2", WEEKS, "week"))


def test_out_of_range_stance_is_kept_inside_the_axis() -> None:
    wild = [TimelineBucket("2025-03-03", 1, 3.0, 1, 0, 0), TimelineBucket("2025-03-10", 1, -7.0, 0, 0, 1)]
    assert render_timeline("Test Person", wild, "week", fmt="png").startswith(PNG_MAGIC)


def test_other_suffixes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidDocument, match=r"\.png or \.svg") as e:
        render_timeline("Mike Pompeo", WEEKS, "week", tmp_path / "bild.jpg")
    assert e.value.field == "plot" and not (tmp_path / "bild.jpg").exists()
    with pytest.raises(InvalidDocument):
        render_timeline("Mike Pompeo", WEEKS, "week", fmt="pdf")


def test_period_reads_german() -> None:
    assert period(WEEKS, "week") == "03.03.2025 – 30.03.2025"
    assert period(WEEKS[:1], "day") == "03.03.2025"
    assert period([TimelineBucket("2025-01-01", 1, 0, 0, 1, 0)], "month") == "01.2025"
    assert period([], "week") == ""
