"""A bare Streamlit app with one plotly chart: the baseline that `make run` start-up is compared with."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="bare", layout="wide")
st.title("基准")
st.plotly_chart(go.Figure(go.Bar(x=["甲", "乙"], y=[1, 2])))
