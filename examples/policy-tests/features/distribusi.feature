# language: id
@kebijakan
Fitur: Kebijakan distribusi sertifikat program Humas Polri
  Sertifikat dicetak dan didistribusikan paling lambat 14 hari setelah uji kompetensi, lebih
  ketat daripada bawaan skema, dan hanya kepada yang dinyatakan kompeten.

  Latar Belakang:
    Diketahui skema "SKM-HUMAS" dengan unit "H.1, H.2" dan kebijakan:
      | distribution_deadline_days | 14 |
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-HUMAS"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-HUMAS" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Kabidhumas Polda Aceh" terdaftar pada skema "SKM-HUMAS" di jadwal "EUK-2024-11"

  Skenario: Tenggat distribusi 14 hari dihitung dari hari terakhir uji
    Maka tenggat "distribution" untuk "Kabidhumas Polda Aceh" jatuh pada 2024-11-22

  Skenario: Sertifikat yang diserahkan setelah 14 hari tercatat terlambat
    Diketahui sertifikasi "Kabidhumas Polda Aceh" telah sampai "certificate_printed"
    Dan hari ini tanggal 2024-11-25
    Ketika admin LSP menyerahkan sertifikat kepada "Kabidhumas Polda Aceh"
    Maka tenggat "distribution" untuk "Kabidhumas Polda Aceh" terlewat

  Skenario: Peserta yang belum kompeten tidak mendapat sertifikat
    Diketahui sertifikasi "Kabidhumas Polda Aceh" telah sampai "not_yet_competent"
    Ketika manajer sertifikasi mencetak sertifikat "Kabidhumas Polda Aceh"
    Maka perintah ditolak dengan aturan "R36"
