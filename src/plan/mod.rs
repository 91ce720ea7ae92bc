//! The plan model and the `resolve` stage that builds it from parsed drafts.

mod citations;
pub mod head;
pub mod ids;
pub(crate) mod links;
mod lint;
pub mod model;
pub(crate) mod organisations;
pub(crate) mod outline;
pub mod resolve;
pub mod survey;

pub use model::{
    Activity, Body, BodyPart, Citation, Event, HeadingEntry, LinkTarget, Month, Organisation,
    PageId, Plan, Section, Site,
};
pub use resolve::resolve;
