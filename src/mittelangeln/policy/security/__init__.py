"""Who may see and do what: groups, areas, dynamic local roles, sharing
overview, access trail and login hardening (one module per concern)."""
