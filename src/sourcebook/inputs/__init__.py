"""Reading contributor files: bytes to text, confined paths, Unicode hygiene, TOML
schemas and positions.  Everything a pull request can touch enters here."""
