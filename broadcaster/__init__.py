"""broadcaster: coordinated multi-agency police appeals, launched at one moment."""

__version__ = "0.1.0"
