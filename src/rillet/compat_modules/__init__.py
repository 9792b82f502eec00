"""Modules that stand in for Streamlit modules apps import besides ``streamlit`` itself.

Each holds what apps take from the Streamlit module of the same name, implemented by rillet;
`rillet.compat` maps the Streamlit names to them under ``--streamlit-compat``.
"""
