"""Hostile intake files: each refused whole, with where, in flat memory; or read row by row right.

The readers (certflow.adapters.spreadsheets) stream CSV, XLSX, JSON and JSON Lines and check the
limits while they read. Memory is measured with tracemalloc (Python's allocations) around the
read; no assertion is about time.
"""

from __future__ import annotations

import json
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from certflow.adapters.spreadsheets import read_rows
from certflow.application.intake import CandidateRow, IntakeFileError, IntakeLimits
from certflow.application.intake.rows import parse_row
from certflow.engine import InvalidInputError

MB = 1024 * 1024
FLAT = 50 * MB
"""Peak Python memory allowed while a hostile file is read and refused."""
NIK = "3201010101010001"


def _rows(path: Path, limits: IntakeLimits | None = None) -> list[tuple[int, dict[str, Any]]]:
    return list(read_rows(path, limits) if limits else read_rows(path))


def _refused(path: Path, limits: IntakeLimits | None = None) -> IntakeFileError:
    with pytest.raises(IntakeFileError) as caught:
        _rows(path, limits)
    assert isinstance(caught.value, InvalidInputError)  # the CLI's exit 3, never a traceback
    return caught.value


def _peak(read: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        read()
    except IntakeFileError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


# CSV ---------------------------------------------------------------------------------------


def test_csv_rows_are_numbered_by_the_line_where_they_start(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text(f"name,nik\r\n\r\nBudi,{NIK}\r\n  \r\nAni,3201010101010002\r\n")
    assert [number for number, _ in _rows(path)] == [3, 5]


def test_a_cell_over_several_lines_is_refused_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(f'name,nik\nAni,{NIK}\n"Budi\nSantoso",3201010101010002\nCici,1\n')
    error = _refused(path)
    assert error.row == 3
    assert "from line 3 to 4" in str(error)


def test_an_unclosed_quote_is_a_file_error_at_the_line_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.csv"
    path.write_text(f'name,nik\nAni,{NIK}\n"Budi,3201010101010002\nCici,3201010101010003\n')
    error = _refused(path)
    assert (error.file, error.row) == ("unclosed.csv", 3)
    assert "never closed" in str(error)
    path.write_text(f'name,nik\n"Budi"x,{NIK}\n')
    assert "bad quoting" in str(_refused(path))


def test_ragged_rows_are_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(f"name,nik,unit\nBudi,{NIK}\nAni,{NIK},Polda,Aceh\nCici,{NIK},Polda,,\n")
    rows = _rows(path)
    reasons = [parse_row(CandidateRow, raw)[1] for _, raw in rows]
    assert [number for number, _ in rows] == [2, 3, 4]
    assert reasons == [
        ("2 values for 3 columns (a value or a separator is missing)",),
        ("more values than columns",),
        (),  # empty trailing values, as spreadsheets write them, are no values
    ]


@pytest.mark.parametrize(
    "content", ["", "\ufeff", "name,nik\n", "name,nik\n\n,\n  \n", "name;nik\r\n;\r\n"]
)
def test_a_file_without_rows_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(content)
    assert "the file has no rows" in str(_refused(path))


def test_a_field_over_128_kib_is_refused_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f'name,nik\n"{"x" * 200_000}",{NIK}\n')
    assert _refused(path).row == 2
    # over lines, as the csv module's own field limit (128 KiB) sees it
    path.write_text('name,nik\n"' + "x\n" * 70_000 + f'",{NIK}\n')
    assert _refused(path).row == 2


def test_a_cell_over_the_limit_names_its_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_text(f"name,nik,unit\nBudi,{NIK},{'x' * 1001}\n")
    error = _refused(path)
    assert (error.row, error.column) == (2, "unit")
    assert "longer than 1000 characters" in str(error)
    assert _rows(path, IntakeLimits(max_cell_chars=2000))[0][1]["unit"] == "x" * 1001


def test_rows_columns_and_bytes_are_limited(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("name,nik\n" + "".join(f"P{i},{NIK}\n" for i in range(5)))
    error = _refused(path, IntakeLimits(max_rows=3))
    assert (error.row, "more than 3 rows" in str(error)) == (5, True)
    assert "bytes" in str(_refused(path, IntakeLimits(max_bytes=20)))
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(70)) + "\n" + ",".join("v" * 70) + "\n")
    assert _refused(wide).row == 1
    wide.write_text("name,nik\n" + "v," * 70 + "v\n")
    assert _refused(wide).row == 2


def test_a_hostile_csv_is_refused_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "hostile.csv"
    with path.open("w") as out:  # one 30 MB line: no newline, no quote
        out.write("name,nik\n")
        for _ in range(30):
            out.write("x" * MB)
    assert _peak(lambda: _rows(path)) < FLAT
    assert _refused(path).row == 2


# JSON and JSON Lines -------------------------------------------------------------------------


def test_json_nested_20000_deep_is_refused_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 20_000 + "]" * 20_000)  # 40 KB
    assert _peak(lambda: _rows(path)) < FLAT
    _refused(path)
    quoted = tmp_path / "deep-quoted.json"  # quotes all along: only the depth stops it
    quoted.write_text('[{"name": "A", "x": ' + '["a",' * 20_000 + '"a"' + "]" * 20_000 + "}]")
    assert _peak(lambda: _rows(quoted)) < FLAT
    error = _refused(quoted)
    assert (error.row, "nested more than 2 deep" in str(error)) == (1, True)


def test_json_rows_are_numbered_from_one_and_keep_lists(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(json.dumps([{"name": "[[[{{{", "codes": ["A", "B"]}, {"nik": NIK}]))
    assert _rows(path) == [(1, {"name": "[[[{{{", "codes": ["A", "B"]}), (2, {"nik": NIK})]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[]", "the file has no rows"),
        ('[{"a": 1}, 2]', "row 2: not a JSON object"),
        ('[{"a": 1}, [1]]', "row 2: not a JSON object"),
        ('[{"a": "' + "x" * 10_000 + '"}]', "a value longer than 1000"),
        ('[{"a": ' + "1" * 10_000 + "}]", "a value longer than 1000"),
        ('[{"a": "' + "x" * 1_500 + '"}]', "row 1 column a: a cell longer than 1000"),
        ("[" + ",".join(f'{{"c{i}": 1}}' for i in range(3)) + "]", None),
        ("[{" + ",".join(f'"c{i}": 1' for i in range(70)) + "}]", "row 1: values in more than"),
        ('[{"a": 1}', "not a JSON array of objects"),
    ],
)
def test_json_files_refused_whole(tmp_path: Path, content: str, said: str | None) -> None:
    path = tmp_path / "rows.json"
    path.write_text(content)
    if said is None:
        assert len(_rows(path)) == 3
    else:
        assert said in str(_refused(path))


def test_json_lines_nested_deep_are_refused_without_recursion(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(f'{{"nik": "{NIK}"}}\n' + '{"a": ' + "[" * 20_000 + "]" * 20_000 + "}\n")
    assert _peak(lambda: _rows(path)) < FLAT
    error = _refused(path)  # never a RecursionError
    assert (error.row, "nested more than 2 deep" in str(error)) == (2, True)


def test_json_lines_are_numbered_by_line_and_limited_per_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"name": "[[[[ {{{{", "codes": ["A"]}\n\n{"nik": "1"}\n')
    assert _rows(path) == [(1, {"name": "[[[[ {{{{", "codes": ["A"]}), (3, {"nik": "1"})]
    path.write_text('{"a": 1}\n{"a": "' + "x" * 500_000 + '"}\n')
    assert _peak(lambda: _rows(path)) < FLAT
    assert _refused(path).row == 2
    path.write_text("\n\n")
    assert "the file has no rows" in str(_refused(path))
    path.write_text('{"a": 1}\n[1]\n')
    assert _refused(path).row == 2


# XLSX --------------------------------------------------------------------------------------

_SHARED = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _workbook(
    path: Path,
    rows: Iterator[str] | list[str],
    *,
    dimension: str = "A1:B2",
    shared: Callable[[Any], None] | None = None,
) -> Path:
    """A workbook whose sheet has these ``<row>`` elements (and shared strings, if given)."""
    from openpyxl import Workbook

    base = path.with_suffix(".base.xlsx")
    Workbook().save(base)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "[Content_Types].xml" and shared is not None:
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            if part.filename != "xl/worksheets/sheet1.xml":
                out.writestr(part, data)
        with out.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + f'<dimension ref="{dimension}"/><sheetData>'.encode()
            )
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
        if shared is not None:
            with out.open("xl/sharedStrings.xml", "w") as strings:
                shared(strings)
    return path


def _row(number: int, *cells: str) -> str:
    columns = "ABCDEFGH"
    return (
        f'<row r="{number}">'
        + "".join(
            f'<c r="{columns[i]}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
            for i, v in enumerate(cells)
        )
        + "</row>"
    )


def test_a_declared_sheet_of_a_million_rows_by_xfd_is_read_as_it_is(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "dimension.xlsx",
        [_row(1, "name", "nik"), _row(2, "Budi", NIK)],
        dimension="A1:XFD1048576",
    )
    assert path.stat().st_size < 10_000
    assert _peak(lambda: _rows(path)) < FLAT
    assert _rows(path) == [(2, {"name": "Budi", "nik": NIK})]


def test_sheet_rows_keep_their_numbers_and_stop_at_the_limits(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "sparse.xlsx",
        [_row(1, "name", "nik"), _row(4, "Budi", NIK), _row(5000, "Ani", NIK)],
    )
    assert [n for n, _ in _rows(path)] == [4, 5000]
    error = _refused(path, IntakeLimits(max_rows=100))
    assert (error.row, "more than 100 rows" in str(error)) == (5000, True)
    far = '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    wide = _workbook(tmp_path / "wide.xlsx", [_row(1, "name", "nik"), far, _row(3, "A", NIK)])
    assert _rows(wide) == [(3, {"name": "A", "nik": NIK})]  # past the last column read: unseen
    near = '<row r="2"><c r="BM2" t="inlineStr"><is><t>x</t></is></c></row>'  # column 65
    wide = _workbook(tmp_path / "wide.xlsx", [_row(1, "name", "nik"), near])
    assert _refused(wide).row == 2
    long = _workbook(tmp_path / "long.xlsx", [_row(1, "name", "nik"), _row(2, "x" * 1001, NIK)])
    error = _refused(long)
    assert (error.row, error.column) == (2, "name")


def test_a_zip_bomb_of_one_huge_shared_string_is_refused_unpacked(tmp_path: Path) -> None:
    def huge(strings: Any) -> None:
        strings.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        strings.write(b"<si><t>")
        for _ in range(24):
            strings.write(b"x" * MB)
        strings.write(b"</t></si></sst>")

    path = _workbook(
        tmp_path / "bomb.xlsx",
        [_row(1, "name", "nik"), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
        shared=huge,
    )
    assert path.stat().st_size < 300_000
    assert _peak(lambda: _rows(path)) < FLAT
    error = _refused(path)
    assert "xl/sharedStrings.xml unpacks to" in str(error)
    assert "bytes" in str(_refused(path, IntakeLimits(max_bytes=200)))  # the file itself


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ("<row r='2'><c r='A2'", "not well-formed"),
        ('<row r="2"><c r="ZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>', "ZZZZ"),
        ('<row r="2"><c r="A2"><v>abc</v></c></row>', "abc"),
        ('<row r="x"><c r="A2"><v>1</v></c></row>', "x"),
    ],
)
def test_a_sheet_openpyxl_cannot_read_is_refused_not_a_traceback(
    tmp_path: Path, row: str, said: str
) -> None:
    path = _workbook(tmp_path / "broken.xlsx", [_row(1, "name", "nik"), row])
    error = str(_refused(path))
    assert "cannot be read as .xlsx after sheet row 1" in error
    assert said in error


@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl", ".xlsx"])
def test_damaged_files_are_refused_or_read_never_a_traceback(tmp_path: Path, suffix: str) -> None:
    """Bytes changed, added and deleted at random (a fixed seed): only IntakeFileError escapes."""
    import random

    from openpyxl import Workbook

    good = {
        ".csv": f'name,nik\n"Budi",{NIK}\nAni,"x""y"\n'.encode(),
        ".json": f'[{{"name": "Budi", "nik": "{NIK}", "codes": ["a"]}}, {{"x": 1.5}}]'.encode(),
        ".jsonl": f'{{"name": "Budi", "nik": "{NIK}"}}\n{{"x": [1, 2]}}\n'.encode(),
    }
    if suffix == ".xlsx":
        book = Workbook()
        book.active.append(["name", "nik"])
        book.active.append(["Budi", NIK])
        book.save(tmp_path / "good.xlsx")
        good[suffix] = (tmp_path / "good.xlsx").read_bytes()
    chance = random.Random(16)
    path = tmp_path / f"damaged{suffix}"
    refused = 0
    for _ in range(150):
        data = bytearray(good[suffix])
        for _ in range(chance.randint(1, 6)):
            at = chance.randrange(len(data))
            what = chance.random()
            if what < 0.4:
                data[at] = chance.randrange(256)
            elif what < 0.7:
                data[at:at] = bytes([chance.choice(b'"[]{},;\n\r\\\x00\xff:')]) * 2
            else:
                del data[at : at + chance.randint(1, 5)]
        path.write_bytes(bytes(data))
        try:
            _rows(path)  # anything else (a traceback) fails the test
        except IntakeFileError:
            refused += 1
    assert 0 < refused <= 150


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("twice.json", f'[{{"nik": "{NIK}"}}, {{"nik": "{NIK}", "nik": "3201010101010002"}}]'),
        ("twice.jsonl", f'{{"nik": "{NIK}"}}\n{{"nik": "{NIK}", "nik": "3201010101010002"}}\n'),
        ("case.jsonl", f'{{"nik": "{NIK}"}}\n{{"nik": "{NIK}", "NIK": "3201010101010002"}}\n'),
    ],
)
def test_a_json_row_naming_a_column_twice_is_refused(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    error = _refused(path)
    assert (error.row, "column nik appears twice" in str(error)) == (2, True)
