# language: id
@certification
Fitur: Siapa yang boleh bertindak, dibuktikan dari catatan (ISO/IEC 17024 §5.2, §6, §9.4)
  Setiap perintah diperiksa terhadap daftar personel pada tanggal bisnisnya: orangnya tercatat
  dengan id kanoniknya, memegang penetapan untuk peran, skema dan tanggal itu, dan tidak terlibat
  dalam perkara. Kandidat hanya bertindak atas perkaranya sendiri; peran sistem hanya dipakai
  sapuan waktu certflow. Setiap percobaan di bawah ini ditolak dengan id aturannya dan tidak
  mencatat apa pun.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan asesor "Hendra" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
    Dan kandidat "Sari" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

  Aturan: P1 Yang bertindak tercatat dalam daftar personel dengan id kanoniknya

    Skenario: Asesor yang memutuskan dengan id berhuruf besar ditolak
      Diketahui ketua LSP menetapkan "Ratna" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Ratna (huruf besar)" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P1"
      Dan penolakan menyebut "kanonik"

    Skenario: Asesor yang memutuskan dengan id berakhiran spasi lebar nol ditolak
      Diketahui ketua LSP menetapkan "Ratna" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Ratna (spasi lebar nol)" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P1"

    Skenario: Orang yang tidak tercatat dalam daftar personel tidak memutuskan
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "komite-bayangan" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P1"

    Skenario: Kandidat sebagai manajer sertifikasi tidak mencetak sertifikatnya sendiri
      Diketahui sertifikasi "Budi" telah sampai "competent"
      Ketika "Budi" sebagai manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah ditolak dengan aturan "P1"
      Dan sertifikasi "Budi" berada pada tahap "kompeten"

    Skenario: Kandidat sebagai admin LSP tidak menyerahkan sertifikatnya sendiri
      Diketahui sertifikasi "Budi" telah sampai "certificate_printed"
      Ketika "Budi" sebagai admin LSP menyerahkan sertifikat kepada "Budi"
      Maka perintah ditolak dengan aturan "P1"
      Dan sertifikasi "Budi" berada pada tahap "sertifikat dicetak"

    Skenario: Kandidat sebagai komite sertifikasi tidak memutuskan perkaranya sendiri
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Budi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P1"
      Dan sertifikasi "Budi" berada pada tahap "diwawancarai"

    Skenario: Kandidat bukan anggota tunggal panel banding perkaranya sendiri
      Diketahui sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2024-11-20
      Dan "Budi" mengajukan banding dengan alasan "wawancara terlalu singkat"
      Ketika manajer sertifikasi membentuk panel banding "Budi" untuk "Budi"
      Maka perintah ditolak dengan aturan "P1"
      Dan sertifikasi "Budi" berada pada tahap "dalam banding"

  Aturan: P2 Yang bertindak memegang penetapan untuk peran itu, untuk skema itu, pada tanggal itu

    Skenario: Kandidat yang juga staf tidak memutuskan perkaranya sendiri sebagai komite
      Diketahui ketua LSP menetapkan "Budi" sebagai admin LSP
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Budi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P2"
      Dan sertifikasi "Budi" berada pada tahap "diwawancarai"

    Skenario: Anggota komite yang ditetapkan memutuskan dan tercatat dengan id kanoniknya
      Diketahui ketua LSP menetapkan "Dewi Lestari" sebagai komite sertifikasi untuk skema "SKM-MI"
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Dewi Lestari" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah diterima
      Dan peristiwa "Decided" pada "Budi" dicatat oleh "dewi-lestari" sebagai komite sertifikasi

    Skenario: Penetapan yang sudah berakhir tidak berlaku lagi
      Diketahui ketua LSP menetapkan "Dewi" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-12
      Dan ketua LSP mengakhiri penetapan "Dewi" sebagai komite sertifikasi
      Ketika hari ini tanggal 2024-11-14
      Dan "Dewi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P2"
      Dan penolakan menyebut "certification_committee"
      Dan "Dewi" tidak memegang penetapan sebagai komite sertifikasi pada 2024-11-14
      Dan "Dewi" memegang penetapan sebagai komite sertifikasi pada 2024-11-11

    Skenario: Penetapan untuk skema lain tidak berlaku
      Diketahui ketua LSP menetapkan "Dewi" sebagai komite sertifikasi untuk skema "SKM-LAIN"
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Dewi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P2"

    Skenario: Penetapan yang belum mulai berlaku tidak berlaku
      Diketahui ketua LSP menetapkan "Dewi" sebagai komite sertifikasi dari 2025-01-01 sampai 2025-12-31
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Dewi" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P2"

    Skenario: Hanya ketua LSP yang menetapkan personel
      Ketika "manajer-sertifikasi-01" sebagai manajer sertifikasi menetapkan "Dewi" sebagai komite sertifikasi
      Maka perintah ditolak
      Dan penolakan menyebut "head_of_lsp"

    Skenario: Manajer sertifikasi tanpa penetapan untuk skema tidak menugaskan asesor
      Diketahui ketua LSP menetapkan "Joko" sebagai manajer sertifikasi untuk skema "SKM-LAIN"
      Dan sertifikasi "Budi" telah sampai "portfolio_submitted"
      Ketika "Joko" sebagai manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah ditolak dengan aturan "P2"

  Aturan: P3 Kandidat hanya bertindak atas perkaranya sendiri

    Skenario: Kandidat tidak mendaftarkan orang lain
      Ketika "Sari" sebagai kandidat mendaftarkan "Andi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "P3"

    Skenario: Kandidat tidak menyerahkan portofolio kandidat lain
      Diketahui sertifikasi "Budi" telah sampai "admitted"
      Ketika "Sari" sebagai asesi menyerahkan portofolio "Budi"
      Maka perintah ditolak dengan aturan "P3"
      Dan sertifikasi "Budi" berada pada tahap "terdaftar"

    Skenario: Kandidat tidak menarik permohonan kandidat lain
      Ketika "Sari" sebagai kandidat menarik permohonan "Budi"
      Maka perintah ditolak dengan aturan "P3"
      Dan sertifikasi "Budi" berada pada tahap "terdaftar"

    Skenario: Kandidat tidak meminta asesmen ulang atas perkara orang lain
      Diketahui sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2025-01-10
      Ketika "Sari" sebagai kandidat meminta asesmen ulang "Budi" untuk unit "MI.1"
      Maka perintah ditolak dengan aturan "P3"

    Skenario: Kandidat bertindak atas perkaranya sendiri dan tercatat sebagai kandidat
      Diketahui sertifikasi "Budi" telah sampai "admitted"
      Ketika "Budi" sebagai kandidat menyerahkan portofolio "Budi"
      Maka perintah diterima
      Dan peristiwa "PortfolioSubmitted" pada "Budi" dicatat oleh "Budi" sebagai asesi

  Aturan: P4 Peran system hanya dipakai sapuan waktu certflow sendiri

    Skenario: Aktor karangan berperan system tidak mencabut sertifikat
      Diketahui sertifikasi "Budi" telah sampai "distributed"
      Ketika "system" sebagai sistem mencabut sertifikat "Budi" karena "ethics_breach"
      Maka perintah ditolak dengan aturan "P4"
      Dan sertifikasi "Budi" berada pada tahap "sertifikat diserahkan"

    Skenario: Identitas sapuan pun tidak bertindak di luar sapuan
      Diketahui sertifikasi "Budi" telah sampai "distributed"
      Ketika "certflow-sweep" sebagai system mencabut sertifikat "Budi" karena "ethics_breach"
      Maka perintah ditolak dengan aturan "P4"

  Aturan: P5 Siapa pun yang terlibat dalam perkara tidak menangani perkara itu

    Skenario: Anggota komite yang adalah kandidat itu sendiri tidak memutuskan
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan manajer sertifikasi mencatat bahwa "komite-teknis-01" adalah kandidat "Budi"
      Dan hari ini tanggal 2024-11-14
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "P5"

    Skenario: Asesor kandidat sebagai manajer sertifikasi tidak mencetak sertifikatnya
      Diketahui ketua LSP menetapkan "Ratna" sebagai manajer sertifikasi
      Dan sertifikasi "Budi" telah sampai "competent"
      Ketika "Ratna" sebagai manajer sertifikasi mencetak sertifikat "Budi"
      Maka perintah ditolak dengan aturan "P5"

  Aturan: R32 Asesor kandidat tidak ikut memutuskan, dengan ejaan id apa pun

    Skenario: Asesor yang memutuskan dengan nomor MET-nya tetap dikenali sebagai asesor
      Diketahui ketua LSP menetapkan "Ratna" sebagai komite sertifikasi
      Dan sertifikasi "Budi" telah sampai "recommended"
      Dan hari ini tanggal 2024-11-14
      Ketika "Ratna (nomor MET)" sebagai komite sertifikasi memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R32"
      Dan sertifikasi "Budi" berada pada tahap "diwawancarai"

  Aturan: R13 Asesor atau anggota komite yang melatih kandidat tidak mengases atau memutuskan

    Skenario: Pelatih yang dinyatakan tidak memutuskan
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan manajer sertifikasi mencatat bahwa "komite-teknis-01" melatih kandidat "Budi"
      Dan hari ini tanggal 2024-11-14
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R13"

    Skenario: Asesor yang menyatakan melatih kandidat tidak ditugaskan
      Diketahui sertifikasi "Budi" telah sampai "portfolio_submitted"
      Dan "Ratna" sebagai asesor menyatakan melatih kandidat "Budi"
      Ketika manajer sertifikasi menugaskan asesor "Ratna" kepada "Budi"
      Maka perintah ditolak dengan aturan "R13"

    Skenario: Pernyataan yang berlaku sejak kemudian hari tidak menghalangi hari ini
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan manajer sertifikasi mencatat bahwa "komite-teknis-01" melatih kandidat "Budi" sejak 2025-01-01
      Dan hari ini tanggal 2024-11-14
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah diterima

  Aturan: R12 Hubungan yang dinyatakan dengan kandidat atau organisasinya mencegah keterlibatan

    Skenario: Atasan kandidat tidak memutuskan
      Diketahui sertifikasi "Budi" telah sampai "recommended"
      Dan manajer sertifikasi mencatat bahwa "komite-teknis-01" menyupervisi kandidat "Budi"
      Dan hari ini tanggal 2024-11-14
      Ketika komite memutuskan "K" untuk "Budi"
      Maka perintah ditolak dengan aturan "R12"

    Skenario: Kerabat kandidat tidak mengases
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan manajer sertifikasi mencatat bahwa "Ratna" berhubungan keluarga dengan kandidat "Budi"
      Ketika asesor "Ratna" menandatangani FR.AK.01 untuk "Budi"
      Maka perintah ditolak dengan aturan "R12"

  Aturan: R15 Hanya asesor yang ditugaskan yang mencatat asesmen, termasuk ketidakhadiran

    Skenario: Asesor yang tidak ditugaskan tidak mencatat ketidakhadiran
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan hari ini tanggal 2024-11-06
      Ketika "Hendra" sebagai asesor mencatat "Budi" tidak hadir
      Maka perintah ditolak dengan aturan "R15"
      Dan sertifikasi "Budi" berada pada tahap "portofolio diserahkan"

    Skenario: Asesor yang ditugaskan mencatat ketidakhadiran
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan hari ini tanggal 2024-11-06
      Ketika "Ratna" sebagai asesor mencatat "Budi" tidak hadir
      Maka perintah diterima
      Dan peristiwa "AssessmentMissed" pada "Budi" dicatat oleh "Ratna" sebagai asesor

  Aturan: R56 Ketidakhadiran hanya pada atau setelah hari pertama jadwal

    Skenario: Ketidakhadiran dua minggu sebelum jadwal dimulai ditolak
      Diketahui sertifikasi "Budi" telah sampai "assigned"
      Dan hari ini tanggal 2024-10-23
      Ketika admin LSP mencatat "Budi" tidak hadir
      Maka perintah ditolak dengan aturan "R56"

  Aturan: R51 Panel banding dibentuk manajer sertifikasi; hanya anggotanya yang memutus

    Latar Belakang:
      Diketahui sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2024-11-20
      Dan "Budi" mengajukan banding dengan alasan "wawancara terlalu singkat"

    Skenario: Anggota panel tidak membentuk panelnya sendiri
      Ketika "panel-banding-01" sebagai panel banding membentuk panel banding "panel-banding-01" untuk "Budi"
      Maka perintah ditolak dengan aturan "R51"
      Dan penolakan menyebut "certification_manager"

    Skenario: Anggota panel tidak memutus banding tanpa panel yang dibentuk manajer
      Ketika "panel-banding-01" sebagai panel banding mengabulkan banding "Budi" dengan "keputusan direvisi"
      Maka perintah ditolak dengan aturan "R51"
      Dan sertifikasi "Budi" berada pada tahap "dalam banding"

    Skenario: Panel yang dibentuk manajer memutus dan riwayatnya berurutan
      Diketahui manajer sertifikasi membentuk panel banding "panel-banding-01, panel-banding-02" untuk "Budi"
      Ketika "panel-banding-02" sebagai anggota panel banding menolak banding "Budi"
      Maka perintah diterima
      Dan riwayat "Budi" berurutan:
        | peristiwa          | oleh                   | sebagai             |
        | Registered         | lsp-admin-01           | admin LSP           |
        | Admitted           | lsp-admin-01           | admin LSP           |
        | PortfolioSubmitted | Budi                   | kandidat            |
        | AssessorAssigned   | manajer-sertifikasi-01 | manajer sertifikasi |
        | SelfAssessmentReviewed | Ratna              | asesor              |
        | AssessmentModeRecorded | Ratna              | asesor              |
        | AgreementSigned    |                        |                     |
        | AgreementSigned    |                        |                     |
        | PortfolioVerified  | Ratna                  | asesor              |
        | InterviewRecorded  | Ratna                  | asesor              |
        | RecommendationRecorded | Ratna              | asesor              |
        | ResultAcknowledged | Budi                   | kandidat            |
        | Decided            | komite-teknis-01       | komite sertifikasi  |
        | AppealLodged       | Budi                   | kandidat            |
        | AppealPanelFormed  | manajer-sertifikasi-01 | manajer sertifikasi |
        | AppealRejected     | panel-banding-02       | panel banding       |

  Aturan: R9 Lisensi asesor berlaku pada setiap tindakan asesmen

    Skenario: Wawancara asesmen ulang setelah lisensi asesor berakhir ditolak
      Diketahui asesor "Agus" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2025-01-15
      Dan sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2025-01-10
      Dan "Budi" meminta asesmen ulang untuk unit "MI.1"
      Dan manajer sertifikasi menugaskan asesor "Agus" kepada "Budi"
      Dan asesor "Agus" menyiapkan asesmen "Budi"
      Dan "Budi" menandatangani FR.AK.01
      Dan asesor "Agus" menandatangani FR.AK.01 untuk "Budi"
      Dan asesor "Agus" memverifikasi portofolio "Budi"
      Ketika hari ini tanggal 2025-01-20
      Dan asesor "Agus" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R9"
      Dan penolakan menyebut "2025-01-15"

  Aturan: R18 Asesor pengganti memverifikasi sendiri; verifikasi asesor yang diganti gugur

    Skenario: Asesor pengganti tidak mewawancarai dengan verifikasi asesor sebelumnya
      Diketahui sertifikasi "Budi" telah sampai "verified"
      Dan hari ini tanggal 2024-11-06
      Dan manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Ketika asesor "Hendra" mewawancarai "Budi"
      Maka perintah ditolak dengan aturan "R18"

  Aturan: R41 Tenggat distribusi dihitung ulang dari asesmen ulang

    Skenario: Tenggat distribusi dihitung dari wawancara asesmen ulang
      Diketahui sertifikasi "Budi" telah sampai "not_yet_competent"
      Dan hari ini tanggal 2025-01-10
      Dan "Budi" meminta asesmen ulang untuk unit "MI.1"
      Dan manajer sertifikasi menugaskan asesor "Hendra" kepada "Budi"
      Dan asesor "Hendra" menyiapkan asesmen "Budi"
      Dan "Budi" menandatangani FR.AK.01
      Dan asesor "Hendra" menandatangani FR.AK.01 untuk "Budi"
      Dan asesor "Hendra" memverifikasi portofolio "Budi"
      Ketika hari ini tanggal 2025-01-20
      Dan asesor "Hendra" mewawancarai "Budi"
      Maka perintah diterima
      Dan tenggat "distribution" untuk "Budi" jatuh pada 2025-02-19

  Aturan: R3 Satu sertifikasi terbuka per orang dan skema, di jadwal mana pun

    Skenario: Sertifikasi kedua untuk skema yang sama di jadwal lain ditolak
      Diketahui jadwal uji "EUK-2025-03" tanggal 2025-03-03 sampai 2025-03-04 untuk skema "SKM-MI"
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2025-03"
      Maka perintah ditolak dengan aturan "R3"
