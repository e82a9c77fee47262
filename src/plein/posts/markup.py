"""Markdown to safe HTML, with @mentions and #hashtags turned into links.

Markdown is rendered by markdown-it-py with raw HTML switched off, then cleaned by nh3 so that
whatever slips through (a crafted link, an attribute) cannot run script. Mentions and hashtags are
found in text tokens only, so code, existing links and URLs are left alone.

A mention is only marked here (<span class="mention">@handle</span>), never linked: who or what
it names, and whether the reader may see that, is decided when the page is shown
(plein.posts.mentions), so stored HTML says nothing about who or what exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import nh3
from django.urls import reverse
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# A mention is @ followed by the part of an e-mail address before the @ (jan.devries) or a
# space's web address; a hashtag starts with a letter and holds letters, digits, _ and -.
MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9._+-]*[A-Za-z0-9])")
HASHTAG = re.compile(r"(?<![\w&#/])#([^\W\d_][\w-]{0,62})")
TOKEN_PATTERN = re.compile(f"{MENTION.pattern}|{HASHTAG.pattern}")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"}, "span": {"class"}, "th": {"align"}, "td": {"align"},
}  # fmt: skip


@dataclass
class Rendered:
    html: str
    mentions: list[str] = field(default_factory=list)  # as typed, without @
    hashtags: list[str] = field(default_factory=list)  # lower case, without #


# Mention text -> whether to mark it as a mention (truthy) or leave it plain text (falsy).
Resolver = Callable[[str], object]


def hashtags_in(text: str) -> list[str]:
    return _unique(match.group(1).lower() for match in HASHTAG.finditer(text))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _link_tokens(text: str, resolve: Resolver, found: Rendered) -> list[Token] | None:
    tokens: list[Token] = []
    position = 0
    for match in TOKEN_PATTERN.finditer(text):
        mention, tag = match.group(1), match.group(2)
        if mention is not None:
            if not resolve(mention):
                continue
            found.mentions.append(mention)
            opening, closing = Token("mention_open", "span", 1), Token("mention_close", "span", -1)
            opening.attrs = {"class": "mention"}
        else:
            found.hashtags.append(tag.lower())
            opening, closing = Token("link_open", "a", 1), Token("link_close", "a", -1)
            opening.attrs = {
                "href": reverse("posts:hashtag", args=[tag.lower()]),
                "class": "hashtag",
            }
        if match.start() > position:
            tokens.append(_text(text[position : match.start()]))
        tokens += [opening, _text(match.group(0)), closing]
        position = match.end()
    if not tokens:
        return None
    if position < len(text):
        tokens.append(_text(text[position:]))
    return tokens


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _parser(resolve: Resolver, found: Rendered) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True})
    md.enable(["linkify", "strikethrough", "table"])

    def mentions_and_hashtags(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            children: list[Token] = []
            inside_link = 0
            for token in block.children:
                if token.type == "link_open":
                    inside_link += 1
                elif token.type == "link_close":
                    inside_link -= 1
                replaced = None
                if token.type == "text" and not inside_link:
                    replaced = _link_tokens(token.content, resolve, found)
                children.extend(replaced or [token])
            block.children = children

    md.core.ruler.push("plein_mentions_hashtags", mentions_and_hashtags)
    return md


def render(text: str, resolve: Resolver) -> Rendered:
    found = Rendered(html="")
    raw = _parser(resolve, found).render(text)
    found.html = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    found.mentions = _unique(found.mentions)
    found.hashtags = _unique(found.hashtags)
    return found
