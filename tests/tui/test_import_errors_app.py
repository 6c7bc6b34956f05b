"""QA 2026-11-26 #13 in the app: an import's errors name the file, the line and the column, as on
the command line (the file once, above the rows' problems)."""

from __future__ import annotations

from .helpers import make_app, shown_notifications


async def test_the_apps_import_names_file_line_and_column(tmp_path):
    duplicate = tmp_path / "dup.csv"
    duplicate.write_text("Program,Specialty,% IMG,IMG %\nMercy IM,Internal Medicine,30,30\n")
    signals = tmp_path / "sig.csv"
    rows = "".join(f"IM Program {i},Internal Medicine,gold\n" for i in range(1, 5))
    signals.write_text("Program,Specialty,Program signal\n" + rows)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("p", "i", *str(duplicate), "enter")
        await pilot.pause()
        assert any(
            text.startswith("dup.csv: line 1: IMG %: the columns '% IMG' (column 3) and 'IMG %' (column 4)")
            for text in shown_notifications(app)
        )
        await pilot.press("i", *str(signals), "enter")
        await pilot.pause()
        said = "\n".join(shown_notifications(app))
        assert "sig.csv: nothing imported, 1 bad row(s):\nline 5: Program signal: IM Program 4 (Internal Medicine): " in said
