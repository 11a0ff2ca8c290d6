"""The words of the interface in English and Vietnamese; theme labels come from the codebook.

Add a string: one entry in STRINGS with both languages. `t(key, lang)` falls back to English, then to the key,
so a missing translation shows English rather than breaking a page. Document text is never translated here.
"""

from __future__ import annotations

from dashboard.analysis.codebook import load_codebook

LANGS = ("en", "vi")
DEFAULT_LANG = "en"

STRINGS: dict[str, dict[str, str]] = {
    # shell
    "app.title": {"en": "Policy timeline", "vi": "Dòng thời gian chính sách"},
    "app.tagline": {
        "en": "Viet Nam's international-integration policy, 2013–2025",
        "vi": "Chính sách hội nhập quốc tế của Việt Nam, 2013–2025",
    },
    "nav.home": {"en": "Home", "vi": "Trang chủ"},
    "nav.timeline": {"en": "Timeline", "vi": "Dòng thời gian"},
    "nav.themes": {"en": "Themes", "vi": "Chủ đề"},
    "nav.targets": {"en": "Targets", "vi": "Mục tiêu"},
    "nav.explorer": {"en": "Explorer", "vi": "Tra cứu"},
    "nav.compare": {"en": "Compare", "vi": "So sánh"},
    "nav.soon": {"en": "Coming soon", "vi": "Sắp có"},
    "nav.language": {"en": "Language", "vi": "Ngôn ngữ"},
    "nav.menu": {"en": "Menu", "vi": "Danh mục"},
    "footer.dataset": {"en": "Dataset version", "vi": "Phiên bản dữ liệu"},
    "footer.cite": {"en": "Cite as", "vi": "Trích dẫn"},
    "footer.note": {
        "en": "Source texts remain their publishers'. Every seed is partial: check coverage before "
        "comparing documents.",
        "vi": "Văn bản nguồn thuộc về đơn vị đăng tải. Mọi nguồn chỉ có một phần văn bản: hãy xem mức "
        "độ bao phủ trước khi so sánh.",
    },
    # common
    "common.document": {"en": "Document", "vi": "Văn bản"},
    "common.documents": {"en": "Documents", "vi": "Văn bản"},
    "common.symbol": {"en": "Symbol", "vi": "Số hiệu"},
    "common.date": {"en": "Date", "vi": "Ngày ban hành"},
    "common.issuer": {"en": "Issuer", "vi": "Cơ quan ban hành"},
    "common.title": {"en": "Title", "vi": "Tiêu đề"},
    "common.source": {"en": "Source", "vi": "Nguồn"},
    "common.coverage": {"en": "Coverage", "vi": "Mức độ có văn bản"},
    "common.provisions": {"en": "Provisions", "vi": "Điều khoản"},
    "common.own": {"en": "own", "vi": "nguyên văn"},
    "common.all": {"en": "All", "vi": "Tất cả"},
    "common.any": {"en": "Any", "vi": "Bất kỳ"},
    "common.theme": {"en": "Theme", "vi": "Chủ đề"},
    "common.themes": {"en": "Themes", "vi": "Chủ đề"},
    "common.years": {"en": "Years", "vi": "Năm"},
    "common.entity": {"en": "Organisation, agreement or mechanism", "vi": "Tổ chức, hiệp định, cơ chế"},
    "common.actor": {"en": "Responsible body", "vi": "Cơ quan được giao"},
    "common.role": {"en": "Role", "vi": "Vai trò"},
    "common.open": {"en": "Open", "vi": "Mở"},
    "common.source_text": {"en": "Source text", "vi": "Văn bản nguồn"},
    "common.facts_source": {"en": "Facts (date, title, issuer)", "vi": "Thông tin (ngày, tiêu đề, cơ quan)"},
    "common.seed_file": {"en": "seed file", "vi": "tệp nguồn"},
    "common.not_held": {"en": "not held", "vi": "không có văn bản"},
    "common.unavailable": {"en": "not in this dataset yet", "vi": "chưa có trong bộ dữ liệu"},
    "common.page": {"en": "Page", "vi": "Trang"},
    "common.previous": {"en": "Previous", "vi": "Trước"},
    "common.next": {"en": "Next", "vi": "Sau"},
    "common.target": {"en": "Target", "vi": "Mục tiêu"},
    "common.targets": {"en": "Targets", "vi": "Mục tiêu"},
    "target_kind.goal": {"en": "goal", "vi": "mục tiêu"},
    "target_kind.milestone": {"en": "milestone", "vi": "mốc"},
    "target_kind.programme_period": {"en": "programme period", "vi": "giai đoạn chương trình"},
    "target_kind.reported_indicator": {"en": "reported indicator", "vi": "chỉ số được đưa tin"},
    "claim.accepted": {"en": "accepted", "vi": "được chấp nhận"},
    "claim.rejected": {"en": "rejected", "vi": "bị bác bỏ"},
    "role.lead": {"en": "lead", "vi": "chủ trì"},
    "role.coordinate": {"en": "coordinate", "vi": "phối hợp"},
    "role.assist": {"en": "assist", "vi": "giúp việc"},
    "role.report": {"en": "report", "vi": "báo cáo"},
    "common.inherited": {"en": "from the enclosing item", "vi": "theo mục bao quanh"},
    "kind.commentary": {
        "en": "Publisher's framing, not the document's words",
        "vi": "Lời dẫn của đơn vị đăng tải, không phải lời văn của văn bản",
    },
    "kind.reported": {
        "en": "Reported: a secondary account's words, not the document's",
        "vi": "Tường thuật: lời của nguồn thứ cấp, không phải lời văn của văn bản",
    },
    "highlight.legend": {"en": "Highlights", "vi": "Đánh dấu"},
    "highlight.query": {"en": "search match", "vi": "khớp tìm kiếm"},
    "highlight.target": {"en": "target", "vi": "mục tiêu"},
    "highlight.actor": {"en": "responsible body", "vi": "cơ quan được giao"},
    "highlight.entity": {"en": "organisation or agreement", "vi": "tổ chức, hiệp định"},
    # home
    "home.title": {
        "en": "Viet Nam's international-integration policy, document by document",
        "vi": "Chính sách hội nhập quốc tế của Việt Nam qua từng văn bản",
    },
    "home.lead": {
        "en": "This dashboard turns the Party's, the Government's and the ministries' documents on "
        "international integration into a cited dataset: every provision is traced to its source "
        "text and character span.",
        "vi": "Bảng điều khiển này chuyển các văn bản của Đảng, Chính phủ và các bộ về hội nhập quốc tế "
        "thành một bộ dữ liệu có trích dẫn: mỗi điều khoản đều dẫn về văn bản nguồn và vị trí ký tự.",
    },
    "home.lead2": {
        "en": "Follow how themes, targets and horizons move from 2013 to 2025 on the timeline, search "
        "every provision in the explorer, and open any document to read it with its sources.",
        "vi": "Theo dõi sự chuyển dịch của chủ đề, mục tiêu và tầm nhìn từ 2013 đến 2025 trên dòng thời "
        "gian, tra cứu mọi điều khoản và mở từng văn bản để đọc kèm nguồn.",
    },
    "home.corpus": {"en": "The corpus", "vi": "Kho văn bản"},
    "home.referenced": {
        "en": "Documents referenced but not held",
        "vi": "Văn bản được dẫn chiếu nhưng không có",
    },
    "home.referenced_note": {
        "en": "Known only through the relations of the documents above; they give the relation graph its ends.",
        "vi": "Chỉ biết qua quan hệ với các văn bản trên; giúp đồ thị quan hệ đầy đủ.",
    },
    "home.coverage_title": {
        "en": "Read the coverage before you compare",
        "vi": "Xem mức độ bao phủ trước khi so sánh",
    },
    "home.coverage_body": {
        "en": "Each seed holds only part of its document, and a secondary account reports a "
        "document rather than quoting it. Charts that compare documents flag this; theme "
        "shares and comparisons count the document's own words only.",
        "vi": "Mỗi nguồn chỉ chứa một phần văn bản; nguồn thứ cấp thuật lại chứ không trích "
        "nguyên văn. Các biểu đồ so sánh đều ghi rõ điều này; tỷ trọng chủ đề và so sánh "
        "chỉ tính lời văn của chính văn bản.",
    },
    "home.try": {"en": "Try", "vi": "Thử"},
    "home.try_timeline": {
        "en": "the timeline of documents and relations",
        "vi": "dòng thời gian văn bản và quan hệ",
    },
    "home.try_themes": {
        "en": "how the weight of science and technology moved from {a} to {b}",
        "vi": "tỷ trọng khoa học và công nghệ thay đổi thế nào từ {a} đến {b}",
    },
    "home.try_compare": {
        "en": "what the 2025 action programme says that the 2016 strategy did not",
        "vi": "chương trình hành động 2025 nói gì mà chiến lược 2016 chưa nói",
    },
    "home.try_asean": {"en": "every mention of ASEAN", "vi": "mọi lần nhắc đến ASEAN"},
    "home.try_mofa": {
        "en": "every task given to the Ministry of Foreign Affairs",
        "vi": "mọi nhiệm vụ giao Bộ Ngoại giao",
    },
    # timeline
    "timeline.title": {"en": "Timeline", "vi": "Dòng thời gian"},
    "timeline.layers": {"en": "Show", "vi": "Hiển thị"},
    "timeline.layer.relations": {"en": "Relations", "vi": "Quan hệ"},
    "timeline.layer.horizons": {"en": "Horizons and target years", "vi": "Tầm nhìn và năm mục tiêu"},
    "timeline.layer.not_held": {"en": "Documents not held", "vi": "Văn bản không có"},
    "timeline.relations": {"en": "Relations between documents", "vi": "Quan hệ giữa các văn bản"},
    "timeline.from": {"en": "From", "vi": "Từ"},
    "timeline.relation": {"en": "Relation", "vi": "Quan hệ"},
    "timeline.to": {"en": "To", "vi": "Đến"},
    "timeline.evidence": {"en": "Evidence", "vi": "Căn cứ"},
    "timeline.confidence": {"en": "Confidence", "vi": "Độ tin cậy"},
    "timeline.more_relations": {
        "en": "The first {n} of {total} relations; relations.csv in the data package has them all.",
        "vi": "{n} trên {total} quan hệ đầu tiên; tệp relations.csv của bộ dữ liệu có đủ.",
    },
    "timeline.no_relations": {
        "en": "No relations between the documents shown.",
        "vi": "Không có quan hệ giữa các văn bản đang hiển thị.",
    },
    # document
    "document.choose": {"en": "Choose a document", "vi": "Chọn một văn bản"},
    "document.unknown": {
        "en": "There is no document {ref} in this dataset.",
        "vi": "Không có văn bản {ref} trong bộ dữ liệu.",
    },
    "document.unknown_hint": {
        "en": "Pick one of these instead (an id such as 59-NQ-TW-2025 or a symbol such as 59-NQ/TW both work):",
        "vi": "Hãy chọn một trong các văn bản sau (dùng mã như 59-NQ-TW-2025 hoặc số hiệu như 59-NQ/TW):",
    },
    "document.not_held": {
        "en": "The corpus holds no text of this document; it is known through the relations below.",
        "vi": "Kho dữ liệu không có văn bản này; chỉ biết qua các quan hệ dưới đây.",
    },
    "document.horizons": {"en": "Horizons", "vi": "Tầm nhìn"},
    "document.versions": {"en": "Versions", "vi": "Các bản"},
    "document.versions_note": {
        "en": "Held in {n} languages; each version is read on its own. Theme shares count the primary version "
        "only, so the document is not counted twice; Compare pairs the versions' provisions by their numbering.",
        "vi": "Có {n} bản ngôn ngữ; mỗi bản được đọc riêng. Tỷ trọng chủ đề chỉ tính bản chính, để văn bản không "
        "bị tính hai lần; trang So sánh ghép các điều khoản của hai bản theo số thứ tự.",
    },
    "document.compare_versions": {"en": "Compare the versions", "vi": "So sánh hai bản"},
    "language.en": {"en": "English", "vi": "Tiếng Anh"},
    "language.vi": {"en": "Vietnamese", "vi": "Tiếng Việt"},
    "document.relations": {"en": "Relations", "vi": "Quan hệ"},
    "document.cited_targets": {
        "en": "Targets reported by other sources",
        "vi": "Mục tiêu do nguồn khác đưa tin",
    },
    "document.claims": {"en": "Conflicting facts", "vi": "Thông tin mâu thuẫn"},
    "document.provisions": {"en": "Provisions", "vi": "Các điều khoản"},
    "document.provisions_note": {
        "en": "{n} provisions, {own} of them the document's own words.",
        "vi": "{n} điều khoản, trong đó {own} là lời văn của chính văn bản.",
    },
    "document.missing_provision": {
        "en": "Provision {ref} is not in this document; showing the whole document.",
        "vi": "Điều khoản {ref} không có trong văn bản này; hiển thị toàn văn.",
    },
    "document.in_explorer": {"en": "Search this document", "vi": "Tra cứu trong văn bản này"},
    "incoming.implements": {"en": "implemented by", "vi": "được thực hiện bởi"},
    "incoming.references": {"en": "referenced by", "vi": "được dẫn chiếu bởi"},
    "incoming.follows_review_of": {"en": "reviewed, and followed by", "vi": "được tổng kết, kế thừa bởi"},
    "incoming.reviews": {"en": "reviewed by", "vi": "được tổng kết bởi"},
    "incoming.supersedes": {"en": "superseded by", "vi": "bị thay thế bởi"},
    "document.conflict": {"en": "Sources disagree", "vi": "Các nguồn không thống nhất"},
    # explorer
    "explorer.title": {"en": "Explorer", "vi": "Tra cứu"},
    "explorer.search": {"en": "Search provisions", "vi": "Tìm trong các điều khoản"},
    "explorer.placeholder": {
        "en": 'Words or "a phrase"; -word excludes. Accents and case are ignored.',
        "vi": 'Từ khóa hoặc "cụm từ"; -từ để loại trừ. Không phân biệt dấu và hoa thường.',
    },
    "explorer.own_only": {
        "en": "The documents' own words only (no publisher's framing or reports)",
        "vi": "Chỉ lời văn của văn bản (bỏ lời dẫn và tường thuật)",
    },
    "explorer.count": {"en": "{n} provisions in {d} documents", "vi": "{n} điều khoản trong {d} văn bản"},
    "explorer.count_one_doc": {"en": "{n} provisions in 1 document", "vi": "{n} điều khoản trong 1 văn bản"},
    "explorer.count_one": {"en": "1 provision in 1 document", "vi": "1 điều khoản trong 1 văn bản"},
    "explorer.none": {
        "en": "No provision matches. Remove a filter or try fewer words.",
        "vi": "Không có điều khoản phù hợp. Hãy bỏ bớt bộ lọc hoặc từ khóa.",
    },
    "explorer.ranked": {
        "en": "best matches first (ranked by BM25; “diploma” also finds “diplomas”)",
        "vi": "kết quả phù hợp nhất trước (xếp hạng BM25)",
    },
    "explorer.partial": {
        "en": "a word matched only as the start of a longer word",
        "vi": "một từ chỉ khớp với phần đầu của từ dài hơn",
    },
    "explorer.whole": {"en": "Whole provision", "vi": "Toàn văn điều khoản"},
    "explorer.names": {"en": "Also in titles and names", "vi": "Cũng có trong tiêu đề và tên gọi"},
    "explorer.name.document": {"en": "Title of {doc}", "vi": "Tiêu đề của {doc}"},
    "explorer.name.theme": {"en": "Theme", "vi": "Chủ đề"},
    "explorer.name.actor": {"en": "Responsible body", "vi": "Cơ quan được giao"},
    "explorer.name.entity": {"en": "Organisation, agreement or mechanism", "vi": "Tổ chức, hiệp định, cơ chế"},
    "explorer.no_vietnamese": {
        "en": "No provision matches: the corpus holds no document text in Vietnamese (its seeds are English "
        "translations, summaries and reports), so Vietnamese words are found only in titles and names.",
        "vi": "Không có điều khoản phù hợp: kho văn bản chưa có văn bản tiếng Việt (các tệp nguồn là bản dịch, "
        "tóm tắt và bài tường thuật tiếng Anh), nên từ tiếng Việt chỉ được tìm trong tiêu đề và tên gọi.",
    },
    "explorer.showing": {"en": "showing {a}–{b}", "vi": "hiển thị {a}–{b}"},
    "explorer.clear": {"en": "Clear all filters", "vi": "Xóa mọi bộ lọc"},
    "explorer.open": {"en": "Open in document", "vi": "Mở trong văn bản"},
    "explorer.filter_unavailable": {
        "en": "available once the {what} table is in the dataset",
        "vi": "có khi bộ dữ liệu có bảng {what}",
    },
    # notices (URL parameters that were ignored or corrected)
    "notice.title": {"en": "Part of the address was not understood", "vi": "Một phần địa chỉ không hợp lệ"},
    "notice.unknown-param": {
        "en": "Ignored the unknown parameter “{param}”.",
        "vi": "Đã bỏ qua tham số không xác định “{param}”.",
    },
    "notice.unknown-value": {
        "en": "Ignored {param}=“{value}”: no such value in this dataset.",
        "vi": "Đã bỏ qua {param}=“{value}”: không có giá trị này trong bộ dữ liệu.",
    },
    "notice.malformed": {
        "en": "Ignored {param}=“{value}”: not a valid value.",
        "vi": "Đã bỏ qua {param}=“{value}”: giá trị không hợp lệ.",
    },
    "notice.repeated": {
        "en": "{param} was given more than once; used the first value.",
        "vi": "{param} xuất hiện nhiều lần; đã dùng giá trị đầu tiên.",
    },
    "notice.swapped": {
        "en": "The year range was reversed; swapped it.",
        "vi": "Khoảng năm bị đảo ngược; đã đổi lại.",
    },
    "notice.unavailable": {
        "en": "Ignored {param}=“{value}”: this filter needs a table the dataset does not have yet.",
        "vi": "Đã bỏ qua {param}=“{value}”: bộ lọc này cần bảng dữ liệu chưa có.",
    },
    "notice.too-long": {
        "en": "The search text was shortened to {value} characters.",
        "vi": "Nội dung tìm kiếm đã được rút gọn còn {value} ký tự.",
    },
    "notice.too-many": {
        "en": "Read only the first {value} values of {param}.",
        "vi": "Chỉ đọc {value} giá trị đầu tiên của {param}.",
    },
    "notice.more": {"en": "… and {n} more.", "vi": "… và {n} mục khác."},
    "notice.pin-unknown": {
        "en": "Ignored pin=“{value}”: {detail} is not a provision of these two documents.",
        "vi": "Đã bỏ qua pin=“{value}”: {detail} không phải là điều khoản của hai văn bản này.",
    },
    "notice.pin-conflict": {
        "en": "Ignored pin=“{value}”: an earlier correction already places {detail}.",
        "vi": "Đã bỏ qua pin=“{value}”: một điều chỉnh trước đó đã xếp {detail}.",
    },
    "notice.pin-too-many": {
        "en": "Ignored pin=“{value}”: at most {detail} corrections.",
        "vi": "Đã bỏ qua pin=“{value}”: tối đa {detail} điều chỉnh.",
    },
    "notice.out-of-range": {
        "en": "No targets fall due outside {detail}; showing {value}.",
        "vi": "Không có mục tiêu nào đến hạn ngoài khoảng {detail}; đang hiển thị {value}.",
    },
    # captions (the view in words)
    "caption.timeline": {"en": "All documents", "vi": "Tất cả văn bản"},
    "caption.all": {"en": "All provisions", "vi": "Tất cả điều khoản"},
    "caption.matching": {"en": "Provisions matching “{q}”", "vi": "Điều khoản khớp “{q}”"},
    "caption.in": {"en": "in {docs}", "vi": "trong {docs}"},
    "caption.theme": {"en": "theme “{theme}”", "vi": "chủ đề “{theme}”"},
    "caption.issuer": {"en": "issued by {issuer}", "vi": "do {issuer} ban hành"},
    "caption.entity": {"en": "naming {entity}", "vi": "nhắc đến {entity}"},
    "caption.actor": {"en": "assigned to {actor}", "vi": "giao cho {actor}"},
    "caption.own": {"en": "own words only", "vi": "chỉ lời văn của văn bản"},
    # source view
    "source.title": {"en": "Source text", "vi": "Văn bản nguồn"},
    "source.whole": {"en": "the beginning of the seed file", "vi": "phần đầu của tệp nguồn"},
    "source.span": {"en": "characters {a}–{b}", "vi": "ký tự {a}–{b}"},
    "source.span_of": {
        "en": "characters {a}–{b} of the seed file {file}",
        "vi": "ký tự {a}–{b} của tệp nguồn {file}",
    },
    "source.link_title": {
        "en": "Open the seed text around these words, highlighted",
        "vi": "Mở văn bản nguồn quanh đoạn này, có tô sáng",
    },
    "source.in_source": {"en": "In the source", "vi": "Trong văn bản nguồn"},
    "source.seed_file": {"en": "Seed file", "vi": "Tệp nguồn"},
    "source.publisher": {"en": "Published by", "vi": "Nơi đăng"},
    "source.publisher_url": {"en": "Publisher's page of this text", "vi": "Trang của nơi đăng văn bản này"},
    "source.publisher_url_unknown": {
        "en": "The address of the publisher's page was not recorded.",
        "vi": "Không ghi lại địa chỉ trang của nơi đăng.",
    },
    "source.facts_url": {
        "en": "Source of the document's facts (date, title, issuer), not of this text",
        "vi": "Nguồn thông tin về văn bản (ngày, tiêu đề, cơ quan), không phải của đoạn văn này",
    },
    "source.in_provision": {"en": "In provision {p}", "vi": "Trong điều khoản {p}"},
    "source.highlighted": {"en": "The highlighted words", "vi": "Đoạn được tô sáng"},
    "source.verbatim": {
        "en": "The seed file's text as the build read it (before normalisation); the highlight is the span.",
        "vi": "Văn bản của tệp nguồn như khi xây dựng dữ liệu (chưa chuẩn hóa); phần tô sáng là đoạn được chỉ.",
    },
    "source.unknown": {
        "en": "The corpus holds no text of “{doc}”. Choose one of the documents it holds:",
        "vi": "Kho văn bản không có văn bản “{doc}”. Hãy chọn một văn bản có trong kho:",
    },
    "source.choose": {"en": "Choose a document to read its source text:", "vi": "Chọn văn bản để đọc văn bản nguồn:"},
    "source.no_text": {
        "en": "This dataset does not include the seed texts (rebuild it with this version).",
        "vi": "Bộ dữ liệu này không kèm văn bản nguồn (hãy xây dựng lại bằng phiên bản này).",
    },
    "source.bad_span": {
        "en": "The address gives no usable span (start and end must be whole numbers, start before end); "
        "showing the beginning of the seed file.",
        "vi": "Địa chỉ không chỉ ra đoạn hợp lệ (start và end phải là số nguyên, start nhỏ hơn end); "
        "đang hiển thị phần đầu của tệp nguồn.",
    },
    "source.out_of_range": {
        "en": "The span {a}–{b} lies outside this seed file, which has {n} characters; showing its beginning.",
        "vi": "Đoạn {a}–{b} nằm ngoài tệp nguồn này (có {n} ký tự); đang hiển thị phần đầu.",
    },
    # not found
    "notfound.title": {"en": "There is no page here", "vi": "Không có trang này"},
    "notfound.body": {
        "en": "The address does not match any page of the dashboard. Start again from one of these:",
        "vi": "Địa chỉ không khớp với trang nào. Hãy bắt đầu lại từ:",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Return the interface string `key` in `lang` (English if untranslated), formatted with `values`."""
    entry = STRINGS.get(key)
    text = (entry.get(lang) or entry.get(DEFAULT_LANG, key)) if entry else key
    return text.format(**values) if values else text


def theme_label(theme_id: str, lang: str = DEFAULT_LANG) -> str:
    """Return the codebook label of a theme in `lang` (the id when the codebook does not know it)."""
    for theme in load_codebook()["themes"]:
        if theme["id"] == theme_id:
            return theme.get(f"label_{lang}") or theme.get("label_en") or theme_id
    return theme_id


def theme_ids() -> list[str]:
    """Return the codebook's theme ids in order."""
    return [theme["id"] for theme in load_codebook()["themes"]]
