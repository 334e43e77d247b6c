"""zhkg: Chinese political news into a knowledge graph of people, bodies, events and policies."""

__version__ = "0.1.0"
