"""Custom components, under Streamlit's names: ``rillet.components.v1`` (also
``st.components.v1`` after ``import rillet as st``)."""

from rillet.components import v1

__all__ = ["v1"]
