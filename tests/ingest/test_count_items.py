"""``count_items``: how many items ``read_paths`` will yield, counted without reading articles
(for ``ingest``'s progress bar)."""

from __future__ import annotations

from pathlib import Path

from counterclaim.ingest import count_items, read_paths

ROOT = Path(__file__).resolve().parents[2]


def test_files_and_jsonl_lines_are_counted_as_read_paths_yields_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n")
    lines = ['{"title": "x", "text": "y"}', "", "not json", '{"title": "z", "text": "w"}']
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / ".hidden.txt").write_text("Skipped\n\nby the walk.\n")
    (tmp_path / "notes.csv").write_text("not an article\n")
    paths = [str(tmp_path), str(ROOT / "samples")]
    assert count_items(paths) == len(list(read_paths(paths))) == 1 + 3 + 5


def test_unknown_counts() -> None:
    assert count_items(["-"]) is None  # standard input
    assert count_items([str(ROOT / "tests" / "data" / "ingest")]) is None  # holds a feed
    assert count_items(["no-such-file.txt"]) == 1  # one item: its error
