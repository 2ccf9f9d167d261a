"""QR codes (``qrcode`` with Pillow, the ``documents`` extra): the token as a PNG image."""

from __future__ import annotations

from io import BytesIO

from certflow.adapters.extras import require

__all__ = ["qr_png"]


def qr_png(text: str) -> bytes:
    """A PNG image of a QR code holding ``text`` (a quiet zone of 4 modules, 6 pixels each)."""
    require("documents", "qrcode", "PIL")
    import qrcode

    image = qrcode.make(text, border=4, box_size=6)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
