"""The pages a public body must publish: Impressum, Datenschutzerklärung and
Erklärung zur Barrierefreiheit (linked from the footer, site/footer.py)."""
