//! Slugs: the ASCII names of plans, sections and heading anchors in URLs.
//!
//! Vietnamese text is transliterated letter by letter ("Nhiệm vụ trọng tâm" →
//! `nhiem-vu-trong-tam`, "Đảng" → `dang`): Unicode decomposition alone would keep `đ`.

/// Turns any text into a slug: lower-case ASCII letters and digits joined by single `-`.
/// Returns an empty string when nothing usable is left (e.g. only punctuation).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Whether `slug` is already a valid slug as an author may write it: lower-case ASCII letters,
/// digits and single dashes inside. Anything else (`..`, `/`, spaces, accents) is refused, so a
/// slug can never name a path outside its folder.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// The longest name of a file or folder, in bytes: the limit of Linux and macOS file systems
/// (and below NTFS's 255 UTF-16 units). A slug is a folder name in the built site and in the
/// archive's zip, so a longer one could not be written or unpacked.
pub const MAX_NAME_BYTES: usize = 255;

/// How many bytes of words a shortened slug keeps before its code (see [`fit_name`]).
const SHORTENED_WORDS_BYTES: usize = 100;

/// A slug made from a file or folder name, as it is published: unchanged when it fits in a
/// folder name ([`MAX_NAME_BYTES`]), else its first words (up to 100 characters, cut at a
/// dash) and `-` and a code of 8 hex digits computed from the whole slug, so two long names
/// that start alike still get different slugs, and the same name always the same slug.
/// (A long Chinese name transliterates to several letters a character and grows past it.)
pub fn fit_name(slug: String) -> String {
    if slug.len() <= MAX_NAME_BYTES {
        return slug;
    }
    let cut = slug
        .match_indices('-')
        .map(|(i, _)| i)
        .take_while(|&i| i <= SHORTENED_WORDS_BYTES)
        .last()
        .unwrap_or(SHORTENED_WORDS_BYTES);
    let words = slug.get(..cut).unwrap_or(&slug);
    format!("{words}-{:08x}", fnv1a(slug.as_bytes()))
}

/// The 32-bit FNV-1a hash: small, stable across versions and platforms (a slug must not
/// change between builds), and good enough to tell names apart.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Names Windows reserves for devices, with or without an extension (`con`, `nul.png`).
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why `name` cannot be a file or folder name on Windows, if it cannot. Built sites and
/// archives are opened on Windows computers, so every name written must be valid there.
pub fn windows_problem(name: &str) -> Option<String> {
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\') || c.is_control())
    {
        return Some(format!("Windows does not allow {c:?} in a file name"));
    }
    if name.ends_with(['.', ' ']) {
        return Some("Windows does not allow a name that ends with a dot or a space".to_owned());
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_lowercase();
    WINDOWS_RESERVED
        .contains(&stem.as_str())
        .then(|| format!("`{stem}` is a reserved name on Windows"))
}

/// Whether `id` can be used as an HTML anchor written by an author (`{#id}`): no spaces, no
/// characters that need escaping in a URL fragment.
pub fn is_valid_anchor(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_cannot_hold() {
        assert_eq!(windows_problem("so-do.png"), None);
        assert_eq!(windows_problem("console.png"), None);
        assert_eq!(
            windows_problem("a:b.png").as_deref(),
            Some("Windows does not allow ':' in a file name")
        );
        assert_eq!(
            windows_problem("nul.txt").as_deref(),
            Some("`nul` is a reserved name on Windows")
        );
        assert_eq!(
            windows_problem("COM1").as_deref(),
            Some("`com1` is a reserved name on Windows")
        );
        assert!(windows_problem("anh.").is_some());
        assert!(windows_problem("tab\there").is_some());
    }

    #[test]
    fn vietnamese_becomes_ascii() {
        assert_eq!(slugify("Nhiệm vụ trọng tâm"), "nhiem-vu-trong-tam");
        assert_eq!(
            slugify("ĐẶC ĐIỂM TÌNH HÌNH CHUNG"),
            "dac-diem-tinh-hinh-chung"
        );
        assert_eq!(slugify("Đảng viên đ/c"), "dang-vien-d-c");
        assert_eq!(slugify("3.1. Công Đoàn"), "3-1-cong-doan");
        assert_eq!(slugify("  -- Kế hoạch!! năm 2023 --"), "ke-hoach-nam-2023");
    }

    #[test]
    fn nfd_input_gives_the_same_slug() {
        let nfd = "Nhie\u{302}\u{323}m vu\u{323}";
        assert_eq!(slugify(nfd), "nhiem-vu");
    }

    #[test]
    fn english_and_empty() {
        assert_eq!(slugify("The Plan: 2024/25"), "the-plan-2024-25");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn hostile_slugs_are_invalid() {
        for bad in [
            "../../x", "a/b", "", "-a", "a-", "a--b", "Ke", "kế", "a b", "/etc", "C:x",
        ] {
            assert!(!is_valid_slug(bad), "{bad:?} should be refused");
        }
        assert!(is_valid_slug("2023-chi-bo"));
    }

    #[test]
    fn long_names_are_shortened_at_a_dash_and_stay_apart() {
        assert_eq!(fit_name("ke-hoach".to_owned()), "ke-hoach");
        let fits = "a".repeat(MAX_NAME_BYTES);
        assert_eq!(fit_name(fits.clone()), fits);
        let chinese = slugify(&"中华".repeat(60));
        assert!(chinese.len() > MAX_NAME_BYTES);
        let short = fit_name(chinese.clone());
        assert!(short.starts_with("zhong-hua-zhong-hua-"), "{short}");
        assert!(short.len() <= SHORTENED_WORDS_BYTES + 9, "{short}");
        assert!(is_valid_slug(&short));
        let other = fit_name(format!("{chinese}-b"));
        assert_ne!(short, other);
        assert_eq!(short.len(), other.len());
        assert_eq!(fit_name(chinese), short, "the same name, the same slug");
        let one_word = fit_name("x".repeat(300));
        assert_eq!(one_word.len(), SHORTENED_WORDS_BYTES + 9);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }

    #[test]
    fn anchors() {
        assert!(is_valid_anchor("muc-tieu_2.1"));
        assert!(!is_valid_anchor("a b"));
        assert!(!is_valid_anchor("\"><script>"));
    }
}
