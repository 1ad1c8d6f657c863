"""Dashboard pages (run by app.py through st.navigation) and what they share (common.py).

Not named pages/: a pages/ folder next to app.py switches Streamlit to its older multipage mode,
which runs a page without app.py (and so without the shared sidebar) in some runs.
"""
