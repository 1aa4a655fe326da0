"""The default Jinja2 templates and static files (installed as package data)."""
