"""One module per kind of claim. Each exposes ``extract(doc, ctx, **options) -> list[Record]``:
pure functions over a parsed spaCy ``Doc`` and the ``Context`` of earlier extractors' records."""
