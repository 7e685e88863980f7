"""Every word the pages show has its Polish: each `t('…')` in a template, each
`page.t("…")` in a handler, and every label of a code (`crm.web.labels`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from crm.web import i18n, labels

WEB = Path(i18n.__file__).parent
_IN_TEMPLATE = re.compile(r"""\bt\(\s*(['"])(.+?)\1\s*[,)]""", re.S)


def _template_words() -> set[tuple[str, str]]:
    found = set()
    for template in sorted((WEB / "templates").glob("*.html")):
        for match in _IN_TEMPLATE.finditer(template.read_text()):
            found.add((template.name, match.group(2)))
    return found


def _handler_words() -> set[tuple[str, str]]:
    """Literal first arguments of `….t(…)` and of the page errors' titles and messages."""
    found = set()
    for module in sorted(WEB.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            texts = node.args[:1] if name == "t" else node.args[1:3] if name == "PageError" else []
            for arg in texts:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add((module.name, arg.value))
    return found


def test_every_word_on_a_page_has_its_polish() -> None:
    words = _template_words() | _handler_words()
    words |= {
        ("labels.py", text)
        for table in (labels.FLAGS, labels.ADJUSTMENTS, labels.CAPS, labels.OP_KINDS)
        for text in table.values()
    }
    assert len(words) > 300, "the scan found the pages' words"
    missing = sorted(f"{where}: {text!r}" for where, text in words if text not in i18n.POLISH)
    assert missing == []


def test_a_polish_text_keeps_the_placeholders_of_its_english() -> None:
    wrong = [
        english
        for english, polish in i18n.POLISH.items()
        if set(re.findall(r"\{(\w+)\}", english)) != set(re.findall(r"\{(\w+)\}", polish))
    ]
    assert wrong == []
