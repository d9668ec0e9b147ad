"""The text layer's font: a subset of a CJK font embedded with a ToUnicode map, or a glyphless stand-in.

Every character a page's words hold gets a two-byte code in an ``Identity-H`` Type 0 font, and the
ToUnicode map sends each code back to its character, so copy, paste and search give the OCR text
whatever the font. A real face (Noto Sans CJK, SIL OFL: embedding allowed) is subset to the
characters used; characters it lacks, or every character when no such face is installed, go to a
font built here whose glyphs are empty — the layer is invisible, so only codes and widths matter.
"""

from __future__ import annotations

import hashlib
import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from hanji.core.engine_options import EngineOptions

# Where distributions put Noto Sans CJK; HANJI_PDF_FONT names another CID-keyed OTF/TTC or a TTF.
_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
)
# Faces of NotoSansCJK-Regular.ttc; the first CJK language asked for picks the Han glyph style.
_FACE_BY_LANGUAGE = {"ja": 0, "ko": 1, "zh-CN": 2, "zh-TW": 3}
_DEFAULT_FACE = 1
ASCENT, DESCENT = 880, -120
"""The least extent above and below the baseline, in thousandths of an em (Noto Sans CJK's typo
metrics); the fonts' vertical metrics grow to the ink of the glyphs drawn, so every glyph, and every
extractor's character box, stays inside its word's box."""
_SPACE_LIKE_CODES = frozenset({0xA0, 0x3000})
_SPECK = 2  # font units: the size of the glyphless font's corner marks
_BFCHAR_CHUNK = 100  # a CMap's bfchar block holds at most 100 entries


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character's code in its font and its advance width in thousandths of the font size."""

    resource: str
    code: int
    width: int


@dataclass(frozen=True, slots=True)
class EmbeddedFont:
    """A Type 0 font added to the PDF: its resource name, its object, and each character's glyph."""

    resource: str
    font: pikepdf.Object
    glyphs: dict[str, Glyph]


class TextFonts:
    """The fonts of one output PDF: one real face (when installed) and a glyphless one for the rest.

    ``ascent`` and ``descent`` (thousandths of an em) are shared by every font, so the text layer
    sizes each word by them alone.
    """

    def __init__(self, fonts: Sequence[EmbeddedFont], ascent: int, descent: int) -> None:
        self.fonts = tuple(fonts)
        self.ascent, self.descent = ascent, descent
        self._glyphs: dict[str, Glyph] = {}
        for font in reversed(self.fonts):  # the first font that has a character wins
            self._glyphs.update(font.glyphs)

    def glyph(self, char: str) -> Glyph:
        return self._glyphs[char]

    def resources(self) -> pikepdf.Dictionary:
        return pikepdf.Dictionary({f"/{font.resource}": font.font for font in self.fonts})


def build_fonts(pdf: pikepdf.Pdf, chars: Iterable[str], languages: Sequence[str]) -> TextFonts:
    """Embed fonts covering ``chars`` (plus the space) in ``pdf``.

    Args:
        pdf: the PDF being written.
        chars: every character the text layer will draw.
        languages: the languages read; the first CJK one picks the face's glyph style.

    Returns:
        The fonts, ready to be named in page resources and to encode text.
    """
    wanted = sorted(set(chars) | {" "})
    fonts: list[EmbeddedFont] = []
    face = _load_face(languages)
    missing = wanted
    ascent, descent = ASCENT, DESCENT
    if face is not None:
        ascent, descent = _ink_extent(face, wanted)
        real = _embed_face(pdf, face, wanted, resource="F0", extent=(ascent, descent))
        fonts.append(real)
        missing = [c for c in wanted if c not in real.glyphs]
    if missing:
        fonts.append(_embed_glyphless(pdf, missing, resource=f"F{len(fonts)}", extent=(ascent, descent)))
    return TextFonts(fonts, ascent, descent)


def _ink_extent(face: TTFont, chars: list[str]) -> tuple[int, int]:
    """The highest and lowest ink of the glyphs for ``chars``, in thousandths of an em."""
    cmap = face.getBestCmap() or {}
    glyph_set = face.getGlyphSet()
    scale = 1000 / face["head"].unitsPerEm
    top, bottom = ASCENT, DESCENT
    for char in chars:
        name = cmap.get(ord(char))
        if name is None:
            continue
        pen = BoundsPen(glyph_set)
        glyph_set[name].draw(pen)
        if pen.bounds is not None:
            top = max(top, math.ceil(pen.bounds[3] * scale))
            bottom = min(bottom, math.floor(pen.bounds[1] * scale))
    return top, bottom


def _font_path() -> Path | None:
    configured = EngineOptions.from_env().pdf_font
    candidates = [configured] if configured else list(_FONT_PATHS)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _load_face(languages: Sequence[str]) -> TTFont | None:
    path = _font_path()
    if path is None:
        return None
    face = next((_FACE_BY_LANGUAGE[lang] for lang in languages if lang in _FACE_BY_LANGUAGE), _DEFAULT_FACE)
    try:
        with path.open("rb") as handle:
            is_collection = handle.read(4) == b"ttcf"
        return TTFont(str(path), fontNumber=face if is_collection else -1, lazy=True)
    except Exception:  # an unreadable font file must not cost the user the PDF
        return None


def _embed_face(
    pdf: pikepdf.Pdf, face: TTFont, chars: list[str], *, resource: str, extent: tuple[int, int]
) -> EmbeddedFont:
    cmap = face.getBestCmap() or {}
    present = [c for c in chars if ord(c) in cmap]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in present])
    subsetter.subset(face)
    units = face["head"].unitsPerEm
    metrics = face["hmtx"].metrics
    names = face.getBestCmap() or {}
    glyph_order = face.getGlyphOrder()
    is_cff = "CFF " in face
    glyphs: dict[str, Glyph] = {}
    for char in present:
        name = names.get(ord(char))
        if name is None:
            continue
        # A CID-keyed CFF keeps its CIDs in glyph names (cid01234); TrueType codes are glyph ids.
        code = int(name[3:]) if is_cff and name.startswith("cid") else glyph_order.index(name)
        glyphs[char] = Glyph(resource, code, round(metrics[name][0] * 1000 / units))
    if is_cff:
        cff = face["CFF "].cff
        if not hasattr(cff.topDictIndex[0], "ROS"):  # a name-keyed CFF cannot be addressed by CID
            return EmbeddedFont(resource, pikepdf.Dictionary(), {})
        buffer = io.BytesIO()
        cff.compile(buffer, face)
        program = pikepdf.Stream(pdf, buffer.getvalue())
        program["/Subtype"] = pikepdf.Name("/CIDFontType0C")
        file_key, subtype = "/FontFile3", "/CIDFontType0"
    else:
        buffer = io.BytesIO()
        face.save(buffer)
        program = pikepdf.Stream(pdf, buffer.getvalue())
        file_key, subtype = "/FontFile2", "/CIDFontType2"
    base = _subset_name(face, glyphs)
    return EmbeddedFont(resource, _type0(pdf, base, subtype, file_key, program, glyphs, extent), glyphs)


def _subset_name(face: TTFont, glyphs: dict[str, Glyph]) -> str:
    family = (face["name"].getDebugName(6) or "HanjiText").replace(" ", "")
    # PDF's subset tag: six capital letters derived from the glyph set.
    codes = ",".join(str(g.code) for g in sorted(glyphs.values(), key=lambda g: g.code))
    digest = int.from_bytes(hashlib.sha256(codes.encode()).digest()[:8], "big")
    tag = "".join(chr(ord("A") + (digest >> (5 * i)) % 26) for i in range(6))
    return f"{tag}+{family}"


def _embed_glyphless(
    pdf: pikepdf.Pdf, chars: list[str], *, resource: str, extent: tuple[int, int]
) -> EmbeddedFont:
    """A TrueType font with one empty glyph per character: codes and widths, nothing drawn.

    Each glyph is two specks at the corners of its cell, so the glyph box spans the cell: PDFium
    drops a one-character text object whose glyph has no extent. Codes (= glyph ids) start at 33
    and skip the space-like 0xA0 and 0x3000, which PDFium may read as spaces.
    """
    codes: list[int] = []
    code = 33
    for _ in chars:
        while code in _SPACE_LIKE_CODES:
            code += 1
        codes.append(code)
        code += 1
    names = [".notdef"] + [f"g{i}" for i in range(1, (codes[-1] if codes else 0) + 1)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): names[code] for c, code in zip(chars, codes, strict=True)})
    widths = {c: 1000 if _is_wide(c) else 500 for c in chars}
    width_of = {names[code]: widths[c] for c, code in zip(chars, codes, strict=True)}
    builder.setupGlyf({name: _specks(width_of.get(name, 500), extent) for name in names})
    advances = {name: (500, 0) for name in names} | {
        names[code]: (widths[c], 0) for c, code in zip(chars, codes, strict=True)
    }
    builder.setupHorizontalMetrics(advances)
    ascent, descent = extent
    builder.setupHorizontalHeader(ascent=ascent, descent=descent)
    builder.setupNameTable({"familyName": "HanjiTextLayer", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=ascent, sTypoDescender=descent, usWinAscent=ascent, usWinDescent=-descent)
    builder.setupPost()
    buffer = io.BytesIO()
    builder.font.save(buffer)
    glyphs = {c: Glyph(resource, code, widths[c]) for c, code in zip(chars, codes, strict=True)}
    program = pikepdf.Stream(pdf, buffer.getvalue())
    return EmbeddedFont(
        resource,
        _type0(pdf, "HanjiTextLayer", "/CIDFontType2", "/FontFile2", program, glyphs, extent),
        glyphs,
    )


def _specks(width: int, extent: tuple[int, int]) -> object:
    ascent, descent = extent
    pen = TTGlyphPen(None)
    for x, y in ((0, descent), (width - _SPECK, ascent - _SPECK)):
        pen.moveTo((x, y))
        pen.lineTo((x, y + _SPECK))
        pen.lineTo((x + _SPECK, y + _SPECK))
        pen.lineTo((x + _SPECK, y))
        pen.closePath()
    return pen.glyph()


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _type0(
    pdf: pikepdf.Pdf,
    base: str,
    subtype: str,
    file_key: str,
    program: pikepdf.Stream,
    glyphs: dict[str, Glyph],
    extent: tuple[int, int],
) -> pikepdf.Object:
    ascent, descent = extent
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + base),
        Flags=4,  # symbolic: the codes are not a standard encoding
        FontBBox=[-1000, descent, 2000, ascent],
        ItalicAngle=0,
        Ascent=ascent,
        Descent=descent,
        CapHeight=700,
        StemV=80,
    )
    descriptor[file_key] = program
    by_code = sorted((g.code, g.width) for g in glyphs.values())
    widths: list[object] = []
    for code, width in by_code:
        widths.extend([code, [width]])
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name(subtype),
        BaseFont=pikepdf.Name("/" + base),
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=1000,
        W=widths,
    )
    if subtype == "/CIDFontType2":
        descendant["/CIDToGIDMap"] = pikepdf.Name.Identity
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/" + base),
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(descendant)],
        ToUnicode=pikepdf.Stream(pdf, _to_unicode(glyphs)),
    )
    return pdf.make_indirect(font)


def _to_unicode(glyphs: dict[str, Glyph]) -> bytes:
    """The CMap that maps each two-byte code back to its character (UTF-16BE, so any plane)."""
    entries = sorted((g.code, char) for char, g in glyphs.items())
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_CHUNK):
        chunk = entries[start : start + _BFCHAR_CHUNK]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:04X}> <{char.encode('utf-16-be').hex().upper()}>" for code, char in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
