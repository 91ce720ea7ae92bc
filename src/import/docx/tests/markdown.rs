//! Tests of runs rendered as Markdown: emphasis, escapes, line breaks and whitespace.

use super::*;
use crate::import::docx::markdown::{Format, Piece, render};

/// The HTML pulldown-cmark makes of a paragraph's text, with the site's options.
fn html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out.trim_end().to_string()
}

#[test]
fn bold_and_italic_runs_become_emphasis_with_whitespace_outside() {
    let body = p(&format!(
        "{}{}{}{}{}",
        r_fmt("<w:b/>", "Ghi chú: "),
        r("văn bản "),
        r_fmt("<w:i/>", "nghiêng"),
        r(" và "),
        r_fmt("<w:b/><w:i/>", "cả hai"),
    ));
    let blocks = read_ok(&docx(&body, None, None));
    let para = paras(&blocks)[0];
    assert_eq!(para.text, "**Ghi chú:** văn bản *nghiêng* và ***cả hai***");
    assert_eq!(para.plain, "Ghi chú: văn bản nghiêng và cả hai");
    assert!(!para.bold);
    assert_eq!(
        html(&para.text),
        "<p><strong>Ghi chú:</strong> văn bản <em>nghiêng</em> và <em><strong>cả hai</strong></em></p>"
    );
}

#[test]
fn adjacent_runs_with_the_same_format_merge_and_bold_off_is_respected() {
    let body = p(&format!(
        "{}{}{}{}",
        r_fmt("<w:b/>", "I. "),
        r_fmt("<w:b w:val=\"1\"/>", "ĐẶC ĐIỂM"),
        r(" "),
        r_fmt("<w:b/><w:bCs/>", "CHUNG"),
    ));
    let blocks = read_ok(&docx(&body, None, None));
    let para = paras(&blocks)[0];
    assert_eq!(para.text, "**I. ĐẶC ĐIỂM CHUNG**");
    assert!(para.bold);

    let body = p(&format!(
        "{}{}",
        r_fmt("<w:b w:val=\"0\"/>", "không "),
        r_fmt("<w:b w:val=\"false\"/>", "đậm")
    ));
    let para = &paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(para.text, "không đậm");
    assert!(!para.bold);
}

#[test]
fn emphasis_next_to_words_and_punctuation_still_parses() {
    // Bold punctuation glued to a word on either side: the punctuation moves out.
    let body = p(&format!(
        "{}{}{}",
        r("Điều"),
        r_fmt("<w:b/>", "(1)"),
        r("tiếp"),
    ));
    let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(html(&para.text), "<p>Điều(<strong>1</strong>)tiếp</p>");
    assert_eq!(para.plain, "Điều(1)tiếp");

    // Different emphasis touching without a space.
    for (runs, expected) in [
        (
            vec![("<w:b/>", "đậm"), ("<w:i/>", "nghiêng")],
            "<p><strong>đậm</strong><em>nghiêng</em></p>",
        ),
        (
            vec![("<w:i/>", "nghiêng"), ("<w:b/>", "đậm")],
            "<p><em>nghiêng</em><strong>đậm</strong></p>",
        ),
        (
            vec![("<w:b/>", "đậm"), ("<w:b/><w:i/>", "cả"), ("", "thường")],
            "<p><strong>đậm</strong><em><strong>cả</strong></em>thường</p>",
        ),
        (
            vec![("<w:b/>", "Ghi chú:"), ("", "tiếp")],
            "<p><strong>Ghi chú</strong>:tiếp</p>",
        ),
    ] {
        let body = p(&runs.iter().map(|(f, t)| r_fmt(f, t)).collect::<String>());
        let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
        assert_eq!(html(&para.text), expected, "{}", para.text);
    }
}

/// The text of HTML: tags dropped, entities resolved.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn any_mix_of_emphasis_and_punctuation_renders_to_the_same_text() {
    // A small deterministic generator (xorshift).
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let words = [
        "a", "Đ", "ệ", " ", "  ", "(", ")", ":", ".", "*", "_", "-", "1.", "# ", "[x]", "\\", "`",
        "~", "|", "<b>", "&amp;", "!", "\"", "**", " - ", "2)", "=", "+ ",
    ];
    for _ in 0..3000 {
        let mut pieces = Vec::new();
        for _ in 0..1 + next(6) {
            if next(8) == 0 {
                pieces.push(Piece::Break);
                continue;
            }
            let mut text = String::new();
            for _ in 0..1 + next(3) {
                text.push_str(words[next(words.len())]);
            }
            let format = Format {
                bold: next(2) == 0,
                italic: next(3) == 0,
            };
            pieces.push(Piece::Text { text, format });
        }
        let Some((text, plain)) = render(pieces.clone()) else {
            continue;
        };
        let got = html_text(&html(&text));
        assert_eq!(got, plain, "\npieces: {pieces:?}\nmarkdown: {text:?}");
    }
}

#[test]
fn markdown_characters_are_escaped_in_text_but_not_in_plain() {
    let raw = r"a*b_c [x] &lt;y&gt; `z` ~s~ | \ &amp;copy; R&amp;D {k}";
    let body = p(&r(raw));
    let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(para.plain, r"a*b_c [x] <y> `z` ~s~ | \ &copy; R&D {k}");
    assert_eq!(
        para.text,
        r"a\*b\_c \[x\] \<y\> \`z\` \~s\~ \| \\ \&copy; R&D \{k}"
    );
    assert_eq!(
        html(&para.text),
        "<p>a*b_c [x] &lt;y&gt; `z` ~s~ | \\ &amp;copy; R&amp;D {k}</p>"
    );
}

#[test]
fn line_starts_that_markdown_would_misread_are_escaped() {
    let cases = [
        ("# Số 1", r"\# Số 1"),
        ("- gạch đầu dòng", r"\- gạch đầu dòng"),
        ("+ cộng", r"\+ cộng"),
        ("1. Thuận lợi", r"1\. Thuận lợi"),
        ("2) Khó khăn", r"2\) Khó khăn"),
        ("---", r"\---"),
        ("-5 độ", "-5 độ"),
        ("#hashtag", "#hashtag"),
        ("2023. Năm", r"2023\. Năm"),
        ("1.5 lần", "1.5 lần"),
    ];
    for (raw, expected) in cases {
        let para = paras(&read_ok(&docx(&p(&r(raw)), None, None)))[0].clone();
        assert_eq!(para.text, expected);
        assert_eq!(para.plain, raw);
        assert_eq!(html(&para.text), format!("<p>{raw}</p>"));
    }
}

#[test]
fn line_breaks_tabs_and_special_characters() {
    let body = p(
        r#"<w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Như trên;</w:t><w:br w:type="page"/><w:tab/><w:t>Lưu</w:t><w:noBreakHyphen/><w:t>VT</w:t><w:softHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/><w:cr/><w:t>1. Hết</w:t></w:r>"#,
    );
    let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(para.plain, "Nơi nhận:\n- Như trên;\tLưu-VT\n1. Hết");
    assert_eq!(para.text, "Nơi nhận:\\\n\\- Như trên;\tLưu-VT\\\n1\\. Hết");
    assert_eq!(
        html(&para.text),
        "<p>Nơi nhận:<br />\n- Như trên;\tLưu-VT<br />\n1. Hết</p>"
    );
}

#[test]
fn bold_line_break_closes_emphasis_per_line() {
    let body =
        p(r#"<w:r><w:rPr><w:b/></w:rPr><w:t>UBND HUYỆN</w:t><w:br/><w:t>PHÒNG GD</w:t></w:r>"#);
    let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(para.text, "**UBND HUYỆN**\\\n**PHÒNG GD**");
    assert!(para.bold);
}

#[test]
fn whitespace_and_nbsp_are_kept_inside_and_trimmed_outside() {
    let body = p(&format!("{}{}", r("\u{a0} a \u{a0} b  "), r("")));
    let para = paras(&read_ok(&docx(&body, None, None)))[0].clone();
    assert_eq!(para.plain, "a \u{a0} b");
}
