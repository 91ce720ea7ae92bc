//! The site as the edits see it, read from disk before each edit: its plans and their files,
//! every source file (for the fresh copy and for undoing), and small helpers that change a
//! file's TOML front matter the way an author would, line by line.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// One plan folder under `content/`.
pub(crate) struct Plan {
    /// Its folder name.
    pub(crate) folder: String,
    /// Its section files (`01-muc-dich.md`), sorted.
    pub(crate) sections: Vec<String>,
    /// Its month files (`2024-09.md`), sorted.
    pub(crate) months: Vec<String>,
    /// Its other files (attachments), sorted.
    pub(crate) attachments: Vec<String>,
    /// Its `[period]`: first and last month as (year, month).
    pub(crate) period: Option<((i32, u32), (i32, u32))>,
}

impl Plan {
    /// The folder, from the site root.
    pub(crate) fn dir(&self) -> String {
        format!("content/{}", self.folder)
    }

    /// Every month of its period, as `YYYY-MM`.
    pub(crate) fn period_months(&self) -> Vec<String> {
        let Some(((mut y, mut m), end)) = self.period else {
            return Vec::new();
        };
        let mut months = Vec::new();
        while (y, m) <= end && months.len() < 60 {
            months.push(format!("{y:04}-{m:02}"));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        months
    }
}

/// The plans of the site in `root`, sorted by folder.
pub(crate) fn plans(root: &Path) -> Vec<Plan> {
    let mut plans = Vec::new();
    for folder in names(&root.join("content")) {
        let dir = root.join("content").join(&folder);
        let Ok(header) = fs::read_to_string(dir.join("_index.md")) else {
            continue;
        };
        let mut plan = Plan {
            folder,
            sections: Vec::new(),
            months: names(&dir.join("months")),
            attachments: Vec::new(),
            period: period(&header),
        };
        for name in names(&dir) {
            if dir.join(&name).is_dir() || name == "_index.md" {
                continue;
            }
            if name.ends_with(".md") {
                plan.sections.push(name);
            } else {
                plan.attachments.push(name);
            }
        }
        plans.push(plan);
    }
    plans
}

/// The names in a folder, sorted (none when it does not exist).
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file (with its bytes) and folder of the site's sources: all but the output folder
/// and what builds keep beside it (`.output.*`).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Sources {
    pub(crate) files: BTreeMap<String, Vec<u8>>,
    pub(crate) dirs: Vec<String>,
}

/// Whether `rel` (relative to the site root) is the output or kept beside it.
fn is_output(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or_default();
    first == "output" || first.starts_with(".output.")
}

impl Sources {
    pub(crate) fn read(root: &Path) -> Sources {
        let mut sources = Sources {
            files: BTreeMap::new(),
            dirs: Vec::new(),
        };
        for entry in walkdir::WalkDir::new(root).sort_by_file_name().min_depth(1) {
            let entry = entry.unwrap();
            let rel = relative(root, entry.path());
            if is_output(&rel) {
                continue;
            }
            if entry.file_type().is_dir() {
                sources.dirs.push(rel);
            } else {
                sources.files.insert(rel, fs::read(entry.path()).unwrap());
            }
        }
        sources
    }

    /// Writes these sources into the empty folder `root`.
    pub(crate) fn copy_to(&self, root: &Path) {
        for dir in &self.dirs {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        for (rel, bytes) in &self.files {
            fs::write(root.join(rel), bytes).unwrap();
        }
    }

    /// Puts the site in `root` back to these sources: changed files rewritten, new ones and
    /// new folders removed. Files already as they were are left alone.
    pub(crate) fn restore(&self, root: &Path) {
        let now = Sources::read(root);
        for rel in now.files.keys() {
            if !self.files.contains_key(rel) {
                fs::remove_file(root.join(rel)).unwrap();
            }
        }
        for dir in now.dirs.iter().rev() {
            if !self.dirs.contains(dir) && root.join(dir).is_dir() {
                fs::remove_dir_all(root.join(dir)).unwrap();
            }
        }
        for dir in &self.dirs {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        for (rel, bytes) in &self.files {
            if now.files.get(rel) != Some(bytes) {
                fs::write(root.join(rel), bytes).unwrap();
            }
        }
    }
}

/// `path` relative to `root`, `/`-separated.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// A file's TOML front matter (between the `+++` lines, without them) and its body.
pub(crate) fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    if let Some(body) = rest.strip_prefix("+++\n") {
        return Some(("", body));
    }
    let end = rest.find("\n+++\n").map(|i| (i + 1, i + 5)).or_else(|| {
        rest.strip_suffix("\n+++")
            .map(|fm| (fm.len() + 1, rest.len()))
    })?;
    Some((&rest[..end.0], &rest[end.1..]))
}

/// The body of a file (all of it when it has no front matter).
pub(crate) fn body(text: &str) -> &str {
    split(text).map_or(text, |(_, body)| body)
}

/// `text` with the top-level `key` of its TOML (front matter, or the whole file for
/// plansite.toml) set to `value`, written as TOML, or removed when `None`.
pub(crate) fn set_key(text: &str, key: &str, value: Option<&str>, whole_file: bool) -> String {
    let (toml, rest) = if whole_file {
        (text, None)
    } else {
        match split(text) {
            Some((fm, body)) => (fm, Some(body)),
            None => ("", Some(text)),
        }
    };
    let mut lines: Vec<String> = Vec::new();
    let mut top_level = true;
    for line in toml.lines() {
        top_level &= !line.trim_start().starts_with('[');
        let is_key = line
            .split_once('=')
            .is_some_and(|(k, _)| k.trim() == key && !k.contains('"'));
        if !(top_level && is_key) {
            lines.push(line.to_owned());
        }
    }
    if let Some(value) = value {
        lines.insert(0, format!("{key} = {value}"));
    }
    let toml: String = lines.iter().map(|l| format!("{l}\n")).collect();
    match rest {
        None => toml,
        Some(body) => format!("+++\n{toml}+++\n{body}"),
    }
}

/// The raw value of the top-level `key` of a file's front matter (or of the whole file).
pub(crate) fn get_key(text: &str, key: &str, whole_file: bool) -> Option<String> {
    let toml = if whole_file { text } else { split(text)?.0 };
    for line in toml.lines() {
        if line.trim_start().starts_with('[') {
            return None;
        }
        if let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_owned());
        }
    }
    None
}

/// The value of `key` in the front matter's table `[table]`, unquoted.
pub(crate) fn table_key(text: &str, table: &str, key: &str) -> Option<String> {
    let fm = split(text)?.0;
    let header = format!("[{table}]");
    let mut inside = false;
    for line in fm.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().trim_matches('"').to_owned());
        }
    }
    None
}

fn period(header: &str) -> Option<((i32, u32), (i32, u32))> {
    let month = |key| {
        let value = table_key(header, "period", key)?;
        let (y, m) = value.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    Some((month("start")?, month("end")?))
}

/// The headings of a Markdown body: (line index in `text`, heading text).
pub(crate) fn headings(text: &str) -> Vec<(usize, String)> {
    let start = text.lines().count() - body(text).lines().count();
    text.lines()
        .enumerate()
        .skip(start)
        .filter_map(|(i, line)| {
            let hashes = line.len() - line.trim_start_matches('#').len();
            let rest = line[hashes..].strip_prefix(' ')?;
            (1..=6)
                .contains(&hashes)
                .then(|| (i, rest.trim().to_owned()))
        })
        .collect()
}

/// `text` with its line `index` replaced by `line` (removed when `None`).
pub(crate) fn replace_line(text: &str, index: usize, line: Option<&str>) -> String {
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        if i == index {
            if let Some(new) = line {
                out.push_str(new);
                out.push('\n');
            }
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}
