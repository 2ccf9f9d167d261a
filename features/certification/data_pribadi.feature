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

  Aturan: R61 Koreksi data pribadi dicatat sebagai peristiwa baru; tampilan menunjukkan nilai terakhir

    Skenario: Koreksi nama dicatat tanpa nilainya dan terbaca nilai terakhir
      Ketika admin LSP mengoreksi "name" data pribadi "Budi" menjadi "Budi Santoso, S.I.Kom." karena "ejaan pada APL.01 salah"
      Maka perintah diterima
      Dan "name" data pribadi "Budi" terbaca "Budi Santoso, S.I.Kom."
      Dan tercatat 1 koreksi data pribadi "Budi"
      Dan log peristiwa tidak memuat "Santoso"

    Skenario: Koreksi berikutnya ditambahkan, bukan menimpa
      Diketahui admin LSP mengoreksi "unit" data pribadi "Budi" menjadi "Polda Aceh" karena "satker salah"
      Ketika admin LSP mengoreksi "rank" data pribadi "Budi" menjadi "Kombes Pol" karena "kenaikan pangkat"
      Maka tercatat 2 koreksi data pribadi "Budi"
      Dan "unit" data pribadi "Budi" terbaca "Polda Aceh"

    Skenario: Koreksi yang tidak mengubah apa pun ditolak
      Ketika admin LSP mengoreksi "name" data pribadi "Budi" menjadi "Budi" karena "tidak berubah"
      Maka perintah ditolak dengan aturan "R61"

    Skenario: Koreksi kolom yang tidak dikenal ditolak
      Ketika admin LSP mengoreksi "golongan_darah" data pribadi "Budi" menjadi "O" karena "kolom lain"
      Maka perintah ditolak dengan aturan "R61"

    Skenario: Alasan koreksi yang memuat nilai data pribadi ditolak
      Ketika admin LSP mengoreksi "unit" data pribadi "Budi" menjadi "Polda Bali" karena "pindah ke Polda Bali"
      Maka perintah ditolak dengan aturan "R61"

  Aturan: R63 Kebocoran data pribadi diberitahukan dalam 3 × 24 jam sejak diketahui

    Skenario: Pemberitahuan dalam 72 jam tepat waktu
      Diketahui hari ini tanggal 2024-11-01
      Dan pejabat pelindungan data mencatat kebocoran "BR-01" yang diketahui 2024-11-01 pukul 9
      Dan hari ini tanggal 2024-11-03
      Ketika pejabat pelindungan data memberitahukan kebocoran "BR-01"
      Maka perintah diterima
      Dan kebocoran "BR-01" berstatus "notified"
      Dan kebocoran "BR-01" tidak terlambat

    Skenario: Kebocoran yang tidak diberitahukan dalam 72 jam dicatat terlambat oleh sapuan
      Diketahui hari ini tanggal 2024-11-01
      Dan pejabat pelindungan data mencatat kebocoran "BR-02" yang diketahui 2024-11-01 pukul 9
      Dan hari ini tanggal 2024-11-05
      Ketika penyapuan tenggat dijalankan
      Maka kebocoran "BR-02" berstatus "notification_overdue"
      Dan kebocoran "BR-02" terlambat diberitahukan

    Skenario: Kebocoran yang terlambat tetap dapat diberitahukan
      Diketahui hari ini tanggal 2024-11-01
      Dan pejabat pelindungan data mencatat kebocoran "BR-03" yang diketahui 2024-11-01 pukul 9
      Dan hari ini tanggal 2024-11-06
      Dan penyapuan tenggat dijalankan
      Ketika pejabat pelindungan data memberitahukan kebocoran "BR-03"
      Maka kebocoran "BR-03" berstatus "notified"

    Skenario: Pemberitahuan kedua ditolak
      Diketahui hari ini tanggal 2024-11-01
      Dan pejabat pelindungan data mencatat kebocoran "BR-04" yang diketahui 2024-11-01 pukul 9
      Dan pejabat pelindungan data memberitahukan kebocoran "BR-04"
      Ketika pejabat pelindungan data memberitahukan kebocoran "BR-04"
      Maka perintah ditolak dengan aturan "R63"

    Skenario: Kebocoran yang diketahui di masa depan ditolak
      Diketahui hari ini tanggal 2024-11-01
      Ketika pejabat pelindungan data mencatat kebocoran "BR-05" yang diketahui 2024-11-09 pukul 9
      Maka perintah ditolak dengan aturan "R63"

    Skenario: Hanya pejabat pelindungan data yang mencatat kebocoran
      Ketika admin LSP mencatat kebocoran "BR-06"
      Maka perintah ditolak

  Aturan: R60 Data pribadi disimpan sampai akhir siklus, lalu dimusnahkan menurut jadwal retensi

    Skenario: Data pemegang sertifikat disimpan sampai akhir masa berlaku
      Maka data pribadi "Budi" disimpan sampai 2027-11-13

    Skenario: Pemusnahan sebelum akhir siklus ditolak
      Ketika pejabat pelindungan data memusnahkan data pribadi "Budi" sesuai jadwal retensi
      Maka perintah ditolak dengan aturan "R60"

    Skenario: Pemusnahan setelah akhir siklus dicatat
      Diketahui hari ini tanggal 2027-11-14
      Ketika pejabat pelindungan data memusnahkan data pribadi "Budi" sesuai jadwal retensi
      Maka perintah diterima
      Dan data pribadi "Budi" sudah dihapus
      Dan sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Data kandidat yang sertifikasinya masih berjalan tidak dimusnahkan
      Diketahui hari ini tanggal 2024-10-21
      Dan kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan hari ini tanggal 2030-01-01
      Ketika pejabat pelindungan data memusnahkan data pribadi "Sari" sesuai jadwal retensi
      Maka perintah ditolak dengan aturan "R60"
