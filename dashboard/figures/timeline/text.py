"""The timeline's words in English and Vietnamese, and the style of each relation kind.

Kept apart from the drawing so that pages (the relations table, the document page) say a relation the way the
chart does.
"""

from __future__ import annotations

from typing import Any

LANE_LABELS = {
    "Party": "Đảng",
    "Party Central Committee": "Ban Chấp hành Trung ương",
    "Politburo": "Bộ Chính trị",
    "Party Secretariat": "Ban Bí thư",
    "National Assembly Standing Committee": "Ủy ban Thường vụ Quốc hội",
    "Prime Minister": "Thủ tướng Chính phủ",
    "National Assembly": "Quốc hội",
    "Government": "Chính phủ",
    "Ministries": "Bộ, ngành",
    "Other": "Khác",
}
RELATION_STYLE: dict[str, dict[str, Any]] = {
    "implements": {"colour": "#0072B2", "width": 2.4},
    "references": {"colour": "#56B4E9", "width": 1.6},
    "follows_review_of": {"colour": "#D55E00", "width": 2.0},
    "reviews": {"colour": "#D55E00", "width": 2.0},
    "supersedes": {"colour": "#000000", "width": 2.0},
}
RELATION_LABELS = {
    "implements": {"en": "implements", "vi": "thực hiện"},
    "references": {"en": "references", "vi": "dẫn chiếu"},
    "follows_review_of": {"en": "follows the review of", "vi": "kế thừa tổng kết"},
    "reviews": {"en": "reviews", "vi": "tổng kết"},
    "supersedes": {"en": "supersedes", "vi": "thay thế"},
}
TEXT = {
    "title": {
        "en": "Viet Nam's international-integration documents over time",
        "vi": "Các văn bản về hội nhập quốc tế của Việt Nam theo thời gian",
    },
    "subtitle": {
        "en": "Each document at its date of issue, in the lane of its issuing body; bars run to its horizon "
        "years, arrows show relations.",
        "vi": "Mỗi văn bản đặt tại ngày ban hành, theo cơ quan ban hành; thanh ngang kéo đến các mốc tầm "
        "nhìn, mũi tên là quan hệ giữa các văn bản.",
    },
    "click_subtitle": {"en": "Click a document to open it.", "vi": "Bấm vào văn bản để mở."},
    "xaxis": {"en": "Date of issue and horizon years", "vi": "Ngày ban hành và các mốc tầm nhìn"},
    "horizon_span": {"en": "Span to horizon", "vi": "Khoảng đến mốc tầm nhìn"},
    "horizon": {"en": "Horizon year", "vi": "Mốc tầm nhìn"},
    "target": {"en": "Target year", "vi": "Năm mục tiêu"},
    "not_held_tag": {"en": "not held", "vi": "không có văn bản"},
    "click": {"en": "Click to open the document", "vi": "Bấm để mở văn bản"},
    "evidence": {"en": "Evidence", "vi": "Căn cứ"},
    "confidence": {"en": "Confidence", "vi": "Độ tin cậy"},
    "conflict": {"en": "sources disagree", "vi": "các nguồn không thống nhất"},
    "coverage": {"en": "Coverage", "vi": "Mức độ có văn bản"},
    "many": {
        "en": "labels hidden: too many documents; hover for details",
        "vi": "ẩn nhãn vì quá nhiều văn bản; di chuột để xem",
    },
}


def text(key: str, lang: str) -> str:
    """Return the chart's word `key` in `lang` (English when untranslated)."""
    return TEXT[key].get(lang) or TEXT[key]["en"]


def lane_label(lane: str, lang: str) -> str:
    """Return a lane's name in `lang`."""
    return LANE_LABELS.get(lane, lane) if lang == "vi" else lane


def relation_label(kind: str, lang: str) -> str:
    """Return a relation kind in words ("follows the review of")."""
    labels = RELATION_LABELS.get(kind)
    return (labels.get(lang) or labels["en"]) if labels else kind.replace("_", " ")
