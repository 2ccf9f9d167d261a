# language: id
@certification
Fitur: Pengunduran diri dan ketidakhadiran
  Kandidat dapat mengundurkan diri sebelum keputusan. Ketidakhadiran mengembalikan ke penugasan
  asesor; setelah batas skema, permohonan dianggap mundur.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: R57 Pengunduran diri hanya sebelum keputusan sertifikasi

    Skenario konsep: Mengundurkan diri sebelum keputusan
      Diketahui sertifikasi "Budi" telah sampai "<tahap>"
      Ketika "Budi" mengundurkan diri
      Maka sertifikasi "Budi" berada pada tahap "mengundurkan diri"

      Contoh:
        | tahap               |
        | admitted            |
        | portfolio_submitted |
        | interviewed         |

    Skenario: Mengundurkan diri setelah keputusan ditolak
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika "Budi" mengundurkan diri
      Maka perintah ditolak dengan aturan "R57"

  Aturan: R56 Ketidakhadiran kembali ke penugasan; batas skema berarti mundur

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan hari ini tanggal 2024-11-06

    Skenario: Ketidakhadiran pertama kembali ke penugasan asesor
      Ketika admin LSP mencatat "Budi" tidak hadir
      Maka sertifikasi "Budi" berada pada tahap "portfolio_submitted"
      Dan peristiwa terakhir "Budi" adalah "AssessmentMissed"

    Skenario: Ketidakhadiran kedua berarti mundur
      Diketahui admin LSP mencatat "Budi" tidak hadir
      Dan manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Ketika admin LSP mencatat "Budi" tidak hadir
      Maka sertifikasi "Budi" berada pada tahap "mengundurkan diri"

    Skenario: Ketidakhadiran tanpa asesor ditolak
      Diketahui admin LSP mencatat "Budi" tidak hadir
      Ketika admin LSP mencatat "Budi" tidak hadir
      Maka perintah ditolak dengan aturan "R56"

    Skenario: Ketidakhadiran sebelum hari pertama jadwal ditolak
      Diketahui hari ini tanggal 2024-11-05
      Ketika admin LSP mencatat "Budi" tidak hadir
      Maka perintah ditolak dengan aturan "R56"
      Dan penolakan menyebut "2024-11-06"
