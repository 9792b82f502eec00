"""Custom components, under Streamlit's names: ``rillet.components.v1`` and
``rillet.components.v2`` (also ``st.components.v1``/``v2`` after ``import rillet as st``)."""

from rillet.components import v1, v2

__all__ = ["v1", "v2"]
