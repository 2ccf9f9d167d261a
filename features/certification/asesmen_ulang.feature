# language: id
@certification
Fitur: Asesmen ulang setelah belum kompeten
  Asesmen ulang mencakup setidaknya unit yang BK; unit K dipertahankan selama masa berlakunya;
  jumlah percobaan per siklus dibatasi kebijakan skema.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "not_yet_competent"

  Aturan: R54 Asesmen ulang mencakup unit BK, mempertahankan unit K, dengan batas percobaan

    Skenario: Asesmen ulang untuk unit BK diterima
      Diketahui hari ini tanggal 2025-01-10
      Ketika "Budi" meminta asesmen ulang untuk unit "MI.1"
      Maka sertifikasi "Budi" berada pada tahap "portfolio_submitted"
      Dan peristiwa terakhir "Budi" adalah "ReassessmentRequested"

    Skenario: Asesmen ulang tanpa unit BK ditolak
      Diketahui hari ini tanggal 2025-01-10
      Ketika "Budi" meminta asesmen ulang untuk unit "MI.2"
      Maka perintah ditolak dengan aturan "R54"

    Skenario: Setelah masa pemindahan habis, unit K juga diases ulang
      Diketahui hari ini tanggal 2025-12-01
      Ketika "Budi" meminta asesmen ulang untuk unit "MI.1"
      Maka perintah ditolak dengan aturan "R54"
      Dan penolakan menyebut "MI.2"

    Skenario: Percobaan melebihi batas skema ditolak
      Diketahui hari ini tanggal 2025-01-10
      Dan "Budi" meminta asesmen ulang untuk unit "MI.1"
      Dan sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2025-02-10
      Ketika "Budi" meminta asesmen ulang untuk unit "MI.1"
      Maka perintah ditolak dengan aturan "R54"
