# language: id
@certification
Fitur: Permohonan blanko ke BNSP dan hasil untuk sponsor
  Setelah keputusan, LSP mengajukan permohonan blanko ke BNSP dengan berita acara dan daftar
  seluruh asesi jadwal itu, kompeten maupun belum kompeten. Sponsor (Divhumas) hanya melihat
  hasil per satuan kerja dan wilayah, tanpa identitas, bila dasar hukumnya tercatat.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R39 Permohonan blanko memuat semua asesi jadwal itu, K dan BK

    Skenario: Permohonan blanko memuat asesi kompeten dan belum kompeten
      Diketahui sertifikasi "Sari" telah sampai "recommended"
      Dan komite memutuskan "BK" untuk "Sari" dengan alasan "bukti unit MI.2 tidak cukup" dan hasil unit "MI.2=BK"
      Ketika admin LSP menyusun permohonan blanko BNSP jadwal "EUK-2024-11"
      Maka perintah diterima
      Dan permohonan blanko memuat 1 K dan 1 BK
      Dan permohonan blanko memuat "Budi" dengan keputusan "K"
      Dan permohonan blanko memuat "Sari" dengan keputusan "BK"

    Skenario: Permohonan blanko ditolak selama ada asesi yang belum diputuskan
      Diketahui sertifikasi "Sari" telah sampai "interviewed"
      Ketika admin LSP menyusun permohonan blanko BNSP jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R39"

    Skenario: Nama pada permohonan blanko dibaca dari data pribadi terkini
      Diketahui sertifikasi "Sari" telah sampai "recommended"
      Dan komite memutuskan "BK" untuk "Sari" dengan alasan "bukti unit MI.2 tidak cukup" dan hasil unit "MI.2=BK"
      Dan admin LSP mengoreksi "name" data pribadi "Sari" menjadi "Sari Wulandari" karena "nama lengkap"
      Ketika admin LSP menyusun permohonan blanko BNSP jadwal "EUK-2024-11"
      Maka permohonan blanko memuat "Sari Wulandari" dengan keputusan "BK"

  Aturan: R62 Sponsor melihat hasil hanya dengan persetujuan atau dasar hukum yang tercatat

    Skenario: Sponsor dengan dasar tercatat melihat jumlah per satuan kerja tanpa identitas
      Diketahui pejabat pelindungan data mencatat dasar "consent" bagi "divhumas" untuk jadwal "EUK-2024-11"
      Dan admin LSP mengoreksi "unit" data pribadi "Budi" menjadi "Polda Aceh" karena "satker belum diisi"
      Dan admin LSP mengoreksi "unit" data pribadi "Sari" menjadi "Polda Aceh" karena "satker belum diisi"
      Ketika "divhumas" meminta hasil jadwal "EUK-2024-11"
      Maka perintah diterima
      Dan sponsor melihat 1 K, 0 BK dan 1 belum diputuskan di satuan kerja "Polda Aceh"
      Dan hasil untuk sponsor tidak memuat nama "Budi"

    Skenario: Sponsor tanpa dasar tercatat ditolak
      Ketika "divhumas" meminta hasil jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R62"

    Skenario: Sponsor ditolak setelah dasarnya ditarik
      Diketahui pejabat pelindungan data mencatat dasar "consent" bagi "divhumas" untuk jadwal "EUK-2024-11"
      Dan pejabat pelindungan data menarik dasar pengungkapan "divhumas" untuk jadwal "EUK-2024-11"
      Ketika "divhumas" meminta hasil jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R62"

    Skenario: Dasar tanpa landasan hukum yang dikenal ditolak
      Ketika pejabat pelindungan data mencatat dasar "kabar angin" bagi "divhumas" untuk jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R62"

    Skenario: Admin LSP tidak dapat mencatat dasar pengungkapan
      Diketahui ketua LSP menetapkan "Tono" sebagai admin LSP
      Ketika "Tono" sebagai admin LSP mencatat dasar "consent" bagi "divhumas" untuk jadwal "EUK-2024-11"
      Maka perintah ditolak
