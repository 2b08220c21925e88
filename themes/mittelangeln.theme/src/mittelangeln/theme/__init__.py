"""The Classic UI theme of the Mittelangeln portal (Diazo, on Barceloneta)."""

PROFILE_ID = "mittelangeln.theme:default"
THEME = "mittelangeln"
