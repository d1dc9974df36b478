"""A pay chart as a PNG: each row a bar from the 25th to the 75th percentile with the median
marked and the number of answers written beside it. matplotlib is imported only here, when a
chart is asked for, so no other answer pays for it."""

from __future__ import annotations

import io

from careerbot.bot.answer.reply import Chart

FILENAME = "careerbot-pay.png"


def png(chart: Chart) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw to memory
    from matplotlib import pyplot as plt

    rows = chart.rows
    figure, axes = plt.subplots(figsize=(7, 1.0 + 0.6 * len(rows)), dpi=100)
    try:
        for i, row in enumerate(rows):
            axes.barh(i, row.p75 - row.p25, left=row.p25, height=0.5, color="#9ecae1")
            axes.plot([row.median, row.median], [i - 0.25, i + 0.25], color="#08519c", lw=3)
            axes.text(row.p75, i, f"  median {row.median / 1000:.0f}K, n={row.n}",
                      va="center", fontsize=9)
        axes.set_yticks(range(len(rows)), [row.label for row in rows])
        axes.invert_yaxis()
        axes.set_xlabel(f"{chart.unit} per year (bar: middle half of answers)")
        axes.set_title(chart.title, fontsize=11)
        right = max(row.p75 for row in rows) if rows else 1
        axes.set_xlim(0, right * 1.45)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(figure)
