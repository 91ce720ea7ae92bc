//! Small helpers for writing HTML: escaping attribute values and URLs, and telling a link into
//! the site from one to elsewhere.

use pulldown_cmark_escape::{escape_href, escape_html};

/// Whether a link destination points inside the site (and so must be checked and rewritten).
pub fn is_internal(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            // A scheme is letters, digits, + . - starting with a letter; `a/b:c` is a path.
            !(scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
        }
        None => true,
    }
}

/// A URL cut to a length that fits in a message.
pub(super) fn shorten(url: &str) -> String {
    const MAX: usize = 40;
    match url.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_owned(),
    }
}

/// ` name="value"` with the value escaped, or nothing for an empty value.
pub(super) fn attr(name: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(" {name}=\"{}\"", escape_attr(value))
    }
}

/// Escapes text for an HTML attribute value or element content.
pub fn escape_attr(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_html(&mut s, text);
    s
}

/// Escapes a URL for an `href` (percent-encoding what must be).
pub fn escape_url(url: &str) -> String {
    let mut s = String::with_capacity(url.len());
    let _ = escape_href(&mut s, url);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_detection() {
        assert!(!is_internal("https://x"));
        assert!(!is_internal("mailto:a@b"));
        assert!(!is_internal("//cdn"));
        assert!(is_internal("a.md"));
        assert!(is_internal("#x"));
        assert!(is_internal("dir/a:b.md"));
        assert!(is_internal("/abs"));
    }
}
