# language: id
@certification
Fitur: Surveilan, pembekuan dan pencabutan sertifikat
  Pemegang sertifikat disurveilan berkala. Komite dapat membekukan sertifikat dengan alasan dari
  daftar skema sampai batas penyelesaian, mencabut pembekuan, atau mencabut sertifikat.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R43 Surveilan dicatat dan memulai interval baru

    Skenario: Surveilan pertama jatuh tempo dua belas bulan setelah keputusan
      Maka tenggat "surveillance" untuk "Budi" jatuh pada 2025-11-13

    Skenario: Surveilan mencatat logbook dan memulai interval baru
      Diketahui hari ini tanggal 2025-10-01
      Ketika manajer sertifikasi mencatat surveilan "Budi"
      Maka perintah diterima
      Dan tenggat "surveillance" untuk "Budi" jatuh pada 2026-09-30

    Skenario: Surveilan pada sertifikat yang dibekukan ditolak
      Diketahui hari ini tanggal 2025-03-01
      Dan komite membekukan sertifikat "Budi" karena "criminal_suspect" sampai 2025-06-01
      Ketika manajer sertifikasi mencatat surveilan "Budi"
      Maka perintah ditolak

  Aturan: R44 Pembekuan memiliki batas penyelesaian; jika tidak diselesaikan, dicabut

    Latar Belakang:
      Diketahui hari ini tanggal 2025-03-01

    Skenario: Pembekuan dengan batas penyelesaian
      Ketika komite membekukan sertifikat "Budi" karena "criminal_suspect" sampai 2025-06-01
      Maka sertifikasi "Budi" berada pada tahap "dibekukan"
      Dan tenggat "suspension_resolution" untuk "Budi" jatuh pada 2025-06-01

    Skenario: Batas penyelesaian yang sudah lewat ditolak
      Ketika komite membekukan sertifikat "Budi" karena "criminal_suspect" sampai 2025-02-01
      Maka perintah ditolak dengan aturan "R44"

    Skenario: Pembekuan dicabut dengan alasan
      Diketahui komite membekukan sertifikat "Budi" karena "criminal_suspect" sampai 2025-06-01
      Ketika komite mencabut pembekuan "Budi" dengan alasan "perkara dihentikan (SP3)"
      Maka sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Pencabutan pembekuan tanpa alasan ditolak
      Diketahui komite membekukan sertifikat "Budi" karena "criminal_suspect" sampai 2025-06-01
      Ketika komite mencabut pembekuan "Budi" dengan alasan " "
      Maka perintah ditolak dengan aturan "R44"

    Skenario: Pembekuan yang tidak diselesaikan dicabut oleh penyapuan
      Diketahui komite membekukan sertifikat "Budi" karena "certificate_misuse" sampai 2025-04-01
      Dan 40 hari telah berlalu
      Ketika penyapuan tenggat dijalankan
      Maka sertifikasi "Budi" berada pada tahap "dicabut"
      Dan peristiwa terakhir "Budi" adalah "Revoked"

  Aturan: R45 Pembekuan dan pencabutan menyebut alasan dari daftar skema

    Skenario: Alasan pembekuan di luar daftar ditolak
      Ketika komite membekukan sertifikat "Budi" karena "gosip" sampai 2026-01-01
      Maka perintah ditolak dengan aturan "R45"

    Skenario: Pencabutan dengan alasan dari daftar
      Ketika komite mencabut sertifikat "Budi" karena "ethics_breach"
      Maka sertifikasi "Budi" berada pada tahap "dicabut"

    Skenario: Pencabutan dengan alasan di luar daftar ditolak
      Ketika komite mencabut sertifikat "Budi" karena "tidak suka"
      Maka perintah ditolak dengan aturan "R45"

  Aturan: R43 Surveilan yang terlambat: pengingat, peringatan dengan tenggat, lalu pembekuan

    Skenario: Penyapuan sebelum surveilan jatuh tempo tidak mencatat apa pun
      Diketahui hari ini tanggal 2025-11-13
      Ketika penyapuan tenggat dijalankan
      Maka riwayat "Budi" memuat 0 peristiwa "SurveillanceOverdue"

    Skenario: Surveilan yang terlambat mendapat pengingat, sekali saja
      Diketahui hari ini tanggal 2025-11-14
      Ketika penyapuan tenggat dijalankan
      Dan penyapuan tenggat dijalankan
      Maka surveilan "Budi" yang terlambat tercatat sebagai "reminder" dengan tenggat 2025-11-28
      Dan riwayat "Budi" memuat 1 peristiwa "SurveillanceOverdue"
      Dan sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Pengingat yang tidak ditanggapi menjadi peringatan dengan tenggat 14 hari kerja
      Diketahui hari ini tanggal 2025-11-14
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-29
      Ketika penyapuan tenggat dijalankan
      Maka surveilan "Budi" yang terlambat tercatat sebagai "warning" dengan tenggat 2025-12-18
      Dan riwayat "Budi" memuat 2 peristiwa "SurveillanceOverdue"

    Skenario: Peringatan yang tidak ditanggapi membekukan sertifikat
      Diketahui hari ini tanggal 2025-11-14
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-29
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-12-19
      Ketika penyapuan tenggat dijalankan
      Maka sertifikasi "Budi" berada pada tahap "dibekukan"
      Dan sertifikat "Budi" dikenai sanksi "surveillance_not_met"
      Dan tenggat "suspension_resolution" untuk "Budi" jatuh pada 2026-01-18

    Skenario: Surveilan yang dicatat setelah pengingat menutup eskalasi
      Diketahui hari ini tanggal 2025-11-14
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-20
      Ketika manajer sertifikasi mencatat surveilan "Budi"
      Dan hari ini tanggal 2025-12-19
      Dan penyapuan tenggat dijalankan
      Maka riwayat "Budi" memuat 1 peristiwa "SurveillanceOverdue"
      Dan tenggat "surveillance" untuk "Budi" jatuh pada 2026-11-19

    Skenario: Tidak seorang pun mencatat eskalasi surveilan dengan tangan
      Diketahui hari ini tanggal 2025-11-14
      Ketika "komite-teknis-01" sebagai komite sertifikasi melakukan "escalate_surveillance" pada "Budi"
      Maka perintah ditolak
      Dan penolakan menyebut "escalate_surveillance"
