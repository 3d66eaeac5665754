"""zhkg: Chinese government news → knowledge graph of people, posts, organizations and places."""

__version__ = "0.1.0"
