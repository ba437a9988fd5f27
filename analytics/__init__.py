"""Pure analytics core for township 法治政府建设 annual reports (no streamlit here)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"
SEED_DIR = DATA_DIR / "seeds"
