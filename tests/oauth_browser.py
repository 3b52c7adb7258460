"""A stand-in for the user's browser on the simulator's OAuth pages: GET /authorize, submit the
form, follow the 302 to our loopback callback (or keep the redirected URL to paste)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import requests


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")


@dataclass
class Browser:
    """Plays the user's browser on the simulator's authorize page."""

    nick: str = "e2e_shop"
    state_override: str | None = None
    follow: bool = True
    location: str = ""
    callback_status: int | None = None
    callback_text: str = ""
    opened: list[str] = field(default_factory=list)

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        page = requests.get(url, timeout=10)
        assert page.status_code == 200, page.text
        form = _FormParser()
        form.feed(page.text)
        fields = dict(form.fields, nick=self.nick)
        if self.state_override is not None:
            fields["state"] = self.state_override
        answer = requests.post(
            urljoin(url, form.action), data=fields, allow_redirects=False, timeout=10
        )
        assert answer.status_code == 302, answer.text
        self.location = answer.headers["Location"]
        if self.follow:
            reply = requests.get(self.location, timeout=10)
            self.callback_status, self.callback_text = reply.status_code, reply.text
        return True

    @property
    def code(self) -> str:
        return parse_qs(urlsplit(self.location).query)["code"][0]
