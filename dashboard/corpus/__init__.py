"""Seeds → provisions: read, clean and segment raw texts. Pure Python; no pandas, no dash."""
