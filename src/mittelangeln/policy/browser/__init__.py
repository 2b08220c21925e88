"""Views of the E-Akte."""
