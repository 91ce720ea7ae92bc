//! The text reader's unit tests.
// A test that unwraps fails loudly, which is what a test should do.
#![allow(clippy::unwrap_used)]
use std::path::Path;

use super::lines::blocks;
use super::read;
use crate::import::doc::Block;

pub(super) fn paras(text: &str) -> Vec<(usize, String, Option<u8>)> {
    blocks(text, false)
        .into_iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some((p.at, p.text, p.bullet)),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn lines_continuing_in_lower_case_are_joined() {
    let got = paras("- Tiếp tục thực hiện\nbằng cách cử đi học.\n\nđảng viên không được.\n");
    assert_eq!(
        got,
        [(
            1,
            "Tiếp tục thực hiện bằng cách cử đi học. đảng viên không được.".to_string(),
            Some(0)
        )]
    );
}

#[test]
fn other_lines_are_line_breaks_and_items_start_anew() {
    let got = paras("- Tổng số là 21.\nTrong đó: 19 đ/c.\n- Chi bộ: tốt\n+ chi tiết\n");
    assert_eq!(got[0].1, "Tổng số là 21.\\\nTrong đó: 19 đ/c.");
    assert_eq!(got[1], (3, "Chi bộ: tốt".to_string(), Some(0)));
    assert_eq!(got[2], (4, "chi tiết".to_string(), Some(1)));
}

#[test]
fn stars_and_numbers_at_the_start_are_wording() {
    let got = paras("* Đối với trẻ: 2%\n\n*** Công tác đảng.**\n\n1. Tiếp tục\n\n2) Hai\n");
    assert_eq!(got[0].1, "\\* Đối với trẻ: 2%");
    assert_eq!(got[1].1, "\\* **Công tác đảng.**");
    assert_eq!(got[2].1, "1\\. Tiếp tục");
    assert_eq!(got[3].1, "2\\) Hai");
}

#[test]
fn a_star_line_starts_a_paragraph_and_broken_lines_stay_text() {
    let got = paras("- Chi bộ: Đạt.\n* Kết quả phát triển.\n\nTọa đàm.\n# Sinh hoạt chi bộ.\n");
    assert_eq!(got[0].1, "Chi bộ: Đạt.");
    assert_eq!(got[1].1, "\\* Kết quả phát triển.");
    assert_eq!(got[2].1, "Tọa đàm.\\\n\\# Sinh hoạt chi bộ.");
}

#[test]
fn a_numbered_line_starts_a_paragraph_without_a_blank_line() {
    let got = paras("Mở đầu\n2. Tình hình\n");
    assert_eq!(got.len(), 2);
}

#[test]
fn tab_rows_make_a_table_with_tags_dropped() {
    let text = "V- CÔNG TÁC THÁNG\n\nTháng\tNội dung\n1/2023\t<ul style=\"x\">- Một.- Hai &amp; ba</ul>\n\n2/2023\t<li>Bốn</li><li>Năm | sáu</li>\nVI- TỔ CHỨC\n";
    let b = blocks(text, false);
    let Block::Table(t) = &b[1] else {
        panic!("no table: {b:?}")
    };
    assert_eq!(t.at, 3);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[1][1].plain(), "- Một.- Hai & ba");
    assert_eq!(t.rows[2][1].paras[1].text, "Năm \\| sáu");
    assert_eq!(t.rows[2][1].paras[1].at, 6);
    assert!(matches!(&b[2], Block::Para(p) if p.at == 7));
}

#[test]
fn html_in_plain_text_is_text() {
    assert_eq!(paras("Trẻ <5 tuổi và <b>")[0].1, "Trẻ <5 tuổi và \\<b>");
}

#[test]
fn utf16_with_a_bom_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Số: 1\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let b = read(Path::new("a.txt"), &bytes, false).unwrap();
    assert!(matches!(&b[0], Block::Para(p) if p.plain == "Số: 1"));
}

#[test]
fn invalid_utf8_is_an_error_with_a_hint() {
    let err = read(Path::new("a.txt"), b"ok\n\xff\n", false).unwrap_err();
    assert!(err.hint.unwrap_or_default().contains("UTF-8"));
}

/// The blocks of `text` read as a .txt file, through decoding and normalisation.
pub(super) fn read_txt(text: &str) -> Vec<Block> {
    read(Path::new("a.txt"), text.as_bytes(), false).unwrap()
}

pub(super) fn para_plain(b: &Block) -> &str {
    match b {
        Block::Para(p) => &p.plain,
        Block::Table(t) => panic!("a table, not a paragraph: {t:?}"),
    }
}

#[test]
fn no_break_and_zero_width_characters_are_ordinary_text() {
    let b = read_txt("Tháng\u{a0}9:\u{202f}Khai\u{2007}giảng\u{200b} năm\u{feff} học\n");
    assert_eq!(para_plain(&b[0]), "Tháng 9: Khai giảng năm học");
    let Block::Para(p) = &b[0] else { panic!() };
    assert_eq!(p.text, "Tháng 9: Khai giảng năm học");
}

#[test]
fn decomposed_vietnamese_is_composed() {
    // "Kế hoạch tháng" as a Mac or a PDF copies it: base letters and combining marks.
    let b = read_txt("KE\u{302}\u{301} HOA\u{323}CH tha\u{301}ng 9\n");
    assert_eq!(para_plain(&b[0]), "KẾ HOẠCH tháng 9");
}

#[test]
fn an_nbsp_entity_in_a_cell_is_a_space() {
    let b = read_txt("Tháng\tNội dung\n9/2024\tKhai&nbsp;giảng\n10/2024\tHọp\n");
    let Block::Table(t) = &b[0] else { panic!() };
    assert_eq!(t.rows[1][1].plain(), "Khai giảng");
}

pub(super) fn plains(text: &str) -> Vec<String> {
    read_txt(text)
        .iter()
        .map(|b| para_plain(b).to_string())
        .collect()
}

#[test]
fn page_numbers_at_page_edges_are_dropped() {
    for number in ["1", "- 2 -", "Trang 3", "3/12", "Trang 2 / 5", "– 7 –"] {
        let text = format!("- Tổ chức khai giảng.\n\n{number}\n\u{c}- Họp phụ huynh.\n");
        assert_eq!(
            plains(&text),
            ["- Tổ chức khai giảng.", "- Họp phụ huynh."].map(|s| s[2..].to_string()),
            "{number}"
        );
    }
    // Not at a page's edge, or not a page number: text.
    assert_eq!(plains("Mục tiêu\n\n12\n\nHết\n").len(), 3);
    assert_eq!(plains("Lịch\n\n12/2023\n\u{c}Hết\n")[1], "12/2023");
}

#[test]
fn a_paragraph_continues_across_a_page_break() {
    let text = "- Tiếp tục thực hiện kế hoạch\n\n           2\n\u{c}\ncủa nhà trường.\n";
    let b = read_txt(text);
    assert_eq!(b.len(), 1);
    assert_eq!(
        para_plain(&b[0]),
        "Tiếp tục thực hiện kế hoạch của nhà trường."
    );
}

#[test]
fn running_headers_and_footers_are_dropped_but_kept_in_the_head() {
    let page = |n: usize, body: &str| {
        format!("TRƯỜNG MẦM NON HOA SEN\n\n{body}\n\nKế hoạch năm học 2024-2025   Trang {n}\n\u{c}")
    };
    let text = [
        page(1, "KẾ HOẠCH\nNăm học 2024-2025"),
        page(2, "I. MỤC TIÊU\n- Nâng cao chất lượng"),
        page(3, "chăm sóc trẻ.\nII. NHIỆM VỤ"),
        page(4, "- Tổ chức tốt các hoạt động."),
    ]
    .concat();
    let got = plains(&text);
    assert_eq!(
        got,
        [
            "TRƯỜNG MẦM NON HOA SEN",
            "KẾ HOẠCH\nNăm học 2024-2025",
            "I. MỤC TIÊU",
            "Nâng cao chất lượng chăm sóc trẻ.",
            "II. NHIỆM VỤ",
            "Tổ chức tốt các hoạt động."
        ]
    );
    // Twice is not a running header.
    let two = [page(1, "A"), page(2, "B")].concat();
    assert_eq!(
        plains(&two)
            .iter()
            .filter(|p| p.contains("HOA SEN"))
            .count(),
        2
    );
}
