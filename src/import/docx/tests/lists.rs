//! Tests of list numbers, bullets and heading styles.

use super::*;
use crate::import::docx::numbering::format_number;

const NUMBERING: &str = r#"
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
      <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val="-"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="2">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1."/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
"#;

#[test]
fn numbered_lists_write_their_labels_and_restart_lower_levels() {
    let body = [
        list_p(1, 0, "ĐẶC ĐIỂM"),
        list_p(1, 1, "Thuận lợi"),
        list_p(1, 2, "con người"),
        list_p(1, 2, "cơ sở"),
        list_p(1, 1, "Khó khăn"),
        list_p(1, 2, "thời tiết"),
        list_p(1, 3, "chi tiết"),
        list_p(1, 0, "NHIỆM VỤ"),
        list_p(1, 1, "Chung"),
        list_p(3, 0, "Từ năm"),
        list_p(4, 0, "Một"),
        list_p(0, 0, "Không số"),
        list_p(9, 0, "Danh sách không có"),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
    let plains: Vec<&str> = paras(&blocks).iter().map(|p| p.plain.as_str()).collect();
    assert_eq!(
        plains,
        [
            "I. ĐẶC ĐIỂM",
            "1. Thuận lợi",
            "a) con người",
            "b) cơ sở",
            "2. Khó khăn",
            "a) thời tiết",
            "2.1. chi tiết",
            "II. NHIỆM VỤ",
            "1. Chung",
            "V. Từ năm",
            "01. Một",
            "Không số",
            "Danh sách không có",
        ]
    );
    assert_eq!(texts(&blocks)[1], r"1\. Thuận lợi");
    assert_eq!(texts(&blocks)[6], r"2.1. chi tiết");
    assert!(paras(&blocks).iter().all(|p| p.bullet.is_none()));
}

#[test]
fn numbered_paragraphs_without_numbering_part_are_plain() {
    let blocks = read_ok(&docx(&list_p(1, 0, "Mục"), None, None));
    assert_eq!(paras(&blocks)[0].plain, "Mục");
}

#[test]
fn bullets_keep_their_level_and_not_their_symbol() {
    let body = [list_p(2, 0, "một"), list_p(2, 1, "hai"), list_p(2, 2, "ba")].concat();
    let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
    let got: Vec<(Option<u8>, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.bullet, p.text.as_str()))
        .collect();
    assert_eq!(got, [(Some(0), "một"), (Some(1), "hai"), (Some(2), "ba")]);
}

#[test]
fn empty_list_items_and_line_feeds_in_text() {
    let body = [list_p(1, 0, ""), list_p(1, 0, "Hai"), p(&r("một\ndòng"))].concat();
    let blocks = read_ok(&docx(&body, Some(NUMBERING), None));
    let got: Vec<(usize, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.at, p.plain.as_str()))
        .collect();
    // The empty item is dropped but numbered, as Word shows it.
    assert_eq!(got, [(2, "II. Hai"), (3, "một dòng")]);
}

const STYLES: &str = r#"
    <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
      <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="u2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="u2"/></w:style>
    <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:caps/></w:rPr></w:style>
    <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
    <w:style w:type="character" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>
"#;

#[test]
fn heading_styles_give_levels_bold_and_numbers() {
    let body = [
        styled_p("Heading1", &r("ĐẶC ĐIỂM")),
        styled_p("u2", &r("Thuận lợi")),
        styled_p("MyHeading", &r("Kế thừa")),
        styled_p("Outline", &r("Cấp ba")),
        styled_p("Title", &r("kế hoạch")),
        styled_p("Normal", &r("Thường")),
        p(&format!(r#"<w:pPr><w:outlineLvl w:val="1"/></w:pPr>{}"#, r("Trực tiếp"))),
        p(r#"<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Mạnh</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Hidden"/></w:rPr><w:t>ẩn</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"#),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, Some(NUMBERING), Some(STYLES)));
    let got: Vec<(Option<u8>, bool, &str)> = paras(&blocks)
        .iter()
        .map(|p| (p.heading, p.bold, p.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), true, "**I. ĐẶC ĐIỂM**"),
            (Some(2), true, "***Thuận lợi***"),
            (Some(2), true, "***Kế thừa***"),
            (Some(3), false, "Cấp ba"),
            (Some(1), false, "KẾ HOẠCH"),
            (None, false, "Thường"),
            (Some(2), false, "Trực tiếp"),
            (None, true, "**Mạnh**"),
        ]
    );
}

#[test]
fn number_formats() {
    assert_eq!(format_number(4, "upperRoman"), "IV");
    assert_eq!(format_number(1994, "lowerRoman"), "mcmxciv");
    assert_eq!(format_number(28, "upperLetter"), "BB");
    assert_eq!(format_number(3, "lowerLetter"), "c");
    assert_eq!(format_number(7, "decimalZero"), "07");
    assert_eq!(format_number(12, "decimalZero"), "12");
    assert_eq!(format_number(0, "upperRoman"), "0");
    assert_eq!(format_number(5, "vietnameseCounting"), "5");
    assert_eq!(format_number(5, "none"), "");
}

#[test]
fn level_restarts_other_starts_and_formats_without_digits_fall_back_to_decimal() {
    let numbering = r#"
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2">
          <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="vietnameseCounting"/><w:lvlText w:val="Phần %1:"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%2/"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="5"/><w:numFmt w:val="vietnameseCardinalText"/><w:lvlText w:val="(%3)"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
    "#;
    let body = [
        list_p(1, 0, "ba"),
        list_p(1, 1, "con"),
        list_p(1, 1, "con"),
        list_p(1, 0, "bốn"),
        list_p(1, 1, "không đếm lại"),
        list_p(2, 0, "một"),
        list_p(2, 1, "a"),
        list_p(2, 2, "i"),
        list_p(2, 1, "b"),
        list_p(2, 2, "ii: chỉ cấp 1 đếm lại"),
        list_p(2, 0, "hai"),
        list_p(2, 1, "a"),
        list_p(2, 2, "i"),
        list_p(3, 0, "hai"),
        list_p(3, 1, "một"),
        list_p(3, 2, "năm"),
    ]
    .concat();
    let blocks = read_ok(&docx(&body, Some(numbering), None));
    let plains: Vec<&str> = paras(&blocks).iter().map(|p| p.plain.as_str()).collect();
    assert_eq!(
        plains,
        [
            "3. ba",
            "3.1. con",
            "3.2. con",
            "4. bốn",
            "4.3. không đếm lại",
            "I. một",
            "a) a",
            "i. i",
            "b) b",
            "ii. ii: chỉ cấp 1 đếm lại",
            "II. hai",
            "a) a",
            "i. i",
            "Phần 2: hai",
            "1/ một",
            "(5) năm",
        ]
    );
}
