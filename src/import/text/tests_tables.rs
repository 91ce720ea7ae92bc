//! The text reader's unit tests: tables (tab rows, pipes, columns, flattened cells).
// A test that unwraps fails loudly, which is what a test should do.
#![allow(clippy::unwrap_used)]

use super::lines::blocks;
use super::tests::{para_plain, paras, plains, read_txt};
use crate::import::doc::Block;

fn table_of(b: &[Block]) -> Vec<Vec<String>> {
    let t = b
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .unwrap_or_else(|| panic!("no table: {b:#?}"));
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| c.plain()).collect())
        .collect()
}

#[test]
fn pipe_rows_are_a_table_with_or_without_outer_pipes() {
    let want = [
        ["Tháng", "Nội dung"],
        ["9/2024", "Khai giảng"],
        ["10/2024", "Hội thi"],
    ]
    .map(|r| r.map(str::to_string).to_vec())
    .to_vec();
    for text in [
        "| Tháng | Nội dung |\n|---|:---:|\n| 9/2024 | Khai giảng |\n| 10/2024 | Hội thi |\n",
        "| Tháng | Nội dung |\n| 9/2024 | Khai giảng |\n| 10/2024 | Hội thi |\n",
        "Tháng | Nội dung\n--- | ---\n9/2024 | Khai giảng\n10/2024 | Hội thi\n",
        "Tháng | Nội dung\n9/2024 | Khai giảng\n10/2024 | Hội thi\n",
    ] {
        let b = read_txt(&format!("Lịch\n{text}Hết\n"));
        assert_eq!(table_of(&b), want, "{text}");
        assert_eq!(b.len(), 3, "{text}");
    }
    // A line of prose with a pipe is prose.
    assert!(
        read_txt("Trường A | Phòng GD\n\nHết\n")
            .iter()
            .all(|b| matches!(b, Block::Para(_)))
    );
}

#[test]
fn columns_aligned_with_spaces_are_a_table() {
    let text = "\
V. LỊCH CÔNG TÁC

  Tháng        Nội dung                          Người thực hiện
  9/2024       - Khai giảng năm học              BGH
               - Họp phụ huynh đầu năm           GVCN
  10/2024      - Hội thi giáo viên dạy giỏi      Tổ chuyên môn
               cấp trường
  11/2024      - Kỷ niệm ngày 20/11              Công đoàn

VI. TỔ CHỨC THỰC HIỆN
";
    let b = read_txt(text);
    assert_eq!(
        table_of(&b),
        [
            ["Tháng", "Nội dung", "Người thực hiện"],
            [
                "9/2024",
                "- Khai giảng năm học\n- Họp phụ huynh đầu năm",
                "BGH\nGVCN"
            ],
            [
                "10/2024",
                "- Hội thi giáo viên dạy giỏi cấp trường",
                "Tổ chuyên môn"
            ],
            ["11/2024", "- Kỷ niệm ngày 20/11", "Công đoàn"],
        ]
        .map(|r| r.map(str::to_string).to_vec())
        .to_vec()
    );
    assert_eq!(b.len(), 3);
    assert_eq!(para_plain(&b[2]), "VI. TỔ CHỨC THỰC HIỆN");
}

#[test]
fn the_two_column_head_and_justified_prose_are_not_tables() {
    let text = "\
  ĐẢNG BỘ XÃ TIÊN CƯỜNG              ĐẢNG CỘNG SẢN VIỆT NAM
  CHI BỘ TRƯỜNG MẦM NON           Tiên Cường, ngày 27 tháng 01 năm 2023
  Số: 02-KH/CBMN                          *

                         KẾ HOẠCH
               Hoạt động chi bộ năm 2023

Căn  cứ  Chương  trình  công  tác  năm  2023  của  Đảng  ủy  xã;  Nghị  quyết
Đại hội chi  bộ  trường  Mầm  non  nhiệm  kỳ  2022-2025,  Thực  hiện  Chương
trình  công  tác  của  ngành  Giáo  dục,  chi  bộ  xây  dựng  kế  hoạch  như
sau:

Nơi nhận:                                      T/M CHI BỘ
- Đảng ủy (để b/c);                              BÍ THƯ
- Lưu: CB.
                                             Vũ Thị Xuyên
";
    let b = read_txt(text);
    assert!(b.iter().all(|b| matches!(b, Block::Para(_))), "{b:#?}");
    assert!(para_plain(&b[0]).starts_with("ĐẢNG BỘ XÃ TIÊN CƯỜNG              ĐẢNG"));
}

#[test]
fn tab_rows_continue_a_month_and_may_have_fewer_cells() {
    let text = "Tháng\tNội dung\tPhụ trách\n9/2024\t- Khai giảng - Họp phụ huynh\tBGH\n\t- Tết Trung thu\n10/2024\tHội thi\nHết\n";
    let b = read_txt(text);
    assert_eq!(
        table_of(&b),
        [
            ["Tháng", "Nội dung", "Phụ trách"],
            ["9/2024", "- Khai giảng - Họp phụ huynh", "BGH"],
            ["", "- Tết Trung thu", ""],
            ["10/2024", "Hội thi", ""],
        ]
        .map(|r| r.map(str::to_string).to_vec())
        .to_vec()
    );
    let Block::Table(t) = &b[0] else { panic!() };
    assert_eq!(t.rows[1][1].paras[0].text, "- Khai giảng - Họp phụ huynh");
    assert_eq!(para_plain(&b[1]), "Hết");
}

#[test]
fn word_bullets_copied_as_text_start_list_items() {
    let text =
        "• Một\n· Hai\n\u{F0B7} Ba\n\u{F0B7}\tBốn\no Năm\n\u{F0A7} Sáu\n\u{F0D8} Bảy\n-\tTám\n";
    let got: Vec<(String, Option<u8>)> = read_txt(text)
        .into_iter()
        .map(|b| match b {
            Block::Para(p) => (p.plain, p.bullet),
            Block::Table(t) => panic!("{t:?}"),
        })
        .collect();
    let want = [
        ("Một", 0),
        ("Hai", 0),
        ("Ba", 0),
        ("Bốn", 0),
        ("Năm", 1),
        ("Sáu", 1),
        ("Bảy", 0),
        ("Tám", 0),
    ]
    .map(|(t, l)| (t.to_string(), Some(l)));
    assert_eq!(got, want);
}

#[test]
fn numbered_lines_stay_text_and_star_is_an_item_only_in_markdown() {
    let got = paras("1) Mục đích\na) Nội dung\nb. Hình thức\n");
    assert!(got.iter().all(|p| p.2.is_none()), "{got:?}");
    assert_eq!(got.len(), 3);
    let md = blocks("* Một\n* Hai\n", true);
    assert!(matches!(&md[1], Block::Para(p) if p.bullet == Some(0) && p.plain == "Hai"));
    assert!(matches!(&paras("* Một\n")[0], (_, t, None) if t == "\\* Một"));
}

fn rows(want: &[&[&str]]) -> Vec<Vec<String>> {
    want.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn a_table_flattened_one_cell_a_line_is_rebuilt() {
    let text = "\
III. LỊCH CÔNG TÁC
TT
Nội dung công việc
Người thực hiện:
1
- Khai giảng năm học mới
- Họp phụ huynh đầu năm
BGH
2
Hội thi giáo viên giỏi
Tổ chuyên môn
3
- Kỷ niệm ngày 20/11
- Hội diễn văn nghệ
IV. TỔ CHỨC THỰC HIỆN
";
    let b = read_txt(text);
    assert_eq!(
        table_of(&b),
        rows(&[
            &["TT", "Nội dung công việc", "Người thực hiện:"],
            &[
                "1",
                "- Khai giảng năm học mới\n- Họp phụ huynh đầu năm",
                "BGH"
            ],
            &["2", "Hội thi giáo viên giỏi", "Tổ chuyên môn"],
            &["3", "- Kỷ niệm ngày 20/11\n- Hội diễn văn nghệ", ""],
        ])
    );
    assert_eq!(b.len(), 3);
    assert_eq!(para_plain(&b[2]), "IV. TỔ CHỨC THỰC HIỆN");
}

#[test]
fn a_flattened_month_table_with_missing_cells() {
    let text = "\
Tháng

Nội dung

Phụ trách

Ghi chú

Tháng 9/2024

- Khai giảng

- Trung thu

Hiệu trưởng

Tháng 10/2024

Hội thi

Tháng 11/2024

- Kỷ niệm 20/11

Công đoàn

Tốt
";
    let b = read_txt(text);
    assert_eq!(
        table_of(&b),
        rows(&[
            &["Tháng", "Nội dung", "Phụ trách", "Ghi chú"],
            &[
                "Tháng 9/2024",
                "- Khai giảng\n- Trung thu",
                "Hiệu trưởng",
                ""
            ],
            &["Tháng 10/2024", "Hội thi", "", ""],
            &["Tháng 11/2024", "- Kỷ niệm 20/11", "Công đoàn", "Tốt"],
        ])
    );
}

#[test]
fn lines_that_cannot_be_placed_stay_paragraphs_in_order() {
    // No content column and more lines than columns: not a table.
    let text = "STT\nHọ và tên\n1\nNguyễn Văn A\nLớp 5A\nGiỏi\n2\nTrần Thị B\n";
    let got = plains(text);
    assert_eq!(got.join("\n"), text.trim_end());
    // One header line is a heading, not a table.
    assert!(
        read_txt("Thời gian\n1/9/2024\nKhai giảng\n")
            .iter()
            .all(|b| matches!(b, Block::Para(_)))
    );
}
