# language: id
@certification
Fitur: Sertifikat: nomor, masa berlaku, pencetakan dan serah terima
  Sertifikat hanya untuk keputusan kompeten. Nomornya unik dan tidak berubah; masa berlakunya
  mengikuti skema; serah terima mencatat apakah tenggat distribusi terpenuhi.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2" dan kebijakan:
      | validity_months            | 36 |
      | distribution_deadline_days | 30 |
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: R36 Sertifikat hanya untuk keputusan kompeten

    Skenario: Sertifikat untuk kompeten dicetak
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka sertifikasi "Budi" berada pada tahap "sertifikat dicetak"

    Skenario: Sertifikat untuk belum kompeten ditolak
      Diketahui sertifikasi "Budi" telah sampai "not_yet_competent"
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah ditolak dengan aturan "R36"

  Aturan: R37 Nomor sertifikat diberikan sekali, unik dan berurutan

    Skenario: Dua sertifikat mendapat nomor berurutan
      Diketahui kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan sertifikasi "Budi" telah sampai "certificate_printed"
      Dan sertifikasi "Sari" telah sampai "certificate_printed"
      Maka sertifikat "Budi" bernomor "SKM-MI/00001/2024" dan berlaku sampai 2027-11-13
      Dan sertifikat "Sari" bernomor "SKM-MI/00002/2024" dan berlaku sampai 2027-11-13

    Skenario: Nomor registrasi BNSP dicatat sekali
      Diketahui sertifikasi "Budi" telah sampai "certificate_printed"
      Dan admin LSP mencatat nomor registrasi "REG-73300-2024-0001" untuk "Budi"
      Ketika admin LSP mencatat nomor registrasi "REG-73300-2024-0002" untuk "Budi"
      Maka perintah ditolak dengan aturan "R37"

    Skenario: Nomor registrasi yang sudah dipakai sertifikat lain ditolak
      Diketahui kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan sertifikasi "Budi" telah sampai "certificate_printed"
      Dan sertifikasi "Sari" telah sampai "certificate_printed"
      Dan admin LSP mencatat nomor registrasi "REG-73300-2024-0001" untuk "Budi"
      Ketika admin LSP mencatat nomor registrasi "REG-73300-2024-0001" untuk "Sari"
      Maka perintah ditolak dengan aturan "R37"

  Aturan: R38 Masa berlaku dihitung dari tanggal keputusan

    Skenario: Sertifikat berlaku tiga tahun sejak keputusan
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka sertifikat "Budi" bernomor "SKM-MI/00001/2024" dan berlaku sampai 2027-11-13

  Aturan: R40 Sertifikat diserahkan setelah dicetak

    Skenario: Serah terima setelah dicetak diterima
      Diketahui sertifikasi "Budi" telah sampai "certificate_printed"
      Ketika admin LSP menyerahkan sertifikat kepada "Budi"
      Maka perintah diterima

    Skenario: Serah terima sebelum dicetak ditolak
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika admin LSP menyerahkan sertifikat kepada "Budi"
      Maka perintah ditolak dengan aturan "R40"

  Aturan: R41 Serah terima mencatat apakah tenggat distribusi terpenuhi

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "certificate_printed"

    Skenario: Serah terima dalam 30 hari setelah asesmen memenuhi tenggat
      Diketahui hari ini tanggal 2024-12-06
      Ketika admin LSP menyerahkan sertifikat kepada "Budi"
      Maka sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"
      Dan tenggat "distribution" untuk "Budi" terpenuhi

    Skenario: Serah terima terlambat tercatat terlewat
      Diketahui hari ini tanggal 2024-12-16
      Ketika admin LSP menyerahkan sertifikat kepada "Budi"
      Maka tenggat "distribution" untuk "Budi" terlewat

    Skenario: Tenggat distribusi dihitung dari hari terakhir jadwal
      Maka tenggat "distribution" untuk "Budi" jatuh pada 2024-12-08

  Aturan: R48 Duplikat mempertahankan nomor dan masa berlaku, salinan lama batal

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "distributed"

    Skenario: Duplikat untuk sertifikat yang hilang
      Ketika manajer sertifikasi menerbitkan duplikat sertifikat "Budi" karena "hilang saat pindah tugas"
      Maka sertifikat "Budi" adalah salinan ke-2 bernomor "SKM-MI/00001/2024"
      Dan sertifikat "Budi" bernomor "SKM-MI/00001/2024" dan berlaku sampai 2027-11-13

    Skenario: Duplikat tanpa alasan ditolak
      Ketika manajer sertifikasi menerbitkan duplikat sertifikat "Budi" karena " "
      Maka perintah ditolak dengan aturan "R48"

  Aturan: R40 Sertifikat ditandatangani manajer sertifikasi dan ketua LSP saat dicetak

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Dan hari ini tanggal 2024-11-20

    Skenario: Pencetakan mencatat kedua penanda tangan
      Ketika manajer sertifikasi mencetak sertifikat "Budi" ditandatangani "manajer-sertifikasi-01" dan "ketua-lsp-01"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "sertifikat dicetak"
      Dan sertifikat "Budi" ditandatangani "manajer-sertifikasi-01" dan "ketua-lsp-01"

    Skenario: Tanpa nama, penanda tangan diambil dari daftar personel
      Ketika manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah diterima
      Dan sertifikat "Budi" ditandatangani "manajer-sertifikasi-01" dan "ketua-lsp-01"

    Skenario: Ketua LSP yang bukan ketua LSP menurut daftar personel ditolak
      Ketika manajer sertifikasi mencetak sertifikat "Budi" ditandatangani "manajer-sertifikasi-01" dan "komite-teknis-02"
      Maka perintah ditolak dengan aturan "R40"
      Dan penolakan menyebut "komite-teknis-02"

    Skenario: Satu orang tidak menandatangani untuk dua jabatan
      Ketika manajer sertifikasi mencetak sertifikat "Budi" ditandatangani "manajer-sertifikasi-01" dan "manajer-sertifikasi-01"
      Maka perintah ditolak dengan aturan "R40"

    Skenario: Ketua LSP mencetak tanpa menyebut manajer sertifikasi ditolak
      Ketika "ketua-lsp-01" sebagai ketua LSP mencetak sertifikat "Budi"
      Maka perintah ditolak dengan aturan "R40"
      Dan penolakan menyebut "certification_manager"
