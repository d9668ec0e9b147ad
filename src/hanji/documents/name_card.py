"""``name-card`` → ``nameCard``: who, where and how to reach them, from Korean, Japanese and English cards.

Business cards have no fixed layout, so every OCR line is classified by what it holds rather than
where it sits: contacts by pattern and the label printed before them (``T``/``電話``/``휴대폰`` …),
the address by its place words, the company by its legal suffix, the position and department by
their vocabulary; the name is what is left that looks like a person's name, in the largest type.
"""

from __future__ import annotations

import re

from hanji.core.document_fields import DocumentFields
from hanji.core.result import Line, Page
from hanji.core.text_reader import PageImage
from hanji.documents import name_card_vocab as v
from hanji.documents.spans import words_between
from hanji.documents.values import ValueObject, digits_only, value_object

_MOBILE_PREFIXES = ("010", "011", "016", "017", "019", "090", "080", "070", "8210", "8190", "8180", "8170")
_NAME_KO = re.compile(r"[가-힣](?:\s?[가-힣]){1,3}")
_NAME_JA = re.compile(r"[\u4e00-\u9fff々\u3040-\u30ff]{1,5}\s?[\u4e00-\u9fff々\u3040-\u30ff]{1,5}")
_NAME_EN = re.compile(r"[A-Z][A-Za-z'\-.]+(?:\s+[A-Z][A-Za-z'\-.]*){1,3}")
_KANA = re.compile(r"[\u3040-\u30ffー・\s]{2,}")
_ORDER: tuple[str, ...] = ("name", "nameFurigana", "company", "department", "position", "address")
_ORDER += ("tel", "mobile", "fax", "email", "homepage")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff가-힣]")


def _height(line: Line) -> float:
    heights = sorted(w.quad.height for w in line.words)
    return heights[len(heights) // 2]


def _phone_field(label: str, digits: str, found: dict[str, list[ValueObject]]) -> str:
    """Which list a phone number joins: by its label, else mobile by prefix, else tel then fax."""
    for key, labels in v.PHONE_LABELS.items():
        if label and label.lower() in (lb.lower() for lb in labels):
            return key
    if digits.startswith(_MOBILE_PREFIXES):
        return "mobile"
    return "tel" if "tel" not in found else "fax"


class _Card:
    """Accumulates one card's fields while its lines are read."""

    def __init__(self) -> None:
        self.found: dict[str, list[ValueObject]] = {}

    def add(self, key: str, line: Line, start: int, end: int, *, formatted: str, key_text: str = "") -> None:
        text = line.text[start:end]
        vo = value_object(
            text, words_between(line, start, end), formatted={"value": formatted}, key_text=key_text
        )
        self.found.setdefault(key, []).append(vo)

    def contacts(self, line: Line) -> bool:
        """Emails, web addresses and phone numbers in ``line``; True when it held any."""
        text, taken, prev = line.text, [], 0
        for m in v.EMAIL.finditer(text):
            label = v.EMAIL_LABEL.match(m.group())
            start = m.start() + (label.end() if label and "@" in m.group()[label.end() :] else 0)
            # An ``E`` label glued to a lower-case address (``Elaura.foster@…``): addresses are
            # printed in lower case, so a leading capital E before lower-case letters is the label.
            if start == m.start() and re.match(r"E[a-z0-9._%+\-]+@", m.group()):
                start += 1
            self.add("email", line, start, m.end(), formatted=text[start : m.end()], key_text="")
            taken.append((m.start(), m.end()))
        for m in v.URL.finditer(text):
            if any(a <= m.start() < b for a, b in taken) or "@" in text[max(0, m.start() - 1) : m.end()]:
                continue
            before = v.URL_LABEL.search(text[: m.start()])
            web_like = re.match(r"https?://|www\.", m.group(), re.I) or re.search(
                r"\.(?:com|net|org|kr|jp|io|co\.kr|co\.jp)/?$", m.group(), re.I
            )
            if web_like or before:
                key_text = before.group().strip(" .:：") if before else ""
                self.add("homepage", line, m.start(), m.end(), formatted=m.group(), key_text=key_text)
                taken.append((m.start(), m.end()))
        for m in v.PHONE.finditer(text):
            digits = digits_only(m.group())
            if any(a <= m.start() < b for a, b in taken) or len(digits) < 9 or "〒" in text[: m.start()][-2:]:
                continue
            label = v.PHONE_LABEL.search(text[prev : m.start()])
            key_text = label["label"] if label else ""
            key = _phone_field(key_text, digits, self.found)
            formatted = re.sub(r"\s*-\s*", "-", m.group().strip())
            self.add(key, line, m.start(), m.end(), formatted=formatted, key_text=key_text)
            taken.append((m.start(), m.end()))
            prev = m.end()
        return bool(taken)

    def roles(self, line: Line) -> bool:
        """A department and/or position line (``개발본부 팀장``, ``Sales Division``); True when it was one."""
        text = line.text.strip()
        pos = v.POSITION.search(text)
        if pos is not None:
            self.add("position", line, pos.start(), pos.end(), formatted=pos.group().strip())
            text = text[: pos.start()].rstrip()
        dept = v.DEPARTMENT.search(text) if text else None
        if dept is not None and len(text) <= 30:
            self.add("department", line, 0, len(text), formatted=text)
        return pos is not None or dept is not None

    def name(self, line: Line) -> bool:
        """The person's name (a trailing position word split off); True when ``line`` looks like one."""
        text = re.sub(r"[^\w\s'\-.]+$", "", line.text.strip())
        pos = v.POSITION.search(text)
        end = pos.start() if pos is not None and pos.start() > 0 else len(text)
        core = text[:end].rstrip()
        if not any(p.fullmatch(core) for p in (_NAME_KO, _NAME_JA, _NAME_EN)) or _KANA.fullmatch(core):
            return False
        formatted = re.sub(r"\s+", "", core) if _CJK.search(core) else core
        self.add("name", line, 0, len(core), formatted=formatted)
        if pos is not None and end < len(text):
            self.add("position", line, pos.start(), pos.end(), formatted=pos.group().strip())
        return True


class NameCardExtractor:
    """Business card → ``nameCard`` lists (``name``, ``company``, ``tel``, ``email`` …)."""

    model = "name-card"
    result_key = "nameCard"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        card = _Card()
        rest: list[Line] = []
        for line in (ln for ln in page.lines if ln.words and ln.text.strip()):
            text = line.text.strip()
            if card.contacts(line):
                continue
            if v.ADDRESS.search(text) and len(text) > 8:
                label = v.ADDRESS_LABEL.match(text)
                start = label.end() if label else 0
                zip_code = v.ZIP.match(text[start:])
                value = text[start + (zip_code.end() if zip_code else 0) :]
                key_text = label.group().strip(" .:：") if label else ""
                card.add(
                    "address", line, len(text) - len(value), len(text), formatted=value, key_text=key_text
                )
            elif v.COMPANY.search(text):
                # OCR spaces out ``( 주 )``; the legal-form mark is written closed up.
                formatted = re.sub(r"\(\s*(\S)\s*\)\s*", r"(\1)", text)
                card.add("company", line, 0, len(line.text), formatted=formatted)
            else:
                rest.append(line)
        # The name is the largest line that looks like one; what is left may be department/position.
        named: Line | None = None
        for line in sorted(rest, key=_height, reverse=True):
            if not v.DEPARTMENT.search(line.text.strip()) and card.name(line):
                named = line
                break
        for line in rest:
            if line is named:
                continue
            furigana = named is not None and _KANA.fullmatch(line.text.strip())
            if not card.roles(line) and furigana and "nameFurigana" not in card.found:
                card.add("nameFurigana", line, 0, len(line.text), formatted=line.text.strip())
        return {k: card.found[k] for k in _ORDER if k in card.found}
