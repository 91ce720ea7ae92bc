//! The edits, each on real files of the site: the kinds of change an author makes (text,
//! headings, links, front matter, sections, months, plan headers, whole plans, attachments,
//! theme overrides, static files, the config), the ones editors and tools make (content
//! changed with its old size and mtime put back, a file touched), damage to the build cache,
//! breakages, and going back to the last sources that built.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::rng::Rng;
use super::sources::{self, Plan, Sources};
use crate::common::copy_dir;

/// The kinds of edit, each with its weight in the draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    SectionText,
    Heading,
    LinkToHeading,
    SectionMeta,
    AddSection,
    DeleteSection,
    RenameSection,
    Month,
    PlanHeader,
    AddPlan,
    DeletePlan,
    RenamePlan,
    Attachment,
    Template,
    Static,
    Config,
    SameSizeOldMtime,
    CorruptCache,
    Touch,
    Nothing,
    Break,
    Undo,
}

const KINDS: [(Kind, u64); 21] = [
    (Kind::SectionText, 8),
    (Kind::Heading, 7),
    (Kind::LinkToHeading, 7),
    (Kind::SectionMeta, 5),
    (Kind::AddSection, 4),
    (Kind::DeleteSection, 3),
    (Kind::RenameSection, 3),
    (Kind::Month, 7),
    (Kind::PlanHeader, 6),
    (Kind::AddPlan, 3),
    (Kind::DeletePlan, 2),
    (Kind::RenamePlan, 2),
    (Kind::Attachment, 6),
    (Kind::Template, 5),
    (Kind::Static, 4),
    (Kind::Config, 4),
    (Kind::SameSizeOldMtime, 6),
    (Kind::CorruptCache, 3),
    (Kind::Touch, 3),
    (Kind::Nothing, 2),
    (Kind::Break, 3),
];

/// The weight of going back to the last good sources while the site does not build.
const UNDO_WEIGHT: u64 = 30;

/// Organisations a plan header may name.
const ORGANISATIONS: [&str; 4] = [
    "Công đoàn Trường Mầm non Hoa Sen",
    "Chi đoàn Trường Mầm non Hoa Sen",
    "Chi bộ Trường Mầm non Hoa Sen",
    "Ban đại diện cha mẹ học sinh",
];

/// Makes the edits of one sequence.
pub(crate) struct Editor {
    root: PathBuf,
    rng: Rng,
    /// Numbers the names and texts of new things, so each is new.
    counter: u32,
    /// Headings that links point at: (file from the root, heading id). Editing them breaks
    /// the links.
    linked: Vec<(String, String)>,
    /// The sources of the last good build, which an undo goes back to.
    last_good: Sources,
    /// Whether the last build failed.
    failing: bool,
    /// Whether a file the site publishes as it is (an attachment, a static file) may be
    /// changed in place with its old mtime put back.
    in_place_copies: bool,
}

impl Editor {
    /// An editor of the site in `root`, which builds as it is.
    pub(crate) fn new(root: &Path, seed: u64, in_place_copies: bool) -> Editor {
        Editor {
            root: root.to_path_buf(),
            rng: Rng::new(seed),
            counter: 0,
            linked: Vec::new(),
            last_good: Sources::read(root),
            failing: false,
            in_place_copies,
        }
    }

    /// Tells the editor how the build after its last edit went (`sources` when it succeeded).
    pub(crate) fn built(&mut self, sources: Option<Sources>) {
        self.failing = sources.is_none();
        if let Some(sources) = sources {
            self.last_good = sources;
        }
    }

    /// Makes one edit; returns what it did.
    pub(crate) fn edit(&mut self) -> String {
        loop {
            let kind = self.draw();
            if let Some(what) = self.apply(kind) {
                return format!("{kind:?}: {what}");
            }
        }
    }

    fn draw(&mut self) -> Kind {
        let undo = if self.failing { UNDO_WEIGHT } else { 0 };
        let total: u64 = KINDS.iter().map(|(_, w)| w).sum::<u64>() + undo;
        let mut at = self.rng.next_u64() % total;
        for (kind, weight) in KINDS {
            if at < weight {
                return kind;
            }
            at -= weight;
        }
        Kind::Undo
    }

    fn apply(&mut self, kind: Kind) -> Option<String> {
        match kind {
            Kind::SectionText => self.section_text(),
            Kind::Heading => self.heading(),
            Kind::LinkToHeading => self.link_to_heading(),
            Kind::SectionMeta => self.section_meta(),
            Kind::AddSection => self.add_section(),
            Kind::DeleteSection => self.delete_section(),
            Kind::RenameSection => self.rename_section(),
            Kind::Month => self.month(),
            Kind::PlanHeader => self.plan_header(),
            Kind::AddPlan => self.add_plan(),
            Kind::DeletePlan => self.delete_plan(),
            Kind::RenamePlan => self.rename_plan(),
            Kind::Attachment => self.attachment(),
            Kind::Template => self.template(),
            Kind::Static => self.static_file(),
            Kind::Config => self.config(),
            Kind::SameSizeOldMtime => self.same_size_old_mtime(),
            Kind::CorruptCache => Some(self.corrupt_cache()),
            Kind::Touch => self.touch(),
            Kind::Nothing => Some("no change".to_owned()),
            Kind::Break => Some(self.break_build()),
            Kind::Undo => {
                self.last_good.restore(&self.root);
                Some("back to the sources of the last good build".to_owned())
            }
        }
    }

    // Helpers.

    fn next_number(&mut self) -> u32 {
        self.counter += 1;
        self.counter
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn plans(&self) -> Vec<Plan> {
        sources::plans(&self.root)
    }

    fn pick_plan(&mut self, keep: impl Fn(&Plan) -> bool) -> Option<Plan> {
        let mut plans: Vec<Plan> = self.plans().into_iter().filter(keep).collect();
        (!plans.is_empty()).then(|| {
            let i = self.rng.below(plans.len());
            plans.swap_remove(i)
        })
    }

    /// A section file of some plan, from the root.
    fn pick_section(&mut self) -> Option<String> {
        let plan = self.pick_plan(|p| !p.sections.is_empty())?;
        let section = self.rng.pick(&plan.sections)?;
        Some(format!("{}/{section}", plan.dir()))
    }

    /// Files under `dir` (from the root), from the root, sorted.
    fn files_under(&self, dir: &str) -> Vec<String> {
        walkdir::WalkDir::new(self.path(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| sources::relative(&self.root, e.path()))
            .collect()
    }

    /// Every source file an author edits: content, overrides, static files, the config.
    fn source_files(&self) -> Vec<String> {
        let mut files = self.files_under("content");
        files.extend(self.files_under("templates"));
        files.extend(self.files_under("static"));
        files.push("plansite.toml".to_owned());
        files
    }

    /// The default theme's folder: the site's copy, else the repository's (the one built in).
    fn theme(&self) -> PathBuf {
        let own = self.path("themes/default");
        if own.is_dir() {
            own
        } else {
            crate::common::repo().join("themes/default")
        }
    }

    /// A file of the default theme (`templates/section.html`).
    fn theme_file(&self, rel: &str) -> String {
        fs::read_to_string(self.theme().join(rel)).unwrap()
    }

    fn append(&self, rel: &str, paragraph: &str) {
        let text = self.read(rel);
        self.write(rel, &format!("{}\n\n{paragraph}\n", text.trim_end()));
    }

    // Sections.

    fn section_text(&mut self) -> Option<String> {
        let rel = self.pick_section()?;
        let n = self.next_number();
        let text = self.read(&rel);
        let start = text.lines().count() - sources::body(&text).lines().count();
        let last = text
            .lines()
            .enumerate()
            .skip(start)
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|(i, _)| i)
            .last();
        match last {
            Some(i) if self.rng.chance(50) => {
                let line = format!("Đoạn văn thay số {n}, viết lại.");
                self.write(&rel, &sources::replace_line(&text, i, Some(&line)));
                Some(format!("{rel}: replace line {}", i + 1))
            }
            _ => {
                self.append(&rel, &format!("Đoạn văn mới số {n}: cập nhật nội dung."));
                Some(format!("{rel}: append a paragraph"))
            }
        }
    }

    fn heading(&mut self) -> Option<String> {
        let n = self.next_number();
        let new = format!("Phần việc {n}");
        // Often a heading that a link points at.
        if self.rng.chance(60) {
            let linked = self.linked.clone();
            let live: Vec<(String, usize, String)> = linked
                .iter()
                .filter_map(|(rel, id)| {
                    let text = fs::read_to_string(self.path(rel)).ok()?;
                    let (line, heading) = sources::headings(&text)
                        .into_iter()
                        .find(|(_, h)| plansite::slug::slugify(h) == *id)?;
                    Some((rel.clone(), line, heading))
                })
                .collect();
            if let Some((rel, line, heading)) = self.rng.pick(&live).cloned() {
                let text = self.read(&rel);
                let (replacement, what) = if self.rng.chance(60) {
                    (
                        Some(format!("# {new}")),
                        format!("rename linked heading `{heading}` to `{new}`"),
                    )
                } else {
                    (None, format!("remove linked heading `{heading}`"))
                };
                self.write(
                    &rel,
                    &sources::replace_line(&text, line, replacement.as_deref()),
                );
                return Some(format!("{rel}: {what}"));
            }
        }
        let rel = self.pick_section()?;
        let text = self.read(&rel);
        let headings = sources::headings(&text);
        if !headings.is_empty() && self.rng.chance(75) {
            let (line, heading) = self.rng.pick(&headings).cloned()?;
            if self.rng.chance(65) {
                let level = "#".repeat(1 + self.rng.below(2));
                let replacement = format!("{level} {new}");
                self.write(
                    &rel,
                    &sources::replace_line(&text, line, Some(&replacement)),
                );
                Some(format!("{rel}: rename heading `{heading}` to `{new}`"))
            } else {
                self.write(&rel, &sources::replace_line(&text, line, None));
                Some(format!("{rel}: remove heading `{heading}`"))
            }
        } else {
            self.append(&rel, &format!("# {new}\n\nNội dung {n}."));
            Some(format!("{rel}: add heading `{new}`"))
        }
    }

    fn link_to_heading(&mut self) -> Option<String> {
        let plans = self.plans();
        let mut targets = Vec::new();
        for (p, plan) in plans.iter().enumerate() {
            for section in &plan.sections {
                let text = self.read(&format!("{}/{section}", plan.dir()));
                for (_, heading) in sources::headings(&text) {
                    targets.push((p, section.clone(), plansite::slug::slugify(&heading)));
                }
            }
        }
        let (to, section, id) = self.rng.pick(&targets).cloned()?;
        let others: Vec<usize> = (0..plans.len()).filter(|&p| p != to).collect();
        let from = self.rng.pick(&others).copied().unwrap_or(to);
        let mut files = plans[from].sections.clone();
        files.push("_index.md".to_owned());
        let file = self.rng.pick(&files)?.clone();
        let rel = format!("{}/{file}", plans[from].dir());
        let link = if from == to {
            format!("{section}#{id}")
        } else {
            format!("../{}/{section}#{id}", plans[to].folder)
        };
        let n = self.next_number();
        self.append(&rel, &format!("Xem [phần việc {n}]({link})."));
        self.linked
            .push((format!("{}/{section}", plans[to].dir()), id));
        Some(format!("{rel}: link to {link}"))
    }

    fn section_meta(&mut self) -> Option<String> {
        let rel = self.pick_section()?;
        let n = self.next_number();
        let text = self.read(&rel);
        let (key, value) = match self.rng.below(3) {
            0 => ("title", Some(format!("\"MỤC {n}\""))),
            1 => ("weight", Some(format!("{}", 100 + n))),
            _ => ("weight", None),
        };
        self.write(&rel, &sources::set_key(&text, key, value.as_deref(), false));
        Some(format!("{rel}: {key} = {value:?}"))
    }

    /// A file-name number no section of `plan` has.
    fn free_number(&mut self, plan: &Plan) -> u32 {
        let used: Vec<u32> = plan
            .sections
            .iter()
            .filter_map(|s| s.split('-').next()?.parse().ok())
            .collect();
        loop {
            let candidate = 3 + self.rng.below(96) as u32;
            if !used.contains(&candidate) {
                return candidate;
            }
        }
    }

    fn add_section(&mut self) -> Option<String> {
        let plan = self.pick_plan(|_| true)?;
        let n = self.next_number();
        let number = self.free_number(&plan);
        let rel = format!("{}/{number:02}-them-{n}.md", plan.dir());
        self.write(
            &rel,
            &format!(
                "+++\ntitle = \"PHẦN THÊM {n}\"\n+++\n\n# Việc thêm {n}\n\nNội dung phần thêm {n}.\n"
            ),
        );
        Some(format!("add {rel}"))
    }

    fn delete_section(&mut self) -> Option<String> {
        let plan = self.pick_plan(|p| p.sections.len() >= 2)?;
        let rel = format!("{}/{}", plan.dir(), self.rng.pick(&plan.sections)?);
        fs::remove_file(self.path(&rel)).unwrap();
        Some(format!("delete {rel}"))
    }

    fn rename_section(&mut self) -> Option<String> {
        let plan = self.pick_plan(|p| !p.sections.is_empty())?;
        let old = self.rng.pick(&plan.sections)?.clone();
        let n = self.next_number();
        let prefix = match old.split_once('-') {
            Some((digits, _)) if self.rng.chance(70) => digits.to_owned(),
            _ => format!("{:02}", self.free_number(&plan)),
        };
        let new = format!("{prefix}-doi-{n}.md");
        fs::rename(
            self.path(&format!("{}/{old}", plan.dir())),
            self.path(&format!("{}/{new}", plan.dir())),
        )
        .unwrap();
        Some(format!("{}: rename {old} to {new}", plan.dir()))
    }

    // Months.

    fn month_text(&mut self, month: &str, n: u32) -> String {
        let activities: String = (1..=1 + self.rng.below(3))
            .map(|i| format!("- Hoạt động {n}.{i} trong tháng.\n"))
            .collect();
        if self.rng.chance(50) {
            let day = 1 + self.rng.below(28);
            let time = if self.rng.chance(50) {
                "time = \"8:00\"\n"
            } else {
                ""
            };
            format!(
                "+++\n[[events]]\ndate = {month}-{day:02}\ntitle = \"Sự kiện {n}\"\n{time}+++\n\n{activities}"
            )
        } else {
            activities
        }
    }

    fn month(&mut self) -> Option<String> {
        let plan = self.pick_plan(|p| p.period.is_some())?;
        let n = self.next_number();
        let missing: Vec<String> = plan
            .period_months()
            .into_iter()
            .filter(|m| !plan.months.contains(&format!("{m}.md")))
            .collect();
        let choice = self.rng.below(10);
        if (choice < 4 || plan.months.is_empty()) && !missing.is_empty() {
            let month = self.rng.pick(&missing)?.clone();
            let rel = format!("{}/months/{month}.md", plan.dir());
            let text = self.month_text(&month, n);
            self.write(&rel, &text);
            return Some(format!("add {rel}"));
        }
        let file = self.rng.pick(&plan.months)?.clone();
        let rel = format!("{}/months/{file}", plan.dir());
        if choice < 8 {
            let text = self.month_text(file.trim_end_matches(".md"), n);
            self.write(&rel, &text);
            Some(format!("rewrite {rel}"))
        } else {
            fs::remove_file(self.path(&rel)).unwrap();
            Some(format!("delete {rel}"))
        }
    }

    // Plans.

    fn plan_header(&mut self) -> Option<String> {
        let plans = self.plans();
        let plan = self.rng.pick(&plans)?;
        let rel = format!("{}/_index.md", plan.dir());
        let others: Vec<&str> = plans
            .iter()
            .filter(|p| p.folder != plan.folder)
            .map(|p| p.folder.as_str())
            .collect();
        let n = self.next_number();
        let (key, value) = match self.rng.below(4) {
            0 => ("title", Some(format!("\"Kế hoạch thử số {n}\""))),
            1 => (
                "date",
                Some(format!(
                    "2024-{:02}-{:02}",
                    1 + self.rng.below(12),
                    1 + self.rng.below(28)
                )),
            ),
            2 => (
                "organisation",
                self.rng
                    .chance(60)
                    .then(|| format!("\"{}\"", self.rng.pick(&ORGANISATIONS).unwrap())),
            ),
            _ => {
                let value = match self.rng.below(20) {
                    0..7 => self.rng.pick(&others).map(|o| format!("\"{o}\"")),
                    7..11 if others.len() >= 2 => {
                        let a = self.rng.below(others.len());
                        let b = (a + 1 + self.rng.below(others.len() - 1)) % others.len();
                        Some(format!("[\"{}\", \"{}\"]", others[a], others[b]))
                    }
                    18.. => Some(format!("\"khong-co-{n}\"")),
                    _ => None,
                };
                ("based_on", value)
            }
        };
        let text = self.read(&rel);
        self.write(&rel, &sources::set_key(&text, key, value.as_deref(), false));
        Some(format!("{rel}: {key} = {value:?}"))
    }

    fn add_plan(&mut self) -> Option<String> {
        let plan = self.pick_plan(|_| true)?;
        let n = self.next_number();
        let folder = format!("kh-them-{n}");
        // Made aside and moved in at once, as a copied folder arrives.
        let staging = tempfile::Builder::new()
            .prefix(".plansite-edit-")
            .tempdir_in(&self.root)
            .unwrap();
        let made = staging.path().join(&folder);
        copy_dir(&self.path(&plan.dir()), &made);
        let header = made.join("_index.md");
        let text = fs::read_to_string(&header).unwrap();
        let title = format!("\"Kế hoạch sao chép số {n}\"");
        fs::write(
            &header,
            sources::set_key(&text, "title", Some(&title), false),
        )
        .unwrap();
        fs::rename(&made, self.path(&format!("content/{folder}"))).unwrap();
        Some(format!("copy {} to content/{folder}", plan.dir()))
    }

    fn delete_plan(&mut self) -> Option<String> {
        if self.plans().len() < 2 {
            return None;
        }
        let plan = self.pick_plan(|_| true)?;
        fs::remove_dir_all(self.path(&plan.dir())).unwrap();
        Some(format!("delete {}", plan.dir()))
    }

    fn rename_plan(&mut self) -> Option<String> {
        let plan = self.pick_plan(|_| true)?;
        let n = self.next_number();
        let new = format!("content/kh-doi-{n}");
        fs::rename(self.path(&plan.dir()), self.path(&new)).unwrap();
        Some(format!("rename {} to {new}", plan.dir()))
    }

    // Attachments, theme overrides, static files, the config.

    fn attachment(&mut self) -> Option<String> {
        let choice = self.rng.below(20);
        let n = self.next_number();
        if choice < 8 {
            let plan = self.pick_plan(|_| true)?;
            let name = format!("tep-{n}.bin");
            let len = 8 + self.rng.below(56);
            let bytes = self.rng.bytes(len);
            fs::write(self.path(&format!("{}/{name}", plan.dir())), bytes).unwrap();
            let section = self.rng.pick(&plan.sections).cloned();
            let linked = match section {
                Some(s) if self.rng.chance(80) => {
                    let rel = format!("{}/{s}", plan.dir());
                    self.append(&rel, &format!("[Tệp {n}]({name})"));
                    format!(", linked from {s}")
                }
                _ => String::new(),
            };
            return Some(format!("add {}/{name}{linked}", plan.dir()));
        }
        let plan = self.pick_plan(|p| !p.attachments.is_empty())?;
        let name = self.rng.pick(&plan.attachments)?.clone();
        let rel = format!("{}/{name}", plan.dir());
        if choice < 15 {
            let len = 8 + self.rng.below(56);
            let bytes = self.rng.bytes(len);
            fs::write(self.path(&rel), bytes).unwrap();
            return Some(format!("rewrite {rel} ({len} bytes)"));
        }
        fs::remove_file(self.path(&rel)).unwrap();
        if self.rng.chance(60) {
            let target = format!("]({name})");
            for section in &plan.sections {
                let file = format!("{}/{section}", plan.dir());
                let text = self.read(&file);
                if text.contains(&target) {
                    let kept: String = text
                        .lines()
                        .filter(|l| !l.contains(&target))
                        .map(|l| format!("{l}\n"))
                        .collect();
                    self.write(&file, &kept);
                }
            }
            return Some(format!("delete {rel} and the links to it"));
        }
        Some(format!("delete {rel}"))
    }

    fn template(&mut self) -> Option<String> {
        let overrides = self.files_under("templates");
        let theme = self.theme().join("templates");
        let candidates: Vec<String> = walkdir::WalkDir::new(&theme)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| sources::relative(&theme, e.path()))
            .filter(|f| {
                self.theme_file(&format!("templates/{f}"))
                    .contains("class=\"")
            })
            .filter(|f| !overrides.contains(&format!("templates/{f}")))
            .collect();
        let n = self.next_number();
        let marked = |text: &str| match text.find("data-edit=\"") {
            Some(i) => {
                let end = i + 11 + text[i + 11..].find('"').unwrap();
                format!("{}data-edit=\"{n}{}", &text[..i], &text[end..])
            }
            None => text.replacen("class=\"", &format!("data-edit=\"{n}\" class=\""), 1),
        };
        let choice = self.rng.below(20);
        if (choice < 9 || overrides.is_empty()) && !candidates.is_empty() {
            let name = self.rng.pick(&candidates)?.clone();
            let text = self.theme_file(&format!("templates/{name}"));
            self.write(&format!("templates/{name}"), &marked(&text));
            return Some(format!("override {name}"));
        }
        let rel = self.rng.pick(&overrides)?.clone();
        if choice < 16 {
            let text = self.read(&rel);
            self.write(&rel, &marked(&text));
            Some(format!("change {rel}"))
        } else {
            fs::remove_file(self.path(&rel)).unwrap();
            Some(format!("delete {rel}"))
        }
    }

    fn static_file(&mut self) -> Option<String> {
        let files = self.files_under("static");
        let n = self.next_number();
        let choice = self.rng.below(20);
        if choice < 9 || files.is_empty() {
            if self.rng.chance(50) && !files.contains(&"static/style.css".to_owned()) {
                let css = self.theme_file("static/style.css");
                self.write("static/style.css", &format!("{css}\n/* sửa {n} */\n"));
                return Some("override static/style.css".to_owned());
            }
            let rel = format!("static/extra-{n}.txt");
            self.write(&rel, &format!("Tệp tĩnh {n}\n"));
            return Some(format!("add {rel}"));
        }
        let rel = self.rng.pick(&files)?.clone();
        if choice < 16 {
            let text = self.read(&rel);
            self.write(&rel, &format!("{text}/* sửa {n} */\n"));
            Some(format!("change {rel}"))
        } else {
            fs::remove_file(self.path(&rel)).unwrap();
            Some(format!("delete {rel}"))
        }
    }

    /// The organisations of the site's plans, as their headers name them.
    fn organisations(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for plan in self.plans() {
            let text = self.read(&format!("{}/_index.md", plan.dir()));
            let name = sources::get_key(&text, "organisation", false)
                .map(|v| v.trim_matches('"').to_owned())
                .or_else(|| sources::table_key(&text, "issuer", "name"));
            if let Some(name) = name
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        names
    }

    fn config(&mut self) -> Option<String> {
        let rel = "plansite.toml";
        let text = self.read(rel);
        let n = self.next_number();
        let (key, value) = match self.rng.below(3) {
            0 => ("title", Some(format!("\"Trang thử số {n}\""))),
            1 => {
                let english =
                    sources::get_key(&text, "language", true).is_some_and(|l| l.contains("en"));
                (
                    "language",
                    Some(if english { "\"vi\"" } else { "\"en\"" }.to_owned()),
                )
            }
            _ => {
                let mut names = self.organisations();
                let value = (!names.is_empty() && self.rng.chance(80)).then(|| {
                    let mut listed = Vec::new();
                    for _ in 0..1 + self.rng.below(names.len()) {
                        let i = self.rng.below(names.len());
                        listed.push(format!("\"{}\"", names.swap_remove(i)));
                    }
                    format!("[{}]", listed.join(", "))
                });
                ("organisations", value)
            }
        };
        self.write(rel, &sources::set_key(&text, key, value.as_deref(), true));
        Some(format!("{rel}: {key} = {value:?}"))
    }

    // Changes that tools make.

    /// Changes one letter (or byte) of a file, then puts back its modification time: the size
    /// and the mtime are as before, only the bytes differ.
    fn same_size_old_mtime(&mut self) -> Option<String> {
        let copied = |rel: &str| {
            rel.starts_with("static/") || (rel.starts_with("content/") && !rel.ends_with(".md"))
        };
        // Copied files are few: a third of the time, one of them (when they may be chosen).
        let only_copied = self.in_place_copies && self.rng.chance(35);
        let mut files: Vec<String> = self
            .source_files()
            .into_iter()
            .filter(|f| {
                if only_copied {
                    copied(f)
                } else {
                    self.in_place_copies || !copied(f)
                }
            })
            .collect();
        if files.is_empty() {
            files = self
                .source_files()
                .into_iter()
                .filter(|f| !copied(f))
                .collect();
        }
        let rel = self.rng.pick(&files)?.clone();
        let path = self.path(&rel);
        let mtime = fs::metadata(&path).unwrap().modified().unwrap();
        let mut bytes = fs::read(&path).unwrap();
        // Text stays text (other edits read it again), whether it is copied or not.
        let text = std::str::from_utf8(&bytes).ok();
        let what = if let Some(text) = text {
            let start = if rel.ends_with(".md") {
                text.len() - sources::body(text).len()
            } else {
                0
            };
            let letters: Vec<usize> = (start..bytes.len())
                .filter(|&i| bytes[i].is_ascii_lowercase())
                .collect();
            let &at = self.rng.pick(&letters)?;
            let old = bytes[at];
            bytes[at] = b'a' + (old - b'a' + 1 + self.rng.below(25) as u8) % 26;
            format!("`{}` for `{}` at byte {at}", bytes[at] as char, old as char)
        } else {
            if bytes.is_empty() {
                return None;
            }
            let at = self.rng.below(bytes.len());
            bytes[at] ^= 0x5a;
            format!("byte {at}")
        };
        fs::write(&path, &bytes).unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        Some(format!("{rel}: {what}, size and mtime kept"))
    }

    /// Damages a build cache beside the output (any file of the site folder whose name has
    /// `plansite-cache`, or a file inside such a folder); none yet is fine.
    fn corrupt_cache(&mut self) -> String {
        let mut files = Vec::new();
        for name in sources::names(&self.root) {
            if name.contains("plansite-cache") {
                files.extend(self.files_under(&name));
            }
        }
        let Some(rel) = self.rng.pick(&files).cloned() else {
            return "no build cache to corrupt".to_owned();
        };
        let path = self.path(&rel);
        let mut bytes = fs::read(&path).unwrap();
        let what = match self.rng.below(3) {
            0 => {
                bytes.truncate(bytes.len() / 2);
                "truncate"
            }
            1 if !bytes.is_empty() => {
                for _ in 0..1 + bytes.len() / 64 {
                    let at = self.rng.below(bytes.len());
                    bytes[at] ^= 1 << self.rng.below(8);
                }
                "flip bits of"
            }
            _ => {
                let len = self.rng.below(4096);
                bytes = self.rng.bytes(len);
                "write garbage into"
            }
        };
        fs::write(&path, bytes).unwrap();
        format!("{what} {rel}")
    }

    fn touch(&mut self) -> Option<String> {
        let files = self.source_files();
        let rel = self.rng.pick(&files)?.clone();
        fs::File::options()
            .write(true)
            .open(self.path(&rel))
            .unwrap()
            .set_modified(SystemTime::now())
            .unwrap();
        Some(format!("touch {rel}"))
    }

    /// Breaks the build in a way other edits do not.
    fn break_build(&mut self) -> String {
        match self.rng.below(3) {
            0 if self.pick_section().is_some() => {
                let rel = self.pick_section().unwrap();
                let text = self.read(&rel);
                self.write(
                    &rel,
                    &sources::set_key(&text, "titel", Some("\"Sai\""), false),
                );
                format!("{rel}: unknown key `titel`")
            }
            1 => {
                let rel = "templates/section.html";
                let text = fs::read_to_string(self.path(rel))
                    .unwrap_or_else(|_| self.theme_file("templates/section.html"));
                self.write(rel, &format!("{text}{{% if %}}\n"));
                format!("{rel}: a syntax error")
            }
            _ => {
                let text = self.read("plansite.toml");
                let text = sources::set_key(&text, "language", Some("\"xx\""), true);
                self.write("plansite.toml", &text);
                "plansite.toml: language the theme does not have".to_owned()
            }
        }
    }
}
