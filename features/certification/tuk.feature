# language: id
@certification
Fitur: Tempat Uji Kompetensi diverifikasi sebelum dipakai (PBNSP 206 4.1, 4.2)
  LSP menugaskan asesor untuk memverifikasi TUK; asesor itu mencatat daftar periksanya. Jadwal uji
  hanya ditetapkan, dan wawancara hanya dicatat, di TUK yang terverifikasi untuk skemanya pada
  tanggal itu: TUK sewaktu dan tempat kerja untuk jadwal itu, TUK mandiri dalam masa berlaku
  verifikasinya. Setiap penolakan menyebut aturannya dan tidak mencatat apa pun.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan skema "SKM-PK" dengan unit "PK.1"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI, SKM-PK" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan TUK sewaktu "Hotel Santika Bogor" diusulkan
    Dan manajer sertifikasi menugaskan "Ratna" memverifikasi TUK "Hotel Santika Bogor"

  Aturan: R16 Jadwal uji hanya di TUK yang terverifikasi untuk skemanya pada tanggal itu

    Skenario: Jadwal uji di TUK sewaktu yang diverifikasi untuk jadwal itu diterima
      Diketahui asesor "Ratna" memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-11"
      Ketika admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Hotel Santika Bogor" untuk skema "SKM-MI"
      Maka perintah diterima
      Dan TUK "Hotel Santika Bogor" berstatus "terverifikasi"

    Skenario: Jadwal uji di TUK yang belum diverifikasi ditolak
      Ketika admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Hotel Santika Bogor" untuk skema "SKM-MI"
      Maka perintah ditolak dengan aturan "R16"
      Dan penolakan menyebut "belum diverifikasi"

    Skenario: Jadwal uji di TUK yang tidak terdaftar ditolak
      Ketika admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Gedung Tanpa Verifikasi" untuk skema "SKM-MI"
      Maka perintah ditolak dengan aturan "R16"

    Skenario: Verifikasi untuk skema lain tidak berlaku
      Diketahui asesor "Ratna" memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-PK" dan jadwal "EUK-2024-11"
      Ketika admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Hotel Santika Bogor" untuk skema "SKM-MI"
      Maka perintah ditolak dengan aturan "R16"
      Dan penolakan menyebut "skema"

    Skenario: Verifikasi TUK sewaktu untuk jadwal lain tidak berlaku
      Diketahui asesor "Ratna" memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-10"
      Ketika admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Hotel Santika Bogor" untuk skema "SKM-MI"
      Maka perintah ditolak dengan aturan "R16"
      Dan penolakan menyebut "jadwal lain"

    Skenario: Verifikasi dengan butir daftar periksa tidak terpenuhi tidak membuat TUK terverifikasi
      Ketika asesor "Ratna" mencatat butir "jalur evakuasi tersedia" tidak terpenuhi saat memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-11"
      Maka perintah diterima
      Dan TUK "Hotel Santika Bogor" berstatus "diusulkan"

    Skenario: Jadwal uji di TUK mandiri dalam masa berlaku verifikasinya diterima
      Diketahui TUK mandiri "TUK Mandiri Humas Polri" diusulkan
      Dan manajer sertifikasi menugaskan "Hendra" memverifikasi TUK "TUK Mandiri Humas Polri"
      Dan asesor "Hendra" memverifikasi TUK mandiri "TUK Mandiri Humas Polri" untuk skema "SKM-MI" berlaku sampai 2024-12-31
      Ketika admin LSP menjadwalkan uji "EUK-2024-12" tanggal 2024-12-02 sampai 2024-12-03 di TUK "TUK Mandiri Humas Polri" untuk skema "SKM-MI"
      Maka perintah diterima

    Skenario: Verifikasi TUK mandiri yang masa berlakunya habis tidak berlaku
      Diketahui TUK mandiri "TUK Mandiri Humas Polri" diusulkan
      Dan manajer sertifikasi menugaskan "Hendra" memverifikasi TUK "TUK Mandiri Humas Polri"
      Dan asesor "Hendra" memverifikasi TUK mandiri "TUK Mandiri Humas Polri" untuk skema "SKM-MI" berlaku sampai 2024-12-31
      Dan hari ini tanggal 2025-01-02
      Dan penyapuan tenggat dijalankan
      Ketika admin LSP menjadwalkan uji "EUK-2025-02" tanggal 2025-02-03 sampai 2025-02-04 di TUK "TUK Mandiri Humas Polri" untuk skema "SKM-MI"
      Maka perintah ditolak dengan aturan "R16"
      Dan TUK "TUK Mandiri Humas Polri" berstatus "kedaluwarsa"

  Aturan: R17 Verifikasi TUK dilakukan oleh asesor yang ditugaskan LSP

    Skenario: Asesor yang tidak ditugaskan tidak memverifikasi TUK
      Ketika asesor "Hendra" memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R17"
      Dan penolakan menyebut "tidak ditugaskan"
      Dan TUK "Hotel Santika Bogor" berstatus "diusulkan"

    Skenario: Orang yang bukan asesor tidak ditugaskan memverifikasi TUK
      Diketahui ketua LSP menetapkan "Dewi" sebagai admin LSP
      Ketika manajer sertifikasi menugaskan "Dewi" memverifikasi TUK "Hotel Santika Bogor"
      Maka perintah ditolak dengan aturan "R17"
      Dan penolakan menyebut "bukan asesor"

    Skenario: Admin LSP tidak mencatat verifikasi TUK
      Ketika "lsp-admin-01" sebagai admin LSP memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R17"

  Aturan: R24 Wawancara dicatat di TUK yang terverifikasi untuk skemanya pada hari itu, dan mencatat TUK-nya

    Latar Belakang:
      Diketahui asesor "Ratna" memverifikasi TUK "Hotel Santika Bogor" untuk skema "SKM-MI" dan jadwal "EUK-2024-11"
      Dan admin LSP menjadwalkan uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 di TUK "Hotel Santika Bogor" untuk skema "SKM-MI"
      Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan sertifikasi "Budi" telah sampai "verified"
      Dan hari ini tanggal 2024-11-06

    Skenario: Wawancara di TUK yang terverifikasi mencatat TUK-nya
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah diterima
      Dan wawancara "Budi" mencatat TUK "Hotel Santika Bogor"

    Skenario: Wawancara di TUK yang dibekukan ditolak
      Diketahui manajer sertifikasi membekukan TUK "Hotel Santika Bogor"
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R24"
      Dan penolakan menyebut "dibekukan"

    Skenario: Wawancara setelah TUK dipulihkan diterima
      Diketahui manajer sertifikasi membekukan TUK "Hotel Santika Bogor"
      Dan manajer sertifikasi memulihkan TUK "Hotel Santika Bogor"
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah diterima
