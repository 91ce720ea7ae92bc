//! The raw-HTML policy. Markdown may carry raw HTML (`<b>`, `<table>`, a pasted `<iframe>`), and
//! a plan is opened by members on their phones from a link in a chat: a `<script>` or an
//! `onclick` in it would run on the school's site. By default every body that holds anything
//! the Markdown renderer cannot vouch for — raw HTML, heading attributes, links with a scheme
//! other than the safe ones — goes through an allow-list sanitiser ([`ammonia`]); bodies of
//! plain Markdown skip it (pulldown-cmark escapes their text itself). `[markdown] raw_html =
//! "allow"` in plansite.toml keeps raw HTML as written, for sites whose authors are trusted.
//!
//! The sanitiser does the removing; [`findings`] only explains it to the author, so that a
//! pasted map or video that disappears gets a warning instead of silence.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// What happens to raw HTML in Markdown (`[markdown] raw_html`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe markup (tables, lists, inline formatting, images, links); remove scripts,
    /// styles, frames, forms, event handlers and `javascript:` URLs.
    #[default]
    Sanitize,
    /// Keep raw HTML exactly as written. Only for sites whose authors are all trusted.
    Allow,
}

/// URL schemes a link or image may use after sanitising. Relative URLs are always allowed.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "sms"];

/// Attributes kept on any element, besides ammonia's defaults (`lang`, `title`).
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "dir"];

/// The sanitiser, configured once.
fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(GENERIC_ATTRIBUTES.iter().copied())
            .add_generic_attribute_prefixes(["data-"])
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            // Our own markup: aligned table cells and task-list check boxes.
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("th" | "td", "style") => is_text_align(value).then_some(value.into()),
                ("input", "type") => (value == "checkbox").then_some(value.into()),
                _ => Some(value.into()),
            })
            // Links keep the rel the author gave; we add none (there is no target=_blank).
            .link_rel(None);
        b
    })
}

/// `text-align: left|center|right`, as pulldown-cmark writes aligned table cells.
fn is_text_align(style: &str) -> bool {
    matches!(
        style.trim().trim_end_matches(';'),
        "text-align: left" | "text-align: center" | "text-align: right"
    )
}

/// Sanitises a fragment of HTML.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Whether a URL that is not internal keeps its scheme through the sanitiser.
pub fn is_safe_url(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return true;
    };
    let scheme = url[..colon].trim().to_ascii_lowercase();
    URL_SCHEMES.contains(&scheme.as_str())
}

/// Whether an attribute written on a heading (`# Tiêu đề {onclick=...}`) survives sanitising.
pub fn is_safe_attribute(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    GENERIC_ATTRIBUTES.contains(&name.as_str())
        || matches!(name.as_str(), "lang" | "title")
        || name.starts_with("data-")
}

/// What the sanitiser will remove from one piece of raw HTML, in the author's words: tags it
/// does not allow, event-handler attributes, `style` attributes and unsafe URLs.
pub fn findings(raw: &str) -> Vec<String> {
    static ALLOWED: OnceLock<HashSet<String>> = OnceLock::new();
    let allowed = ALLOWED.get_or_init(|| {
        cleaner()
            .clone_tags()
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    let lower = raw.to_ascii_lowercase();
    let mut found: Vec<String> = Vec::new();
    let mut add = |what: String| {
        if !found.contains(&what) {
            found.push(what);
        }
    };
    for (i, _) in lower.match_indices('<') {
        let name: String = lower[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !name.is_empty() && !allowed.contains(&name) {
            add(format!("the tag <{name}>"));
        }
    }
    for attr in attribute_names(&lower) {
        if attr.starts_with("on") || attr == "style" {
            add(format!("the attribute `{attr}`"));
        }
    }
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lower.contains(scheme) {
            add(format!("the `{scheme}` address"));
        }
    }
    found
}

/// The names of `name=` attributes inside the tags of `html` (already lower-case).
fn attribute_names(html: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for tag in html.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap_or_default();
        for (i, _) in inside.match_indices('=') {
            let before = inside[..i].trim_end();
            let start = before
                .rfind(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '/')
                .map_or(0, |p| p + 1);
            let name = &before[start..];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                names.push(name);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_go() {
        let out = clean(
            "<p onclick=\"x()\">a<script>alert(1)</script><a href=\"javascript:alert(1)\">b</a>\
             <img src=x onerror=alert(1)><iframe src=\"https://e.vn\"></iframe></p>",
        );
        assert_eq!(out, "<p>a<a>b</a><img src=\"x\"></p>");
    }

    #[test]
    fn tables_lists_formatting_and_our_markup_stay() {
        let html = "<table><thead><tr><th style=\"text-align: center\">A</th></tr></thead>\
                    <tbody><tr><td colspan=\"2\"><b>1</b> <i>x</i> <u>y</u></td></tr></tbody></table>\
                    <ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\">z</li></ul>\
                    <h3 id=\"muc-1\" class=\"x\">T</h3><a href=\"https://e.vn/\" title=\"t\">l</a>\
                    <a href=\"mailto:a@b.vn\">m</a><a href=\"../a/index.html#b\">r</a>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn style_other_than_alignment_goes() {
        assert_eq!(
            clean("<td style=\"position:fixed\">x</td>"),
            "x",
            "a td outside a table is dropped by the HTML parser, its text kept"
        );
        assert_eq!(
            clean("<table><tr><td style=\"position:fixed;top:0\">x</td></tr></table>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table>"
        );
    }

    #[test]
    fn findings_name_what_goes() {
        assert_eq!(
            findings("<iframe src=\"https://maps\" onload=\"x\" style=\"a\"></iframe>"),
            [
                "the tag <iframe>",
                "the attribute `onload`",
                "the attribute `style`"
            ]
        );
        assert_eq!(
            findings("<a href=\"JavaScript:x\">"),
            ["the `javascript:` address"]
        );
        assert!(findings("<b>x</b> <table><tr><td>1</td></tr></table>").is_empty());
        assert!(findings("</b>").is_empty());
    }

    #[test]
    fn url_and_attribute_policy() {
        assert!(is_safe_url("https://e.vn"));
        assert!(is_safe_url("MAILTO:a@b"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" javascript :x"));
        assert!(is_safe_attribute("data-x"));
        assert!(is_safe_attribute("lang"));
        assert!(!is_safe_attribute("onclick"));
        assert!(!is_safe_attribute("style"));
    }
}
