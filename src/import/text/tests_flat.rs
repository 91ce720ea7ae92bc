//! The text reader's tests of tables flattened one cell a line (a web page's table copied as
//! text): the headers, the values, the rows and where the tables end.
// A test that unwraps fails loudly, which is what a test should do.
#![allow(clippy::unwrap_used)]
use std::path::Path;

use super::headers::{Kind, kind};
use super::read;
use super::values::{Shape, shape};
use crate::import::doc::Block;

fn blocks(text: &str) -> Vec<Block> {
    read(Path::new("x.txt"), text.as_bytes(), false).unwrap()
}

/// Each table as its cells' plain text, and each paragraph as its plain text in `[…]`.
fn outline(text: &str) -> Vec<Vec<Vec<String>>> {
    blocks(text)
        .iter()
        .map(|b| match b {
            Block::Table(t) => t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.plain()).collect())
                .collect(),
            Block::Para(p) => vec![vec![format!("[{}]", p.plain)]],
        })
        .collect()
}

fn table(want: &[&[&str]]) -> Vec<Vec<String>> {
    want.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn para(text: &str) -> Vec<Vec<String>> {
    vec![vec![format!("[{text}]")]]
}

#[test]
fn headers_in_capitals_with_abbreviations_name_their_columns() {
    assert_eq!(kind("TUẦN C.MÔN"), Some(Kind::Week));
    assert_eq!(kind("BỘ PHẬN T.HIỆN"), Some(Kind::People));
    assert_eq!(kind("NỘI DUNG CÔNG VIỆC"), Some(Kind::Content));
    assert_eq!(kind("SỐ TUẦN THỰC HIỆN"), Some(Kind::Count));
    assert_eq!(kind("THỜI GIAN THỰC HIỆN"), Some(Kind::Time));
    assert_eq!(kind("Thực hiện"), Some(Kind::People));
    assert_eq!(kind("Chủ điểm tháng"), Some(Kind::Content));
    // A value is not a header, nor a sentence, nor a title naming a month at its end.
    assert_eq!(kind("KẾ HOẠCH THÁNG"), None);
    assert_eq!(kind("Thứ hai"), None);
    assert_eq!(kind("Ngày tết vui vẻ, cả nhà sum họp"), None);
}

#[test]
fn the_values_of_time_columns_have_shapes() {
    assert_eq!(shape("Từ"), Some(Shape::Joining));
    assert_eq!(shape("8/2019"), Some(Shape::Month));
    assert_eq!(shape("Tháng 9"), Some(Shape::Month));
    assert_eq!(shape("05 - 31/8"), Some(Shape::Date));
    assert_eq!(shape("14/01 – 02/02/2019"), Some(Shape::Date));
    assert_eq!(shape("Từ 09/9- 14/9"), Some(Shape::Date));
    assert_eq!(shape("15 -18"), Some(Shape::Range));
    assert_eq!(shape("Tuần 1"), Some(Shape::Week));
    assert_eq!(shape("Thứ hai"), Some(Shape::Weekday));
    assert_eq!(shape("33"), Some(Shape::Number));
    // Brackets close an item of the cell before; a theme is text.
    assert_eq!(shape("( 19/8/2019)"), None);
    assert_eq!(shape("Ngày tết vui vẻ"), None);
}

/// A month table as a web page copy gives it: blank lines and lines of no-break spaces
/// between the cells, a week cell over two lines, items, the people responsible after them.
const MONTHS: &str = "\
LỊCH CHỈ ĐẠO NĂM HỌC 2019-2020\n\n\u{a0}\n\nTHÁNG\n\nTUẦN C.MÔN\n\nNỘI DUNG CÔNG VIỆC\n\n\
BỘ PHẬN T.HIỆN\n\n8/2019\n\n\u{a0}\n\n \n\nTừ\n\n05 - 31/8\n\n\
- Yêu cầu giáo viên trả phép đúng thời gian (05/8)\n\n- Tổ chức cho học sinh tựu trường\n\n\
( 19/8/2019)\n\n- Nộp báo cáo số lượng huy động trẻ tháng 8/2019\n\n- 100% CBGV\n\n\u{a0}\n\n\
• CBGVNV trong trường MN.\n\n-BGH\n\n9/2019\n\nTừ 01- 08/9\n\n\
- Nhà trường tổ chức khai giảng năm học mới (05/9)\n\n- Nộp báo cáo khai giảng ( ngày 6/9).\n\n\
- Hiệu trưởng\n\nTuần 1\n\nTừ 09/9- 14/9\n\n- Chỉ đạo các nhóm, lớp\n";

#[test]
fn a_flattened_month_table_with_abbreviated_headers_and_a_people_column() {
    assert_eq!(
        outline(MONTHS),
        [
            para("LỊCH CHỈ ĐẠO NĂM HỌC 2019-2020"),
            table(&[
                &[
                    "THÁNG",
                    "TUẦN C.MÔN",
                    "NỘI DUNG CÔNG VIỆC",
                    "BỘ PHẬN T.HIỆN"
                ],
                &[
                    "8/2019",
                    "Từ 05 - 31/8",
                    "- Yêu cầu giáo viên trả phép đúng thời gian (05/8)\n\
                     - Tổ chức cho học sinh tựu trường ( 19/8/2019)\n\
                     - Nộp báo cáo số lượng huy động trẻ tháng 8/2019",
                    "- 100% CBGV\n• CBGVNV trong trường MN.\n-BGH"
                ],
                &[
                    "9/2019",
                    "Từ 01- 08/9",
                    "- Nhà trường tổ chức khai giảng năm học mới (05/9)\n\
                     - Nộp báo cáo khai giảng ( ngày 6/9).",
                    "- Hiệu trưởng"
                ],
                &["", "Tuần 1 Từ 09/9- 14/9", "- Chỉ đạo các nhóm, lớp", ""],
            ]),
        ]
    );
}

/// Themes by week: rows without a number ("Chuẩn bị khai giảng"), a count and a week column
/// before the dates, and a second table under a heading.
const THEMES: &str = "\
* Độ tuổi 13 - 24 tháng\n\nSTT\n\nNỘI DUNG\n\nSỐ TUẦN THỰC HIỆN\n\nTUẦN CM\n\n\
THỜI GIAN THỰC HIỆN\n\nChuẩn bị khai giảng\n\n\u{a0}\n\n17/8 - 8/9/2018\n\n1\n\nBé và các bạn\n\n\
3\n\n1 - 3\n\n10/09 - 29/09/2018\n\n2\n\nCác cô các bác trong nhà trẻ\n\n3\n\n4 - 6\n\n\
01/10 - 20/10/2018\n\nTết nguyên đán\n\n04/02 – 09/02/2019\n\n*. Độ tuổi 24 - 36 tháng\n\n\
STT\n\nCHỦ ĐỀ\n\nTHỜI GIAN\n\n1\n\nBé và các bạn\n\n10/09 - 29/09/2018\n\n2\n\nMùa hè\n\n\
08/04 - 27/04/2019\n";

#[test]
fn flattened_tables_of_date_ranges_one_after_the_other() {
    let got = outline(THEMES);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[1],
        table(&[
            &[
                "STT",
                "NỘI DUNG",
                "SỐ TUẦN THỰC HIỆN",
                "TUẦN CM",
                "THỜI GIAN THỰC HIỆN"
            ],
            &["", "Chuẩn bị khai giảng", "", "", "17/8 - 8/9/2018"],
            &["1", "Bé và các bạn", "3", "1 - 3", "10/09 - 29/09/2018"],
            &[
                "2",
                "Các cô các bác trong nhà trẻ",
                "3",
                "4 - 6",
                "01/10 - 20/10/2018"
            ],
            &["", "Tết nguyên đán", "", "", "04/02 – 09/02/2019"],
        ])
    );
    assert!(got[2][0][0].contains("Độ tuổi 24 - 36 tháng"));
    assert_eq!(
        got[3],
        table(&[
            &["STT", "CHỦ ĐỀ", "THỜI GIAN"],
            &["1", "Bé và các bạn", "10/09 - 29/09/2018"],
            &["2", "Mùa hè", "08/04 - 27/04/2019"],
        ])
    );
}

#[test]
fn a_day_of_the_week_and_its_date_start_a_row() {
    let text = "Lịch làm việc tuần 21\n\nNgày\n\nNội dung công việc\n\nThứ hai\n\n21/5\n\n\
                Thường trực HĐND tỉnh đi thăm các tổ chức tôn giáo (ngày).\n\nThứ ba\n\n22/5\n\n\
                + Ban Pháp chế giám sát Sở Tài nguyên (ngày).\n\n+ Ban KTNS giám sát (sáng).\n";
    assert_eq!(
        outline(text)[1],
        table(&[
            &["Ngày", "Nội dung công việc"],
            &[
                "Thứ hai 21/5",
                "Thường trực HĐND tỉnh đi thăm các tổ chức tôn giáo (ngày)."
            ],
            &[
                "Thứ ba 22/5",
                "+ Ban Pháp chế giám sát Sở Tài nguyên (ngày).\n+ Ban KTNS giám sát (sáng)."
            ],
        ])
    );
}

#[test]
fn a_split_header_several_weeks_in_a_cell_and_rows_under_a_theme() {
    let text = "1. ĐỘ TUỔI 13 - 24 THÁNG\nS\nTT\nCHỦ ĐỀ\nTUẦN CM\nTHỜI GIAN\n\
                SỐ TUẦN ĐÃ ĐIỀU CHỈNH GIẢM\n1\nBé và các bạn\n(1 tuần)\n20\n04/5 -09/5/2020\n\
                Giảm 01 tuần\n2\nPhương tiện giao thông\n(3 tuần)\n22\n23\n18/5 – 23/5/2020\n\
                25/5 – 30/5/2020\nGiảm 01 tuần\n3\nMẹ và người thân\n(2 tuần)\nMẹ của bé\n24\n\
                01/6-06/6/2020\nGiảm 01 tuần\nNgười thân của bé\n25\n08/6-13/6/2020\n\
                2. ĐỘ TUỔI 25 - 36 THÁNG:\nÔn tập cuối năm\n";
    let got = outline(text);
    assert_eq!(
        got[1],
        table(&[
            &[
                "STT",
                "CHỦ ĐỀ",
                "TUẦN CM",
                "THỜI GIAN",
                "SỐ TUẦN ĐÃ ĐIỀU CHỈNH GIẢM"
            ],
            &[
                "1",
                "Bé và các bạn\n(1 tuần)",
                "20",
                "04/5 -09/5/2020",
                "Giảm 01 tuần"
            ],
            &[
                "2",
                "Phương tiện giao thông\n(3 tuần)",
                "22\n23",
                "18/5 – 23/5/2020\n25/5 – 30/5/2020",
                "Giảm 01 tuần"
            ],
            &[
                "3",
                "Mẹ và người thân\n(2 tuần)\nMẹ của bé",
                "24",
                "01/6-06/6/2020",
                "Giảm 01 tuần"
            ],
            &["", "Người thân của bé", "25", "08/6-13/6/2020", ""],
        ])
    );
    assert_eq!(
        &got[2..],
        [para("2. ĐỘ TUỔI 25 - 36 THÁNG:"), para("Ôn tập cuối năm")]
    );
}

#[test]
fn a_flattened_table_ends_where_a_heading_or_the_closing_starts() {
    let text = "STT\nNỘI DUNG\nBỘ PHẬN T.HIỆN\n1\n- Khai giảng năm học\nBan giám hiệu\n2\n\
                - Họp phụ huynh\nGiáo viên chủ nhiệm\n3. Tổ chức thực hiện\nGiao cho các tổ.\n";
    let got = outline(text);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(got[0].len(), 3);
    assert_eq!(got[0][2][2], "Giáo viên chủ nhiệm");
    assert_eq!(got[1], para("3. Tổ chức thực hiện"));
    let text = "THÁNG\nNỘI DUNG\nPHỤ TRÁCH\nTháng 9\n- Khai giảng\nHiệu trưởng\nTháng 10\n\
                - Hội thi\nCông đoàn\nTrên đây là kế hoạch của nhà trường.\n";
    let got = outline(text);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[1], para("Trên đây là kế hoạch của nhà trường."));
}

#[test]
fn names_after_the_activities_are_the_people_responsible() {
    let text = "Thời gian\nNội dung\nNgười thực hiện\nTuần 1\n- Họp hội đồng sư phạm\n\
                Nguyễn Thị Lan\nTuần 2\n- Kiểm tra hồ sơ\n- Dự giờ\nĐ/c Hương\n";
    assert_eq!(
        outline(text)[0],
        table(&[
            &["Thời gian", "Nội dung", "Người thực hiện"],
            &["Tuần 1", "- Họp hội đồng sư phạm", "Nguyễn Thị Lan"],
            &["Tuần 2", "- Kiểm tra hồ sơ\n- Dự giờ", "Đ/c Hương"],
        ])
    );
}

#[test]
fn lines_no_row_can_take_stay_paragraphs_in_order() {
    // One row is too little to tell a table from headings and text.
    let text = "Thời gian\nNội dung\nNgười thực hiện\nTháng 9\n- Khai giảng\nHiệu trưởng\n";
    assert!(blocks(text).iter().all(|b| matches!(b, Block::Para(_))));
    // Headers, then lines that never say which row or when: no table, nothing lost.
    let text = "THÁNG\n\nNỘI DUNG CÔNG VIỆC\n\nKhai giảng năm học\n\nHọp phụ huynh\n\n\
                Hội thi giáo viên giỏi\n";
    let got = outline(text);
    let plain: Vec<String> = got.iter().map(|b| b[0][0].clone()).collect();
    assert_eq!(
        plain,
        [
            "[THÁNG]",
            "[NỘI DUNG CÔNG VIỆC]",
            "[Khai giảng năm học]",
            "[Họp phụ huynh]",
            "[Hội thi giáo viên giỏi]"
        ]
    );
}

#[test]
fn a_theme_column_takes_the_theme_and_the_activities_column_the_items() {
    let text = "KẾ HOẠCH THÁNG\nTháng\nChủ đề\nNội dung\nNgười thực hiện\nTháng 9\n\
                Bé và trường mầm non\n- Trò chuyện về trường\n- Vẽ trường của bé\n\
                Hiệu trưởng, Phó hiệu trưởng\nTháng 10\nBé và gia đình\n- Kể về gia đình\n";
    assert_eq!(
        outline(text),
        [
            para("KẾ HOẠCH THÁNG"),
            table(&[
                &["Tháng", "Chủ đề", "Nội dung", "Người thực hiện"],
                &[
                    "Tháng 9",
                    "Bé và trường mầm non",
                    "- Trò chuyện về trường\n- Vẽ trường của bé",
                    "Hiệu trưởng, Phó hiệu trưởng"
                ],
                &["Tháng 10", "Bé và gia đình", "- Kể về gia đình", ""],
            ]),
        ]
    );
}
