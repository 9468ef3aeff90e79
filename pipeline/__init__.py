"""briefing-claims: quantitative claims from press-briefing transcripts."""

__version__ = "0.1.0"
