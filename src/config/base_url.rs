//! The site's public address (`base_url`, `--base-url`), parsed once.

use url::Url;

/// An absolute http(s) address the site is published at, checked by the url crate.
///
/// The parts that reach the output are kept as written: the url crate's own form lowercases
/// and punycodes the host and adds a `/` to an empty path, which would change the addresses and
/// calendar UIDs of sites already published.
#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// The address as written: `https://truong.edu.vn/kehoach/`.
    text: String,
    /// Its host (with a port, if written) as written: `truong.edu.vn`.
    host: String,
}

impl BaseUrl {
    /// Parses and checks an address; the error is a sentence naming it.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let Some(rest) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        else {
            return Err(format!(
                "`{text}` is not a web address starting with https:// or http://"
            ));
        };
        let unusable = || format!("`{text}` is not a usable base address");
        // The url crate would drop tabs and line breaks, and encode spaces, silently.
        if text.contains(char::is_whitespace) {
            return Err(unusable());
        }
        let url = Url::parse(text).map_err(|_| unusable())?;
        // `https:///x` parses as the host `x`; as written it has none.
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || url.query().is_some() || url.fragment().is_some() {
            return Err(unusable());
        }
        Ok(BaseUrl {
            host: host.to_owned(),
            text: text.to_owned(),
        })
    }

    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host as written, with its port if any: `truong.edu.vn`.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The absolute address of an output path, `index.html` dropped:
    /// `ke-hoach-2023/index.html` → `https://truong.edu.vn/kehoach/ke-hoach-2023/`.
    pub fn absolute(&self, path: &str) -> String {
        let dir = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}/{}", self.text.trim_end_matches('/'), dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(text: &str) -> Result<String, String> {
        BaseUrl::parse(text).map(|u| u.host().to_owned())
    }

    #[test]
    fn web_addresses_are_accepted_as_written() {
        let u = BaseUrl::parse("https://truong.edu.vn/kehoach").unwrap();
        assert_eq!(u.as_str(), "https://truong.edu.vn/kehoach");
        assert_eq!(u.host(), "truong.edu.vn");
        assert_eq!(
            u.absolute("a/index.html"),
            "https://truong.edu.vn/kehoach/a/"
        );
        assert_eq!(
            u.absolute("og-image.png"),
            "https://truong.edu.vn/kehoach/og-image.png"
        );
        let u = BaseUrl::parse("http://10.0.0.5:8080/").unwrap();
        assert_eq!(u.host(), "10.0.0.5:8080");
        assert_eq!(u.absolute("index.html"), "http://10.0.0.5:8080/");
        assert_eq!(host("https://Trường.vn").unwrap(), "Trường.vn");
    }

    #[test]
    fn other_addresses_are_refused() {
        let not_web =
            |t: &str| format!("`{t}` is not a web address starting with https:// or http://");
        let unusable = |t: &str| format!("`{t}` is not a usable base address");
        for t in ["truong.edu.vn/kehoach", "ftp://x", "HTTPS://x.vn", ""] {
            assert_eq!(host(t), Err(not_web(t)));
        }
        for t in [
            "https://",
            "https:///x",
            "https://x.vn/a b",
            "https://x.vn/?",
            "https://x.vn/a?b=1",
            "https://x.vn/#top",
            "https://x.vn:99999/",
            "https://[::1/",
        ] {
            assert_eq!(host(t), Err(unusable(t)), "{t}");
        }
    }
}
