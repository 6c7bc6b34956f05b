"""The baseline: the smallest useful Textual app (Header, one Static, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MinimalApp(App):
    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012 - the baseline stays as plain as Textual's docs

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Minimal Textual app ready")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
