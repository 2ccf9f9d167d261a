# language: id
@certification
Fitur: Data pribadi kandidat (UU PDP No. 27 Tahun 2022)
  Data pribadi hanya disimpan di luar log peristiwa, sehingga dapat dihapus atas permintaan
  subjek data tanpa mengubah riwayat sertifikasi, kecuali ditunda berdasarkan hukum.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R59 Penghapusan dilaksanakan, atau ditunda dengan dasar hukum dan batas retensi

    Skenario: Data pribadi dihapus dan sertifikasi tetap utuh
      Ketika admin LSP menghapus data pribadi "Budi"
      Maka perintah diterima
      Dan data pribadi "Budi" sudah dihapus
      Dan sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Penundaan tanpa dasar hukum ditolak
      Diketahui "Budi" meminta penghapusan data pribadinya
      Ketika admin LSP menunda penghapusan data pribadi "Budi" berdasarkan " " sampai 2027-11-13
      Maka perintah ditolak dengan aturan "R59"

    Skenario: Penghapusan sebelum batas retensi yang ditunda ditolak
      Diketahui "Budi" meminta penghapusan data pribadinya
      Dan admin LSP menunda penghapusan data pribadi "Budi" berdasarkan "perkara etik berjalan" sampai 2025-06-30
      Ketika admin LSP menghapus data pribadi "Budi"
      Maka perintah ditolak dengan aturan "R59"

    Skenario: Penghapusan setelah batas retensi diterima
      Diketahui "Budi" meminta penghapusan data pribadinya
      Dan admin LSP menunda penghapusan data pribadi "Budi" berdasarkan "perkara etik berjalan" sampai 2025-06-30
      Dan hari ini tanggal 2025-07-01
      Ketika admin LSP menghapus data pribadi "Budi"
      Maka data pribadi "Budi" sudah dihapus
