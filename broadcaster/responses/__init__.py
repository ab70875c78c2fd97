"""What came back: tracking (replies, metrics), tips, retention, triage and reach reports."""
