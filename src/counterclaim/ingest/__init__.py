"""Readers: files, pages, feeds and records turned into ``Article``s. Nothing else reads files."""
