"""Vietnamese text at parity with English: segmentation, themes, targets, entities, actors and roles,
relations and word units, each on short sentences of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.actors import read_provision
from dashboard.analysis.extraction_eval import text_mentions
from dashboard.analysis.keyness import count_terms
from dashboard.analysis.relations import relation_kind
from dashboard.analysis.targets import extract_targets
from dashboard.analysis.themes import tag_text
from dashboard.analysis.vi_words import is_vietnamese, segment
from dashboard.corpus.segment import segment_document
from dashboard.corpus.sidecar import load_vocabulary, parse_meta

VOCAB = load_vocabulary(Path(__file__).parents[2] / "fixtures/seeds/vocabulary.yml", "vocabulary.yml")


def themes(text: str) -> set[str]:
    return {t.id for t in tag_text(text)}


def targets(text: str, issued: int) -> list[tuple]:
    return [(t.kind, t.start_year, t.end_year, t.value, t.unit or None) for t in extract_targets(text, issued)]


def roles(text: str) -> set[tuple[str, str]]:
    return {(a.actor_id, a.role) for a in read_provision(text).assignments if a.actor_id}


# ---------------------------------------------------------------- segmentation
RAW = """Phần I
NHIỆM VỤ
Chương II
Mục 3. HỢP TÁC
Điều 5. Nhiệm vụ
Khoản 1. Bộ Y tế chủ trì.
2. Bộ Tài chính bố trí kinh phí:
2.1. Lập dự toán.
2.1.1. Rà soát.
d) Điểm d.
đ) Điểm đ.
- Gạch đầu dòng.
+ Ý nhỏ.
Đoạn văn sau gạch đầu dòng.
Phần II
I. TỔ CHỨC
"""


def test_vietnamese_structure_nests_and_dd_is_a_point_of_its_own():
    meta = parse_meta({"symbol": "9/NQ-CP", "doc_type": "resolution", "issuer": "government",
                       "issued": "2025-01-01", "title_en": "T", "source_url": "https://example.org",
                       "source_kind": "official_text", "coverage": "full", "coverage_note": "n",
                       "language": "vi", "body": {"start": "Phần I"}}, VOCAB, "t.yml", held=True, seed_file="t.txt")
    found = {p.text[:12]: p for p in segment_document(RAW, meta, "t.yml")}
    by_id = {p.id: p for p in found.values()}

    def parent(start: str) -> str:
        p = found[start[:12]]
        return by_id[p.parent_id].text[:12] if p.parent_id else ""

    assert (found["Chương II"].kind, parent("Chương II")) == ("part", "Phần I")
    assert (found["Mục 3. HỢP T"].label, parent("Mục 3. HỢP TÁC")) == ("Mục 3", "Chương II")
    assert (found["Điều 5. Nhiệ"].kind, parent("Điều 5. Nhiệm")) == ("section", "Mục 3. HỢP T")
    assert (found["Khoản 1. Bộ "].kind, found["Khoản 1. Bộ "].label) == ("item", "1")
    assert parent("2.1.1. Rà soát") == "2.1. Lập dự "
    assert (found["đ) Điểm đ."].kind, found["đ) Điểm đ."].label, parent("đ) Điểm đ.")) == ("point", "đ", "2.1.1. Rà so")
    assert found["đ) Điểm đ."].id.endswith(".dd")  # ids stay ASCII
    assert parent("+ Ý nhỏ.") == "- Gạch đầu d"
    assert parent("Đoạn văn sau") == "đ) Điểm đ."  # a paragraph closes the bullet, not the point
    assert parent("I. TỔ CHỨC") == "Phần II"


# ---------------------------------------------------------------- themes
@pytest.mark.parametrize("text, expected", [
    ("Duy trì môi trường hòa bình để tập trung phát triển.", {"defense_security_sovereignty"}),
    ("Tạo lập môi trường đầu tư minh bạch cho các nhà đầu tư.", {"economy_trade"}),
    ("Xây dựng môi trường thuận lợi cho hợp tác.", set()),
    ("Giảm thiểu ô nhiễm môi trường nước tại các đô thị.", {"environment_climate"}),
    ("Góp phần bảo đảm an ninh lương thực thế giới.", {"agriculture_food"}),
    ("Coi trọng ngoại giao văn hóa.", {"culture_information", "diplomacy_partnerships"}),
    ("Hợp tác trong các lĩnh vực văn hóa, thể thao và y tế.", {"culture_information", "tourism_sports", "health"}),
])
def test_vietnamese_traps_are_read_from_the_words_around_them(text: str, expected: set[str]):
    assert themes(text) == expected


def test_diacritics_tell_syllables_apart_and_both_tone_placements_match():
    # folded, "được" (is) would be "dược" (pharmacy) and "phụ thuộc" (depend) would hold "thuốc" (medicine)
    assert "health" not in themes("Kế hoạch được phê duyệt, tránh phụ thuộc vào một thị trường.")
    assert themes("Giữ vững môi trường hoà bình.") == themes("Giữ vững môi trường hòa bình.") == {
        "defense_security_sovereignty"}


def test_names_of_ministries_add_no_theme():
    assert themes("Bộ Y tế và Bộ Văn hóa, Thể thao và Du lịch chủ trì, phối hợp tổ chức thực hiện.") == {"governance"}


# ---------------------------------------------------------------- targets
def test_vietnamese_deadlines_values_and_units():
    assert targets("Đến năm 2030, có ít nhất 25 quốc gia công nhận.", 2025) == [
        ("goal", None, 2030, None, None), ("goal", None, 2030, 25.0, "countries")]
    assert targets("Phấn đấu đạt 1.200 tỷ USD vào năm 2035.", 2025) == [
        ("goal", None, 2035, 1200.0, "billion USD"), ("goal", None, 2035, None, None)]
    assert targets("Tăng 3,5% mỗi năm trước năm 2027.", 2025) == [
        ("goal", None, 2027, 3.5, "percent"), ("milestone", None, 2027, None, None)]


def test_every_english_counted_unit_has_vietnamese_words():
    # "thỏa thuận" is an agreement as "hiệp định" is; both tone placements of "thoả" are written
    assert targets("Trước năm 2028, ký kết ít nhất 15 thỏa thuận hợp tác song phương.", 2025) == [
        ("milestone", None, 2028, None, None), ("goal", None, 2028, 15.0, "agreements")]
    assert targets("Ký 6 thoả thuận về lao động đến năm 2030.", 2025)[0][3:] == (6.0, "agreements")
    assert targets("Thiết lập 5 quan hệ đối tác chiến lược mới đến năm 2030.", 2025)[0][3:] == (5.0, "partnerships")
    assert targets("Xây dựng 3 khuôn khổ hợp tác mới đến năm 2030.", 2025)[0][3:] == (3.0, "frameworks")


def test_vietnamese_periods_visions_and_stages():
    assert targets("Chiến lược ngoại giao đến năm 2030, tầm nhìn đến năm 2045.", 2025) == [
        ("programme_period", None, 2030, None, None), ("programme_period", None, 2045, None, None)]
    assert targets("Đề án hợp tác giai đoạn 2026 - 2030.", 2025) == [("programme_period", 2026, 2030, None, None)]
    staged = extract_targets("Giai đoạn 2 (2028 - 2030): mở rộng.", 2025)
    assert [(t.kind, t.stage) for t in staged] == [("milestone", "Giai đoạn 2")]


def test_vietnamese_dates_symbols_ordinals_and_articles_are_not_targets():
    assert targets("Nghị quyết số 12/NQ-CP ngày 03 tháng 02 năm 2025 về Đại hội lần thứ 14.", 2025) == []
    assert targets("Sửa đổi Điều 12 và khoản 4 Điều 9 sau 15 năm thi hành.", 2025) == []
    assert targets("Việt Nam đã có 16 hiệp định thương mại tự do.", 2025) == [
        ("reported_indicator", None, None, 16.0, "agreements")]


# ---------------------------------------------------------------- entities
def test_vietnamese_names_are_aliases_of_the_english_entities():
    assert text_mentions("Hợp tác với Liên hợp quốc, Tổ chức Thương mại Thế giới và Ngân hàng Thế giới.") == {
        "un", "wto", "world_bank"}
    assert text_mentions("Các nước thành viên Hiệp hội các quốc gia Đông Nam Á.") == {"asean"}
    assert text_mentions("Đổi mới sáng tạo là động lực; đổi mới tư duy.") == set()


# ---------------------------------------------------------------- actors and roles
def test_a_task_handed_with_giao_and_bodies_that_join_a_lead():
    # "Giao Bộ X chủ trì": the body after "Giao" (assign) leads, as a subject does
    assert roles("Giao Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng bảo đảm an ninh.") == {
        ("mps", "lead"), ("mnd", "coordinate")}
    assert roles("Giao cho Bộ Ngoại giao tổng hợp, báo cáo Thủ tướng Chính phủ.") == {
        ("mofa", "lead"), ("mofa", "report"), ("prime_minister", "recipient")}
    # after a lead, "Bộ A, Bộ B phối hợp thực hiện" makes A and B coordinate; alone, their subject is the one tasked
    assert roles("Bộ Văn hóa, Thể thao và Du lịch chủ trì; Bộ Giáo dục và Đào tạo, Bộ Tài chính phối hợp thực "
                 "hiện.") == {("mocst", "lead"), ("moet", "coordinate"), ("mof", "coordinate")}
    assert roles("Bộ Tư pháp phối hợp thực hiện rà soát pháp luật.") == {("moj", "lead")}


def test_vietnamese_roles():
    assert roles("Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Y tế xây dựng đề án.") == {
        ("moet", "lead"), ("moh", "coordinate")}
    assert roles("Bộ Công an giúp Chính phủ theo dõi tình hình.") == {("mps", "assist")}
    assert roles("Ngân hàng Nhà nước Việt Nam hướng dẫn thực hiện và báo cáo Thủ tướng Chính phủ.") == {
        ("sbv", "lead"), ("sbv", "report"), ("prime_minister", "recipient")}


# ---------------------------------------------------------------- relations
def test_vietnamese_relations():
    text = "Quyết định này thay thế Quyết định số 12/QĐ-TTg."
    assert relation_kind(text, text.index("12/"), False) == "supersedes"
    text = "Kế hoạch thực hiện Nghị quyết số 8-NQ/TW của Bộ Chính trị."
    assert relation_kind(text, text.index("8-"), True) == "implements"
    assert relation_kind(text, text.index("8-"), False) == "references"
    text = "Căn cứ Nghị quyết số 8-NQ/TW;"
    assert relation_kind(text, text.index("8-"), True) == "references"


# ---------------------------------------------------------------- word units
def test_vietnamese_words_are_terms_not_syllables():
    assert segment("Hội nhập quốc tế sâu rộng.") == ["Hội_nhập", "quốc_tế", "sâu_rộng"]
    counts = count_terms(["Đẩy mạnh hội nhập và hội nhập quốc tế."], max_n=2)
    assert counts.counts["hoi_nhap"] == 2 and "hoi" not in counts.counts
    assert "va" not in counts.counts  # "và" is a function word
    assert not is_vietnamese("Viet Nam's Prime Minister Phạm Minh Chính attended the summit in Ha Noi.")


def test_a_part_numbered_by_an_ordinal_word_is_a_part():
    raw = "Phần thứ nhất\nMỤC TIÊU\nChương 1\nĐiều 1. Phạm vi\nPhần thứ hai\nChương II\nĐiều 2. Hiệu lực\n"
    meta = parse_meta({"symbol": "9/NQ-CP", "doc_type": "resolution", "issuer": "government",
                       "issued": "2025-01-01", "title_en": "T", "source_url": "https://example.org",
                       "source_kind": "official_text", "coverage": "full", "coverage_note": "n",
                       "language": "vi", "body": {"start": "Phần thứ nhất"}}, VOCAB, "t.yml", held=True,
                      seed_file="t.txt")
    found = {p.text: p for p in segment_document(raw, meta, "t.yml")}
    second = found["Phần thứ hai"]
    assert (second.kind, second.parent_id, second.id) == ("part", None, "9-NQ-CP-2025:part2")
    assert found["Chương II"].parent_id == second.id and found["Chương 1"].parent_id == "9-NQ-CP-2025:part1"
    assert "Mục tiêu của" not in found and found["MỤC TIÊU"].kind == "heading"  # "Mục tiêu" is no Mục


def test_every_organisation_agreement_and_programme_has_a_vietnamese_name():
    import yaml

    from dashboard.paths import ANALYSIS_DIR

    entries = yaml.safe_load((ANALYSIS_DIR / "gazetteer.yml").read_text(encoding="utf-8"))
    # a document is found by its symbol (Nghị quyết số 1052/NQ-UBTVQH13), in either language
    unnamed = [e["id"] for e in entries if e["kind"] != "document" and all(a.isascii() for a in e["aliases"])]
    assert unnamed == []
    assert text_mentions("Gia nhập Thỏa ước La Hay và hợp tác với Hiệp hội An sinh xã hội ASEAN.") == {
        "hague_agreement", "assa"}
