# language: id
@certification
Fitur: Pra-asesmen: tinjauan FR.APL.02, penyesuaian yang wajar FR.AK.07 dan cara asesmen
  Sebelum persetujuan asesmen FR.AK.01, asesor yang ditugaskan meninjau asesmen mandiri
  kandidat (dapat / belum dapat dilanjutkan), mencatat penyesuaian yang wajar tanpa mengubah
  standar, dan cara asesmen dicatat: tatap muka, atau jarak jauh (AJJ) bila skema mengizinkan.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "portfolio_submitted"
    Dan hari ini tanggal 2024-11-04
    Dan manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"

  Aturan: R7 Asesor yang ditugaskan meninjau FR.APL.02 sebelum asesmen dimulai

    Skenario: Tinjauan "dapat dilanjutkan" membuka persetujuan asesmen
      Ketika asesor "Ratna" meninjau APL.02 "Budi": asesmen dapat dilanjutkan
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "portofolio diserahkan"
      Dan peristiwa terakhir "Budi" adalah "SelfAssessmentReviewed"
      Ketika asesor "Ratna" mencatat asesmen tatap muka untuk "Budi"
      Dan "Budi" menandatangani FR.AK.01
      Maka perintah diterima

    Skenario: FR.AK.01 sebelum tinjauan FR.APL.02 ditolak
      Diketahui asesor "Ratna" mencatat asesmen tatap muka untuk "Budi"
      Ketika "Budi" menandatangani FR.AK.01
      Maka perintah ditolak dengan aturan "R7"
      Dan penolakan menyebut "FR.APL.02"

    Skenario: Tinjauan "belum dapat dilanjutkan" menunda asesmen
      Ketika asesor "Ratna" meninjau APL.02 "Budi": asesmen belum dapat dilanjutkan karena "bukti unit MI.2 belum ada"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "asesmen ditunda"

    Skenario: Tinjauan "belum dapat dilanjutkan" tanpa alasan ditolak
      Ketika asesor "Ratna" meninjau APL.02 "Budi": asesmen belum dapat dilanjutkan tanpa alasan
      Maka perintah ditolak dengan aturan "R7"
      Dan sertifikasi "Budi" berada pada tahap "portofolio diserahkan"

    Skenario: Tinjauan ulang "dapat dilanjutkan" mengakhiri penundaan
      Diketahui asesor "Ratna" meninjau APL.02 "Budi": asesmen belum dapat dilanjutkan karena "bukti unit MI.2 belum ada"
      Ketika asesor "Ratna" meninjau APL.02 "Budi": asesmen dapat dilanjutkan
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "portofolio diserahkan"

    Skenario: Tinjauan asesor yang diganti tidak berlaku bagi asesor pengganti
      Diketahui asesor "Ratna" meninjau APL.02 "Budi": asesmen dapat dilanjutkan
      Dan asesor "Ratna" mencatat asesmen tatap muka untuk "Budi"
      Dan manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Ketika asesor "Hendra" menandatangani FR.AK.01 untuk "Budi"
      Maka perintah ditolak dengan aturan "R7"

    Skenario: Hanya asesor yang ditugaskan meninjau FR.APL.02
      Ketika asesor "Hendra" meninjau APL.02 "Budi": asesmen dapat dilanjutkan
      Maka perintah ditolak dengan aturan "R15"

    Skenario: Tinjauan setelah FR.AK.01 ditandatangani ditolak
      Diketahui asesor "Ratna" menyiapkan asesmen "Budi"
      Dan "Budi" menandatangani FR.AK.01
      Ketika asesor "Ratna" meninjau APL.02 "Budi": asesmen belum dapat dilanjutkan karena "terlambat"
      Maka perintah ditolak dengan aturan "R7"

  Aturan: R8 Penyesuaian yang wajar dicatat sebelum FR.AK.01 dan tidak mengubah standar

    Skenario: Waktu tambahan untuk satu unit dicatat
      Ketika asesor "Ratna" mencatat penyesuaian "extra_time" untuk unit "MI.1" milik "Budi": "30 menit tambahan untuk wawancara"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "AdjustmentRecorded"

    Skenario: Metode lain dari skema sendiri dicatat
      Ketika asesor "Ratna" mencatat penyesuaian metode "interview" untuk "Budi": "pertanyaan lisan, bukan tertulis"
      Maka perintah diterima

    Skenario: Penyesuaian untuk unit di luar asesmen ditolak
      Ketika asesor "Ratna" mencatat penyesuaian "format" untuk unit "MI.9" milik "Budi": "cetak besar"
      Maka perintah ditolak dengan aturan "R8"
      Dan penolakan menyebut "MI.9"

    Skenario: Metode di luar skema mengubah standar dan ditolak
      Ketika asesor "Ratna" mencatat penyesuaian metode "observation" untuk "Budi": "observasi sebagai ganti wawancara"
      Maka perintah ditolak dengan aturan "R8"
      Dan penolakan menyebut "observation"

    Skenario: Penyesuaian setelah FR.AK.01 ditandatangani ditolak
      Diketahui asesor "Ratna" menyiapkan asesmen "Budi"
      Dan "Budi" menandatangani FR.AK.01
      Ketika asesor "Ratna" mencatat penyesuaian "extra_time" untuk "Budi": "30 menit tambahan"
      Maka perintah ditolak dengan aturan "R8"
      Dan penolakan menyebut "FR.AK.01"

  Aturan: R23 Cara asesmen dicatat; AJJ hanya bila skema mengizinkan

    Skenario: Asesmen tatap muka dicatat
      Ketika asesor "Ratna" mencatat asesmen tatap muka untuk "Budi"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "AssessmentModeRecorded"

    Skenario: Asesmen jarak jauh pada skema yang tidak mengizinkannya ditolak
      Ketika asesor "Ratna" mencatat asesmen jarak jauh (AJJ) untuk "Budi"
      Maka perintah ditolak dengan aturan "R23"
      Dan penolakan menyebut "AJJ"

    Skenario: FR.AK.01 tanpa cara asesmen ditolak
      Diketahui asesor "Ratna" meninjau APL.02 "Budi": asesmen dapat dilanjutkan
      Ketika "Budi" menandatangani FR.AK.01
      Maka perintah ditolak dengan aturan "R23"

    Skenario: Asesmen jarak jauh pada skema yang mengizinkannya dicatat
      Diketahui skema "SKM-AJJ" dengan unit "AJ.1, AJ.2" dan kebijakan:
        | remote_assessment_allowed | 1 |
      Dan jadwal uji "EUK-AJJ" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-AJJ"
      Dan asesor "Sari" terdaftar untuk skema "SKM-AJJ" dengan lisensi sampai 2026-12-31
      Dan kandidat "Dewi" terdaftar pada skema "SKM-AJJ" di jadwal "EUK-AJJ"
      Dan admin LSP menerima permohonan "Dewi"
      Dan "Dewi" menyerahkan portofolio
      Dan manajer sertifikasi menugaskan asesor "Sari" kepada "Dewi"
      Ketika asesor "Sari" mencatat asesmen jarak jauh (AJJ) untuk "Dewi"
      Maka perintah diterima
