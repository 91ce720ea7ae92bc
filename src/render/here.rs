//! Relative URLs: every link a page contains is written relative to that page, so the site works
//! at a domain root, in any sub-folder, and opened from disk (`file://`). Links name
//! `index.html` explicitly, because a folder URL does not open its index from disk.

use crate::parse::markdown::escape_url;
use crate::plan::{Body, BodyPart, LinkTarget, PageId};

/// The page being rendered, and how to reach other pages from it.
#[derive(Debug, Clone)]
pub struct Here {
    /// The page.
    pub page: PageId,
    /// `../` repeated up to the output root ("" at the root).
    pub root: String,
}

impl Here {
    /// Where `page` is.
    pub fn new(page: PageId) -> Here {
        let root = "../".repeat(page.depth());
        Here { page, root }
    }

    /// The URL of `target` from this page.
    pub fn url(&self, target: &PageId) -> String {
        if *target == self.page {
            return file_name(&target.output_path()).to_owned();
        }
        format!("{}{}", self.root, escape_url(&target.output_path()))
    }

    /// The URL of a static file (`style.css`) from this page.
    pub fn asset(&self, path: &str) -> String {
        format!("{}{}", self.root, escape_url(path))
    }

    /// The `href` for an internal link in a body shown on this page. On a plan's document
    /// page, links to that plan's sections become in-page anchors.
    pub fn link(&self, target: &LinkTarget) -> String {
        let fragment = target.anchor.as_deref().map(escape_url);
        if let PageId::Document { plan } = &self.page {
            match &target.page {
                PageId::Document { plan: p } if p == plan => {
                    return format!("#{}", fragment.as_deref().unwrap_or("top"));
                }
                PageId::Section { plan: p, section } if p == plan => {
                    return format!("#{}", fragment.as_deref().unwrap_or(section));
                }
                _ => {}
            }
        }
        if target.page == self.page {
            return format!("#{}", fragment.as_deref().unwrap_or("top"));
        }
        match fragment {
            Some(f) => format!("{}#{f}", self.url(&target.page)),
            None => self.url(&target.page),
        }
    }

    /// The HTML of `body` as shown on this page.
    pub fn body(&self, body: &Body) -> String {
        let mut html = String::new();
        for part in &body.parts {
            match part {
                BodyPart::Html(h) => html.push_str(h),
                BodyPart::Link(t) => html.push_str(&self.link(t)),
            }
        }
        html
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::YearMonth;

    fn section(plan: &str, s: &str) -> PageId {
        PageId::Section {
            plan: plan.into(),
            section: s.into(),
        }
    }

    #[test]
    fn urls_are_relative_and_name_index_html() {
        let here = Here::new(section("2023", "dac-diem"));
        assert_eq!(here.root, "../../");
        assert_eq!(here.url(&PageId::Home), "../../index.html");
        assert_eq!(
            here.url(&section("2023", "nhiem-vu")),
            "../../2023/nhiem-vu/index.html"
        );
        assert_eq!(here.url(&section("2023", "dac-diem")), "index.html");
        let month = PageId::Month {
            plan: "2023".into(),
            month: YearMonth::parse("2023-05").unwrap(),
        };
        assert_eq!(here.url(&month), "../../2023/months/2023-05/index.html");
        assert_eq!(
            Here::new(PageId::Home).url(&month),
            "2023/months/2023-05/index.html"
        );
    }

    #[test]
    fn document_page_links_to_its_sections_in_page() {
        let doc = Here::new(PageId::Document {
            plan: "2023".into(),
        });
        let t = LinkTarget {
            page: section("2023", "nhiem-vu"),
            anchor: Some("muc-tieu".into()),
        };
        assert_eq!(doc.link(&t), "#muc-tieu");
        let t = LinkTarget {
            page: section("2023", "nhiem-vu"),
            anchor: None,
        };
        assert_eq!(doc.link(&t), "#nhiem-vu");
        let other = LinkTarget {
            page: section("2024", "nhiem-vu"),
            anchor: None,
        };
        assert_eq!(doc.link(&other), "../2024/nhiem-vu/index.html");
        let asset = LinkTarget {
            page: PageId::File {
                path: "2023/ảnh 1.png".into(),
            },
            anchor: None,
        };
        assert_eq!(doc.link(&asset), "../2023/%E1%BA%A3nh%201.png");
    }
}
