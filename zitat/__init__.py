"""zitat: who said what in German news, and how hawkish it was."""

__version__ = "0.1.0"
