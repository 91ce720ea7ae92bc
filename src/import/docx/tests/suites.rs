//! Tests of Word files as Word, LibreOffice, Google Docs and WPS save them: text boxes,
//! content controls and other wrappers around runs, lists, and tables without a full grid.

use super::*;

/// A text box as Word writes it: DrawingML (`wps:txbx`) in `mc:Choice`, the same text as
/// VML (`v:textbox`) in `mc:Fallback`. DrawingML's own text (`a:t`) is not part of the body.
fn text_box(paras: &str) -> String {
    format!(
        r#"<w:r><mc:AlternateContent xmlns:mc="mc"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="wp"><wp:docPr id="1" name="Text Box 1"/><a:graphic xmlns:a="a"><a:graphicData><wps:wsp xmlns:wps="wps"><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp><a:p><a:r><a:t>hình</a:t></a:r></a:p></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
    )
}

#[test]
fn text_box_paragraphs_follow_their_anchor_once() {
    let boxed = [p(&r("Trong khung")), p(&r_fmt("<w:b/>", "Dòng hai"))].concat();
    let body = [
        p(&format!(
            "{}{}{}",
            r("Trước "),
            text_box(&boxed),
            r("khung")
        )),
        p(&r("Sau")),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    let got: Vec<(usize, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.at, p.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Trước khung"),
            (2, "Trong khung"),
            (3, "**Dòng hai**"),
            (4, "Sau")
        ]
    );
}

#[test]
fn vml_text_boxes_and_boxes_in_empty_paragraphs_and_cells() {
    let vml = |text: &str| {
        format!(
            r#"<w:r><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"#,
            p(&r(text))
        )
    };
    let body = [
        p(&vml("Khung VML")),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&format!("{}{}", r("Ô"), vml("trong ô"))),
            p(&r("bên"))
        ),
        p(&r("Cuối")),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(texts(&blocks), ["Khung VML", "Cuối"]);
    assert_eq!(
        shape(table(&blocks)),
        [vec![
            ("Ô\ntrong ô".to_string(), false),
            ("bên".to_string(), false)
        ]]
    );
}

#[test]
fn a_table_in_a_text_box_comes_after_its_anchor() {
    let boxed = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&r("ô trong khung"))
    );
    let body = [
        p(&format!("{}{}", r("Neo"), text_box(&boxed))),
        p(&r("Sau")),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    let kinds: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => p.plain.clone(),
            Block::Table(t) => format!("[{}]", t.rows[0][0].plain()),
        })
        .collect();
    assert_eq!(kinds, ["Neo", "[ô trong khung]", "Sau"]);
}

#[test]
fn alternate_content_reads_one_branch_only() {
    let alternate = |branches: &str| {
        p(&format!(
            r#"<mc:AlternateContent xmlns:mc="mc">{branches}</mc:AlternateContent>"#
        ))
    };
    let body = [
        alternate(&format!(
            "<mc:Choice Requires=\"w14\">{}</mc:Choice><mc:Choice Requires=\"w15\">{}</mc:Choice><mc:Fallback>{}</mc:Fallback>",
            r("một"),
            r("hai"),
            r("ba")
        )),
        alternate(&format!("<mc:Fallback>{}</mc:Fallback>", r("chỉ dự phòng"))),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(texts(&blocks), ["một", "chỉ dự phòng"]);
}

#[test]
fn content_controls_at_block_row_cell_and_run_level() {
    let sdt = |content: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Ô"/><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"#
        )
    };
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(&r(text)));
    let body = [
        sdt(&p(&r("Khối"))),
        format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{}<w:tr>{}{}</w:tr></w:tbl>",
            sdt(&format!(
                "<w:tr>{}{}</w:tr>",
                cell("hàng a"),
                cell("hàng b")
            )),
            cell("ô a"),
            sdt(&cell("ô b")),
        ),
        p(&format!("{}{}", r("Chạy "), sdt(&r("trong")))),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(texts(&blocks), ["Khối", "Chạy trong"]);
    let c = |s: &str| (s.to_string(), false);
    assert_eq!(
        shape(table(&blocks)),
        [vec![c("hàng a"), c("hàng b")], vec![c("ô a"), c("ô b")]]
    );
}

#[test]
fn placeholder_text_of_an_empty_content_control_is_dropped() {
    let body = [
        p(concat!(
            r#"<w:r><w:t>Họ tên: </w:t></w:r>"#,
            r#"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>"#
        )),
        r#"<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Đã điền</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_string(),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(texts(&blocks), ["Họ tên:", "Đã điền"]);
}

#[test]
fn custom_xml_smart_tags_moves_links_and_simple_fields() {
    let body = [
        format!(
            r#"<w:customXml w:element="muc">{}</w:customXml>"#,
            p(concat!(
                r#"<w:customXml w:element="ten"><w:r><w:t>Kế </w:t></w:r></w:customXml>"#,
                r#"<w:smartTag w:element="place"><w:r><w:t>Hà Nội</w:t></w:r></w:smartTag>"#,
                r#"<w:moveFrom w:id="1"><w:r><w:t> cũ</w:t></w:r></w:moveFrom>"#,
                r#"<w:moveTo w:id="2"><w:r><w:t> mới</w:t></w:r></w:moveTo>"#,
                r#"<w:ins w:id="3"><w:r><w:t> thêm</w:t></w:r></w:ins>"#,
                r#"<w:hyperlink w:anchor="a"><w:r><w:t> liên kết</w:t></w:r></w:hyperlink>"#,
                r#"<w:fldSimple w:instr=" PAGE "><w:r><w:t> 7</w:t></w:r></w:fldSimple>"#,
            ))
        ),
        p(r#"<w:moveFrom w:id="4"><w:r><w:t>chuyển đi</w:t></w:r></w:moveFrom>"#),
        r#"<w:moveTo w:id="5"><w:p><w:r><w:t>chuyển đến</w:t></w:r></w:p></w:moveTo>"#.to_string(),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, None, None));
    assert_eq!(
        texts(&blocks),
        ["Kế Hà Nội mới thêm liên kết 7", "chuyển đến"]
    );
}

/// Numbering as Google Docs exports it: "%1." decimal, "%2." lowerLetter, "%3." upperRoman,
/// and bullets as glyphs of symbol fonts.
const GOOGLE_NUMBERING: &str = r#"
    <w:abstractNum w:abstractNumId="1"><w:nsid w:val="1"/>
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:rPr><w:u w:val="none"/></w:rPr></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%3."/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="2">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="&#xF0D8;"/><w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
"#;

const GOOGLE_STYLES: &str = r#"
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:sz w:val="52"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="666666"/></w:rPr></w:style>
"#;

#[test]
fn google_docs_titles_lists_and_symbol_bullets() {
    let body = [
        styled_p("Title", &r("KẾ HOẠCH")),
        styled_p("Subtitle", &r("Năm học 2023")),
        list_p(1, 0, "Một"),
        list_p(1, 1, "a"),
        list_p(1, 1, "b"),
        list_p(1, 2, "La Mã"),
        list_p(1, 2, "La Mã hai"),
        list_p(1, 0, "Hai"),
        list_p(2, 0, "chấm"),
        list_p(2, 1, "chấm Symbol"),
        list_p(2, 2, "chấm Wingdings"),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, Some(GOOGLE_NUMBERING), Some(GOOGLE_STYLES)));
    let got: Vec<(Option<u8>, Option<u8>, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.heading, p.bullet, p.plain.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), None, "KẾ HOẠCH"),
            (None, None, "Năm học 2023"),
            (None, None, "1. Một"),
            (None, None, "a. a"),
            (None, None, "b. b"),
            (None, None, "I. La Mã"),
            (None, None, "II. La Mã hai"),
            (None, None, "2. Hai"),
            (None, Some(0), "chấm"),
            (None, Some(1), "chấm Symbol"),
            (None, Some(2), "chấm Wingdings"),
        ]
    );
}

#[test]
fn wps_tables_without_a_full_grid_and_bare_vertical_merges() {
    let tc = |props: &str, text: &str| {
        let content = if text.is_empty() { p("") } else { p(&r(text)) };
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
    };
    // No grid at all; rows of different lengths.
    let no_grid = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "A"),
        tc("", "B"),
        tc("", "C"),
        tc("<w:vMerge/>", ""),
        tc("", "D"),
    );
    // A grid of one column for rows of three cells.
    let short_grid = format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid><w:tr>{}{}{}</w:tr></w:tbl>",
        tc("", "x"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "y"),
        tc("", "z"),
    );
    let blocks = read_ok(&docx(&[no_grid, short_grid].concat(), None, None));
    let tables: Vec<Vec<Vec<(String, bool)>>> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(shape(t)),
            Block::Para(_) => None,
        })
        .collect();
    let c = |s: &str, m: bool| (s.to_string(), m);
    assert_eq!(
        tables,
        [
            vec![
                vec![c("A", false), c("B", false), c("C", false)],
                vec![c("", true), c("D", false), c("", false)],
            ],
            vec![vec![
                c("x", false),
                c("y", false),
                c("", true),
                c("z", false)
            ]],
        ]
    );
}

const LIBREOFFICE_STYLES: &str = r#"
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
      <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="ListBody"><w:name w:val="List Body"/><w:basedOn w:val="Normal"/>
      <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
"#;

#[test]
fn libreoffice_lists_through_styles_and_numpr_with_ilvl_only() {
    let body = [
        styled_p("ListBody", &r("Cấp một")),
        styled_p("Heading2", &r("Đề mục")),
        p(&format!(
            r#"<w:pPr><w:pStyle w:val="ListBody"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>{}"#,
            r("Cấp hai")
        )),
        p(&format!(
            r#"<w:pPr><w:pStyle w:val="ListBody"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>{}"#,
            r("Không số")
        )),
    ]
    .concat();
    let numbering = r#"
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    "#;
    let blocks = read_ok(&docx(&body, Some(numbering), Some(LIBREOFFICE_STYLES)));
    let got: Vec<(Option<u8>, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.heading, p.plain.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (None, "I. Cấp một"),
            (Some(2), "1. Đề mục"),
            (None, "2. Cấp hai"),
            (None, "Không số"),
        ]
    );
}

#[test]
fn text_boxes_nested_deeply_are_all_read() {
    let depth = 3000;
    let open = r#"<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>b</w:t></w:r>"#;
    let close = "</w:p></w:txbxContent></w:pict></w:r>";
    let body = p(&format!(
        "{}{}{}",
        r("a"),
        open.repeat(depth),
        close.repeat(depth)
    ));
    let blocks = read_ok(&docx(&body, None, None));
    let got = texts(&blocks);
    assert_eq!(got.len(), depth + 1);
    assert_eq!(got.iter().filter(|t| **t == "b").count(), depth);
    // The outer boxes follow their anchors.
    assert_eq!(got[..4], ["a", "b", "b", "b"]);
}
