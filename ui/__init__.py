"""The small UI layer between pages and the analytics core: cached data, filters, charts, export, auth.

Every page imports this package, which also keeps the app in ``st.navigation`` mode: Streamlit
treats an app with a ``pages/`` folder as a legacy multipage app (page files run on their own,
file names in the sidebar) until the public ``st.navigation`` has been called once in the server
process. A deep link opened first on a fresh server (``/kwic?term=执法``) would therefore skip
``app.py``. When a page finds itself running that way it leaves legacy mode and reruns, so the
request goes through ``app.py`` and its navigation, with the same URL and query parameters.
"""

from streamlit.runtime.pages_manager import PagesManager as _PagesManager


def _leave_legacy_multipage_mode() -> None:
    if _PagesManager.uses_pages_directory:
        import streamlit as st

        _PagesManager.uses_pages_directory = False
        st.rerun()


_leave_legacy_multipage_mode()
