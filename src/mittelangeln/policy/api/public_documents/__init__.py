"""@oeffentliche-dokumente: the published, current public documents for the
Amt's homepage (api/static/openapi.json describes it)."""
