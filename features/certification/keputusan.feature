# language: id
@certification
Fitur: Rekomendasi asesor (FR.AK.02) dan keputusan sertifikasi
  Asesor merekomendasikan K/BK per unit; komite sertifikasi, yang tidak mengases kandidat,
  memutuskan kompeten atau belum kompeten.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: R26 Rekomendasi K hanya jika semua unit K

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "interviewed"

    Skenario: Rekomendasi K untuk semua unit diterima
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "RecommendationRecorded"

    Skenario: Rekomendasi K dengan satu unit BK ditolak
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi" dengan hasil "MI.1=K, MI.2=BK, MI.3=K"
      Maka perintah ditolak dengan aturan "R26"

    Skenario: Rekomendasi tanpa semua unit ditolak
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi" dengan hasil "MI.1=K"
      Maka perintah ditolak dengan aturan "R26"

  Aturan: R27 Rekomendasi BK menyebut tindak lanjut

    Skenario: Rekomendasi BK dengan tindak lanjut diterima
      Diketahui sertifikasi "Budi" telah sampai "interviewed"
      Ketika asesor "Ratna" merekomendasikan "BK" untuk "Budi" dengan hasil "MI.1=K, MI.2=BK, MI.3=K"
      Maka perintah diterima

    Skenario: Rekomendasi BK tanpa tindak lanjut ditolak
      Diketahui sertifikasi "Budi" telah sampai "interviewed"
      Ketika asesor "Ratna" merekomendasikan "BK" untuk "Budi" dengan hasil "MI.1=K, MI.2=BK, MI.3=K" tanpa tindak lanjut
      Maka perintah ditolak dengan aturan "R27"

  Aturan: R28 Asesmen lanjut sebelum rekomendasi

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "interviewed"
      Dan asesor "Ratna" meminta asesmen lanjut untuk "Budi"

    Skenario: Rekomendasi sebelum asesmen lanjut dipenuhi ditolak
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R28"

    Skenario: Rekomendasi setelah asesmen lanjut dipenuhi diterima
      Diketahui asesor "Ratna" mencatat asesmen lanjut untuk "Budi"
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Maka perintah diterima

  Aturan: R30 Keputusan hanya setelah rekomendasi dan laporan asesor

    Skenario: Keputusan setelah rekomendasi diterima
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah diterima

    Skenario: Keputusan tanpa rekomendasi ditolak
      Diketahui sertifikasi "Budi" telah sampai "interviewed"
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R30"

  Aturan: R31 Hanya komite sertifikasi yang memutuskan

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "recommended"

    Skenario: Komite memutuskan kompeten
      Ketika komite memutuskan "K" untuk "Budi"
      Maka sertifikasi "Budi" berada pada tahap "kompeten"

    Skenario konsep: Peran lain tidak dapat memutuskan
      Ketika "Pak Kadiv" sebagai "<peran>" memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R31"

      Contoh:
        | peran                 |
        | lsp_admin             |
        | assessor              |
        | certification_manager |
        | head_of_lsp           |

  Aturan: R32 Asesor kandidat tidak ikut memutuskan

    Skenario: Anggota komite yang tidak mengases memutuskan
      Diketahui ketua LSP menetapkan "Dewi" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Ketika "Dewi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah diterima
      Dan peristiwa "Decided" pada "Budi" dicatat oleh "Dewi" sebagai komite sertifikasi

    Skenario: Asesor yang mengases tidak dapat memutuskan sebagai komite
      Diketahui ketua LSP menetapkan "Ratna" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Ketika "Ratna" sebagai "certification_committee" memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R32"

  Aturan: R34 Keputusan yang berbeda dari rekomendasi, atau pengembalian, disertai alasan

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "recommended"

    Skenario: Keputusan berbeda tanpa alasan ditolak
      Ketika komite memutuskan "BK" untuk "Budi"
      Maka perintah ditolak dengan aturan "R34"

    Skenario: Keputusan berbeda dengan alasan diterima
      Ketika komite memutuskan "BK" untuk "Budi" dengan alasan "bukti ternyata bukan karya sendiri" dan hasil unit "MI.1=BK"
      Maka sertifikasi "Budi" berada pada tahap "belum kompeten"
      Dan keputusan "Budi" mencatat hasil unit "MI.1=BK, MI.2=K, MI.3=K"

    Skenario: Komite mengembalikan ke asesor dengan alasan
      Ketika komite mengembalikan "Budi" ke asesor dengan alasan "bukti krisis kurang"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "ReferredBack"

  Aturan: R35 Keputusan bertanggal setelah asesmen

    Skenario: Keputusan sepekan setelah wawancara diterima
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah diterima

    Skenario: Keputusan bertanggal sebelum wawancara ditolak
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-05
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R35"

  Aturan: R33 Keputusan memuat hasil per unit, rujukan rekomendasi dan laporan, dan pengambil keputusan

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14

    Skenario: Keputusan mencatat hasil setiap unit, rujukan dan pengambil keputusannya
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah diterima
      Dan keputusan "Budi" mencatat hasil unit "MI.1=K, MI.2=K, MI.3=K"
      Dan keputusan "Budi" merujuk rekomendasi dan laporan asesor
      Dan keputusan "Budi" diambil oleh "komite-teknis-01"

    Skenario: Keputusan pleno menyebut anggota komite lain
      Ketika komite memutuskan "K" untuk "Budi" bersama "komite-teknis-02, komite-teknis-03"
      Maka perintah diterima
      Dan keputusan "Budi" diambil oleh "komite-teknis-01, komite-teknis-02, komite-teknis-03"

    Skenario: Keputusan K dengan unit BK ditolak
      Ketika komite memutuskan "K" untuk "Budi" dengan hasil unit "MI.1=K, MI.2=BK, MI.3=K"
      Maka perintah ditolak dengan aturan "R33"
      Dan penolakan menyebut "MI.2"

    Skenario: Keputusan BK tanpa unit BK ditolak
      Ketika komite memutuskan "BK" untuk "Budi" dengan alasan "bukti kurang" dan hasil unit "MI.1=K"
      Maka perintah ditolak dengan aturan "R33"

    Skenario: Hasil untuk unit di luar skema ditolak
      Ketika komite memutuskan "K" untuk "Budi" dengan hasil unit "XX.9=K"
      Maka perintah ditolak dengan aturan "R33"
      Dan penolakan menyebut "XX.9"

    Skenario: Pengambil keputusan yang bukan anggota komite ditolak
      Ketika komite memutuskan "K" untuk "Budi" bersama "manajer-sertifikasi-01"
      Maka perintah ditolak dengan aturan "R33"
      Dan penolakan menyebut "manajer-sertifikasi-01"

    Skenario: Asesor kandidat tidak dapat disebut sebagai pengambil keputusan
      Ketika komite memutuskan "K" untuk "Budi" bersama "Ratna"
      Maka perintah ditolak dengan aturan "R32"
