//! The live-reload script every served page gets, and the page shown while no build has
//! succeeded.

use super::event::EVENTS_PATH;

/// The script every served page gets: reload after a good build, an overlay with the problems
/// after a failed one. Only the server adds it; it is never written to `output/`.
fn live_reload_script(base_path: &str) -> String {
    format!(
        r#"<script id="plansite-live-reload">
(function () {{
  var source = new EventSource("{base_path}{EVENTS_PATH}");
  source.addEventListener("reload", function () {{ location.reload(); }});
  source.addEventListener("build-error", function (e) {{
    var box = document.getElementById("plansite-errors");
    if (!box) {{
      box = document.createElement("div");
      box.id = "plansite-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#2b0b0e;color:#ffe3e3;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "padding:1rem 1.25rem;border-top:4px solid #e5484d;white-space:pre-wrap";
      document.body.appendChild(box);
    }}
    box.textContent = "plansite: the last change did not build; this page shows the last good version.\n\n" + e.data;
  }});
}})();
</script>"#
    )
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_live_reload(html: &str, base_path: &str) -> String {
    let script = live_reload_script(base_path);
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}\n{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

pub(super) fn error_page(base_path: &str, errors: &str) -> String {
    let escaped = crate::parse::markdown::escape_attr(errors);
    inject_live_reload(
        &format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>plansite: build failed</title></head>\n<body><h1>The site does not build yet</h1><pre>{escaped}</pre></body></html>"
        ),
        base_path,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_body() {
        let html = inject_live_reload("<html><body><p>x</p></body></html>", "/s/");
        assert!(html.contains("<p>x</p><script id=\"plansite-live-reload\">"));
        assert!(html.contains("new EventSource(\"/s/__plansite/events\")"));
        assert!(html.ends_with("</body></html>"));
    }
}
