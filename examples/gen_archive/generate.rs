//! The synthetic archive itself, shared by the `gen_archive` example, the benchmark and the
//! test that builds a 1,000-page archive (`#[path]`-included by each).
#![allow(dead_code)] // each user calls part of it

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small deterministic generator (xorshift64*): the content must be the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "chi bộ",
    "đảng viên",
    "ban giám hiệu",
    "tổ chuyên môn",
    "công đoàn",
    "chi đoàn thanh niên",
    "giáo viên",
    "nhân viên",
    "hội cha mẹ học sinh",
];
const VERBS: &[&str] = &[
    "tiếp tục quán triệt",
    "tổ chức thực hiện",
    "nâng cao chất lượng",
    "đẩy mạnh việc học tập và làm theo",
    "kiểm tra, giám sát",
    "tăng cường công tác",
    "xây dựng kế hoạch",
    "triển khai đồng bộ",
];
const OBJECTS: &[&str] = &[
    "nghị quyết của cấp ủy cấp trên",
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác chăm sóc, nuôi dưỡng, giáo dục trẻ",
    "sinh hoạt chi bộ định kỳ",
    "phong trào thi đua dạy tốt, học tốt",
    "công tác phát triển đảng viên",
    "chuyển đổi số trong quản lý nhà trường",
    "vệ sinh an toàn thực phẩm",
    "phòng chống dịch bệnh trong trường học",
];
const TAILS: &[&str] = &[
    "theo đúng kế hoạch đề ra",
    "gắn với nhiệm vụ chính trị của nhà trường",
    "một cách thường xuyên, liên tục",
    "đạt hiệu quả thiết thực",
    "trong toàn thể cán bộ, giáo viên, nhân viên",
];

fn sentence(r: &mut Rng) -> String {
    let mut s = format!(
        "{} {} {} {}.",
        r.pick(SUBJECTS),
        r.pick(VERBS),
        r.pick(OBJECTS),
        r.pick(TAILS)
    );
    // Capitalise the first letter (every subject starts with an ASCII or Vietnamese lower case).
    let first = s.chars().next().unwrap();
    s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    s
}

fn paragraph(r: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(r))
        .collect::<Vec<_>>()
        .join(" ")
}

fn section_file(r: &mut Rng, year: i32, i: usize, sections: usize) -> String {
    let mut md = String::new();
    let timeline = i == sections;
    writeln!(
        md,
        "+++\ntitle = \"NỘI DUNG {i}: {}\"\nnumber = \"{}\"{}\n+++\n",
        r.pick(OBJECTS).to_uppercase(),
        plansite::import::numerals::roman(u32::try_from(i).unwrap_or(0)),
        if timeline { "\ntimeline = true" } else { "" }
    )
    .unwrap();
    writeln!(md, "# 1. Mục tiêu\n\n{}\n", paragraph(r, 4)).unwrap();
    writeln!(md, "## a. Chỉ tiêu năm {year}\n").unwrap();
    for _ in 0..5 {
        writeln!(
            md,
            "- Phấn đấu **{}%** {} {}.",
            70 + r.below(30),
            r.pick(SUBJECTS),
            r.pick(OBJECTS)
        )
        .unwrap();
    }
    writeln!(
        md,
        "\n| Chỉ tiêu | Năm {} | Năm {year} | Ghi chú |\n|---|---:|---:|---|",
        year - 1
    )
    .unwrap();
    for _ in 0..5 {
        writeln!(
            md,
            "| {} | {} | **{}** | {} |",
            r.pick(OBJECTS),
            10 + r.below(90),
            10 + r.below(90),
            r.pick(TAILS)
        )
        .unwrap();
    }
    writeln!(md, "\n# 2. Giải pháp\n\n{}\n", paragraph(r, 5)).unwrap();
    writeln!(md, "## a. Về tư tưởng\n\n{}\n", paragraph(r, 3)).unwrap();
    writeln!(md, "## b. Về tổ chức\n\n{}\n", paragraph(r, 3)).unwrap();
    if i > 1 {
        writeln!(
            md,
            "Xem thêm [mục tiêu của nội dung {p}]({p:03}-noi-dung-{p}.md#1-muc-tieu) và [giải pháp](#2-giai-phap).\n",
            p = i - 1
        )
        .unwrap();
    }
    md
}

/// The organisations of a generated site, by their place: the first is the Party cell.
fn organisation(k: usize) -> String {
    match k {
        0 => "Chi bộ Trường Mầm non Tiên Cường".to_owned(),
        1 => "Công đoàn Trường Mầm non Tiên Cường".to_owned(),
        2 => "Chi đoàn Trường Mầm non Tiên Cường".to_owned(),
        k => format!("Tổ {k} Trường Mầm non Tiên Cường"),
    }
}

/// A plan's `_index.md`; `organisation` names it on a site of several.
fn plan_file(year: i32, organisation: Option<&str>) -> String {
    let organisation = organisation.map_or(String::new(), |o| format!("organisation = \"{o}\"\n"));
    format!(
        "+++\n{organisation}title = \"Kế hoạch hoạt động Chi bộ năm {year}\"\nsubject = \"HOẠT ĐỘNG CHI BỘ NĂM {year}\"\n\
         number = \"02-KH/CB\"\ndate = {year}-01-27\nplace = \"Tiên Cường\"\nmotto = \"ĐẢNG CỘNG SẢN VIỆT NAM\"\n\n\
         [issuer]\nparent = \"ĐẢNG BỘ XÃ TIÊN CƯỜNG\"\nname = \"CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG\"\n\n\
         [period]\nstart = \"{year}-01\"\nend = \"{year}-12\"\n\n\
         [signer]\non_behalf = \"T/M CHI BỘ\"\ntitle = \"BÍ THƯ\"\nname = \"Vũ Thị Xuyên\"\n\n\
         [[recipients]]\nname = \"Đảng ủy xã\"\npurpose = \"để b/c\"\n\n\
         [[recipients]]\nname = \"Lưu chi bộ\"\n+++\n\n\
         Căn cứ Điều lệ Đảng và [nhiệm vụ năm {year}](001-noi-dung-1.md#1-muc-tieu), Chi bộ xây dựng kế hoạch như sau.\n"
    )
}

fn month_file(r: &mut Rng, year: i32, month: u32) -> String {
    let mut md = format!(
        "+++\n[[events]]\ndate = {year}-{month:02}-05\ntitle = \"Họp chi bộ thường kỳ\"\ntime = \"14:00\"\n\n\
         [[events]]\ndate = {year}-{month:02}-20\ntitle = \"Kiểm tra, giám sát\"\n+++\n\n"
    );
    for _ in 0..8 {
        writeln!(md, "- {}", sentence(r)).unwrap();
    }
    md
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Writes the archive into `out` (plansite.toml and content/): `plans` plans of each of
/// `organisations` organisations; returns the number of pages it will have.
pub fn generate(out: &Path, plans: usize, sections: usize, organisations: usize) -> usize {
    write(
        &out.join("plansite.toml"),
        "title = \"Lưu trữ kế hoạch Chi bộ\"\nlanguage = \"vi\"\n",
    );
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for (p, k) in (0..plans).flat_map(|p| (0..organisations).map(move |k| (p, k))) {
        let year = 2000 + i32::try_from(p).unwrap();
        // The first organisation's folders are named as on a site of one.
        let folder = match k {
            0 => format!("{year}-ke-hoach"),
            k => format!("{year}-ke-hoach-to-chuc-{k}"),
        };
        let dir = out.join("content").join(folder);
        let named = (organisations > 1).then(|| organisation(k));
        write(&dir.join("_index.md"), &plan_file(year, named.as_deref()));
        for i in 1..=sections {
            write(
                &dir.join(format!("{i:03}-noi-dung-{i}.md")),
                &section_file(&mut r, year, i, sections),
            );
        }
        for month in 1..=12 {
            write(
                &dir.join("months").join(format!("{year}-{month:02}.md")),
                &month_file(&mut r, year, month),
            );
        }
    }
    // Per plan: the document page, the timeline, every section and every month; the home,
    // search and 404 pages; across several organisations, the site's month pages and "this
    // month".
    let across = if organisations > 1 { plans * 12 + 1 } else { 0 };
    plans * organisations * (2 + sections + 12) + 3 + across
}
