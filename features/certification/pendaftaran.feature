# language: id
@certification
Fitur: Pendaftaran dan penerimaan permohonan (FR.APL.01)
  Calon asesi mendaftar pada satu skema di satu jadwal uji kompetensi. Admin LSP meminta
  dokumen yang kurang, lalu menerima atau menolak permohonan.

  Latar Belakang:
    Diketahui skema "SKM-MI" dengan unit "MI.1, MI.2, MI.3"
    Dan skema "SKM-PKK" dengan unit "PKK.1, PKK.2"
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan hari ini tanggal 2024-10-21

  Aturan: R1 Pendaftaran menyebut skema yang berlaku dan ditawarkan pada jadwal

    Skenario: Pendaftaran pada skema yang berlaku diterima
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "terdaftar"

    Skenario: Skema yang sudah tidak berlaku ditolak
      Diketahui skema "SKM-MI" sudah tidak berlaku
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R1"

    Skenario: Skema yang tidak ditawarkan pada jadwal ditolak
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-PKK" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R1"
      Dan penolakan menyebut "tidak menawarkan"

    Skenario: Pendaftaran setelah jadwal berakhir ditolak
      Diketahui hari ini tanggal 2024-11-09
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R1"

  Aturan: R2 Identitas kandidat tercatat sebelum pendaftaran

    Skenario: Kandidat yang identitasnya tercatat dapat didaftarkan
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah diterima

    Skenario: Kandidat yang identitasnya belum tercatat ditolak
      Ketika admin LSP mendaftarkan "Siti" yang identitasnya belum tercatat pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R2"

  Aturan: R3 Satu sertifikasi terbuka per orang dan skema, di jadwal mana pun

    Skenario: Kandidat yang sama tidak terdaftar lagi di jadwal lain selama sertifikasinya terbuka
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan jadwal uji "EUK-2024-12" tanggal 2024-12-10 sampai 2024-12-11 untuk skema "SKM-MI"
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-12"
      Maka perintah ditolak dengan aturan "R3"
      Dan penolakan menyebut "SKM-MI"

    Skenario: Kandidat yang sama dapat mendaftar pada jadwal lain setelah mengundurkan diri
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Dan jadwal uji "EUK-2024-12" tanggal 2024-12-10 sampai 2024-12-11 untuk skema "SKM-MI"
      Dan "Budi" mengundurkan diri
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-12"
      Maka perintah diterima
      Dan sertifikasi sebelumnya "Budi" berada pada tahap "mengundurkan diri"

    Skenario: Pendaftaran yang sama dua kali ditolak
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Ketika admin LSP mendaftarkan "Budi" pada skema "SKM-MI" di jadwal "EUK-2024-11"
      Maka perintah ditolak dengan aturan "R3"

  Aturan: R4 Admin LSP menerima atau menolak permohonan, penolakan dengan alasan

    Latar Belakang:
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

    Skenario: Admin LSP menerima permohonan
      Ketika admin LSP menerima permohonan "Budi"
      Maka perintah diterima
      Dan peristiwa terakhir "Budi" adalah "Admitted"

    Skenario: Permohonan tidak diterima dua kali
      Diketahui admin LSP menerima permohonan "Budi"
      Ketika admin LSP menerima permohonan "Budi"
      Maka perintah ditolak dengan aturan "R4"

    Skenario: Hanya admin LSP yang menerima permohonan
      Ketika "Budi" sebagai "candidate" melakukan "admit" pada "Budi"
      Maka perintah ditolak dengan aturan "R4"

    Skenario: Penolakan dengan alasan mengakhiri permohonan
      Ketika admin LSP menolak permohonan "Budi" dengan alasan "bukan pejabat humas"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "ditolak"

    Skenario: Penolakan tanpa alasan ditolak
      Ketika admin LSP menolak permohonan "Budi" dengan alasan " "
      Maka perintah ditolak dengan aturan "R4"

  Aturan: R5 Dokumen yang kurang diminta tanpa menolak permohonan

    Latar Belakang:
      Diketahui kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK-2024-11"

    Skenario: Dokumen diminta dan tahap tetap terdaftar
      Ketika admin LSP meminta dokumen "surat tugas, pas foto" dari "Budi"
      Maka perintah diterima
      Dan sertifikasi "Budi" berada pada tahap "terdaftar"
      Dan peristiwa terakhir "Budi" adalah "DocumentsRequested"

    Skenario: Dokumen tidak lagi diminta setelah permohonan diterima
      Diketahui admin LSP menerima permohonan "Budi"
      Ketika admin LSP meminta dokumen "surat tugas" dari "Budi"
      Maka perintah ditolak dengan aturan "R5"

    Skenario: Permintaan tanpa dokumen ditolak
      Ketika admin LSP meminta dokumen " " dari "Budi"
      Maka perintah ditolak dengan aturan "R5"
