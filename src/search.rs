//! Search: the per-plan index the browser searches offline, and the matching rules.
//!
//! Vietnamese is matched without accents (people type "ke hoach" on phones): text and query
//! are put in NFC (Word often gives NFD), lower-cased, decomposed, stripped of combining
//! marks, and đ/Đ become d (decomposition alone keeps đ). Every query word must match a word of
//! the entry exactly or as a prefix; matches with the query's own accents rank first.
//!
//! The browser side (`themes/default/static/search.js`) is the matcher readers use; the build
//! itself only writes the index ([`plan_entries`], [`index_script`], with [`nfc`]). [`score`]
//! and [`rank`] (with [`fold`] and [`words`]) are the reference implementation of the rules:
//! docs/search.md written as code, unit-tested here with readable cases, and run against the
//! same vectors (`tests/data/search-vectors.json`) as search.js, so a vector is checked by two
//! implementations rather than trusted from one; the browser tests use [`fold`] to judge
//! search.js's results. They are kept in the library, not moved into tests, on purpose.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::plan::{PageId, Plan};

/// Text in Unicode NFC. Text typed on a keyboard almost always is already: the quick check
/// says so without composing it again (the search index holds every word of the site).
pub fn nfc(text: &str) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// Folds one character: lower case, accents dropped, đ → d. Combining marks fold to nothing.
fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        if lower == 'đ' {
            out.push('d');
            continue;
        }
        for d in std::iter::once(lower).nfd() {
            if !is_combining_mark(d) {
                out.push(d);
            }
        }
    }
}

/// Folds text for matching: "Đảng Viên" → "dang vien". NFD input gives the same result.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in nfc(text).chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The words of a text (letters and digits), in NFC and lower case.
pub fn words(text: &str) -> Vec<String> {
    nfc(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well one query word matches one entry word: 3 with the same accents, 2 without
/// accents, 1 as a prefix without accents, 0 not at all.
fn word_score(query: &str, query_folded: &str, word: &str) -> u32 {
    if word == query {
        return 3;
    }
    let folded = fold(word);
    if folded == query_folded {
        2
    } else if folded.starts_with(query_folded) {
        1
    } else {
        0
    }
}

/// Whether the query words stand together, in order, in `words` (the last one may be a
/// prefix), all compared without accents.
fn has_phrase(query_folded: &[String], words: &[String]) -> bool {
    let n = query_folded.len();
    if n < 2 || words.len() < n {
        return false;
    }
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    folded.windows(n).any(|w| {
        w.iter()
            .zip(query_folded)
            .enumerate()
            .all(|(j, (word, q))| {
                if j + 1 == n {
                    word.starts_with(q.as_str())
                } else {
                    word == q
                }
            })
    })
}

/// The score of an entry for a query, or `None` when some query word matches nothing (the
/// reference for search.js's `score`; not used by the build).
/// Matches in the title count double; the query's words standing together as a phrase add
/// two points per word (four in the title).
pub fn score(query: &str, title: &str, text: &str) -> Option<u32> {
    let title_words = words(title);
    let text_words = words(text);
    let mut total = 0;
    let query_words = words(query);
    if query_words.is_empty() {
        return None;
    }
    for q in &query_words {
        let qf = fold(q);
        let in_title = title_words
            .iter()
            .map(|w| 2 * word_score(q, &qf, w))
            .max()
            .unwrap_or(0);
        let in_text = text_words
            .iter()
            .map(|w| word_score(q, &qf, w))
            .max()
            .unwrap_or(0);
        let best = in_title.max(in_text);
        if best == 0 {
            return None;
        }
        total += best;
    }
    let query_folded: Vec<String> = query_words.iter().map(|q| fold(q)).collect();
    let n = u32::try_from(query_words.len()).unwrap_or(u32::MAX);
    if has_phrase(&query_folded, &title_words) {
        total += 4 * n;
    } else if has_phrase(&query_folded, &text_words) {
        total += 2 * n;
    }
    Some(total)
}

/// Ranks `entries` (title, text) for `query`: the indices of the matches, best first, ties in
/// document order (the reference for search.js's `rank`; not used by the build).
pub fn rank(query: &str, entries: &[(String, String)]) -> Vec<usize> {
    let mut hits: Vec<(u32, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, (title, text))| score(query, title, text).map(|s| (s, i)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

/// One searchable piece of a plan.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// What it is: `s` a section part, `m` an activity, `e` an event, `p` the preamble.
    pub kind: &'static str,
    /// The title shown in the results ("III. NHIỆM VỤ CỤ THỂ › 2. Công tác tổ chức").
    pub title: String,
    /// The page (and anchor), from the site root.
    pub url: String,
    /// The text, NFC.
    pub text: String,
}

/// The searchable pieces of a plan: each section split at its headings, the preamble, every
/// activity and every dated event.
pub fn plan_entries(
    plan: &Plan,
    month_name: impl Fn(crate::date::YearMonth) -> String,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    let doc = PageId::Document {
        plan: plan.slug.clone(),
    }
    .output_path();
    if !plan.preamble_text.trim().is_empty() {
        entries.push(Entry {
            kind: "p",
            title: nfc(&plan.title),
            url: doc,
            text: nfc(plan.preamble_text.trim()),
        });
    }
    for s in &plan.sections {
        let page = PageId::Section {
            plan: plan.slug.clone(),
            section: s.slug.clone(),
        }
        .output_path();
        let heading = match &s.label {
            Some(l) => format!("{l} {}", s.title),
            None => s.title.clone(),
        };
        let first = s
            .headings
            .first()
            .map_or(s.text.len(), |h| h.text_offset.min(s.text.len()));
        let intro = s.text.get(..first).unwrap_or_default().trim();
        entries.push(Entry {
            kind: "s",
            title: nfc(&heading),
            url: page.clone(),
            text: nfc(intro),
        });
        for (i, h) in s.headings.iter().enumerate() {
            let start = h.text_offset.min(s.text.len());
            let end = s
                .headings
                .get(i + 1)
                .map_or(s.text.len(), |n| n.text_offset.min(s.text.len()));
            let part = s.text.get(start..end.max(start)).unwrap_or_default();
            // The part starts with the heading's own text; the title shows it already.
            let body = part
                .trim()
                .strip_prefix(h.text.as_str())
                .unwrap_or(part)
                .trim();
            entries.push(Entry {
                kind: "s",
                title: nfc(&format!("{heading} › {}", h.text)),
                url: format!("{page}#{}", h.id),
                text: nfc(body),
            });
        }
    }
    for m in &plan.months {
        let page = PageId::Month {
            plan: plan.slug.clone(),
            month: m.month,
        }
        .output_path();
        let name = month_name(m.month);
        for a in &m.activities {
            entries.push(Entry {
                kind: "m",
                title: nfc(&name),
                url: page.clone(),
                text: nfc(&a.text),
            });
        }
        for e in &m.events {
            let mut text = e.title.clone();
            for extra in [&e.time, &e.place, &e.note].into_iter().flatten() {
                text.push_str(" · ");
                text.push_str(extra);
            }
            entries.push(Entry {
                kind: "e",
                title: nfc(&format!("{name} · {}", e.date)),
                url: page.clone(),
                text: nfc(&text),
            });
        }
    }
    entries
}

#[derive(Serialize)]
struct IndexFile<'a> {
    slug: &'a str,
    title: String,
    url: String,
    entries: Vec<[&'a str; 4]>,
}

/// `<plan>/search-index.js`: a script (not JSON, so that it loads from `file://` too) that
/// hands the plan's entries to the search page.
pub fn index_script(plan: &Plan, entries: &[Entry]) -> Vec<u8> {
    let file = IndexFile {
        slug: &plan.slug,
        title: nfc(&plan.title),
        url: PageId::Document {
            plan: plan.slug.clone(),
        }
        .output_path(),
        entries: entries
            .iter()
            .map(|e| [e.kind, e.title.as_str(), e.url.as_str(), e.text.as_str()])
            .collect(),
    };
    let json = serde_json::to_string(&file).unwrap_or_default();
    // `</script>` cannot appear: the file is loaded by src, and JSON escapes nothing it needs.
    format!("window.plansiteSearchIndex=window.plansiteSearchIndex||[];window.plansiteSearchIndex.push({json});\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_handles_every_tone_and_d() {
        assert_eq!(fold("Đảng viên"), "dang vien");
        assert_eq!(fold("ĐẢNG VIÊN"), "dang vien");
        assert_eq!(fold("đ Đ"), "d d");
        // The five tone marks on a, ă and â.
        assert_eq!(
            fold("á à ả ã ạ ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ"),
            "a a a a a a a a a a a a a a a"
        );
        assert_eq!(fold("ơ ư ớ ừ ở ữ ợ"), "o u o u o u o");
        assert_eq!(fold("Kế hoạch tháng 5"), "ke hoach thang 5");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd: String = "Nhiệm vụ trọng tâm đường".nfd().collect();
        assert_ne!(nfd, "Nhiệm vụ trọng tâm đường");
        assert_eq!(fold(&nfd), "nhiem vu trong tam duong");
        assert_eq!(words(&nfd), ["nhiệm", "vụ", "trọng", "tâm", "đường"]);
    }

    #[test]
    fn all_words_must_match_as_words_or_prefixes() {
        assert!(score("ke hoa", "", "Kế hoạch hoạt động").is_some());
        assert!(score("dang vien", "", "các đảng viên").is_some());
        assert!(score("thang 5", "Tháng 5 năm 2023", "Tuyên truyền").is_some());
        assert!(
            score("ke xyz", "", "Kế hoạch").is_none(),
            "every word must match"
        );
        assert!(
            score("oach", "", "Kế hoạch").is_none(),
            "prefixes, not infixes"
        );
        assert!(score("", "", "Kế hoạch").is_none());
    }

    #[test]
    fn exact_accents_rank_first() {
        let entries = vec![
            ("".to_owned(), "con dương".to_owned()),
            ("".to_owned(), "con đường".to_owned()),
            ("".to_owned(), "con đương".to_owned()),
        ];
        assert_eq!(rank("đường", &entries), [1, 0, 2]);
        assert_eq!(
            rank("duong", &entries),
            [0, 1, 2],
            "no accents typed: document order"
        );
    }

    #[test]
    fn title_matches_rank_above_text_matches() {
        let entries = vec![
            ("Khó khăn".to_owned(), "… tháng 5 …".to_owned()),
            ("Tháng 5 năm 2023".to_owned(), "Tuyên truyền".to_owned()),
        ];
        assert_eq!(rank("thang 5", &entries), [1, 0]);
    }
}
