# language: id
@certification
Fitur: Jawaban kandidat atas hasil asesmen: pengakuan FR.AK.02 atau penolakan FR.AK.05
  Setelah asesor mencatat rekomendasinya, kandidat menandatangani FR.AK.02 (mengakui hasil)
  atau menolak hasil dengan alasan, yang dicatat pada FR.AK.05. Penolakan membuka jalan banding
  segera setelah keputusan.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "interviewed"
    Dan hari ini tanggal 2024-11-07

  Aturan: R29 Pengakuan atau penolakan hasil asesmen oleh kandidat dicatat

    Skenario: Kandidat mengakui hasil asesmen
      Diketahui asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Ketika "Budi" mengakui hasil asesmen
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "ResultAcknowledged"

    Skenario: Asesor mencatat FR.AK.02 yang ditandatangani kandidat
      Diketahui asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Ketika asesor "Ratna" mencatat pengakuan "Budi" atas hasil asesmen
      Maka perintah diterima

    Skenario: Pengakuan sebelum ada rekomendasi ditolak
      Ketika "Budi" mengakui hasil asesmen
      Maka perintah ditolak dengan aturan "R29"
      Dan penolakan menyebut "rekomendasi"

    Skenario: Jawaban kandidat dicatat sekali
      Diketahui asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Dan "Budi" mengakui hasil asesmen
      Ketika "Budi" menolak hasil asesmen karena "berubah pikiran"
      Maka perintah ditolak dengan aturan "R29"

    Skenario: Penolakan tanpa alasan ditolak
      Diketahui asesor "Ratna" merekomendasikan "BK" untuk "Budi"
      Ketika "Budi" menolak hasil asesmen tanpa alasan
      Maka perintah ditolak dengan aturan "R29"

    Skenario: Penolakan hasil membuka banding segera setelah keputusan BK
      Diketahui asesor "Ratna" merekomendasikan "BK" untuk "Budi"
      Ketika "Budi" menolak hasil asesmen karena "waktu wawancara terlalu singkat"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "ResultRejected"
      Ketika komite memutuskan "BK" untuk "Budi"
      Dan "Budi" mengajukan banding dengan alasan "waktu wawancara terlalu singkat"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "dalam banding"
