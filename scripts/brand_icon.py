"""Draws the integration's brand icon (a shield with a check mark) as a 256x256 PNG.

Pure standard library (zlib + struct), 4x4 supersampled. Run: python3 scripts/brand_icon.py OUT.png
"""

from __future__ import annotations

import math
import struct
import sys
import zlib

SIZE = 256
SAMPLES = 4
OUTER = (25, 118, 210)  # blue
INNER = (13, 71, 161)  # dark blue
MARK = (255, 255, 255)


def half_width(y: float, top: float, shoulder: float, bottom: float, width: float) -> float:
    """Half the shield's width at height y (0 outside)."""
    if y < top or y > bottom:
        return 0.0
    if y <= shoulder:
        return width
    return width * math.cos((y - shoulder) / (bottom - shoulder) * math.pi / 2)


def near_segment(px: float, py: float, a: tuple[float, float], b: tuple[float, float], r: float) -> bool:
    """Whether the point is within r of the segment ab."""
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy) <= r


def colour_at(x: float, y: float) -> tuple[int, int, int, int] | None:
    """The colour of one sample, or None for transparent."""
    cx = SIZE / 2
    if abs(x - cx) > half_width(y, 20, 120, 240, 100):
        return None
    if abs(x - cx) > half_width(y, 36, 124, 222, 84):
        return (*OUTER, 255)
    if near_segment(x, y, (84, 128), (116, 160), 11) or near_segment(x, y, (116, 160), (176, 96), 11):
        return (*MARK, 255)
    return (*INNER, 255)


def render() -> bytes:
    """RGBA rows, each prefixed by PNG filter byte 0."""
    rows = bytearray()
    step = 1 / SAMPLES
    for py in range(SIZE):
        rows.append(0)
        for px in range(SIZE):
            total = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    sample = colour_at(px + (sx + 0.5) * step, py + (sy + 0.5) * step)
                    if sample is not None:
                        for i in range(3):
                            total[i] += sample[i] * sample[3]
                        total[3] += sample[3]
            alpha = total[3]
            n = SAMPLES * SAMPLES
            if alpha == 0:
                rows.extend((0, 0, 0, 0))
            else:
                rows.extend((*(round(total[i] / alpha) for i in range(3)), round(alpha / n)))
    return bytes(rows)


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk with its CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """The whole PNG file."""
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(render(), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as out:
        out.write(png())
