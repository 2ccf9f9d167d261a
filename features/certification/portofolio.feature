# language: id
@certification
Fitur: Portofolio dan asesmen mandiri (FR.APL.02)
  Setelah permohonan diterima, kandidat menyerahkan asesmen mandiri dengan bukti untuk setiap
  unit kompetensi skema.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: R4 Portofolio hanya setelah permohonan diterima

    Skenario: Portofolio sebelum permohonan diterima ditolak
      Ketika "Budi" menyerahkan portofolio
      Maka perintah ditolak dengan aturan "R4"
      Dan sertifikasi "Budi" berada pada tahap "terdaftar"

  Aturan: R6 Portofolio memuat bukti untuk setiap unit

    Latar Belakang:
      Diketahui admin LSP menerima permohonan "Budi"

    Skenario: Portofolio lengkap diterima
      Ketika "Budi" menyerahkan portofolio
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "portfolio_submitted"

    Skenario: Portofolio tanpa satu unit ditolak
      Ketika "Budi" menyerahkan portofolio tanpa unit "MI.2"
      Maka perintah ditolak dengan aturan "R6"
      Dan penolakan menyebut "MI.2"
