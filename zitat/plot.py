"""The picture of a speaker's stance over time (`zitat timeline --plot`, the web page's chart).

matplotlib's object API on the Agg canvas: no display, no pyplot state shared between threads (the
web server draws from several), only the DejaVu fonts matplotlib ships. SVG keeps its text as text
(searchable, and the page can style it); both formats carry the title in their metadata.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foundation.errors import InvalidDocument
from worker.types import TimelineBucket

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FORMATS = ("png", "svg")
#: More buckets with statements than this: no count label beside each point (the bars show them).
MAX_LABELLED_POINTS = 40
_UNIT = {"day": "Tag", "week": "Woche", "month": "Monat"}
_STANCE_TICKS = ([-1.0, -0.5, 0.0, 0.5, 1.0], ["−1 versöhnlich", "−0,5", "0 neutral", "+0,5", "+1 konfrontativ"])
_LINE, _BARS = "#b2182b", "#9e9e9e"
#: SVG text stays text; ids in the SVG do not change from run to run; the minus sign is U+2212.
_STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "zitat-timeline",
    "font.family": "DejaVu Sans",
    "axes.unicode_minus": True,
}


def format_for(out: Path | None, fmt: str) -> str:
    """png or svg: the file's suffix when there is a file, else `fmt`."""
    chosen = out.suffix.lower().lstrip(".") if out is not None else fmt.lower()
    if chosen not in FORMATS:
        shown = str(out) if out is not None else fmt
        raise InvalidDocument(f"the picture must be a .png or .svg file, got {shown[:200]!r}", field="plot")
    return chosen


def period(buckets: list[TimelineBucket], interval: str) -> str:
    """The span the buckets cover, German style: "03.03.2025 – 30.03.2025", months as "03.2025"."""
    if not buckets:
        return ""
    first, last = date.fromisoformat(buckets[0].start), date.fromisoformat(buckets[-1].start)
    if interval == "month":
        return f"{first:%m.%Y}" + (f" – {last:%m.%Y}" if last != first else "")
    end = last + timedelta(days=6) if interval == "week" else last
    return f"{first:%d.%m.%Y}" + (f" – {end:%d.%m.%Y}" if end != first else "")


def _plain(text: str) -> str:
    """Text matplotlib must not read as mathtext ($...$)."""
    return text.replace("$", r"\$")


def render_timeline(
    speaker: str, buckets: list[TimelineBucket], interval: str, out: Path | None = None, fmt: str = "svg"
) -> bytes:
    """The picture as PNG or SVG bytes (the suffix of `out` decides when given, and the file is
    written): mean stance per bucket as a line with its statement count beside each point, the
    counts as bars below, a zero line, the speaker and the period in the title. No statements at
    all gives a picture that says so."""
    from matplotlib import dates as mdates
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fmt = format_for(out, fmt)
    buckets = sorted(buckets, key=lambda b: b.start)
    spoken = [b for b in buckets if b.statements > 0]
    span = period(buckets, interval)
    title = f"{speaker}: Haltung je {_UNIT.get(interval, interval)}" + (f", {span}" if span else "")

    data = io.BytesIO()
    with rc_context(_STYLE):
        fig = Figure(figsize=(9, 5.2), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
        fig.suptitle(_plain(title), fontsize=13)
        if not spoken:
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(
                0.5,
                0.5,
                "keine Aussagen" + (f" im Zeitraum {span}" if span else ""),
                ha="center",
                va="center",
                fontsize=14,
                color="#555555",
                transform=ax.transAxes,
            )
        else:
            _draw(fig, buckets, spoken, interval, mdates)
        metadata = {"Title": title} if fmt == "png" else {"Title": title, "Date": None}
        fig.savefig(data, format=fmt, metadata=metadata)
    picture = data.getvalue()
    if out is not None:
        out.write_bytes(picture)
    return picture


def _span_of(start: date, interval: str) -> timedelta:
    """How long the bucket that starts here lasts."""
    if interval == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - start
    return timedelta(days=7 if interval == "week" else 1)


def _draw(fig, buckets: list[TimelineBucket], spoken: list[TimelineBucket], interval: str, mdates) -> None:
    """Stance above (a point in the middle of each bucket that has statements), counts below (a bar
    over each bucket's days)."""
    stance_ax, count_ax = fig.subplots(2, 1, sharex=True, height_ratios=[3, 1])
    starts = [datetime.fromisoformat(b.start) for b in buckets]  # datetimes: a date would drop half days
    spans = [_span_of(d.date(), interval) for d in starts]
    middle = {b.start: d + span / 2 for b, d, span in zip(buckets, starts, spans)}
    x = [middle[b.start] for b in spoken]
    y = [max(-1.0, min(1.0, b.mean_stance)) for b in spoken]
    most = max(b.statements for b in spoken)
    crowded = len(spoken) > MAX_LABELLED_POINTS  # a year of days: the bars below carry the counts

    stance_ax.axhline(0.0, color="#333333", linewidth=0.8)
    stance_ax.axhspan(0.0, 1.1, color=_LINE, alpha=0.04)
    stance_ax.plot(x, y, color=_LINE, linewidth=0.8 if crowded else 1.5, zorder=2)
    largest = 40 if crowded else 200
    stance_ax.scatter(
        x,
        y,
        s=[largest * (0.15 + 0.85 * b.statements / most) for b in spoken],
        color=_LINE,
        edgecolor="white",
        linewidth=0.5,
        zorder=3,
    )
    if not crowded:
        for xi, yi, b in zip(x, y, spoken):
            stance_ax.annotate(
                f"n={b.statements}",
                (xi, yi),
                xytext=(0, 10 if yi <= 0.7 else -16),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color="#333333",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    stance_ax.set_ylim(-1.1, 1.1)
    stance_ax.set_yticks(*_STANCE_TICKS)
    stance_ax.set_ylabel("mittlere Haltung")
    stance_ax.grid(axis="y", alpha=0.3)

    count_ax.bar(
        starts, [b.statements for b in buckets], width=[0.9 * span.days for span in spans], align="edge", color=_BARS
    )
    count_ax.set_ylabel("Aussagen")
    count_ax.set_xlabel({"day": "Tag", "week": "Woche (ab Montag)", "month": "Monat"}.get(interval, "Datum"))
    count_ax.yaxis.get_major_locator().set_params(integer=True)
    count_ax.set_ylim(0, most * 1.15)

    pad = spans[0] * 0.5
    count_ax.set_xlim(starts[0] - pad, starts[-1] + spans[-1] + pad)
    count_ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9))
    count_ax.xaxis.set_major_formatter(mdates.DateFormatter("%m.%Y" if interval == "month" else "%d.%m.%Y"))
    count_ax.tick_params(axis="x", labelrotation=30)
    for label in count_ax.get_xticklabels():
        label.set_horizontalalignment("right")
