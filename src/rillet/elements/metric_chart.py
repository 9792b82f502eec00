"""The numbers of a metric's sparkline: any sequence in, a list of floats out.

Streamlit reads ``chart_data`` the way it reads a widget's options (a list, a set, a Series,
a frame's first column, a lone number) and casts every value to float, so the same helper as
the choice widgets' options is used and only the cast is here.
"""

from __future__ import annotations

import math

from rillet.elements.options import option_list
from rillet.runtime.errors import RilletAPIException


def chart_points(chart_data: object) -> list[float | None]:
    """``chart_data`` as floats, with None where a value is NaN or infinite.

    JSON has no NaN, and a sparkline leaves a gap where a value is missing rather than
    drawing it at an edge, so a non-finite value travels as None.
    """
    points: list[float | None] = []
    for value in option_list(chart_data):
        try:
            number = float(value)
        except Exception as error:
            raise RilletAPIException(
                "Only numeric values are supported for chart data sequence. The value "
                f"'{value}' is of type {type(value)} and cannot be converted to float."
            ) from error
        points.append(number if math.isfinite(number) else None)
    return points
