"""REST services of the portal (plone.restapi), one package per endpoint."""
