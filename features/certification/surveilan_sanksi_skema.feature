# language: id
@certification
Fitur: Sanksi surveilan menurut kebijakan skema
  Skema dapat menetapkan bahwa peringatan surveilan yang tidak ditanggapi langsung mencabut
  sertifikat (seperti LSP TIFA), bukan membekukannya; tenggatnya juga mengikuti skema.

  Latar Belakang:
    Diketahui skema "SKM-TIK" dengan unit "TIK.1" dan kebijakan:
      | kunci                             | nilai                |
      | surveillance_sanction             | revoke               |
      | surveillance_reminder_days        | 7                    |
      | surveillance_warning_working_days | 5                    |
      | revocation_grounds                | surveillance_not_met |
    Dan jadwal uji "EUK-2024-11" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-TIK"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-TIK" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-TIK" di jadwal "EUK-2024-11"
    Dan sertifikasi "Budi" telah sampai "distributed"

  Aturan: R43 Sanksi surveilan yang terlambat adalah yang ditetapkan skema

    Skenario: Tenggat pengingat dan peringatan mengikuti skema
      Diketahui hari ini tanggal 2025-11-14
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-22
      Ketika penyapuan tenggat dijalankan
      Maka surveilan "Budi" yang terlambat tercatat sebagai "warning" dengan tenggat 2025-11-28

    Skenario: Skema yang mencabut langsung mencabut sertifikat
      Diketahui hari ini tanggal 2025-11-14
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-22
      Dan penyapuan tenggat dijalankan
      Dan hari ini tanggal 2025-11-29
      Ketika penyapuan tenggat dijalankan
      Maka sertifikasi "Budi" berada pada tahap "dicabut"
      Dan sertifikat "Budi" dikenai sanksi "surveillance_not_met"
