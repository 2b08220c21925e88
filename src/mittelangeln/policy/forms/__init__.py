"""The online forms: what citizens fill in, how it is checked and received."""
