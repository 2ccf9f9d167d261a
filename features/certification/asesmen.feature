# language: id
@certification
Fitur: Asesmen: persetujuan FR.AK.01, verifikasi portofolio FR.IA.08 dan wawancara FR.IA.09
  Untuk skema Humas, bukti dikumpulkan dengan verifikasi portofolio dan wawancara mendalam,
  setelah kandidat dan asesor menandatangani persetujuan asesmen.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3" dan kebijakan:
      | max_candidates_per_assessor_day | 1 |
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: R18 Tidak ada bukti sebelum FR.AK.01 ditandatangani kandidat dan asesor

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan hari ini tanggal 2024-11-06

    Skenario: Verifikasi setelah kedua pihak menandatangani diterima
      Diketahui "Budi" menandatangani FR.AK.01
      Dan asesor "Ratna" menandatangani FR.AK.01 untuk "Budi"
      Ketika asesor "Ratna" memverifikasi portofolio "Budi"
      Maka perintah diterima

    Skenario: Verifikasi sebelum kandidat menandatangani ditolak
      Diketahui asesor "Ratna" menandatangani FR.AK.01 untuk "Budi"
      Ketika asesor "Ratna" memverifikasi portofolio "Budi"
      Maka perintah ditolak dengan aturan "R18"

    Skenario: Kandidat tidak menandatangani dua kali
      Diketahui "Budi" menandatangani FR.AK.01
      Ketika "Budi" menandatangani FR.AK.01
      Maka perintah ditolak dengan aturan "R18"

  Aturan: R19 Metode yang dicatat tercantum dalam FR.AK.01

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan "Budi" menandatangani FR.AK.01

    Skenario: Asesor menandatangani metode yang sama dengan kandidat
      Ketika asesor "Ratna" menandatangani FR.AK.01 untuk "Budi"
      Maka perintah diterima

    Skenario: Asesor menandatangani metode yang berbeda dari kandidat ditolak
      Ketika asesor "Ratna" menandatangani FR.AK.01 untuk "Budi" dengan metode "portfolio"
      Maka perintah ditolak dengan aturan "R19"

    Skenario: Metode di luar skema ditolak
      Ketika asesor "Ratna" menandatangani FR.AK.01 untuk "Budi" dengan metode "observation"
      Maka perintah ditolak dengan aturan "R19"

  Aturan: R20 Kandidat diberi penjelasan tentang proses banding

    Skenario: Tanda tangan kandidat setelah penjelasan banding diterima
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Ketika "Budi" menandatangani FR.AK.01
      Maka perintah diterima

    Skenario: Tanda tangan kandidat tanpa penjelasan banding ditolak
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Ketika "Budi" menandatangani FR.AK.01 tanpa penjelasan proses banding
      Maka perintah ditolak dengan aturan "R20"

  Aturan: R21 Portofolio diverifikasi sebelum wawancara

    Skenario: Wawancara sebelum verifikasi ditolak
      Diketahui sertifikasi "Budi" telah sampai "agreed"
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R21"

    Skenario: Wawancara setelah verifikasi diterima
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "diwawancarai"

  Aturan: R22 Setiap bukti diperiksa VATM; unit dengan bukti lemah tidak dapat K

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "agreed"

    Skenario: Verifikasi tanpa satu unit ditolak
      Ketika asesor "Ratna" memverifikasi portofolio "Budi" tanpa unit "MI.3"
      Maka perintah ditolak dengan aturan "R22"

    Skenario: Verifikasi VATM untuk semua unit diterima
      Ketika asesor "Ratna" memverifikasi portofolio "Budi"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "PortfolioVerified"

    Skenario: Unit dengan bukti tidak memadai tidak dapat direkomendasikan K
      Diketahui asesor "Ratna" memverifikasi portofolio "Budi" dengan bukti unit "MI.2" tidak memadai
      Dan asesor "Ratna" mewawancarai "Budi"
      Ketika asesor "Ratna" merekomendasikan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R22"

  Aturan: R15 Hanya asesor yang ditugaskan yang mencatat asesmen

    Skenario: Asesor yang ditugaskan mewawancarai
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah diterima

    Skenario: Asesor lain tidak dapat mewawancarai
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Hendra" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R15"

  Aturan: R24 Wawancara berlangsung dalam jadwal uji kompetensi

    Skenario: Wawancara pada hari terakhir jadwal diterima
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Dan hari ini tanggal 2024-11-08
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah diterima

    Skenario: Wawancara di luar jadwal ditolak
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Dan hari ini tanggal 2024-11-12
      Ketika asesor "Ratna" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R24"

  Aturan: R25 Bukti instrumen tidak diubah; koreksi dicatat sebagai peristiwa baru yang merujuk aslinya

    Skenario: Koreksi verifikasi portofolio dicatat dan aslinya tetap dalam riwayat
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Ratna" mengoreksi verifikasi portofolio "Budi" dengan bukti unit "MI.2" tidak memadai karena "sertifikat pelatihan MI.2 sudah kedaluwarsa"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "EvidenceCorrected"
      Dan koreksi terakhir "Budi" merujuk peristiwa "PortfolioVerified"
      Dan riwayat "Budi" memuat 1 peristiwa "PortfolioVerified"
      Dan bukti unit "MI.2" pada "Budi" tidak memenuhi VATM
      Dan bukti unit "MI.1" pada "Budi" memenuhi VATM

    Skenario: Koreksi atas koreksi sebelumnya setelah wawancara diterima
      Diketahui sertifikasi "Budi" telah sampai "interviewed"
      Dan asesor "Ratna" mengoreksi verifikasi portofolio "Budi" dengan bukti unit "MI.2" tidak memadai karena "tanggal sertifikat terbaca kedaluwarsa"
      Ketika asesor "Ratna" mengoreksi verifikasi portofolio "Budi" karena "sertifikat MI.2 ternyata masih berlaku"
      Maka perintah diterima
      Dan koreksi terakhir "Budi" merujuk peristiwa "EvidenceCorrected"
      Dan riwayat "Budi" memuat 2 peristiwa "EvidenceCorrected"
      Dan riwayat "Budi" memuat 1 peristiwa "PortfolioVerified"
      Dan bukti unit "MI.2" pada "Budi" memenuhi VATM

    Skenario: Koreksi yang merujuk peristiwa selain bukti instrumen ditolak
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Ratna" mengoreksi peristiwa versi 1 "Budi" karena "salah ketik"
      Maka perintah ditolak dengan aturan "R25"
      Dan penolakan menyebut "bukan verifikasi portofolio"

    Skenario: Koreksi tanpa alasan ditolak
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Ratna" mengoreksi verifikasi portofolio "Budi" tanpa alasan
      Maka perintah ditolak dengan aturan "R25"

    Skenario: Koreksi oleh asesor lain ditolak
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Ketika asesor "Hendra" mengoreksi verifikasi portofolio "Budi" karena "salah baca"
      Maka perintah ditolak dengan aturan "R15"

    Skenario: Koreksi setelah rekomendasi ditolak
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Ketika asesor "Ratna" mengoreksi verifikasi portofolio "Budi" karena "salah baca"
      Maka perintah ditolak dengan aturan "R25"
      Dan penolakan menyebut "merujuk kembali"

    Skenario: Koreksi setelah keputusan ditolak
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika asesor "Ratna" mengoreksi verifikasi portofolio "Budi" karena "salah baca"
      Maka perintah ditolak dengan aturan "R25"

  Aturan: R14 Asesor menguji paling banyak sejumlah kandidat per hari menurut kebijakan skema

    Skenario: Kandidat kedua pada hari yang sama melampaui batas
      Diketahui kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan sertifikasi "Budi" telah sampai "interviewed"
      Dan sertifikasi "Sari" telah sampai "verified"
      Ketika asesor "Ratna" mewawancarai "Sari"
      Maka perintah ditolak dengan aturan "R14"

    Skenario: Pada hari berikutnya wawancara diterima
      Diketahui kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan sertifikasi "Budi" telah sampai "interviewed"
      Dan sertifikasi "Sari" telah sampai "verified"
      Dan hari ini tanggal 2024-11-07
      Ketika asesor "Ratna" mewawancarai "Sari"
      Maka perintah diterima
