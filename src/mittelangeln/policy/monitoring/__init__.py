"""Operations: the health view HAProxy asks (health.py, browser/health.py)
and the conversion backlog in Site Setup and as JSON (browser/backlog.py,
services/backlog.py; figures from dokumente/backlog.py)."""
