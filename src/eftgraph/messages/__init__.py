"""Message catalogs of generated text: one TOML file per language (``en.toml``, ``nl.toml``, …)."""
