//! Tests of the body: paragraphs, tables and their merges, and the elements around runs.

use super::*;
use crate::import::docx::table::MAX_COLUMNS;
use crate::import::docx::test_builder;

#[test]
fn plain_paragraphs_are_numbered_and_empty_ones_dropped_but_counted() {
    let body = format!("{}{}{}", p(&r("  Kế hoạch  ")), p(""), p(&r("Năm 2023")));
    let blocks = read_ok(&docx(&body, None, None));
    let ps = paras(&blocks);
    assert_eq!(ps.len(), 2);
    assert_eq!(
        (ps[0].at, ps[0].text.as_str(), ps[0].plain.as_str()),
        (1, "Kế hoạch", "Kế hoạch")
    );
    assert_eq!((ps[1].at, ps[1].text.as_str()), (3, "Năm 2023"));
    assert!(!ps[0].bold && ps[0].bullet.is_none() && ps[0].heading.is_none());
}

#[test]
fn tables_with_grid_span_and_vertical_merge() {
    let tc = |props: &str, text: &str| {
        format!(
            "<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>",
            if text.is_empty() { p("") } else { p(&r(text)) }
        )
    };
    let body = format!(
        "{}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}</w:tr>\
         </w:tbl>{}",
        p(&r("Trước")),
        tc(r#"<w:vMerge w:val="restart"/>"#, "STT"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "Nội dung"),
        tc("", "Ghi chú"),
        tc("<w:vMerge/>", ""),
        tc("", "Tháng 1"),
        tc("", "Tháng 2"),
        tc("", "Một ô"),
        p(&r("Sau")),
    );
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(blocks.len(), 3);
    let t = table(&blocks);
    assert_eq!(t.at, 2);
    let shape = shape(t);
    let c = |s: &str, m: bool| (s.to_string(), m);
    assert_eq!(
        shape,
        [
            vec![
                c("STT", false),
                c("Nội dung", false),
                c("", true),
                c("Ghi chú", false)
            ],
            vec![
                c("", true),
                c("Tháng 1", false),
                c("Tháng 2", false),
                c("", false)
            ],
            vec![c("Một ô", false), c("", false), c("", false), c("", false)],
        ]
    );
    let ats: Vec<usize> = t.rows[0]
        .iter()
        .flat_map(|c| c.paras.iter().map(|p| p.at))
        .collect();
    assert_eq!(ats, [2, 3, 4]);
    // 1 before, 7 cell paragraphs (the merged one counted too), then "Sau".
    assert_eq!(paras(&blocks).last().unwrap().at, 9);
}

#[test]
fn nested_table_text_is_flattened_into_the_outer_cell() {
    let mut inner = p(&r("sâu nhất"));
    for depth in 0..40 {
        inner = format!(
            "<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
            p(&r(&format!("mức {depth}")))
        );
    }
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&r("ngoài")),
        p(&r("bên"))
    );
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(blocks.len(), 1);
    let t = table(&blocks);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].len(), 2);
    let cell = &t.rows[0][0];
    assert_eq!(cell.paras.len(), 42);
    assert_eq!(cell.paras[0].plain, "ngoài");
    assert_eq!(cell.paras[1].plain, "mức 39");
    assert_eq!(cell.paras[41].plain, "sâu nhất");
    assert_eq!(t.rows[0][1].plain(), "bên");
}

#[test]
fn error_too_many_cells() {
    let row = r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="256"/></w:tcPr></w:tc></w:tr>"#;
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(4000));
    let d = read_err(&docx(&body, None, None));
    assert!(d.message.contains("too large"), "{}", d.message);
}

#[test]
fn huge_grid_span_is_bounded() {
    let body = format!(
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4000000000\"/></w:tcPr>{}</w:tc></w:tr></w:tbl>",
        p(&r("x"))
    );
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(table(&blocks).rows[0].len(), MAX_COLUMNS);
}

#[test]
fn tracked_changes_fields_and_pictures() {
    let body = p(concat!(
        r#"<w:r><w:t>Giữ </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="A"><w:r><w:delText>bỏ </w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="A"><w:r><w:t>thêm </w:t></w:r></w:ins>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:fldSimple w:instr=" DATE "><w:r><w:t> ngày</w:t></w:r></w:fldSimple>"#,
        r#"<w:hyperlink r:id="rId5" xmlns:r="x"><w:r><w:t> liên kết</w:t></w:r></w:hyperlink>"#,
        r#"<w:sdt><w:sdtContent><w:r><w:t> sdt</w:t></w:r></w:sdtContent></w:sdt>"#,
        r#"<w:r><w:drawing><wp:inline xmlns:wp="y"><w:txbxContent><w:p><w:r><w:t>ảnh</w:t></w:r></w:p></w:txbxContent></wp:inline></w:drawing></w:r>"#,
        r#"<w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom>"#,
    ));
    let blocks = read_ok(&docx(&body, None, None));
    // The text box in the picture is a paragraph of its own, after the one anchoring it.
    assert_eq!(texts(&blocks), ["Giữ thêm 3 ngày liên kết sdt", "ảnh"]);
}

#[test]
fn body_level_sdt_and_other_prefixes_are_read() {
    let xml = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:sdt><x:sdtContent><x:p><x:r><x:t>Trong sdt</x:t></x:r></x:p></x:sdtContent></x:sdt><x:p><x:r><x:t>A &amp; B &#x1EC7;</x:t></x:r></x:p><x:sectPr/></x:body></x:document>"#;
    let bytes = zip_parts(&[("word/document.xml", xml.as_bytes())]);
    let blocks = read_ok(&bytes);
    assert_eq!(texts(&blocks), ["Trong sdt", "A & B ệ"]);
}

#[test]
fn documents_of_the_test_builder_read_as_intended() {
    use test_builder::{CellSpec, Docx, NumFmt, Run};
    let bytes = Docx::new()
        .heading(0, "KẾ HOẠCH")
        .heading(1, "Mục tiêu")
        .outline_bold(0, "ĐẶC ĐIỂM")
        .outline(1, "Thuận lợi")
        .outline(2, "con người")
        .outline(3, "chi tiết")
        .outline(0, "NHIỆM VỤ")
        .outline(1, "Chung")
        .para(&[
            Run::bold("Ghi chú: "),
            Run::italic("nghiêng"),
            Run::plain(" & <x>"),
        ])
        .text("Dòng 1\nDòng 2\tcột")
        .empty()
        .bullet(0, "một")
        .bullet(1, "hai")
        .numbered(NumFmt::LowerLetter, 0, "chữ")
        .numbered(NumFmt::DecimalZero, 0, "số")
        .table(&[
            vec![
                CellSpec::bold("Tháng").merge_down(),
                CellSpec::bold("Nội dung").span(2),
            ],
            vec![
                CellSpec::merged(),
                CellSpec::lines(&["- việc một", "- việc hai"]),
                CellSpec::bullets(&["x", "y"]),
            ],
            vec![CellSpec::empty(), CellSpec::text("cuối")],
        ])
        .bytes();
    let blocks = read_ok(&bytes);
    type Row<'a> = (usize, &'a str, Option<u8>, Option<u8>, bool);
    let got: Vec<Row> = paras(&blocks)
        .iter()
        .map(|p| (p.at, p.text.as_str(), p.heading, p.bullet, p.bold))
        .collect();
    assert_eq!(
        got,
        [
            (1, "**KẾ HOẠCH**", Some(1), None, true),
            (2, "**Mục tiêu**", Some(1), None, true),
            (3, "**I. ĐẶC ĐIỂM**", None, None, true),
            (4, r"1\. Thuận lợi", None, None, false),
            (5, "a) con người", None, None, false),
            (6, "chi tiết", None, Some(3), false),
            (7, "II. NHIỆM VỤ", None, None, false),
            (8, r"1\. Chung", None, None, false),
            (9, r"**Ghi chú:** *nghiêng* & \<x\>", None, None, false),
            (10, "Dòng 1\\\nDòng 2\tcột", None, None, false),
            (12, "một", None, Some(0), false),
            (13, "hai", None, Some(1), false),
            (14, "a) chữ", None, None, false),
            (15, r"01\. số", None, None, false),
        ]
    );
    let t = table(&blocks);
    assert_eq!(t.at, 16);
    let shape = shape(t);
    let c = |s: &str, m: bool| (s.to_string(), m);
    assert_eq!(
        shape,
        [
            vec![c("Tháng", false), c("Nội dung", false), c("", true)],
            vec![
                c("", true),
                c("- việc một\n- việc hai", false),
                c("x\ny", false)
            ],
            vec![c("", false), c("cuối", false), c("", false)],
        ]
    );
    assert_eq!(t.rows[1][2].paras[0].bullet, Some(0));
    assert_eq!(t.rows[1][1].paras[0].text, r"\- việc một");
}
