"""The header of an administrative document: issuer, number, place and date, type, title, language, body span."""

from __future__ import annotations

import pytest

from dashboard import errors
from dashboard.corpus.header import detect_language, read_header

BODY_VI = "I. MỤC TIÊU\n\n1. Phấn đấu đến năm 2030 mở rộng hợp tác với các đối tác trong khu vực.\n"
BODY_EN = "I. OBJECTIVES\n\n1. By 2030, expand cooperation with partners in the region and beyond it.\n"


def header(*lines: str, body: str = BODY_VI) -> dict[str, str]:
    found = read_header("\n".join(lines) + "\n\n" + body, "doc.txt")
    return {name: f.value for name, f in found.fields.items()}


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("BỘ CHÍNH TRỊ", "politburo"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "party_central_committee"),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG", "party_central_committee"),
        ("CHÍNH PHỦ", "government"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "prime_minister"),
        ("QUỐC HỘI", "national_assembly"),
        ("UỶ BAN THƯỜNG VỤ QUỐC HỘI", "national_assembly_standing_committee"),  # old-style tone placement
        ("BAN BÍ THƯ", "secretariat"),
        ("BỘ NGOẠI GIAO", "ministry"),
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "ministry"),
        ("THE POLITBURO", "politburo"),
        ("THE GOVERNMENT", "government"),
        ("THE PRIME MINISTER", "prime_minister"),
        ("MINISTRY OF FOREIGN AFFAIRS", "ministry"),
        ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "ministry"),  # the ministry-level agencies go in the ministries' lane
        ("THANH TRA CHÍNH PHỦ", "ministry"),
        ("VĂN PHÒNG CHÍNH PHỦ", "ministry"),
        ("THE STATE BANK OF VIET NAM", "ministry"),
        ("GOVERNMENT OFFICE", "ministry"),
        ("BỘ CHÍNH TRỊ      ĐẢNG CỘNG SẢN VIỆT NAM", "politburo"),  # two columns on one line (a PDF)
        ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "government"),
        ("-------- CHÍNH PHỦ --------", "government"),
    ],
)
def test_issuer(line, issuer):
    assert header(line, "Số: 5/NQ-CP", "NGHỊ QUYẾT", "VỀ HỢP TÁC")["issuer"] == issuer


def test_a_ministry_keeps_its_name_and_the_politburo_is_not_a_ministry():
    assert header("BỘ NGOẠI GIAO", "Số: 12/QĐ-BNG", "QUYẾT ĐỊNH", "VỀ HỢP TÁC")["issuer_detail"] == "BỘ NGOẠI GIAO"
    assert "issuer_detail" not in header("BỘ CHÍNH TRỊ", "Số: 59-NQ/TW", "NGHỊ QUYẾT", "VỀ HỢP TÁC")


@pytest.mark.parametrize(
    ("line", "symbol"),
    [
        ("Số: 59-NQ/TW", "59-NQ/TW"),
        ("Số 40/QĐ-TTg", "40/QĐ-TTg"),
        ("Số: 153/NQ-CP      Hà Nội, ngày 31 tháng 5 năm 2025", "153/NQ-CP"),
        ("No.: 59-NQ/TW", "59-NQ/TW"),
        ("No. 22-NQ/TW", "22-NQ/TW"),
        ("Số: 1052/NQ-UBTVQH13", "1052/NQ-UBTVQH13"),
    ],
)
def test_symbol(line, symbol):
    assert header("BỘ CHÍNH TRỊ", line, "NGHỊ QUYẾT", "VỀ HỢP TÁC")["symbol"] == symbol


def test_a_number_without_a_symbol_is_not_a_symbol():
    assert "symbol" not in header("BỘ CHÍNH TRỊ", "Số: 59", "NGHỊ QUYẾT", "VỀ HỢP TÁC")


@pytest.mark.parametrize(
    ("line", "issued", "place"),
    [
        ("Hà Nội, ngày 24 tháng 01 năm 2025", "2025-01-24", "Hà Nội"),
        ("Hà Nội, ngày 7 tháng 1 năm 2016", "2016-01-07", "Hà Nội"),
        ("Số: 153/NQ-CP   Hà Nội, ngày 31 tháng 5 năm 2025", "2025-05-31", "Hà Nội"),  # two columns
        ("Hanoi, January 24, 2025", "2025-01-24", "Hanoi"),
        ("Ha Noi, 24 January 2025", "2025-01-24", "Ha Noi"),
        ("Hanoi, 7th January 2016", "2016-01-07", "Hanoi"),
    ],
)
def test_place_and_date(line, issued, place):
    found = header("BỘ CHÍNH TRỊ", "Số: 59-NQ/TW", line, "NGHỊ QUYẾT", "VỀ HỢP TÁC")
    assert found["issued"] == issued
    assert found.get("place", "") == place


def test_an_impossible_date_names_its_line():
    with pytest.raises(errors.ImpossibleDate) as caught:
        header("BỘ CHÍNH TRỊ", "Số: 59-NQ/TW", "Hà Nội, ngày 30 tháng 02 năm 2025", "NGHỊ QUYẾT", "VỀ HỢP TÁC")
    assert caught.value.where == "issued (line 3)"


@pytest.mark.parametrize(
    ("type_line", "title_line", "doc_type", "title"),
    [
        ("NGHỊ QUYẾT", "VỀ HỘI NHẬP QUỐC TẾ TRONG TÌNH HÌNH MỚI", "resolution",
         "Nghị quyết về hội nhập quốc tế trong tình hình mới"),
        ("QUYẾT ĐỊNH", "Phê duyệt Chiến lược tổng thể hội nhập quốc tế", "decision",
         "Quyết định Phê duyệt Chiến lược tổng thể hội nhập quốc tế"),
        ("CHỈ THỊ", "VỀ TĂNG CƯỜNG CÔNG TÁC NGOẠI GIAO", "directive", "Chỉ thị về tăng cường công tác ngoại giao"),
        ("KẾT LUẬN", "VỀ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI", "conclusion", "Kết luận về công tác thông tin đối ngoại"),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ", "THỰC HIỆN NGHỊ QUYẾT SỐ 59-NQ/TW", "action_programme",
         "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW"),
        ("RESOLUTION", "ON INTERNATIONAL INTEGRATION IN THE NEW SITUATION", "resolution",
         "Resolution on international integration in the new situation"),
        ("DECISION", "On approving the overall strategy", "decision", "Decision on approving the overall strategy"),
        ("QUYẾT ĐỊNH", "Về tăng cường hợp tác quốc tế", "decision", "Quyết định về tăng cường hợp tác quốc tế"),
        ("NGHỊ QUYẾT", "VỀ HỘI NHẬP CỦA VIỆT NAM, THỰC HIỆN KẾT LUẬN SỐ 57-KL/TW CỦA BỘ CHÍNH TRỊ", "resolution",
         "Nghị quyết về hội nhập của Việt Nam, thực hiện Kết luận số 57-KL/TW của Bộ Chính trị"),
        ("RESOLUTION", "ON E-GOVERNMENT, IMPLEMENTING RESOLUTION NO. 59-NQ/TW OF THE POLITBURO", "resolution",
         "Resolution on e-government, implementing Resolution No. 59-NQ/TW of the Politburo"),
        ("NGHỊ QUYẾT VỀ HỢP TÁC QUỐC TẾ", "I. MỤC TIÊU", "resolution", "Nghị quyết về hợp tác quốc tế"),
    ],
)
def test_type_and_title(type_line, title_line, doc_type, title):
    found = header("BỘ CHÍNH TRỊ", "Số: 59-NQ/TW", "Hà Nội, ngày 24 tháng 01 năm 2025", type_line, title_line)
    assert (found["doc_type"], found["title"]) == (doc_type, title)


def test_a_title_over_two_upper_case_lines():
    found = header("BỘ CHÍNH TRỊ", "Số: 59-NQ/TW", "NGHỊ QUYẾT", "VỀ HỘI NHẬP QUỐC TẾ", "TRONG TÌNH HÌNH MỚI")
    assert found["title"] == "Nghị quyết về hội nhập quốc tế trong tình hình mới"


def test_body_starts_after_the_title_and_ends_at_the_signature():
    text = ("BỘ CHÍNH TRỊ\n*\nSố: 59-NQ/TW\n\nNGHỊ QUYẾT\nVỀ HỢP TÁC\n-----\n\n" + BODY_VI
            + "\nT/M BỘ CHÍNH TRỊ\nTỔNG BÍ THƯ\n\nNơi nhận:\n- Lưu.\n")
    found = read_header(text, "doc.txt")
    lines = text.split("\n")
    assert lines[found.body_start_line] == "I. MỤC TIÊU"  # the decoration line under the title is skipped
    assert lines[found.body_end_line] == "T/M BỘ CHÍNH TRỊ"


def test_english_signature_block_ends_the_body():
    text = "THE GOVERNMENT\nNo.: 01/NQ-CP\nRESOLUTION\nON TASKS\n\n" + BODY_EN + "\nON BEHALF OF THE GOVERNMENT\n"
    found = read_header(text, "doc.txt")
    assert text.split("\n")[found.body_end_line] == "ON BEHALF OF THE GOVERNMENT"


def test_body_lines_are_not_read_as_header_fields():
    # the body names another resolution's number and date: the header's own are kept
    body = "1. Thực hiện Nghị quyết số 22-NQ/TW ngày 10 tháng 4 năm 2013 của Bộ Chính trị.\n"
    found = header("CHÍNH PHỦ", "Số: 5/NQ-CP", "Hà Nội, ngày 2 tháng 2 năm 2026", "NGHỊ QUYẾT", "VỀ HỢP TÁC",
                   body=body)
    assert (found["symbol"], found["issued"]) == ("5/NQ-CP", "2026-02-02")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Phấn đấu đến năm 2030 mở rộng hợp tác quốc tế với các đối tác chiến lược", "vi"),
        ("By 2030, expand international cooperation with strategic partners in the region", "en"),
        ("Việt Nam and ASEAN partners agreed on the Hà Nội plan for trade and investment cooperation", "en"),
        ("2030 2035", None),
    ],
)
def test_language(text, language):
    found = detect_language(text)
    assert (found.value if found else None) == language


def test_place_after_the_number_on_one_line():
    found = header("BỘ CHÍNH TRỊ", "Số 59-NQ/TW Hà Nội, ngày 24 tháng 01 năm 2025", "NGHỊ QUYẾT", "VỀ HỢP TÁC")
    assert (found["symbol"], found["issued"], found["place"]) == ("59-NQ/TW", "2025-01-24", "Hà Nội")


def test_a_web_page_menu_above_the_header_is_not_the_issuer():
    menu = ["Trang chủ", "Chính phủ", "Văn bản"] + [f"Tin tức {n}" for n in range(30)]
    found = header(*menu, "BỘ NGOẠI GIAO", "Số: 12/QĐ-BNG", "Hà Nội, ngày 2 tháng 2 năm 2026", "QUYẾT ĐỊNH",
                   "VỀ HỢP TÁC")
    assert (found["issuer"], found["issuer_detail"], found["symbol"]) == ("ministry", "BỘ NGOẠI GIAO", "12/QĐ-BNG")
