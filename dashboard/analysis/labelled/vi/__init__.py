"""The two invented Vietnamese documents the segmentation and role sets are labelled on (text and sidecar)."""
