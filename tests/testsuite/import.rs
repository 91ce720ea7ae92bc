//! `plansite import`: the seed text becomes the hand-made plan; Word documents import with
//! their text, tables and merged cells intact; bad input writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use common::docx::{CellSpec, Docx, Run};
use common::{TestSite, repo, tree};
use predicates::prelude::*;
use serde_json::Value;

fn plansite() -> Command {
    Command::cargo_bin("plansite").expect("binary")
}

/// `plansite --root SITE import FILE`.
fn import(site: &TestSite, file: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = plansite();
    cmd.arg("--root").arg(site.root()).arg("import").arg(file);
    cmd
}

/// A site with plansite.toml and the theme but no content.
fn empty_site() -> TestSite {
    let site = TestSite::new("");
    std::fs::copy(
        repo().join("plansite.toml"),
        site.root().join("plansite.toml"),
    )
    .unwrap();
    site
}

/// A file of the site's content/.
fn content(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.root().join("content").join(rel)).unwrap()
}

/// Builds `site` and returns its plan's plan.json.
fn plan_json(site: &TestSite, slug: &str) -> Value {
    site.build();
    serde_json::from_str(&site.read(&format!("{slug}/plan.json"))).unwrap()
}

/// The parts of a plan the import must reproduce: header fields, sections with their labels
/// and text, months with their activities.
fn essentials(plan: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for key in [
        "kind",
        "subject",
        "number",
        "date",
        "place",
        "period",
        "signer",
        "recipients",
        "preamble",
        "closing",
        "activity_count",
    ] {
        out.insert(key.to_string(), plan[key].clone());
    }
    let sections: Vec<Value> = plan["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| serde_json::json!([s["number"], s["label"], s["title"], s["text"]]))
        .collect();
    out.insert("sections".into(), Value::Array(sections));
    let months: Vec<Value> = plan["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let texts: Vec<&Value> = m["activities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| &a["text"])
                .collect();
            serde_json::json!([m["month"], texts])
        })
        .collect();
    out.insert("months".into(), Value::Array(months));
    Value::Object(out)
}

fn the_seed_text_imports_as_the_hand_made_plan() {
    let site = empty_site();
    import(&site, repo().join("tests/data/seed-2023.txt"))
        .args(["--into", "content/2023-chi-bo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("line 3: number 02-KH/CBMN"))
        .stdout(predicate::str::contains(
            "line 246: month table (12 months)",
        ))
        .stdout(predicate::str::contains("12 month(s), 84 activities"))
        .stdout(predicate::str::contains("The site checks clean"))
        // The seed has no issuer lines: said, not invented.
        .stderr(predicate::str::contains("warning: no issuer found"));
    let imported = plan_json(&site, "2023-chi-bo");
    let hand_made = plan_json(&TestSite::real(), "2023-chi-bo");
    assert_eq!(imported["activity_count"], 84);
    assert_eq!(imported["issuer"], Value::Null);
    let (got, want) = (essentials(&imported), essentials(&hand_made));
    for key in want.as_object().unwrap().keys() {
        assert_eq!(got[key], want[key], "{key} differs");
    }
    // And it checks clean under --strict: no warning at all.
    plansite()
        .arg("--root")
        .arg(site.root())
        .args(["check", "--strict"])
        .assert()
        .success();
}

/// The seed as a Word file that LibreOffice saved (the corpus's 19-…-docx document, made by
/// tests/import-corpus/tools/seed-to-html.py and `soffice --convert-to docx`): the same plan
/// as the hand-made one.
fn the_seed_saved_by_libreoffice_imports_as_the_hand_made_plan() {
    let site = empty_site();
    import(
        &site,
        repo().join("tests/import-corpus/19-chibo-mn-tiencuong-2023-docx/document.docx"),
    )
    .args(["--into", "content/2023-chi-bo"])
    .assert()
    .success()
    .stdout(predicate::str::contains("month table (12 months)"))
    .stdout(predicate::str::contains("12 month(s), 84 activities"))
    .stdout(predicate::str::contains("The site checks clean"));
    let imported = plan_json(&site, "2023-chi-bo");
    let hand_made = plan_json(&TestSite::real(), "2023-chi-bo");
    // The HTML the .docx was made from breaks a few paragraphs where the PDF extraction broke
    // its lines: the section texts are compared word for word, not by their line breaks.
    let words = |v: &Value| {
        let text = serde_json::to_string(v).unwrap().replace("\\n", " ");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let (got, want) = (essentials(&imported), essentials(&hand_made));
    for key in want.as_object().unwrap().keys() {
        if key == "sections" {
            assert_eq!(
                words(&got[key]),
                words(&want[key]),
                "{key} differ in their words"
            );
        } else {
            assert_eq!(got[key], want[key], "{key} differs");
        }
    }
}

fn the_default_folder_is_named_after_the_year_and_subject() {
    let site = empty_site();
    import(&site, repo().join("tests/data/seed-2023.txt"))
        .assert()
        .success();
    assert!(
        site.root()
            .join("content/2023-hoat-dong-chi-bo/_index.md")
            .is_file()
    );
    assert!(
        site.root()
            .join("content/2023-hoat-dong-chi-bo/months/2023-12.md")
            .is_file()
    );
}

fn dry_run_prints_the_files_and_writes_nothing() {
    let site = empty_site();
    import(&site, repo().join("tests/data/seed-2023.txt"))
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2023-hoat-dong-chi-bo/months/2023-05.md <==",
        ))
        .stdout(predicate::str::contains(
            "- Tuyên truyền Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh 19/5.\n",
        ))
        .stdout(predicate::str::contains("nothing was written"));
    assert!(!site.root().join("content").exists());
}

fn existing_files_are_kept_without_force() {
    let site = empty_site();
    site.write("content/2023-chi-bo/_index.md", "mine\n");
    let again = || {
        let mut cmd = import(&site, repo().join("tests/data/seed-2023.txt"));
        cmd.args(["--into", "content/2023-chi-bo"]);
        cmd
    };
    again()
        .assert()
        .failure()
        .stderr(predicate::str::contains("_index.md: error: already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(content(&site, "2023-chi-bo/_index.md"), "mine\n");
    assert_eq!(
        tree(&site.root().join("content")).len(),
        1,
        "nothing else was written"
    );
    again().arg("--force").assert().success();
    assert!(content(&site, "2023-chi-bo/_index.md").contains("number = \"02-KH/CBMN\""));
}

/// Runs `import FILE` on `bytes` saved as `name`; it must fail saying `message`, and write
/// nothing.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let site = empty_site();
    site.write_bytes(name, bytes);
    import(&site, site.root().join(name))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("nothing was written"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(
        !site.root().join("content").exists(),
        "{name}: wrote content"
    );
}

fn bad_input_gets_a_clear_message_and_writes_nothing() {
    refused("empty.txt", b"", "the file is empty");
    refused("blank.txt", b"\n \n\t\n", "the document has no text");
    refused("latin1.txt", b"Tr\xean \xf0\xe2y\n", "not valid UTF-8");
    refused(
        "nul.txt",
        &[0u8; 1000],
        "the file holds NUL bytes: it is not text",
    );
    refused(
        "notes.docx",
        b"these are notes, not a Word file",
        "not a Word document",
    );
    refused("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00", "corrupt");
    refused(
        "old.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
        "password",
    );
}

fn a_missing_file_or_a_folder_is_refused() {
    let site = empty_site();
    plansite()
        .arg("--root")
        .arg(site.root())
        .args(["import", "nowhere.docx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the document"));
    import(&site, site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("this is a folder"));
    assert!(!Path::new(&site.root().join("content")).exists());
}

fn a_school_year_plan_with_a_month_list_imports_with_its_header() {
    let site = empty_site();
    import(&site, repo().join("tests/data/import/school-year.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "line 1: issuer TRƯỜNG MẦM NON TIÊN CƯỜNG",
        ))
        .stdout(predicate::str::contains("6 month(s), 9 activities"))
        .stdout(predicate::str::contains("The site checks clean"))
        .stderr(predicate::str::is_empty());
    let plan = plan_json(&site, "2023-thuc-hien-nhiem-vu");
    assert_eq!(plan["issuer"]["parent"], "PHÒNG GD&ĐT HUYỆN TIÊN LÃNG");
    assert_eq!(plan["number"], "15/KH-MNTC");
    assert_eq!(plan["date"], "2023-09-05");
    assert_eq!(plan["subject"], "Thực hiện nhiệm vụ năm học 2023 - 2024");
    assert_eq!(
        plan["motto"],
        serde_json::json!([
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc"
        ])
    );
    assert_eq!(plan["period"]["start"], "2023-09");
    assert_eq!(plan["period"]["end"], "2024-05");
    assert_eq!(plan["signer"]["title"], "HIỆU TRƯỞNG");
    assert_eq!(plan["signer"]["name"], "Nguyễn Thị Hoa");
    let month = |ym: &str| -> Vec<String> {
        let m = plan["months"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["month"] == ym)
            .unwrap();
        m["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["text"].as_str().unwrap().to_string())
            .collect()
    };
    // Months without a year take it from the school year: September 2023 … May 2024.
    assert_eq!(
        month("2023-09"),
        [
            "Tổ chức khai giảng năm học 2023-2024.",
            "Tổ chức Tết trung thu cho trẻ."
        ]
    );
    assert_eq!(month("2023-12"), ["Kiểm tra nội bộ", "Tổng kết học kỳ I"]);
    // A range with spaces is not split into two activities.
    assert_eq!(
        month("2024-05"),
        ["Tổng kết năm học 2023 - 2024; bàn giao trẻ 5 tuổi lên lớp 1."]
    );
    assert!(month("2024-02").is_empty());
    let section = content(&site, "2023-thuc-hien-nhiem-vu/01-muc-dich-yeu-cau.md");
    assert!(
        section.contains("# 2. Yêu cầu\n\nKế hoạch cụ thể"),
        "{section}"
    );
    assert!(section.contains("- Phòng chống covid-19 và các dịch bệnh mùa đông - xuân.\n"));
}

/// A plan as Word writes one: the header in a table, numbered parts from Word's own list
/// numbering, a table of targets, the month table as a Word table with a merged month cell and
/// a note spanning the row, and the recipients and signature side by side in a table.
fn word_plan() -> Vec<u8> {
    Docx::new()
        .table(&[
            vec![
                CellSpec::lines(&["ĐẢNG BỘ XÃ TIÊN CƯỜNG", "CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG", "*"]),
                CellSpec::bold("ĐẢNG CỘNG SẢN VIỆT NAM"),
            ],
            vec![
                CellSpec::text("Số: 07-KH/CB"),
                CellSpec::empty().runs(&[Run::italic("Tiên Cường, ngày 10 tháng 01 năm 2024")]),
            ],
        ])
        .bold("KẾ HOẠCH")
        .bold("Hoạt động chi bộ năm 2024")
        .text("Căn cứ Điều lệ Đảng [1] và chỉ tiêu 5 < 6 * 2; chi bộ xây dựng kế hoạch như sau:")
        .outline_bold(0, "ĐẶC ĐIỂM TÌNH HÌNH")
        .outline(1, "Thuận lợi")
        .bullet(0, "Đội ngũ đạt chuẩn 100%.")
        .bullet(1, "Trong đó trên chuẩn 80%.")
        .para(&[
            Run::plain("Chỉ tiêu "),
            Run::bold("quan trọng"),
            Run::italic(" nhất"),
            Run::plain(": kết nạp đảng viên mới."),
        ])
        .table(&[
            vec![CellSpec::bold("Chỉ tiêu"), CellSpec::bold("Kết quả")],
            vec![CellSpec::text("Kết nạp đảng viên"), CellSpec::text("2 đ/c")],
            vec![CellSpec::text("Tỉ lệ | chuyên cần"), CellSpec::lines(&["95%", "(nhà trẻ 90%)"])],
        ])
        .outline_bold(0, "CÔNG TÁC THÁNG")
        .table(&[
            vec![
                CellSpec::bold("Tháng"),
                CellSpec::bold("Nội dung"),
                CellSpec::bold("Người thực hiện"),
            ],
            vec![
                CellSpec::text("1/2024"),
                CellSpec::bullets(&[
                    "Xây dựng chương trình công tác năm 2024.",
                    "Phân công nhiệm vụ đảng viên.",
                ]),
                CellSpec::text("Chi ủy"),
            ],
            vec![
                CellSpec::text("2/2024").merge_down(),
                CellSpec::text(
                    "- Kỷ niệm 94 năm ngày thành lập Đảng 3/2.- Tổ chức sinh hoạt chi bộ năm học 2023-2024.",
                ),
                CellSpec::text("Bí thư"),
            ],
            vec![
                CellSpec::merged(),
                CellSpec::text("- Phòng chống covid-19 trong trường."),
                CellSpec::empty(),
            ],
            vec![
                CellSpec::text("Tháng 3/2024"),
                CellSpec::text("Kỷ niệm ngày Quốc tế phụ nữ 8/3"),
                CellSpec::empty(),
            ],
        ])
        .outline_bold(0, "TỔ CHỨC THỰC HIỆN")
        .text("Chi ủy triển khai kế hoạch tới toàn thể đảng viên.")
        .text("Trên đây là kế hoạch hoạt động năm 2024 của chi bộ./.")
        .table(&[vec![
            CellSpec::lines(&["Nơi nhận:", "- Đảng ủy xã (để b/c);", "- Lưu: CB."]),
            CellSpec::lines(&["T/M CHI BỘ", "BÍ THƯ", "", "(Đã ký)", "Vũ Thị Xuyên"]),
        ]])
        .bytes()
}

fn a_word_plan_imports_builds_and_checks_clean_with_its_text_intact() {
    let site = empty_site();
    site.write_bytes("ke-hoach-2024.docx", &word_plan());
    let out = import(&site, site.root().join("ke-hoach-2024.docx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("number 07-KH/CB"))
        .stdout(predicate::str::contains("section II CÔNG TÁC THÁNG"))
        .stdout(predicate::str::contains("3 month(s), 6 activities"))
        .stdout(predicate::str::contains("The site checks clean"))
        .get_output()
        .clone();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no warnings");
    plansite()
        .arg("--root")
        .arg(site.root())
        .args(["check", "--strict"])
        .assert()
        .success();
    let plan = plan_json(&site, "2024-hoat-dong-chi-bo");
    assert_eq!(plan["issuer"]["parent"], "ĐẢNG BỘ XÃ TIÊN CƯỜNG");
    assert_eq!(plan["issuer"]["name"], "CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG");
    assert_eq!(plan["motto"], serde_json::json!(["ĐẢNG CỘNG SẢN VIỆT NAM"]));
    assert_eq!(plan["number"], "07-KH/CB");
    assert_eq!(plan["date"], "2024-01-10");
    assert_eq!(plan["place"], "Tiên Cường");
    assert_eq!(plan["kind"], "KẾ HOẠCH");
    assert_eq!(plan["subject"], "Hoạt động chi bộ năm 2024");
    // Characters Markdown would take as syntax arrive as written.
    assert_eq!(
        plan["preamble"],
        "Căn cứ Điều lệ Đảng [1] và chỉ tiêu 5 < 6 * 2; chi bộ xây dựng kế hoạch như sau:"
    );
    let sections: Vec<(&str, &str)> = plan["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["number"].as_str().unwrap(), s["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sections,
        [
            ("I", "ĐẶC ĐIỂM TÌNH HÌNH"),
            ("II", "CÔNG TÁC THÁNG"),
            ("III", "TỔ CHỨC THỰC HIỆN")
        ]
    );
    let months: Vec<(String, Vec<String>)> = plan["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let items = m["activities"].as_array().unwrap();
            (
                m["month"].as_str().unwrap().to_string(),
                items
                    .iter()
                    .map(|a| a["text"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            (
                "2024-01".to_string(),
                vec![
                    "Xây dựng chương trình công tác năm 2024.".to_string(),
                    "Phân công nhiệm vụ đảng viên.".to_string()
                ]
            ),
            (
                "2024-02".to_string(),
                vec![
                    "Kỷ niệm 94 năm ngày thành lập Đảng 3/2.".to_string(),
                    "Tổ chức sinh hoạt chi bộ năm học 2023-2024.".to_string(),
                    // The row under the merged month cell belongs to February.
                    "Phòng chống covid-19 trong trường.".to_string()
                ]
            ),
            (
                "2024-03".to_string(),
                vec!["Kỷ niệm ngày Quốc tế phụ nữ 8/3".to_string()]
            ),
        ]
    );
    assert_eq!(plan["signer"]["on_behalf"], "T/M CHI BỘ");
    assert_eq!(plan["signer"]["title"], "BÍ THƯ");
    assert_eq!(plan["signer"]["name"], "Vũ Thị Xuyên");
    assert_eq!(
        plan["recipients"],
        serde_json::json!([{"name": "Đảng ủy xã", "purpose": "để b/c"}, {"name": "Lưu: CB", "purpose": null}])
    );
    assert_eq!(
        plan["closing"],
        "Trên đây là kế hoạch hoạt động năm 2024 của chi bộ./."
    );

    // The other columns of the month table stay with their month.
    let january = content(&site, "2024-hoat-dong-chi-bo/months/2024-01.md");
    assert!(january.contains("**Người thực hiện:** Chi ủy"), "{january}");
    // The section's table, bold and italic runs, nested bullets and numbered heading.
    let html = site.read("2024-hoat-dong-chi-bo/dac-diem-tinh-hinh/index.html");
    let cells = common::texts(&html, "main table td");
    assert_eq!(
        cells,
        [
            "Kết nạp đảng viên",
            "2 đ/c",
            "Tỉ lệ | chuyên cần",
            "95%(nhà trẻ 90%)"
        ]
    );
    assert!(
        html.contains("<strong>quan trọng</strong><em> nhất</em>")
            || html.contains("<strong>quan trọng</strong> <em>nhất</em>"),
        "{html}"
    );
    assert_eq!(
        common::text(&html, "main li li"),
        "Trong đó trên chuẩn 80%."
    );
    assert!(
        common::texts(&html, "main h2, main h3")
            .iter()
            .any(|h| h.contains("1. Thuận lợi"))
    );
}

fn parts_marked_only_by_word_heading_styles_become_sections_without_numbers() {
    let site = empty_site();
    let doc = Docx::new()
        .heading(0, "KẾ HOẠCH")
        .bold("Bồi dưỡng chuyên môn năm 2024")
        .heading(1, "Mục đích")
        .text("Nâng cao trình độ.")
        .heading(1, "Nội dung")
        .heading(2, "Bồi dưỡng thường xuyên")
        .bullet(0, "Tự học 120 tiết.")
        .text("Trên đây là kế hoạch./.");
    site.write_bytes("boi-duong.docx", &doc.bytes());
    import(&site, site.root().join("boi-duong.docx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("paragraph 3: section Mục đích"))
        .stdout(predicate::str::contains("The site checks clean"))
        .stderr(predicate::str::contains("no signer found"))
        .stderr(predicate::str::contains(
            "warning: no months found: sections only, no timeline",
        ));
    let section = content(&site, "2024-boi-duong-chuyen-mon/02-noi-dung.md");
    assert_eq!(
        section,
        "+++\ntitle = \"Nội dung\"\n+++\n\n# Bồi dưỡng thường xuyên\n\n- Tự học 120 tiết.\n"
    );
}

fn text_without_parts_is_imported_as_one_section_with_a_warning() {
    let site = empty_site();
    site.write(
        "thu.txt",
        "Kính gửi anh chị,\n\nHẹn gặp lại vào thứ Hai để bàn kế hoạch.\n",
    );
    import(&site, site.root().join("thu.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: no numbered parts found"))
        .stderr(predicate::str::contains("warning: no months found"));
    let folder = std::fs::read_dir(site.root().join("content"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let section = std::fs::read_to_string(folder.join("01-noi-dung.md")).unwrap();
    assert!(section.contains("Kính gửi anh chị,"), "{section}");
    assert!(section.contains("Hẹn gặp lại vào thứ Hai để bàn kế hoạch."));
    plansite()
        .arg("--root")
        .arg(site.root())
        .arg("check")
        .assert()
        .success();
}

/// Whatever the document, import writes nothing `build` would refuse: two parts with one
/// title, a part named like a page of plansite's own.
fn parts_with_the_same_title_or_a_reserved_name_get_names_that_build() {
    let site = empty_site();
    site.write(
        "ke-hoach.txt",
        "KẾ HOẠCH\nNĂM 2024\n\nI. NỘI DUNG\n\nMột.\n\nII. NỘI DUNG\n\nHai.\n\n\
         III. TIMELINE\n\nBa.\n",
    );
    import(&site, site.root().join("ke-hoach.txt"))
        .args(["--into", "content/2024"])
        .assert()
        .success()
        .stdout(predicate::str::contains("The site checks clean"));
    for name in ["01-noi-dung.md", "02-noi-dung-2.md", "03-timeline-2.md"] {
        assert!(
            site.root().join("content/2024").join(name).is_file(),
            "{name}"
        );
    }
    site.build();
}

/// `--into` must name a plan folder (directly under content/), and `--force` replaces the
/// plan: what a previous import wrote and this one does not is removed, so the site builds.
fn into_names_a_plan_folder_and_force_replaces_the_plan() {
    let site = empty_site();
    site.write("a.txt", "KẾ HOẠCH\nNĂM 2024\n\nI. MỘT\n\nTháng 9/2024: - Khai giảng.\nTháng 10/2024: - Hội giảng.\n");
    site.write(
        "b.txt",
        "KẾ HOẠCH\nNĂM 2025\n\nI. HAI\n\nTháng 3/2025: - Hội thi.\nTháng 4/2025: - Tổng kết.\n",
    );
    for into in [
        "content",
        "content/.",
        "content/x/y",
        "content/x/../x/months",
    ] {
        import(&site, site.root().join("a.txt"))
            .args(["--into", into])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "a plan is a folder directly under content/: nothing was written",
            ));
    }
    assert!(!site.root().join("content").exists(), "nothing was written");
    import(&site, site.root().join("a.txt"))
        .args(["--into", "content/x/../ke-hoach"])
        .assert()
        .success();
    assert!(!site.root().join("content/x").exists());
    site.write_bytes("content/ke-hoach/anh.png", b"\x89PNG");
    import(&site, site.root().join("b.txt"))
        .args(["--into", "content/ke-hoach", "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains("The site checks clean"));
    let months: Vec<String> = tree(&site.root().join("content/ke-hoach/months"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(months, ["2025-03.md", "2025-04.md"]);
    assert!(
        site.root().join("content/ke-hoach/anh.png").exists(),
        "pictures stay"
    );
    assert!(content(&site, "ke-hoach/01-hai.md").contains("HAI"));
    assert!(!site.root().join("content/ke-hoach/01-mot.md").exists());
    site.build();
}

/// The tests of this module, for the harness (tests/testsuite/main.rs).
pub(crate) fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        crate::trial(
            "import::the_seed_text_imports_as_the_hand_made_plan",
            the_seed_text_imports_as_the_hand_made_plan,
        ),
        crate::trial(
            "import::the_seed_saved_by_libreoffice_imports_as_the_hand_made_plan",
            the_seed_saved_by_libreoffice_imports_as_the_hand_made_plan,
        ),
        crate::trial(
            "import::the_default_folder_is_named_after_the_year_and_subject",
            the_default_folder_is_named_after_the_year_and_subject,
        ),
        crate::trial(
            "import::dry_run_prints_the_files_and_writes_nothing",
            dry_run_prints_the_files_and_writes_nothing,
        ),
        crate::trial(
            "import::existing_files_are_kept_without_force",
            existing_files_are_kept_without_force,
        ),
        crate::trial(
            "import::bad_input_gets_a_clear_message_and_writes_nothing",
            bad_input_gets_a_clear_message_and_writes_nothing,
        ),
        crate::trial(
            "import::a_missing_file_or_a_folder_is_refused",
            a_missing_file_or_a_folder_is_refused,
        ),
        crate::trial(
            "import::a_school_year_plan_with_a_month_list_imports_with_its_header",
            a_school_year_plan_with_a_month_list_imports_with_its_header,
        ),
        crate::trial(
            "import::a_word_plan_imports_builds_and_checks_clean_with_its_text_intact",
            a_word_plan_imports_builds_and_checks_clean_with_its_text_intact,
        ),
        crate::trial(
            "import::parts_marked_only_by_word_heading_styles_become_sections_without_numbers",
            parts_marked_only_by_word_heading_styles_become_sections_without_numbers,
        ),
        crate::trial(
            "import::text_without_parts_is_imported_as_one_section_with_a_warning",
            text_without_parts_is_imported_as_one_section_with_a_warning,
        ),
        crate::trial(
            "import::parts_with_the_same_title_or_a_reserved_name_get_names_that_build",
            parts_with_the_same_title_or_a_reserved_name_get_names_that_build,
        ),
        crate::trial(
            "import::into_names_a_plan_folder_and_force_replaces_the_plan",
            into_names_a_plan_folder_and_force_replaces_the_plan,
        ),
    ];
    trials
}
