//! Relative URLs: every link a page contains is written relative to that page, so the site works
//! at a domain root, in any sub-folder, and opened from disk (`file://`). Links name
//! `index.html` explicitly, because a folder URL does not open its index from disk.

use crate::parse::markdown::{escape_attr, escape_url};
use crate::plan::{Body, BodyPart, LinkTarget, PageId};

/// How bodies write their links to the pages and files of other plans.
#[derive(Clone, Copy)]
pub enum Links<'a> {
    /// Every plan is rendered: such links are relative like any other.
    Relative,
    /// Only the plans `plans` are rendered (an archive): `href` writes the links that leave
    /// them, as a URL (percent-encoded, not yet escaped for HTML).
    Alone {
        /// The slugs of the rendered plans.
        plans: &'a [&'a str],
        /// The URL of a link that leaves the plans.
        href: &'a (dyn Fn(&LinkTarget) -> String + Sync),
    },
}

impl std::fmt::Debug for Links<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Links::Relative => f.write_str("Relative"),
            Links::Alone { plans, .. } => write!(f, "Alone({})", plans.join(", ")),
        }
    }
}

/// Whether `target` is a page or a file of a plan that is not one of `plans`.
pub fn leaves(plans: &[&str], target: &LinkTarget) -> bool {
    match &target.page {
        PageId::File { path } => !plans.iter().any(|plan| {
            path.strip_prefix(plan)
                .is_some_and(|rest| rest.starts_with('/'))
        }),
        page => page.plan().is_some_and(|p| !plans.contains(&p)),
    }
}

/// The page being rendered, and how to reach other pages from it.
#[derive(Debug, Clone)]
pub struct Here<'a> {
    /// The page.
    pub page: PageId,
    /// `../` repeated up to the output root ("" at the root).
    pub root: String,
    /// How links to other plans are written.
    pub links: Links<'a>,
}

impl<'a> Here<'a> {
    /// Where `page` is, with every plan rendered.
    pub fn new(page: PageId) -> Here<'a> {
        Here::with_links(page, Links::Relative)
    }

    /// Where `page` is, writing links to other plans as `links` says.
    pub fn with_links(page: PageId, links: Links<'a>) -> Here<'a> {
        let root = "../".repeat(page.depth());
        Here { page, root, links }
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
        if let Links::Alone { plans, href } = self.links
            && leaves(plans, target)
        {
            return escape_attr(&href(target));
        }
        self.local_link(target)
    }

    /// The URL of `target` from this page for a template field (which the template escapes):
    /// as [`Here::link`] writes it, a link that leaves a plan alone written by its policy.
    pub fn target_url(&self, target: &LinkTarget) -> String {
        if let Links::Alone { plans, href } = self.links
            && leaves(plans, target)
        {
            return href(target);
        }
        self.local_link(target)
    }

    /// The `href` of `target` with every plan rendered.
    fn local_link(&self, target: &LinkTarget) -> String {
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

    #[test]
    fn a_plan_alone_writes_its_links_to_other_plans_by_its_policy() {
        let href = |t: &LinkTarget| format!("elsewhere:{}", t.page.output_path());
        let links = Links::Alone {
            plans: &["2023"],
            href: &href,
        };
        let doc = Here::with_links(
            PageId::Document {
                plan: "2023".into(),
            },
            links,
        );
        let link = |page: PageId| LinkTarget { page, anchor: None };
        assert_eq!(
            doc.link(&link(section("2024", "nhiem-vu"))),
            "elsewhere:2024/nhiem-vu/index.html"
        );
        assert_eq!(
            doc.link(&link(PageId::File {
                path: "2024/a.png".into()
            })),
            "elsewhere:2024/a.png"
        );
        assert_eq!(doc.link(&link(section("2023", "nhiem-vu"))), "#nhiem-vu");
        assert_eq!(
            doc.link(&link(PageId::File {
                path: "2023/a.png".into()
            })),
            "../2023/a.png"
        );
        assert!(!leaves(&["2023"], &link(PageId::Home)));
        assert!(leaves(
            &["2023"],
            &link(PageId::File {
                path: "2023-2024/a.png".into()
            })
        ));
    }

    #[test]
    fn plans_archived_together_link_to_each_other_relatively() {
        let href = |t: &LinkTarget| format!("elsewhere:{}", t.page.output_path());
        let links = Links::Alone {
            plans: &["2024-chi-bo", "2025-chi-bo"],
            href: &href,
        };
        let here = Here::with_links(section("2025-chi-bo", "nhiem-vu"), links);
        let link = |page: PageId| LinkTarget { page, anchor: None };
        assert_eq!(
            here.link(&link(section("2024-chi-bo", "nhiem-vu"))),
            "../../2024-chi-bo/nhiem-vu/index.html"
        );
        assert_eq!(
            here.link(&link(PageId::File {
                path: "2024-chi-bo/a.png".into()
            })),
            "../../2024-chi-bo/a.png"
        );
        assert_eq!(
            here.link(&link(section("2024-cong-doan", "nhiem-vu"))),
            "elsewhere:2024-cong-doan/nhiem-vu/index.html"
        );
        // A plan whose slug starts like an archived one is still another plan.
        assert!(leaves(
            &["2024-chi-bo", "2025-chi-bo"],
            &link(PageId::File {
                path: "2024-chi-bo-cu/a.png".into()
            })
        ));
    }
}
