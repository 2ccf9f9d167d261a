"""Seed data for the demo: the November 2024 Humas Polri certification, as data.

Facts from the source article (Anev Konsolidasi Divhumas Polri, Aston Sentul Lake Resort, 6-8
November 2024; 11 assessors of a BNSP-licensed LSP; portfolio plus in-depth interview; two
schemes; certificates within 30 days). The two schemes are composed for the demo from unit codes
seen in public sources (domain.md §13), not the LSP's official schemes. Every person is fictitious:
names are drawn from common Indonesian names and every NIK/NRP is synthetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

__all__ = [
    "ASSESSORS",
    "POLDA",
    "SCHEMES",
    "SESSION",
    "DemoCandidate",
    "DemoScheme",
    "candidates",
]


@dataclass(frozen=True)
class DemoScheme:
    """A scheme of the demo."""

    code: str
    title: str
    prefix: str
    units: tuple[tuple[str, str], ...]
    description: str


_COMPOSED = (
    "Composed for the certflow demo from unit codes seen in public sources "
    "(SKKNI Kehumasan); not the LSP's official scheme document."
)

SCHEMES: tuple[DemoScheme, ...] = (
    DemoScheme(
        code="SKM/LSP-HG/MI/2024",
        title="Klaster Manajemen Isu Kehumasan",
        prefix="HG-MI",
        units=(
            ("M.70HMS00.031.3", "Melaksanakan Media Relations"),
            ("M.70HMS00.035.3", "Melaksanakan Government Relations"),
            ("M.70HMS00.036.1", "Melaksanakan Institusional Relations"),
            ("M.70HMS00.032.2", "Melaksanakan Community Relations"),
            ("M.70HMS00.037.3", "Melaksanakan Internal Relations"),
        ),
        description="Basis: SKKNI Kepmenaker No. 32 Tahun 2022. " + _COMPOSED,
    ),
    DemoScheme(
        code="SKM/LSP-HG/PKK/2024",
        title="Klaster Produksi Konten Kehumasan",
        prefix="HG-PKK",
        units=(
            ("S.941000.023.02", "Membuat Pidato"),
            ("S.941000.026.02", "Melaksanakan Fungsi Juru Bicara / Spokeperson"),
            ("S.941000.022.02", "Melaksanakan Public Speaking"),
            ("S.941000.019.02", "Melaksanakan Kegiatan Seminar, Konferensi, Lokakarya dan Rapat"),
        ),
        description="Basis: SKKNI Kepmenaker No. 629 Tahun 2016. " + _COMPOSED,
    ),
)


@dataclass(frozen=True)
class _Session:
    code: str
    title: str
    venue: str
    starts_on: date
    ends_on: date
    address_ref: str = ""
    """The venue's address (a hotel's, not personal data), recorded with its TUK."""


SESSION = _Session(
    code="EUK/HUMAS-POLRI/2024-11",
    title="Uji Kompetensi Kehumasan, Anev Konsolidasi Humas Polri 2024",
    venue="Aston Sentul Lake Resort, Bogor",
    starts_on=date(2024, 11, 6),
    ends_on=date(2024, 11, 8),
    address_ref="Jl. Sentul Lake Resort, Sentul City, Babakan Madang, Bogor, Jawa Barat",
)

ASSESSORS: tuple[tuple[str, str, date], ...] = (
    ("MET.000.004512 2016", "Dr. Ratna Kusumawardani, M.Si.", date(2026, 5, 31)),
    ("MET.000.005108 2017", "Dr. Hendra Wijayakusuma, M.I.Kom.", date(2027, 2, 28)),
    ("MET.000.006233 2018", "Sri Wahyuningsih, S.Sos., M.M.", date(2025, 8, 31)),
    ("MET.000.006871 2018", "Dr. Bambang Setyo Nugroho, M.Si.", date(2026, 11, 30)),
    ("MET.000.007340 2019", "Andi Pratama Putra, S.I.Kom., M.A.", date(2027, 6, 30)),
    ("MET.000.007915 2019", "Dr. Maria Lestari Simanjuntak, M.Si.", date(2025, 12, 31)),
    ("MET.000.008402 2020", "Yusuf Hidayatullah, S.Sos., M.I.Kom.", date(2026, 3, 31)),
    ("MET.000.008977 2020", "Prof. Dr. Ayu Maharani, M.Si.", date(2027, 9, 30)),
    ("MET.000.009516 2021", "Rudi Hartono Siregar, S.E., M.M.", date(2024, 12, 31)),
    ("MET.000.010284 2022", "Dr. Dewi Anggraini, M.Comm.", date(2027, 4, 30)),
    ("MET.000.010913 2022", "Fajar Ramadhan, S.I.Kom., M.Si.", date(2028, 1, 31)),
)
"""MET number, name (fictitious) and licence expiry of the 11 assessors."""

POLDA: tuple[str, ...] = (
    "Polda Aceh",
    "Polda Sumatera Utara",
    "Polda Sumatera Barat",
    "Polda Riau",
    "Polda Kepulauan Riau",
    "Polda Jambi",
    "Polda Sumatera Selatan",
    "Polda Bengkulu",
    "Polda Lampung",
    "Polda Kepulauan Bangka Belitung",
    "Polda Metro Jaya",
    "Polda Jawa Barat",
    "Polda Jawa Tengah",
    "Polda Daerah Istimewa Yogyakarta",
    "Polda Jawa Timur",
    "Polda Banten",
    "Polda Bali",
    "Polda Nusa Tenggara Barat",
    "Polda Nusa Tenggara Timur",
    "Polda Kalimantan Barat",
    "Polda Kalimantan Tengah",
    "Polda Kalimantan Selatan",
    "Polda Kalimantan Timur",
    "Polda Kalimantan Utara",
    "Polda Sulawesi Utara",
    "Polda Gorontalo",
    "Polda Sulawesi Tengah",
    "Polda Sulawesi Barat",
    "Polda Sulawesi Selatan",
    "Polda Sulawesi Tenggara",
    "Polda Maluku",
    "Polda Maluku Utara",
    "Polda Papua Barat",
    "Polda Papua",
)
"""The 34 regional police commands whose PR heads (Kabidhumas) took part."""

_GIVEN = (
    "Agus",
    "Ahmad",
    "Bayu",
    "Budi",
    "Dedi",
    "Dian",
    "Eko",
    "Fitri",
    "Hadi",
    "Hari",
    "Indra",
    "Joko",
    "Kurnia",
    "Lina",
    "Made",
    "Nur",
    "Putu",
    "Rina",
    "Rizky",
    "Sari",
    "Slamet",
    "Teguh",
    "Tri",
    "Wahyu",
    "Wayan",
    "Yudi",
    "Zainal",
    "Novi",
    "Ketut",
    "Gede",
)
_FAMILY = (
    "Santoso",
    "Wibowo",
    "Saputra",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Pratama",
    "Nasution",
    "Siregar",
    "Harahap",
    "Lubis",
    "Simatupang",
    "Purba",
    "Gunawan",
    "Susanto",
    "Prasetyo",
    "Rahman",
    "Hakim",
    "Firmansyah",
    "Syahputra",
    "Utomo",
    "Wijaya",
    "Pangaribuan",
    "Manurung",
)

_SATKER = (
    "Itwasum",
    "Bareskrim",
    "Baintelkam",
    "Baharkam",
    "Sops",
    "Srena",
    "SSDM",
    "Slog",
    "Divpropam",
    "Divkum",
    "Divhubinter",
    "Divtik",
    "Lemdiklat",
    "Korlantas",
)

_DIVHUMAS = (
    ("Brigjen Pol", "Karo Penmas Divhumas Polri"),
    ("Brigjen Pol", "Karo Multimedia Divhumas Polri"),
    ("Kombes Pol", "Kabag Penum Ropenmas Divhumas Polri"),
    ("Kombes Pol", "Kabag Renmin Divhumas Polri"),
    ("Kombes Pol", "Kabag Pidm Ropenmas Divhumas Polri"),
    ("Kombes Pol", "Kabag Yanma Romulmed Divhumas Polri"),
    ("AKBP", "Kasubbag Opsnal Bag Penum Ropenmas"),
    ("AKBP", "Kasubbag Pengelolaan Informasi Romulmed"),
    ("AKBP", "Penata Kehumasan Madya Divhumas Polri"),
    ("AKBP", "Penata Kehumasan Madya Divhumas Polri"),
    ("AKBP", "Penata Kehumasan Madya Divhumas Polri"),
    ("Kompol", "Penata Kehumasan Madya Divhumas Polri"),
    ("Kompol", "Penata Kehumasan Madya Divhumas Polri"),
    ("Kompol", "Penata Kehumasan Madya Divhumas Polri"),
)


@dataclass(frozen=True)
class DemoCandidate:
    """A fictitious participant (personal data goes to the subject store only)."""

    name: str
    nik: str
    nrp: str
    rank: str
    unit: str
    position: str
    group: str
    """``divhumas``, ``kabidhumas`` or ``ppid``."""


def candidates(seed: int) -> list[DemoCandidate]:
    """The 62 participants: 14 Divhumas officials, 34 Kabidhumas and 14 PPID officers."""
    rng = random.Random(f"certflow-demo-candidates-{seed}")
    used: set[str] = set()

    def person() -> tuple[str, str, str]:
        while True:
            name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
            if name not in used:
                used.add(name)
                break
        nik = "32" + "".join(str(rng.randrange(10)) for _ in range(14))
        nrp = "7" + "".join(str(rng.randrange(10)) for _ in range(7))
        return name, nik, nrp

    people: list[DemoCandidate] = []
    for rank, position in _DIVHUMAS:
        name, nik, nrp = person()
        people.append(DemoCandidate(name, nik, nrp, rank, "Divhumas Polri", position, "divhumas"))
    for polda in POLDA:
        name, nik, nrp = person()
        people.append(
            DemoCandidate(name, nik, nrp, "Kombes Pol", polda, "Kabidhumas", "kabidhumas")
        )
    for satker in _SATKER:
        name, nik, nrp = person()
        rank = rng.choice(("AKBP", "Kompol"))
        people.append(DemoCandidate(name, nik, nrp, rank, satker, f"Pejabat PPID {satker}", "ppid"))
    return people
