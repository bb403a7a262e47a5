"""Real PDF files, written byte by byte, for the tests and the PDF benchmark (bench/pdf.py).

No PDF library makes them, so the files test the reader rather than agree with it. They hold what real PDFs hold:
a headline, paragraphs wrapped into lines, one or two columns over several pages, running headers and page
numbers, compressed content streams, Latin text in Helvetica (WinAnsi) or any script through a Type0 font with a
ToUnicode map, words placed one by one (no space characters, as some generators write them), and scanned pages:
images with no text layer. `truncated` cuts a file short; `encrypted` locks one (with pypdf, the writer).
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
MARGIN = 60
FONT_SIZE, LEADING = 10.0, 13.0
HEADLINE_SIZE = 16.0
GUTTER = 24
# Helvetica's advance widths (its AFM metrics, in 1/1000 em) for the printable ASCII characters, space first;
# any other character is taken as 556. The Type0 font declares every glyph 560 wide (/DW).
_HELVETICA = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
    556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
TYPE0_WIDTH = 560

Order = Literal["columns", "rows"]


@dataclass(frozen=True)
class Line:
    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    bold: bool = False


def text_width(text: str, size: float, *, unicode: bool = False) -> float:
    """How wide `text` is set in the body font at `size` points."""
    if unicode:
        return len(text) * TYPE0_WIDTH * size / 1000
    return sum(_HELVETICA[ord(ch) - 32] if 32 <= ord(ch) < 127 else 556 for ch in text) * size / 1000


def _wrap(paragraphs: Sequence[str], width_pt: float, unicode: bool) -> list[list[str]]:
    """Each paragraph broken into lines no wider than the column (greedy, at spaces)."""
    wrapped = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for word in paragraph.split():
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and text_width(candidate, FONT_SIZE, unicode=unicode) <= width_pt:
                lines[-1] = candidate
            else:
                lines.append(word)
        if lines:
            wrapped.append(lines)
    return wrapped


def layout(
    paragraphs: Sequence[str],
    *,
    headline: str | None = None,
    columns: int = 1,
    furniture: str | None = None,
    unicode: bool = False,
) -> list[list[list[Line]]]:
    """Pages → columns → lines, flowing the paragraphs down each column, then to the next column and page. A
    blank line's worth of space separates paragraphs. `furniture`: a running header on every page, and "Page N"
    at its foot."""
    width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    wrapped = _wrap(paragraphs, width, unicode)
    top = PAGE_HEIGHT - MARGIN
    pages: list[list[list[Line]]] = []
    page: list[list[Line]] = [[] for _ in range(columns)]
    column, y = 0, top
    if headline:
        page[0].append(Line(MARGIN, top, headline, HEADLINE_SIZE, bold=True))
        y = top - 2.2 * LEADING
    column_top = y

    def next_column() -> None:
        nonlocal page, column, y, column_top
        column += 1
        if column == columns:
            pages.append(page)
            page, column, column_top = [[] for _ in range(columns)], 0, top
        y = column_top

    for lines in wrapped:
        for text in lines:
            if y < MARGIN + LEADING:
                next_column()
            page[column].append(Line(MARGIN + column * (width + GUTTER), y, text))
            y -= LEADING
        y -= LEADING  # the gap between paragraphs
    pages.append(page)
    if furniture:
        for number, cols in enumerate(pages, start=1):
            cols[0].insert(0, Line(MARGIN, PAGE_HEIGHT - MARGIN / 2, furniture, 8.0))
            cols[-1].append(Line(PAGE_WIDTH / 2 - 15, MARGIN / 2, f"Page {number}", 8.0))
    return pages


class _Fonts:
    """Helvetica (WinAnsi: Latin text only), or one Type0 font whose two-byte codes are mapped to any
    character by a ToUnicode CMap (no font program: readers need only the map to read the text)."""

    def __init__(self, unicode: bool) -> None:
        self.unicode = unicode
        self.codes: dict[str, int] = {}

    def show(self, text: str) -> bytes:
        if not self.unicode:
            data = text.encode("cp1252", errors="replace")
            escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            return b"(" + escaped + b")"
        codes = [self.codes.setdefault(ch, len(self.codes) + 1) for ch in text]
        return b"<" + "".join(f"{c:04X}" for c in codes).encode("ascii") + b">"

    def to_unicode(self) -> bytes:
        entries = sorted(self.codes.items(), key=lambda item: item[1])
        out = [
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        for start in range(0, len(entries), 100):
            block = entries[start : start + 100]
            out.append(f"{len(block)} beginbfchar".encode())
            for ch, code in block:
                utf16 = ch.encode("utf-16-be").hex().upper()
                out.append(f"<{code:04X}> <{utf16}>".encode())
            out.append(b"endbfchar")
        out.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
        return b"\n".join(out)


def _content(columns: list[list[Line]], fonts: _Fonts, order: Order, per_word: bool, image: bool) -> bytes:
    ops: list[bytes] = []
    if image:  # a scanned page: the image fills the page
        ops.append(f"q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q".encode())
    if order == "rows":  # line by line across the columns, as some generators write tables and columns
        depth = max((len(c) for c in columns), default=0)
        lines = [c[i] for i in range(depth) for c in columns if i < len(c)]
    else:
        lines = [line for c in columns for line in c]
    for line in lines:
        font = b"/F2" if line.bold else b"/F1"
        if fonts.unicode:
            font = b"/F3"
        ops.append(b"BT " + font + f" {line.size:g} Tf".encode())
        if per_word and not line.bold:  # a headline stays one string: its bold widths differ
            x = line.x
            for word in line.text.split():
                ops.append(f"1 0 0 1 {x:.2f} {line.y:.2f} Tm ".encode() + fonts.show(word) + b" Tj")
                x += text_width(word + " ", line.size, unicode=fonts.unicode)
        else:
            ops.append(f"{line.x:.2f} {line.y:.2f} Td ".encode() + fonts.show(line.text) + b" Tj")
        ops.append(b"ET")
    return b"\n".join(ops)


class _Writer:
    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def bomb(self, inflated: int) -> int:
        """A content stream of `inflated` spaces, deflated (about a thousandth of that on disk)."""
        packer = zlib.compressobj(9)
        block = b" " * (1 << 20)
        chunks = [packer.compress(block) for _ in range(inflated // len(block))]
        data = b"".join(chunks) + packer.flush()
        return self.add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )

    def stream(self, data: bytes, extra: bytes = b"", *, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 6)
            extra += b" /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def finish(self, root: int, info: int | None) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        trailer = b"<< /Size %d /Root %d 0 R" % (len(self.objects) + 1, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()


def _literal(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def make_pdf(
    paragraphs: Sequence[str] = (),
    *,
    headline: str | None = None,
    columns: int = 1,
    order: Order = "columns",
    per_word: bool = False,
    unicode: bool = False,
    furniture: str | None = None,
    title: str | None = None,
    scanned_pages: int = 0,
    image_size: tuple[int, int] = (850, 1100),
    compress: bool = True,
    bomb_page: int = 0,
    seed: int = 7,
) -> bytes:
    """A PDF of `paragraphs` (see `layout`), then `scanned_pages` pages that are only an image of random grey
    pixels, `image_size` wide and high (incompressible: they set the file's size). `unicode`: any script (the
    Type0 font); else Latin text in Helvetica. `title`: the document information's title. `bomb_page`: first, a
    page whose content stream inflates to that many bytes (a decompression bomb)."""
    pages = (
        layout(paragraphs, headline=headline, columns=columns, furniture=furniture, unicode=unicode)
        if paragraphs
        else []
    )
    fonts = _Fonts(unicode)
    w = _Writer()
    catalog, tree = w.reserve(), w.reserve()
    helvetica = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = w.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    type0 = w.reserve() if unicode else None
    resources = b"/F1 %d 0 R /F2 %d 0 R" % (helvetica, bold)
    if type0 is not None:
        resources += b" /F3 %d 0 R" % type0
    rng = random.Random(seed)
    kids: list[int] = []

    def add_page(content: bytes, image: int | None) -> None:
        stream = w.stream(content, compress=compress)
        xobject = b" /XObject << /Im1 %d 0 R >>" % image if image is not None else b""
        kids.append(
            w.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << %s >>%s >> "
                b"/Contents %d 0 R >>" % (tree, PAGE_WIDTH, PAGE_HEIGHT, resources, xobject, stream)
            )
        )

    if bomb_page:
        kids.append(
            w.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << %s >> >> "
                b"/Contents %d 0 R >>" % (tree, PAGE_WIDTH, PAGE_HEIGHT, resources, w.bomb(bomb_page))
            )
        )
    for cols in pages:
        add_page(_content(cols, fonts, order, per_word, image=False), None)
    for _ in range(scanned_pages):
        width, height = image_size
        pixels = rng.randbytes(width * height)
        image = w.stream(
            pixels,
            b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
            % (width, height),
        )
        add_page(_content([], fonts, order, per_word, image=True), image)
    if type0 is not None:
        cmap = w.stream(fonts.to_unicode(), compress=compress)
        descriptor = w.add(
            b"<< /Type /FontDescriptor /FontName /NewsbotSans /Flags 32 /FontBBox [0 -200 1000 900] "
            b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
        )
        cid = w.add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NewsbotSans /CIDToGIDMap /Identity "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor %d 0 R /DW 560 >>" % descriptor
        )
        w.set(
            type0,
            b"<< /Type /Font /Subtype /Type0 /BaseFont /NewsbotSans /Encoding /Identity-H "
            b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid, cmap),
        )
    w.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    w.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids)))
    info = w.add(b"<< /Title %s /Producer (newsbot tests) >>" % _literal(title)) if title else None
    return w.finish(catalog, info)


def truncated(pdf: bytes, fraction: float = 0.5) -> bytes:
    """The file cut short, as an interrupted download leaves it: no cross-reference table, no trailer."""
    return pdf[: int(len(pdf) * fraction)]


def encrypted(pdf: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The file locked with AES-128. An empty `user_password` locks only editing and printing: anyone can still
    open and read it, as with many published reports."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
