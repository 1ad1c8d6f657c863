"""Dashboard pages, run by app.py through ``st.navigation``, and what they share (``ui.py``).

With ``st.navigation`` in app.py Streamlit ignores this folder's old multipage discovery: every page
runs inside app.py, under the shared sidebar filters. Tests start the app from app.py and switch pages.
"""
