# language: id
@certification
Fitur: Karantina catatan asesor yang melanggar (R55)
  Asesor yang ditandai karena gratifikasi atau pelanggaran: catatan asesmennya dikarantina,
  setiap keputusan yang terdampak ditinjau (dikukuhkan atau dibatalkan), dan asesmen ulang oleh
  asesor lain ditawarkan. Selama dikarantina, sertifikat tidak dicetak.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "competent"
    Dan sertifikasi "Sari" telah sampai "not_yet_competent"

  Aturan: R55 Asesor ditandai dengan alasan; catatannya dikarantina

    Skenario: Penandaan mengarantina sertifikasi yang diases asesor itu
      Diketahui hari ini tanggal 2024-11-20
      Ketika ketua LSP menandai asesor "Ratna" karena "gratifikasi" dengan alasan "menerima uang dari peserta"
      Maka perintah diterima
      Dan sertifikasi "Budi" dikarantina
      Dan sertifikasi "Sari" dikarantina
      Dan kasus pelanggaran asesor "Ratna" berada pada tahap "dikarantina"

    Skenario: Sertifikat dari catatan yang dikarantina tidak dicetak
      Diketahui hari ini tanggal 2024-11-20
      Dan ketua LSP menandai asesor "Ratna" karena "gratifikasi" dengan alasan "menerima uang dari peserta"
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Penandaan tanpa alasan ditolak
      Ketika ketua LSP menandai asesor "Ratna" karena "pelanggaran" dengan alasan " "
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Admin LSP tidak menandai asesor
      Ketika "lsp-admin-01" sebagai admin LSP menandai asesor "Ratna" karena "pelanggaran" dengan alasan "laporan peserta"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Asesor yang sudah ditandai tidak ditandai dua kali
      Diketahui ketua LSP menandai asesor "Ratna" karena "pelanggaran" dengan alasan "laporan peserta"
      Ketika ketua LSP menandai asesor "Ratna" karena "gratifikasi" dengan alasan "laporan kedua"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Asesor lain tidak dikarantina
      Ketika ketua LSP menandai asesor "Hendra" karena "pelanggaran" dengan alasan "laporan peserta"
      Maka perintah diterima
      Dan sertifikasi "Budi" tidak dikarantina

  Aturan: R55 Setiap keputusan terdampak ditinjau; yang dibatalkan diases ulang oleh asesor lain

    Latar Belakang:
      Diketahui hari ini tanggal 2024-11-20
      Dan ketua LSP menandai asesor "Ratna" karena "gratifikasi" dengan alasan "menerima uang dari peserta"

    Skenario: Keputusan yang dikukuhkan dapat dicetak
      Diketahui "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan "bukti portofolio diverifikasi ulang"
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "sertifikat dicetak"

    Skenario: Pengambil keputusan tidak meninjau keputusannya sendiri
      Ketika "komite-teknis-01" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan "saya yakin"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Tinjauan tanpa alasan ditolak
      Ketika "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan " "
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Keputusan yang sudah ditinjau tidak ditinjau lagi
      Diketahui "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan "bukti diverifikasi"
      Ketika "komite-teknis-03" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dibatalkan" dengan alasan "ragu"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Admin LSP tidak meninjau keputusan
      Ketika "lsp-admin-01" sebagai admin LSP meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan "bukti diverifikasi"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Keputusan yang dibatalkan tetap dikarantina sampai diases ulang oleh asesor lain
      Diketahui "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Sari" yang dikarantina: "dibatalkan" dengan alasan "wawancara oleh asesor yang menerima gratifikasi"
      Dan "Sari" meminta asesmen ulang untuk unit "MI.1"
      Ketika manajer sertifikasi menugaskan asesor "Hendra" kepada "Sari"
      Maka perintah diterima
      Dan sertifikasi "Sari" tidak dikarantina

    Skenario: Asesor yang ditandai tidak ditugaskan untuk asesmen ulang
      Diketahui "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Sari" yang dikarantina: "dibatalkan" dengan alasan "wawancara oleh asesor yang menerima gratifikasi"
      Dan "Sari" meminta asesmen ulang untuk unit "MI.1"
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Sari"
      Maka perintah ditolak dengan aturan "R55"

    Skenario: Tinjauan terakhir menutup kasus
      Diketahui "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Budi" yang dikarantina: "dikukuhkan" dengan alasan "bukti diverifikasi"
      Ketika "komite-teknis-02" sebagai komite sertifikasi meninjau keputusan "Sari" yang dikarantina: "dibatalkan" dengan alasan "wawancara tidak sah"
      Maka perintah diterima
      Dan kasus pelanggaran asesor "Ratna" berada pada tahap "ditutup"
