# language: id
@certification
Fitur: Penugasan asesor
  Manajer sertifikasi menugaskan asesor yang berlisensi pada tanggal asesmen, terdaftar untuk
  skema, dan telah menyatakan konflik kepentingan.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan skema "SKM-PKK" dengan unit "PKK.1, PKK.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2024-11-01
    Dan asesor "Sri" terdaftar untuk skema "SKM-PKK" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "portfolio_submitted"

  Aturan: R9 Lisensi asesor berlaku pada tanggal asesmen

    Skenario: Asesor berlisensi ditugaskan
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "AssessorAssigned"

    Skenario: Asesor yang lisensinya habis sebelum asesmen ditolak
      Ketika manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Maka perintah ditolak dengan aturan "R9"

    Skenario: Setelah lisensi diperpanjang, asesor dapat ditugaskan
      Diketahui lisensi asesor "Hendra" diperpanjang sampai 2027-06-30
      Ketika manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Maka perintah diterima

  Aturan: R10 Asesor terdaftar untuk skema sertifikasi

    Skenario: Asesor yang terdaftar untuk skema ditugaskan
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah diterima

    Skenario: Asesor skema lain ditolak
      Ketika manajer sertifikasi menugaskan asesor "Sri" kepada "Budi"
      Maka perintah ditolak dengan aturan "R10"

  Aturan: R11 Asesor menyatakan konflik kepentingan sebelum ditugaskan

    Skenario: Penugasan dengan pernyataan tanpa konflik diterima
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah diterima

    Skenario: Penugasan tanpa pernyataan ditolak
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi" tanpa pernyataan konflik kepentingan
      Maka perintah ditolak dengan aturan "R11"

  Aturan: R12 Konflik kepentingan menghalangi penugasan kecuali dimitigasi

    Skenario: Konflik kepentingan tanpa mitigasi ditolak
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi" dengan konflik kepentingan "atasan langsung"
      Maka perintah ditolak dengan aturan "R12"
      Dan penolakan menyebut "atasan langsung"

    Skenario: Konflik kepentingan yang dimitigasi diterima
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi" dengan konflik kepentingan "rekan organisasi" yang dimitigasi "diawasi asesor kedua"
      Maka perintah diterima
