# language: id
@certification
Fitur: Keluhan (R53)
  Siapa pun dapat mengajukan keluhan tentang LSP, asesornya, atau orang bersertifikat, dengan
  nama atau anonim. Staf LSP menanggapinya, manajer sertifikasi menugaskan penyelidik yang tidak
  terlibat, dan penyelidik menyelesaikannya dengan temuan dan tindakan. Tenggat tanggapan dan
  penyelesaian disapu seperti tenggat banding.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan ketua LSP menetapkan "Dewi" sebagai manajer sertifikasi
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R53 Keluhan diajukan siapa pun, ditangani orang yang tidak terlibat, dan diselesaikan

    Skenario: Keluhan anonim tentang LSP ditangani sampai selesai
      Diketahui hari ini tanggal 2025-01-06
      Dan admin LSP menerima keluhan anonim "K1" tentang LSP: "jadwal uji diundur tanpa pemberitahuan"
      Dan admin LSP menanggapi keluhan "K1"
      Dan manajer sertifikasi menugaskan "Dewi" menyelidiki keluhan "K1"
      Ketika "Dewi" sebagai manajer sertifikasi menyelesaikan keluhan "K1" sebagai "terbukti" dengan temuan "pemberitahuan tidak dikirim" dan tindakan "perbaiki prosedur pemberitahuan"
      Maka perintah diterima
      Dan keluhan "K1" berada pada tahap "diselesaikan"
      Dan keluhan "K1" tidak dieskalasi

    Skenario: Keluhan bernama tentang orang bersertifikat tidak menyimpan nama pengadu
      Diketahui hari ini tanggal 2025-01-06
      Ketika admin LSP menerima keluhan "K2" dari "Sari Wulandari" tentang sertifikasi "Budi": "rilis pers menyesatkan"
      Maka perintah diterima
      Dan keluhan "K2" berada pada tahap "diterima"
      Dan peristiwa keluhan "K2" tidak memuat "Sari Wulandari"

    Skenario: Keluhan tanpa ringkasan ditolak
      Ketika admin LSP menerima keluhan anonim "K3" tentang LSP: " "
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Ringkasan dengan nomor seperti NIK ditolak
      Ketika admin LSP menerima keluhan anonim "K3" tentang LSP: "pengadu NIK 3174012304850003"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Asesor tidak mencatat keluhan
      Ketika "Ratna" sebagai asesor menerima keluhan anonim "K3" tentang LSP: "antrian panjang"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Penyelidik tidak ditugaskan sebelum keluhan ditanggapi
      Diketahui admin LSP menerima keluhan anonim "K4" tentang asesor "Ratna": "meminta uang transport"
      Ketika manajer sertifikasi menugaskan "Dewi" menyelidiki keluhan "K4"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Admin LSP tidak menugaskan penyelidik
      Diketahui admin LSP menerima keluhan anonim "K4" tentang asesor "Ratna": "meminta uang transport"
      Dan admin LSP menanggapi keluhan "K4"
      Ketika "lsp-admin-01" sebagai admin LSP menugaskan "Dewi" menyelidiki keluhan "K4"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Asesor yang dikeluhkan tidak menyelidiki keluhannya sendiri
      Diketahui ketua LSP menetapkan "Ratna" sebagai manajer sertifikasi
      Dan admin LSP menerima keluhan anonim "K4" tentang asesor "Ratna": "meminta uang transport"
      Dan admin LSP menanggapi keluhan "K4"
      Ketika manajer sertifikasi menugaskan "Ratna" menyelidiki keluhan "K4"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Pengambil keputusan sertifikasi tidak menyelidiki keluhan tentangnya
      Diketahui admin LSP menerima keluhan "K5" dari "Sari Wulandari" tentang sertifikasi "Budi": "rilis pers menyesatkan"
      Dan admin LSP menanggapi keluhan "K5"
      Ketika manajer sertifikasi menugaskan "komite-teknis-01" menyelidiki keluhan "K5"
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Hanya penyelidik yang ditugaskan yang menyelesaikan keluhan
      Diketahui admin LSP menerima keluhan anonim "K1" tentang LSP: "antrian panjang"
      Dan admin LSP menanggapi keluhan "K1"
      Dan manajer sertifikasi menugaskan "Dewi" menyelidiki keluhan "K1"
      Ketika "ketua-lsp-01" sebagai ketua LSP menyelesaikan keluhan "K1" sebagai "tidak terbukti" dengan temuan "antrian wajar" dan tindakan " "
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Keluhan terbukti tanpa tindakan ditolak
      Diketahui admin LSP menerima keluhan anonim "K1" tentang LSP: "antrian panjang"
      Dan admin LSP menanggapi keluhan "K1"
      Dan manajer sertifikasi menugaskan "Dewi" menyelidiki keluhan "K1"
      Ketika "Dewi" sebagai manajer sertifikasi menyelesaikan keluhan "K1" sebagai "terbukti" dengan temuan "antrian dua jam" dan tindakan " "
      Maka perintah ditolak dengan aturan "R53"

    Skenario: Keluhan dicabut sebelum diselesaikan
      Diketahui admin LSP menerima keluhan anonim "K1" tentang LSP: "antrian panjang"
      Ketika admin LSP mencatat keluhan "K1" dicabut dengan alasan "sudah dijelaskan"
      Maka perintah diterima
      Dan keluhan "K1" berada pada tahap "dicabut"

    Skenario: Keluhan yang dicabut tidak ditanggapi lagi
      Diketahui admin LSP menerima keluhan anonim "K1" tentang LSP: "antrian panjang"
      Dan admin LSP mencatat keluhan "K1" dicabut dengan alasan "sudah dijelaskan"
      Ketika admin LSP menanggapi keluhan "K1"
      Maka perintah ditolak dengan aturan "R53"

  Aturan: R53 Tenggat tanggapan dan penyelesaian keluhan disapu

    Latar Belakang:
      Diketahui hari ini tanggal 2025-01-06
      Dan admin LSP menerima keluhan anonim "K1" tentang LSP: "antrian panjang"

    Skenario: Keluhan yang tidak ditanggapi dalam tujuh hari dieskalasi
      Diketahui hari ini tanggal 2025-01-14
      Ketika penyapuan tenggat dijalankan
      Maka keluhan "K1" dieskalasi karena tenggat "acknowledgement"
      Dan keluhan "K1" berada pada tahap "diterima"

    Skenario: Keluhan yang ditanggapi tepat waktu tidak dieskalasi
      Diketahui admin LSP menanggapi keluhan "K1"
      Dan hari ini tanggal 2025-01-14
      Ketika penyapuan tenggat dijalankan
      Maka keluhan "K1" tidak dieskalasi

    Skenario: Keluhan yang tidak diselesaikan dalam enam puluh hari dieskalasi
      Diketahui admin LSP menanggapi keluhan "K1"
      Dan hari ini tanggal 2025-03-10
      Ketika penyapuan tenggat dijalankan
      Maka keluhan "K1" dieskalasi karena tenggat "resolution"

  Aturan: R53 Keluhan terbukti tentang orang bersertifikat dapat membekukan sertifikatnya

    Latar Belakang:
      Diketahui hari ini tanggal 2025-01-06
      Dan admin LSP menerima keluhan "K2" dari "Sari Wulandari" tentang sertifikasi "Budi": "rilis pers menyesatkan"
      Dan admin LSP menanggapi keluhan "K2"
      Dan manajer sertifikasi menugaskan "Dewi" menyelidiki keluhan "K2"

    Skenario: Keluhan terbukti membekukan sertifikat
      Diketahui "Dewi" sebagai manajer sertifikasi menyelesaikan keluhan "K2" sebagai "terbukti" dengan temuan "rilis pers berisi klaim palsu" dan tindakan "bekukan sertifikat"
      Ketika komite membekukan sertifikat atas keluhan "K2" karena "criminal_suspect" sampai 2025-03-01
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "dibekukan"

    Skenario: Keluhan tidak terbukti tidak membekukan sertifikat
      Diketahui "Dewi" sebagai manajer sertifikasi menyelesaikan keluhan "K2" sebagai "tidak terbukti" dengan temuan "klaim benar" dan tindakan " "
      Ketika komite membekukan sertifikat atas keluhan "K2" karena "criminal_suspect" sampai 2025-03-01
      Maka perintah ditolak dengan aturan "R53"
      Dan sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"
