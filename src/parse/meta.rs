//! The front-matter schema: what an author may write at the top of each kind of file.
//!
//! Every struct rejects unknown keys (a typo must not vanish silently); free-form data goes
//! under `extra`. The `///` lines here are the reference for authors and theme writers.
//! `plansite import` writes front matter with the same structs (`Serialize`), so what it
//! writes is what `build` reads. (toml leaves out `None` by itself; the structs that plan.json
//! also shows keep their `null`s.)

use serde::{Deserialize, Serialize};

use crate::date::{Date, YearMonth};

/// Free-form data an author adds under `extra`; passed to templates as is.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// `extra` in the model's serialised form (the build cache): as JSON text, so formats that
/// cannot hold free-form values (postcard) can hold it.
pub mod extra_as_text {
    use super::Extra;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `extra` as JSON text.
    pub fn serialize<S: Serializer>(extra: &Extra, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(extra).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    /// Reads `extra` from JSON text.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Extra, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// Front matter of a plan's `_index.md`: the header fields of the issued document.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// Title of the plan, as listed on the archive page ("Kế hoạch hoạt động Chi bộ năm 2023").
    pub title: String,
    /// Document kind printed above the subject ("KẾ HOẠCH"). Defaults to the theme's word for
    /// "plan" in the site's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Subject line (trích yếu), printed under the kind ("HOẠT ĐỘNG CHI BỘ NĂM 2023").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Number and symbol without "Số" ("02-KH/CBMN").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Date of issue (`2023-01-27`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Place of issue, printed before the date ("Tiên Cường").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The motto line(s) at the top right; one line per line of text. Defaults to the site's
    /// `motto` setting. Party documents: "ĐẢNG CỘNG SẢN VIỆT NAM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motto: Option<String>,
    /// The issuing body and its parent, at the top left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IssuerMeta>,
    /// The organisation the plan belongs to, when it is not its issuer's name ("Công đoàn
    /// trường"): a plan's previous and next years are those of its organisation. Defaults to
    /// the issuer's name; plans with neither are one organisation, the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The plan(s) of the site this plan is based on ("căn cứ"): another plan's folder name
    /// under `content/` or its slug (`"2024-chi-bo"`), or its `_index.md` by a path relative
    /// to this file (`"../2024-chi-bo/_index.md"`); a list for several. Each becomes a link
    /// above the preamble, and the cited plan lists this one among the plans based on it.
    #[serde(default, skip_serializing_if = "BasedOn::is_empty")]
    pub based_on: BasedOn,
    /// The months the plan covers; the timeline shows each of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodMeta>,
    /// Who signs, printed at the bottom right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerMeta>,
    /// "Nơi nhận": who receives the document, printed at the bottom left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<RecipientMeta>,
    /// The closing paragraph(s) after the last section (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// A short description for link previews; defaults to the subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The plan's URL name; defaults to the folder name. Lower-case letters, digits and `-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// A draft is marked "DỰ THẢO" / "DRAFT" on every page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Free-form data for custom templates.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The issuing body (cơ quan ban hành) and the body above it.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IssuerMeta {
    /// The body above the issuer ("ĐẢNG BỘ XÃ TIÊN CƯỜNG").
    #[serde(default)]
    pub parent: Option<String>,
    /// The issuing body ("CHI BỘ TRƯỜNG MẦM NON TIÊN CƯỜNG").
    pub name: String,
}

/// The first and last month of a plan.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodMeta {
    /// First month, `"2023-01"`.
    pub start: YearMonth,
    /// Last month, `"2023-12"` (may be in the next year: `"2024-05"`).
    pub end: YearMonth,
}

/// The signature block.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignerMeta {
    /// On whose behalf ("T/M CHI BỘ").
    #[serde(default)]
    pub on_behalf: Option<String>,
    /// The signer's title ("BÍ THƯ").
    #[serde(default)]
    pub title: Option<String>,
    /// The signer's name ("Vũ Thị Xuyên").
    pub name: String,
}

/// One line of "Nơi nhận".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientMeta {
    /// Who receives it ("Đảng ủy").
    pub name: String,
    /// Why, printed in brackets ("để b/c").
    #[serde(default)]
    pub purpose: Option<String>,
}

/// Front matter of a section file.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// The section's heading, without its number ("ĐẶC ĐIỂM TÌNH HÌNH CHUNG").
    pub title: String,
    /// The number label exactly as the document gives it ("I", "II", "V-"); none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Position among the sections; when absent, the number prefix of the file name
    /// (`03-nhiem-vu.md` → 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// URL name; defaults to the file name without its number prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Place the month table (the timeline) at the end of this section.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timeline: bool,
    /// A short description for link previews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Front matter of a month file (`months/2023-05.md`); all of it is optional.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MonthMeta {
    /// The month, when the file name does not say it (`"2023-05"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<YearMonth>,
    /// A heading for the month ("Tháng cao điểm thi đua").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Dated events of the month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventMeta>,
    /// Free-form data for custom templates.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A dated event inside a month.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    /// The day; must lie inside the month of the file.
    pub date: Date,
    /// The last day, for an event that lasts several days ("16/09 – 24/09/2024"); on or
    /// after `date`, and may lie in a later month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// What happens.
    pub title: String,
    /// The time of day, as text ("14:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A day off or a holiday ("Nghỉ Tết Nguyên đán"): shown and exported as such, not as
    /// work to do.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holiday: bool,
}

/// `based_on`: the plans a plan is based on, written as one name or a list of names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasedOn(pub Vec<String>);

impl BasedOn {
    /// Whether it names no plan.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for BasedOn {
    /// One name as a string (what an author writes), several as a list.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for BasedOn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = BasedOn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a plan's folder name, or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BasedOn, E> {
                Ok(BasedOn(vec![v.to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<BasedOn, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(BasedOn(names))
            }
        }
        deserializer.deserialize_any(Names)
    }
}
