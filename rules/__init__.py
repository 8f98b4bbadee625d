"""Rule packs shipped with checker: data only (TOML), installed as the ``checker.rules`` package."""
