# language: id
@certification
Fitur: Kedaluwarsa dan sertifikasi ulang
  Sertifikat kedaluwarsa setelah hari terakhir masa berlakunya. Sertifikasi ulang adalah siklus
  baru yang merujuk sertifikat lama dan menggantikannya saat sertifikat barunya diserahkan.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan skema "SKM-PKK" dengan unit "PKK.1"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI, SKM-PKK"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI, SKM-PKK" dengan lisensi sampai 2030-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R46 Sertifikat kedaluwarsa setelah masa berlakunya, oleh waktu

    Skenario: Penyapuan setelah hari terakhir masa berlaku
      Diketahui hari ini tanggal 2027-11-14
      Ketika penyapuan tenggat dijalankan
      Maka sertifikasi "Budi" berada pada tahap "kedaluwarsa"

    Skenario: Penyapuan pada hari terakhir masa berlaku tidak mengubah apa pun
      Diketahui hari ini tanggal 2027-11-13
      Ketika penyapuan tenggat dijalankan
      Maka sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Tidak seorang pun mengakhiri masa berlaku dengan tangan
      Ketika "komite-teknis-01" sebagai komite sertifikasi melakukan "expire" pada "Budi"
      Maka perintah ditolak
      Dan penolakan menyebut "expire"

  Aturan: R47 Sertifikasi ulang merujuk sertifikat lama pada skema yang sama dan menggantikannya

    Latar Belakang:
      Diketahui hari ini tanggal 2027-09-01
      Dan jadwal uji "EUK-2027-10" tanggal 2027-10-06 sampai 2027-10-07 untuk skema "SKM-MI, SKM-PKK"
      Dan manajer sertifikasi mencatat surveilan "Budi"

    Skenario: Sertifikasi ulang merujuk sertifikat yang berlaku
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10"
      Maka perintah diterima
      Dan sertifikasi sebelumnya "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Serah terima sertifikat baru menggantikan yang lama
      Diketahui admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10"
      Dan sertifikasi "Budi" telah sampai "certificate_printed"
      Ketika admin LSP menyerahkan sertifikat kepada "Budi"
      Maka sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"
      Dan sertifikasi sebelumnya "Budi" berada pada tahap "digantikan"

    Skenario: Sertifikasi ulang pada skema lain ditolak
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-PKK" di jadwal "EUK-2027-10"
      Maka perintah ditolak dengan aturan "R47"

    Skenario: Sertifikat yang dicabut tidak dapat disertifikasi ulang
      Diketahui komite mencabut sertifikat "Budi" karena "fraudulent_evidence"
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10"
      Maka perintah ditolak dengan aturan "R47"

    Skenario: Sertifikasi ulang mencatat bukti logbook
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10" dengan logbook "LOGBOOK-2025, LAPORAN-KEGIATAN-2026"
      Maka perintah diterima
      Dan sertifikasi "Budi" mencatat logbook "LOGBOOK-2025, LAPORAN-KEGIATAN-2026"

    Skenario: Sertifikasi ulang tanpa bukti logbook ditolak
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10" dengan logbook " "
      Maka perintah ditolak dengan aturan "R47"
      Dan penolakan menyebut "logbook"

  Aturan: R47 Pemegang sertifikat tanpa laporan surveilan didaftarkan sebagai pemohon baru

    Latar Belakang:
      Diketahui hari ini tanggal 2027-09-01
      Dan jadwal uji "EUK-2027-10" tanggal 2027-10-06 sampai 2027-10-07 untuk skema "SKM-MI"

    Skenario: Sertifikasi ulang tanpa laporan surveilan ditolak
      Ketika admin LSP mendaftarkan sertifikasi ulang "Budi" pada skema "SKM-MI" di jadwal "EUK-2027-10" dengan logbook "LOGBOOK-2025"
      Maka perintah ditolak dengan aturan "R47"
      Dan penolakan menyebut "pemohon baru"

    Skenario: Pemegang tanpa laporan surveilan mendaftar sebagai pemohon baru
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2027-10"
      Maka sertifikasi "Budi" berada pada tahap "terdaftar"
      Dan sertifikasi sebelumnya "Budi" berada pada tahap "sertifikat diserahkan"
