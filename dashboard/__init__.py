"""policy-timeline: policy documents into a cited dataset and a dashboard."""

__version__ = "0.1.0"
