//! What the preview answers at all: reading methods only, and on a loopback address only
//! requests made to a local name, so a web page whose name was re-pointed at 127.0.0.1 (DNS
//! rebinding) cannot read the preview through the visitor's browser.

use std::net::IpAddr;

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// The answer to a request the preview refuses, or `None` to serve it.
pub(super) fn refuse(
    bind: IpAddr,
    method: &Method,
    headers: &HeaderMap,
    uri: &Uri,
) -> Option<Response> {
    if bind.is_loopback() {
        // An absolute URI (`GET http://host/ HTTP/1.1`) names the host the request is for.
        let host = uri.authority().map(|a| a.as_str().to_owned()).or_else(|| {
            headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        });
        if !host.as_deref().is_some_and(|h| local_host(h, bind)) {
            return Some(
                (
                    StatusCode::MISDIRECTED_REQUEST,
                    "421 Misdirected Request: this preview answers only to localhost names\n",
                )
                    .into_response(),
            );
        }
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = (
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed: the preview is read-only\n",
        )
            .into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Some(r);
    }
    None
}

/// Whether a `Host` value (with or without a port) names this computer: `localhost`, a name
/// under `.localhost`, `127.0.0.1`, `[::1]`, or the address the server listens on.
pub(super) fn local_host(host: &str, bind: IpAddr) -> bool {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) => (ip, port),
            None => return false,
        }
    } else {
        match host.find(':') {
            Some(i) => host.split_at(i),
            None => (host, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok {
        return false;
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name == "localhost" {
        return true;
    }
    if let Some(sub) = name.strip_suffix(".localhost") {
        return !sub.is_empty()
            && sub.split('.').all(|l| {
                !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
    }
    // An address is written bare (IPv4) or in brackets (IPv6): `::1` alone is no host.
    let ip: Option<IpAddr> = if host.starts_with('[') {
        name.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6)
    } else {
        name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
    };
    ip.is_some_and(|ip| {
        ip == bind
            || ip == IpAddr::from([127, 0, 0, 1])
            || ip == IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_with_or_without_a_port() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:8000",
            "localhost.",
            "plan.localhost:8000",
            "a.b.localhost",
            "127.0.0.1",
            "127.0.0.1:8000",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(local_host(ok, lo), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "evillocalhost",
            ".localhost",
            "a..localhost",
            "localhost:",
            "localhost:80x",
            "localhost:8000:1",
            "127.0.0.2",
            "::1",
            "[::1",
            "[::1]x",
            "10.0.0.1",
            "",
        ] {
            assert!(!local_host(bad, lo), "{bad}");
        }
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(local_host("127.0.0.2:8000", other), "the bound address");
        let v6: IpAddr = "::1".parse().unwrap();
        assert!(local_host("[::1]:8000", v6));
    }

    #[test]
    fn only_reading_methods_and_local_names_on_loopback() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let uri: Uri = "/".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("localhost:8000"));
        assert!(refuse(lo, &Method::GET, &headers, &uri).is_none());
        assert!(refuse(lo, &Method::HEAD, &headers, &uri).is_none());
        let post = refuse(lo, &Method::POST, &headers, &uri).unwrap();
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(post.headers()[header::ALLOW], "GET, HEAD");

        let absolute: Uri = "http://evil.example/".parse().unwrap();
        let r = refuse(lo, &Method::GET, &headers, &absolute).unwrap();
        assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST);
        assert!(
            refuse(lo, &Method::GET, &HeaderMap::new(), &uri).is_some(),
            "no Host"
        );

        // Listening on the network: people reach it by any name.
        let public: IpAddr = "0.0.0.0".parse().unwrap();
        headers.insert(
            header::HOST,
            HeaderValue::from_static("pc-12.school.lan:8000"),
        );
        assert!(refuse(public, &Method::GET, &headers, &uri).is_none());
        assert!(refuse(public, &Method::DELETE, &headers, &uri).is_some());
    }
}
