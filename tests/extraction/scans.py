"""Scans made in the tests from a known text: a text PDF rendered by pdftoppm into grey
pixels, then written as PNG, TIFF (several pages), JPEG or an image-only PDF.

No imaging library: PNG and TIFF are written here from the raw pixels (zlib, struct),
a scanned PDF holds one Flate-compressed grey image per page and no text.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from pacte.extraction import ocr

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def ocr_skip_reason() -> str | None:
    """Why the OCR tests cannot run here (French, as the application says it), or None."""
    if shutil.which("pdftoppm") is None:
        return "pdftoppm absent (paquet Debian poppler-utils) : les scans des tests ne peuvent être produits"
    return ocr.missing(pdf=True)


@dataclass(frozen=True)
class Raster:
    width: int
    height: int
    pixels: bytes  # one byte of grey per pixel, rows top to bottom


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pdf(
    pages: list[list[str]], *, width: int = 595, height: int = 842, size: int = 12
) -> bytes:
    """A PDF with a text layer: one Helvetica line per string, one page per list."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    kids = []
    for lines in pages:
        escaped = [
            line.encode("cp1252")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
            for line in lines
        ]
        stream = b"BT /F1 %d Tf 36 %d Td %d TL " % (size, height - 36 - size, size + size // 2)
        stream += b"".join(b"(%s) Tj T* " % line for line in escaped) + b"ET"
        kids.append(len(objects) + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (width, height, len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    return _pdf(objects)


def rasterise(pdf: bytes, dpi: int = 200) -> list[Raster]:
    """Each page of ``pdf`` as grey pixels (pdftoppm, PGM)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", str(source), str(Path(folder) / "p")],
            check=True,
            capture_output=True,
        )
        return [_read_pgm(path.read_bytes()) for path in sorted(Path(folder).glob("p*.pgm"))]


def jpeg_pages(pdf: bytes, dpi: int = 200) -> list[bytes]:
    """Each page of ``pdf`` as a JPEG file (pdftoppm)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-jpeg", str(source), str(Path(folder) / "p")],
            check=True,
            capture_output=True,
        )
        return [path.read_bytes() for path in sorted(Path(folder).glob("p*.jpg"))]


def _read_pgm(data: bytes) -> Raster:
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        start = position
        while not data[position : position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    magic, width, height, _ = fields
    assert magic == b"P5"
    pixels = data[position + 1 : position + 1 + int(width) * int(height)]
    return Raster(int(width), int(height), pixels)


def png(raster: Raster) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(
        b"\x00" + raster.pixels[row * raster.width : (row + 1) * raster.width]
        for row in range(raster.height)
    )
    header = struct.pack(">IIBBBBB", raster.width, raster.height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def tiff(rasters: list[Raster]) -> bytes:
    """An uncompressed grey TIFF, one image directory per raster (several pages)."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    previous_next = 4  # where the offset of the next directory is written
    for raster in rasters:
        strip = len(out)
        out += raster.pixels
        if len(out) % 2:
            out += b"\x00"
        directory = len(out)
        struct.pack_into("<I", out, previous_next, directory)
        entries = [
            (256, 4, 1, raster.width),  # ImageWidth
            (257, 4, 1, raster.height),  # ImageLength
            (258, 3, 1, 8),  # BitsPerSample
            (259, 3, 1, 1),  # Compression: none
            (262, 3, 1, 1),  # PhotometricInterpretation: black is zero
            (273, 4, 1, strip),  # StripOffsets
            (277, 3, 1, 1),  # SamplesPerPixel
            (278, 4, 1, raster.height),  # RowsPerStrip
            (279, 4, 1, len(raster.pixels)),  # StripByteCounts
            (282, 5, 1, 0),  # XResolution (rational, written below)
            (283, 5, 1, 0),  # YResolution
            (296, 3, 1, 2),  # ResolutionUnit: inch
        ]
        rational = directory + 2 + 12 * len(entries) + 4
        out += struct.pack("<H", len(entries))
        for tag, kind, count, value in entries:
            if kind == 5:
                value = rational
            if kind == 3:
                out += struct.pack("<HHIHH", tag, kind, count, value, 0)
            else:
                out += struct.pack("<HHII", tag, kind, count, value)
        previous_next = len(out)
        out += b"\x00\x00\x00\x00"
        out += struct.pack("<II", 200, 1)
    return bytes(out)


def image_pdf(rasters: list[Raster], dpi: int = 200) -> bytes:
    """A scanned PDF: each page one grey image, no text layer."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for raster in rasters:
        width = raster.width * 72 / dpi
        height = raster.height * 72 / dpi
        kids.append(len(objects) + 1)
        page, image, contents = len(objects) + 1, len(objects) + 2, len(objects) + 3
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
            % (width, height, image, contents)
        )
        data = zlib.compress(raster.pixels)
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
            % (raster.width, raster.height, len(data), data)
        )
        stream = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width, height)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        assert page == kids[-1]
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    return _pdf(objects)
