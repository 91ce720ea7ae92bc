//! Unit tests of the layouts the recogniser reads beyond the formal plan: parts numbered
//! any way, one-month plans, tables of days, month and day labels, dates far off, appendices,
//! text without blank lines, mottos, titles.
#![allow(clippy::unwrap_used)]

use super::months::{month_label, month_line};
use super::tests::{from_text, signer, titles, ym};
use super::*;

fn numbers(plan: &Recognised) -> Vec<&str> {
    plan.sections
        .iter()
        .map(|s| s.meta.number.as_deref().unwrap_or(""))
        .collect()
}

#[test]
fn parts_numbered_in_any_roman_case_and_separator() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM 2024\n\ni/ Mục đích yêu cầu\n\nNâng cao chất lượng.\n\n\
         ii/ Nội dung\n\nTổ chức hội thi.\n\niii) Tổ chức thực hiện\n\nGiao các tổ.\n",
    );
    assert_eq!(numbers(&plan), ["i/", "ii/", "iii)"]);
    assert_eq!(
        titles(&plan),
        ["Mục đích yêu cầu", "Nội dung", "Tổ chức thực hiện"]
    );
}

#[test]
fn arabic_parts_when_there_are_no_roman_ones_but_not_a_numbered_list() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM 2024\n\n1/ Sinh hoạt chủ điểm:\n- Giáo dục truyền thống.\n\
         2/ Phong trào thi đua:\n- Kế hoạch nhỏ.\n",
    );
    assert_eq!(numbers(&plan), ["1/", "2/"]);
    // Lines numbered one after the other with nothing under them are a list, not parts.
    let plan = from_text("KẾ HOẠCH\nNĂM 2024\n\n1. Họp chi bộ.\n2. Kết nạp đảng viên.\n");
    assert!(plan.sections.iter().all(|s| s.meta.number.is_none()));
}

#[test]
fn a_one_month_plan_takes_its_activities_from_the_parts_that_plan_the_month() {
    let plan = from_text(
        "KẾ HOẠCH CÔNG TÁC ĐỘI THÁNG 10/2019\n\nI. Đánh giá công tác tháng 9\n\n\
         - Tổ chức khai giảng.\n\nII. Kế hoạch công tác tháng 10\n\n- Thi đua chào mừng 20/10.\n\
         - Ngày 15/10: Kỷ niệm ngày thành lập Hội LHTN.\n\n* Ghi chú: các chi đội báo cáo.\n",
    );
    let october = &plan.months[&ym(2019, 10)];
    assert_eq!(october.items, ["Thi đua chào mừng 20/10."]);
    assert_eq!(october.events.len(), 1);
    assert_eq!(october.events[0].title, "Kỷ niệm ngày thành lập Hội LHTN.");
    assert_eq!(october.events[0].date.to_string(), "2019-10-15");
    assert_eq!(october.notes.len(), 1, "{:?}", october.notes);
    // The review of September stays a section and adds nothing to the months.
    assert_eq!(plan.months.len(), 1);
    assert!(plan.sections[0].body.contains("Tổ chức khai giảng."));
}

#[test]
fn a_table_of_days_gives_dated_events_and_holidays() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM HỌC 2018-2019\n\nI. CHỦ ĐỀ\n\n\
         STT\tNội dung\tThời gian thực hiện\n\
         1\tBé và các bạn\t10/09 - 29/09/2018\n\
         2\tNgày hội của cô\t29/10 - 16/11/2018\n\
         3\tNghỉ Tết Nguyên đán\t28/01 - 08/02/2019\n\
         4\tNgược\t24/03 - 16/03/2019\n",
    );
    let sept = &plan.months[&ym(2018, 9)];
    assert_eq!(sept.events[0].title, "Bé và các bạn");
    assert_eq!(
        sept.events[0].end.map(|d| d.to_string()).as_deref(),
        Some("2018-09-29")
    );
    let oct = &plan.months[&ym(2018, 10)];
    assert_eq!(
        oct.events[0].end.map(|d| d.to_string()).as_deref(),
        Some("2018-11-16")
    );
    assert!(
        plan.found
            .iter()
            .any(|(_, f)| f.contains("runs into 2018-11"))
    );
    assert!(plan.months[&ym(2019, 1)].events[0].holiday);
    assert!(
        plan.problems
            .iter()
            .any(|p| p.message.contains("ends before it starts")),
        "{:?}",
        plan.problems
    );
    assert!(plan.sections[0].meta.timeline);
}

#[test]
fn month_labels_after_a_numbering_and_day_labels_with_their_events() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM HỌC 2023-2024\n\nI. LỊCH\n\n1/. Tháng 9/2023:\n- Khai giảng.\n\
         2/. Tháng 10/2023:\n- Hội giảng.\n\nII. LỊCH TUẦN\n\nTHỨ HAI (09/10/2023):\n\
         - Chào cờ.\nThành phần: toàn trường.\n- Họp hội đồng.\n",
    );
    assert_eq!(plan.months[&ym(2023, 9)].items, ["Khai giảng."]);
    let oct = &plan.months[&ym(2023, 10)];
    assert_eq!(oct.items, ["Hội giảng."]);
    let titles: Vec<&str> = oct.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Chào cờ.", "Họp hội đồng."]);
    assert_eq!(
        oct.events[0].note.as_deref(),
        Some("Thành phần: toàn trường.")
    );
}

#[test]
fn text_after_the_signature_is_an_appendix_with_its_months() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM HỌC 2024-2025\n\nI. MỤC ĐÍCH\n\nMột.\n\nTrên đây là kế hoạch./.\n\n\
         HIỆU TRƯỞNG\n\nNguyễn Văn A\n\nPHỤ LỤC: LỊCH CÔNG TÁC\n\n\
         Tháng\tNội dung\n9/2024\t- Khai giảng\n10/2024\t- Hội giảng\n",
    );
    assert_eq!(signer(&plan), (None, Some("HIỆU TRƯỞNG"), "Nguyễn Văn A"));
    assert_eq!(titles(&plan), ["MỤC ĐÍCH", "PHỤ LỤC: LỊCH CÔNG TÁC"]);
    assert!(plan.sections[1].meta.timeline);
    assert_eq!(plan.months[&ym(2024, 10)].items, ["Hội giảng"]);
    assert!(
        !plan.problems.iter().any(|p| p.message.contains("left out")),
        "{:?}",
        plan.problems
    );
}

#[test]
fn a_part_that_lists_its_activities_keeps_its_themes_as_text_and_a_title_opens_the_signature() {
    let plan = from_text(
        "KẾ HOẠCH HOẠT ĐỘNG LIÊN ĐỘI THÁNG 12/2014\n\nChủ điểm tháng 12: UỐNG NƯỚC NHỚ NGUỒN\n\n\
         2.Nội dung hoạt động:\n- Kiểm tra nề nếp.\n- Hội thi Liên môn.\n\n\
         DUYỆT BAN GIÁM HIỆU\n\nLê Văn A\n",
    );
    assert_eq!(
        plan.months[&ym(2014, 12)].items,
        ["Kiểm tra nề nếp.", "Hội thi Liên môn."]
    );
    let s = plan.plan.signer.as_ref().unwrap();
    assert_eq!(s.name, "Lê Văn A");
    // The theme line is kept as text, not made an activity.
    let text = format!("{:?} {:?}", plan.preamble, plan.sections);
    assert!(text.contains("Chủ điểm tháng 12"), "{text}");
}

#[test]
fn dates_far_from_the_plans_year_are_not_events_and_a_full_date_gives_the_next_ones_their_year() {
    let plan = from_text(
        "KẾ HOẠCH\nNĂM HỌC 2024-2025\n\nI. LỊCH\n\n- 17/09/2024: Khai giảng.\n\
         - 03/10/2205: Năm gõ nhầm.\n- 01/01/0000: Chỗ để trống.\n",
    );
    let months: Vec<String> = plan.months.keys().map(ToString::to_string).collect();
    assert_eq!(months, ["2024-09"]);
    assert_eq!(
        plan.problems
            .iter()
            .filter(|p| p.message.contains("far from the plan's year"))
            .count(),
        2
    );
    // No year anywhere but in the first row: the rows after it follow it.
    let plan = from_text(
        "LỊCH CÔNG TÁC\n\nNgày\tNội dung\nThứ Hai 29/12/2025\tHọp giao ban\n\
         Thứ Ba 30/12\tKiểm tra\nThứ Năm 01/01\tNghỉ Tết Dương lịch\nThứ Sáu 02/01\tHọp tổ\n",
    );
    let months: Vec<String> = plan.months.keys().map(ToString::to_string).collect();
    assert_eq!(months, ["2025-12", "2026-01"]);
    assert_eq!(plan.months[&ym(2025, 12)].events.len(), 2);
    assert_eq!(plan.months[&ym(2026, 1)].events.len(), 2);
}

#[test]
fn text_saved_without_blank_lines_has_one_paragraph_per_line() {
    // Word's "Save as Plain Text": every paragraph one line, no blank line anywhere.
    let plan = from_text(
        "KẾ HOẠCH\nCÔNG TÁC THÁNG 9/2024\nI. NỘI DUNG\n- Khai giảng.\n- Họp phụ huynh.\n\
         Ghi chú: lịch có thể thay đổi.\nTrên đây là kế hoạch./.\nKT. HIỆU TRƯỞNG\n\
         PHÓ HIỆU TRƯỞNG\nTrần Văn Bình\n",
    );
    assert_eq!(
        plan.months[&ym(2024, 9)].items,
        ["Khai giảng.", "Họp phụ huynh."]
    );
    assert_eq!(plan.months[&ym(2024, 9)].notes.len(), 1);
    assert_eq!(
        plan.plan.closing.as_deref(),
        Some("Trên đây là kế hoạch./.")
    );
    assert_eq!(
        signer(&plan),
        (
            Some("KT. HIỆU TRƯỞNG"),
            Some("PHÓ HIỆU TRƯỞNG"),
            "Trần Văn Bình"
        )
    );
}

#[test]
fn the_youth_unions_and_the_pioneers_mottos_are_mottos_not_issuers() {
    let plan = from_text(
        "HUYỆN ĐOÀN THỌ XUÂN      ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN XÃ XUÂN LAI\n\n\
         KẾ HOẠCH\nCÔNG TÁC ĐOÀN NĂM 2024\n\nI. MỘT\n\nHai.\n",
    );
    let issuer = plan.plan.issuer.as_ref().unwrap();
    assert_eq!(issuer.name, "BCH ĐOÀN XÃ XUÂN LAI");
    assert_eq!(issuer.parent.as_deref(), Some("HUYỆN ĐOÀN THỌ XUÂN"));
    assert_eq!(plan.plan.motto.as_deref(), Some("ĐOÀN TNCS HỒ CHÍ MINH"));
    let plan = from_text(
        "HỘI ĐỒNG ĐỘI HUYỆN EAKAR ĐỘI TNTP HỒ CHÍ MINH\nLIÊN ĐỘI TH NGUYỄN CÔNG TRỨ\n\n\
         KẾ HOẠCH CÔNG TÁC ĐỘI THÁNG 10 NĂM 2012\n\n- Một.\n",
    );
    assert_eq!(plan.plan.motto.as_deref(), Some("ĐỘI TNTP HỒ CHÍ MINH"));
    assert_eq!(
        plan.plan.issuer.as_ref().unwrap().name,
        "LIÊN ĐỘI TH NGUYỄN CÔNG TRỨ"
    );
}

#[test]
fn titles_keep_names_abbreviations_and_numbered_terms() {
    use super::words::sentence_case;
    assert_eq!(
        sentence_case("KẾ HOẠCH HOẠT ĐỘNG CHI BỘ NĂM 2023"),
        "Kế hoạch hoạt động chi bộ năm 2023"
    );
    assert_eq!(
        sentence_case("KẾ HOẠCH BỒI DƯỠNG CBGV"),
        "Kế hoạch bồi dưỡng CBGV"
    );
    assert_eq!(
        sentence_case("KẾ HOẠCH PHỐI HỢP VỚI UBND XÃ HỌC KỲ II"),
        "Kế hoạch phối hợp với UBND xã học kỳ II"
    );
    assert_eq!(
        sentence_case("KẾ HOẠCH Học tập và làm theo tư tưởng Hồ Chí Minh"),
        "Kế hoạch Học tập và làm theo tư tưởng Hồ Chí Minh"
    );
}

#[test]
fn a_title_in_sentence_case_at_the_top_is_the_kind_when_none_is_in_capitals() {
    let plan = from_text(
        "Kế hoạch công tác đội tháng 09 năm 2013\n\n* Chủ điểm tháng: Truyền thống\n\n\
         - Tổ chức khai giảng.\n- Ra quân an toàn giao thông.\n",
    );
    assert_eq!(plan.plan.kind.as_deref(), Some("KẾ HOẠCH"));
    assert_eq!(plan.months[&ym(2013, 9)].items.len(), 2);
    // Deep in the text, "Chương trình …" in sentence case is a line of the plan.
    let mut text = String::from("LỊCH NĂM HỌC 2020-2021\n\n");
    for n in 1..=10 {
        text.push_str(&format!("Dòng {n}.\n\n"));
    }
    text.push_str("Chương trình học thực tế\n");
    assert_eq!(from_text(&text).plan.kind, None);
}

#[test]
fn months_written_in_words_are_labels_too() {
    assert_eq!(
        month_line("Tháng Ba: - Hội thi"),
        Some((vec![3], None, "- Hội thi".to_string()))
    );
    assert_eq!(month_line("THÁNG MƯỜI MỘT:").map(|m| m.0), Some(vec![11]));
    assert_eq!(month_label("Tháng Giêng"), Some((vec![1], None)));
    assert_eq!(month_label("tháng Chạp"), Some((vec![12], None)));
    // Words that are not a label stay words.
    assert_eq!(month_line("Tháng hai lần kiểm tra vệ sinh"), None);
    let plan =
        from_text("KẾ HOẠCH\nNĂM 2025\n\nI. LỊCH\n\nTháng Hai:\n- Tết.\nTháng Ba:\n- Hội thi.\n");
    assert_eq!(plan.months[&ym(2025, 3)].items, ["Hội thi."]);
    assert_eq!(plan.months[&ym(2025, 2)].items, ["Tết."]);
}
