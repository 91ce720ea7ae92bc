//! For sites with a `base_url`: `sitemap.xml` (every page, absolute) and `robots.txt`
//! pointing at it, so search engines of the intranet or the web find every page.

use crate::output::{Content, Output};
use crate::render::views::Views;

/// `sitemap.xml` and `robots.txt` for `pages` (output paths of HTML pages, sorted). Empty
/// without `base_url`.
pub fn sitemap_and_robots(pages: &[String], views: &Views) -> Vec<Output> {
    let Some(home) = views.absolute("index.html") else {
        return Vec::new();
    };
    let pages = pages.iter().filter(|p| p.as_str() != "404.html");
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        if let Some(url) = views.absolute(page) {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                quick_xml::escape::escape(url.as_str())
            ));
        }
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {home}sitemap.xml\n");
    vec![
        Output {
            path: "sitemap.xml".to_owned(),
            content: Content::Bytes(xml.into_bytes()),
        },
        Output {
            path: "robots.txt".to_owned(),
            content: Content::Bytes(robots.into_bytes()),
        },
    ]
}
