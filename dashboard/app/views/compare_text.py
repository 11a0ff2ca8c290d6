"""The Compare page's words, in English and Vietnamese (kept beside the page, see docs/notes/issue-6.md)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Compare two documents", "vi": "So sánh hai văn bản"},
    "a": {"en": "Document A (earlier)", "vi": "Văn bản A (trước)"},
    "b": {"en": "Document B (later)", "vi": "Văn bản B (sau)"},
    "swap": {"en": "⇄ Swap", "vi": "⇄ Đổi chỗ"},
    "status": {"en": "Show", "vi": "Hiển thị"},
    "choose": {"en": "Choose two documents above, or try:", "vi": "Chọn hai văn bản ở trên, hoặc thử:"},
    "kept": {"en": "Kept", "vi": "Giữ nguyên"},
    "reworded": {"en": "Reworded", "vi": "Viết lại"},
    "merged": {"en": "Merged", "vi": "Gộp lại"},
    "split": {"en": "Split", "vi": "Tách ra"},
    "new": {"en": "New in B", "vi": "Mới ở B"},
    "sections": {"en": "What became of each part of A", "vi": "Mỗi phần của A đã thành gì ở B"},
    "not_counted": {
        "en": "Not counted: {framing} framing or narrative paragraph(s), {headings} bare heading(s)",
        "vi": "Không tính: {framing} đoạn dẫn hoặc tường thuật, {headings} đề mục trống",
    },
    "by_curated": {"en": "curated", "vi": "đã xác nhận"},
    "dropped": {"en": "Only in A", "vi": "Chỉ có ở A"},
    "paired": {"en": "Paired by numbering", "vi": "Ghép theo số thứ tự"},
    "cross_language": {
        "en": "A is in {a} and B in {b}: no word-by-word changes are computed. {n} of A's {na} and B's {nb} "
        "provisions are paired by their numbering.",
        "vi": "A bằng {a} và B bằng {b}: không so sánh từng từ giữa hai ngôn ngữ, nên không tính thay đổi và từ "
        "đặc trưng. {n} trong {na} điều khoản của A và {nb} của B được ghép theo số thứ tự để đọc song song; chủ "
        "đề, thực thể và chỉ tiêu vẫn được so sánh như thường.",
    },
    "only_a": {
        "en": "Only in A — no counterpart in B",
        "vi": "Chỉ có ở A — không có điều khoản tương ứng ở B",
    },
    "only_b": {
        "en": "Only in B — no counterpart in A",
        "vi": "Chỉ có ở B — không có điều khoản tương ứng ở A",
    },
    "similarity": {"en": "similarity", "vi": "độ tương đồng"},
    "candidates": {"en": "Pair with:", "vi": "Ghép với:"},
    "by_reader": {"en": "set by you", "vi": "do bạn đặt"},
    "undo": {"en": "undo", "vi": "hoàn tác"},
    "unpair": {"en": "not a pair", "vi": "không phải một cặp"},
    "unpair_title": {
        "en": "These two do not correspond: the engine pairs each with something else, or leaves it alone",
        "vi": "Hai điều khoản này không tương ứng: máy sẽ ghép mỗi điều khoản với điều khoản khác, hoặc để riêng",
    },
    "no_counterpart": {"en": "no counterpart", "vi": "không có đối ứng"},
    "remove": {"en": "take back this correction", "vi": "bỏ điều chỉnh này"},
    "more_pins": {"en": "and {n} more", "vi": "và {n} điều chỉnh khác"},
    "pinned": {
        "en": "You made {n} correction(s) to the pairing; the other provisions are re-aligned around them. The "
        "address keeps them: copy it to share this alignment.",
        "vi": "Bạn đã thực hiện {n} điều chỉnh cách ghép; các điều khoản khác được ghép lại quanh chúng. Địa chỉ "
        "trang lưu lại các điều chỉnh này: sao chép địa chỉ để chia sẻ.",
    },
    "reset": {"en": "Back to the engine's pairs", "vi": "Trở về cách ghép của máy"},
    "copy_yaml": {"en": "Copy these corrections as YAML", "vi": "Sao chép các điều chỉnh này dạng YAML"},
    "copied_yaml": {"en": "Copied ✓", "vi": "Đã sao chép ✓"},
    "yaml_title": {
        "en": "Entries for seeds/alignments.yml: fill in `by` (and a `note`) and propose them to the project",
        "vi": "Các mục cho seeds/alignments.yml: điền `by` (và `note`) rồi gửi đề xuất cho dự án",
    },
    "download_yaml": {"en": "⤓ Download (.yml)", "vi": "⤓ Tải xuống (.yml)"},
    "show_yaml": {"en": "Show the YAML", "vi": "Xem YAML"},
    "manual": {
        "en": "Pair two provisions yourself (leave one side empty: that provision has no counterpart)",
        "vi": "Tự ghép hai điều khoản (để trống một bên: điều khoản đó không có đối ứng)",
    },
    "pick_a": {"en": "A provision of A", "vi": "Một điều khoản của A"},
    "pick_b": {"en": "A provision of B", "vi": "Một điều khoản của B"},
    "pin": {"en": "Pair", "vi": "Ghép"},
    "pick_first": {
        "en": "Pick a provision of A, of B, or both first.",
        "vi": "Hãy chọn trước một điều khoản của A, của B, hoặc cả hai.",
    },
    "pick_invalid": {
        "en": "These are not provisions of the two documents shown.",
        "vi": "Đây không phải là điều khoản của hai văn bản đang hiển thị.",
    },
    # the reader's "also link" (a second counterpart, pin `3.b1+p13`): kept together
    "also": {"en": "Also link:", "vi": "Liên kết thêm:"},
    "also_title": {
        "en": "Keep this provision's links and link it with this one as well (a merge or a split)",
        "vi": "Giữ các liên kết hiện có và liên kết thêm với điều khoản này (gộp hoặc tách)",
    },
    "pairs": {"en": "Aligned provisions", "vi": "Các điều khoản được ghép cặp"},
    "showing": {"en": "Showing {n} of {total} pairs", "vi": "Hiển thị {n} trong {total} cặp"},
    "capped": {
        "en": "(the first {n}; narrow the filters to see the rest)",
        "vi": "({n} cặp đầu; thu hẹp bộ lọc để xem phần còn lại)",
    },
    "none": {"en": "No pair matches these filters.", "vi": "Không có cặp nào khớp bộ lọc."},
    "terms": {
        "en": "Distinctive terms (G², then uses in A / in B)",
        "vi": "Thuật ngữ đặc trưng (G², rồi số lần ở A / ở B)",
    },
    "terms_of": {"en": "More typical of {doc}", "vi": "Đặc trưng hơn cho {doc}"},
    "entities": {
        "en": "Organisations, agreements and mechanisms (mentions in A / in B)",
        "vi": "Tổ chức, hiệp định và cơ chế (số lần nhắc ở A / ở B)",
    },
    "gained": {"en": "Only in B (gained)", "vi": "Chỉ có ở B (mới)"},
    "lost": {"en": "Only in A (lost)", "vi": "Chỉ có ở A (mất)"},
    "shared": {"en": "In both", "vi": "Có ở cả hai"},
    "targets": {"en": "Targets and indicators", "vi": "Mục tiêu và chỉ số"},
    "changed": {"en": "Reported by both", "vi": "Cả hai cùng nêu"},
    "nothing": {"en": "none", "vi": "không có"},
    "more": {"en": "{n} more", "vi": "thêm {n}"},
    "warning": {
        "en": "The sources differ: {a}; {b}.",
        "vi": "Hai nguồn khác nhau: {a}; {b}. Một điều khoản “chỉ có ở” một bên có thể chỉ đơn giản nằm ngoài "
        "phần văn bản mà nguồn kia có.",
    },
    "basis": {"en": "Shares count {basis}.", "vi": "Tỷ lệ tính trên {basis}."},
    "method": {
        "en": "Provisions are paired by meaning (shared subject words, themes and entities), one to one; a "
        "provision with no counterpart above the threshold is new or only in A. Inserted words are "
        "underlined in blue, removed words struck through in orange. The engine finds about a third of the pairs "
        "a reader makes: where it is wrong, pick a provision under “Pair with” or “no counterpart”, mark a pair "
        "“not a pair”, or pair any two provisions with the pickers below.",
        "vi": "Các điều khoản được ghép theo nội dung (từ ngữ, chủ đề và thực thể chung), một đối một; điều "
        "khoản không có đối ứng vượt ngưỡng là mới hoặc chỉ có ở A. Từ thêm gạch chân xanh, từ bỏ gạch "
        "ngang cam. Máy tìm được khoảng một phần ba số cặp mà người đọc ghép: khi máy sai, hãy chọn một điều "
        "khoản ở “Ghép với” hoặc “không có đối ứng”, đánh dấu “không phải một cặp”, hoặc tự ghép hai điều khoản "
        "bằng các ô chọn bên dưới.",
    },
}


def text(key: str, lang: str) -> str:
    """Return the page's words for `key` in `lang` (English when there is no translation)."""
    return TEXT[key].get(lang) or TEXT[key]["en"]
