//! Functions plansite adds to Tera for themes: `t(key="...", n=...)` for UI strings.

use std::sync::Arc;

use tera::{Error, Kwargs, State, TeraResult};

use crate::render::i18n::Language;

/// Registers plansite's template functions on `tera`.
pub fn register(tera: &mut tera::Tera, language: &Arc<Language>) {
    let lang = Arc::clone(language);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> { translate(&lang, &kwargs) },
    );
}

/// `t(key="contents")` → "Mục lục"; `t(key="activity_count", n=7)` → "7 hoạt động", in the
/// plural form for `n` when the language has forms for the key ("1 activity", "7 activities").
fn translate(lang: &Language, kwargs: &Kwargs) -> TeraResult<String> {
    let key: &str = kwargs.must_get("key")?;
    let text = match kwargs.get::<i64>("n")? {
        Some(n) => lang.counted(key, n),
        None => lang.get(key).map(str::to_owned),
    };
    text.ok_or_else(|| {
        Error::message(format!(
            "no UI string `{key}` in the language file (add `{key} = \"...\"` under [strings])"
        ))
    })
}
