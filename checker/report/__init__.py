"""Report stage: turn mentions and checks into text (rich) or JSON for people and machines."""
