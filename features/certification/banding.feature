# language: id
@certification
Fitur: Banding (FR.AK.04)
  Kandidat yang dinyatakan belum kompeten dapat mengajukan banding dalam jangka waktu banding
  skema. Manajer sertifikasi membentuk panel banding yang independen; anggota panel itu
  mengabulkan atau menolaknya.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan ketua LSP menetapkan "Dewi" sebagai panel banding
    Dan ketua LSP menetapkan "Yusuf" sebagai panel banding
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "not_yet_competent"

  Aturan: R49 Banding diajukan dalam jangka waktu banding dengan alasan tertulis

    Skenario: Banding dalam jangka waktu diterima
      Diketahui hari ini tanggal 2024-11-20
      Ketika "Budi" mengajukan banding dengan alasan "logbook media relations tidak dibaca"
      Maka sertifikasi "Budi" berada pada tahap "dalam banding"

    Skenario: Banding setelah jangka waktu ditolak
      Diketahui hari ini tanggal 2024-12-20
      Ketika "Budi" mengajukan banding dengan alasan "terlambat"
      Maka perintah ditolak dengan aturan "R49"

    Skenario: Banding tanpa alasan ditolak
      Ketika "Budi" mengajukan banding dengan alasan " "
      Maka perintah ditolak dengan aturan "R49"

    Skenario: Penyapuan menutup jangka waktu banding yang lewat
      Diketahui hari ini tanggal 2024-12-20
      Ketika penyapuan tenggat dijalankan
      Maka peristiwa terakhir "Budi" adalah "AppealWindowClosed"

    Skenario: Penyapuan sebelum akhir jangka waktu tidak mencatat apa pun
      Diketahui hari ini tanggal 2024-11-20
      Ketika penyapuan tenggat dijalankan
      Maka peristiwa terakhir "Budi" adalah "Decided"
      Dan tenggat "appeal_window" untuk "Budi" jatuh pada 2024-12-14

  Aturan: R50 Banding yang diajukan memiliki tanggal batas keputusan

    Skenario: Banding mendapat batas keputusan
      Diketahui hari ini tanggal 2024-11-20
      Ketika "Budi" mengajukan banding dengan alasan "wawancara terlalu singkat"
      Maka tenggat "appeal_decision" untuk "Budi" jatuh pada 2024-12-20

  Aturan: R51 Panel banding tidak memuat asesor atau pengambil keputusan yang dibanding

    Latar Belakang:
      Diketahui hari ini tanggal 2024-11-20
      Dan "Budi" mengajukan banding dengan alasan "wawancara terlalu singkat"

    Skenario: Panel yang independen menolak banding
      Diketahui manajer sertifikasi membentuk panel banding "Dewi, Yusuf" untuk "Budi"
      Ketika panel banding "Dewi" menolak banding "Budi"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "belum kompeten"
      Dan peristiwa "AppealRejected" pada "Budi" dicatat oleh "Dewi" sebagai panel banding

    Skenario: Panel yang memuat asesor kandidat ditolak
      Diketahui ketua LSP menetapkan "Ratna" sebagai panel banding
      Ketika manajer sertifikasi membentuk panel banding "Dewi, Ratna" untuk "Budi"
      Maka perintah ditolak dengan aturan "R51"

    Skenario: Panel yang memuat pengambil keputusan ditolak
      Diketahui ketua LSP menetapkan "komite-teknis-01" sebagai panel banding
      Ketika manajer sertifikasi membentuk panel banding "Dewi, komite-teknis-01" untuk "Budi"
      Maka perintah ditolak dengan aturan "R51"

    Skenario: Anggota di luar panel yang dibentuk tidak memutus banding
      Diketahui manajer sertifikasi membentuk panel banding "Dewi" untuk "Budi"
      Ketika panel banding "Yusuf" menolak banding "Budi"
      Maka perintah ditolak dengan aturan "R51"

    Skenario: Banding tidak diputus sebelum panel dibentuk
      Ketika panel banding "Dewi" menolak banding "Budi"
      Maka perintah ditolak dengan aturan "R51"

  Aturan: R52 Banding dikabulkan: keputusan direvisi atau asesmen ulang oleh asesor lain

    Latar Belakang:
      Diketahui hari ini tanggal 2024-11-20
      Dan "Budi" mengajukan banding dengan alasan "wawancara terlalu singkat"
      Dan manajer sertifikasi membentuk panel banding "Dewi, Yusuf" untuk "Budi"

    Skenario: Keputusan direvisi menjadi kompeten
      Ketika panel banding "Dewi" mengabulkan banding "Budi" dengan "keputusan direvisi"
      Maka sertifikasi "Budi" berada pada tahap "kompeten"

    Skenario: Asesmen ulang tidak boleh oleh asesor yang sama
      Diketahui panel banding "Dewi" mengabulkan banding "Budi" dengan "asesmen ulang"
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah ditolak dengan aturan "R52"

    Skenario: Asesmen ulang oleh asesor yang berbeda diterima
      Diketahui panel banding "Dewi" mengabulkan banding "Budi" dengan "asesmen ulang"
      Ketika manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "portfolio_submitted"

    Skenario: Banding yang ditolak menutup jangka waktu banding
      Diketahui panel banding "Yusuf" menolak banding "Budi"
      Ketika "Budi" mengajukan banding dengan alasan "sekali lagi"
      Maka perintah ditolak dengan aturan "R49"
