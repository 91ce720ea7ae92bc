//! What the server tells: the events for the person at the terminal, and the path of the
//! event stream that open pages listen to.

use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::diagnostic::Diagnostics;

/// The path (under the base path) of the server's event stream; pages listen to it.
pub const EVENTS_PATH: &str = "__plansite/events";

/// What happened, for the person at the terminal.
#[derive(Debug)]
pub enum Event {
    /// The port asked for was busy: the server listens on the next free one.
    PortBusy {
        /// The port asked for.
        asked: u16,
        /// The port listened on.
        using: u16,
    },
    /// A build succeeded; its site is served now.
    Built {
        /// How many files the site has.
        files: usize,
        /// How long the build took.
        elapsed: Duration,
        /// Its warnings.
        warnings: Diagnostics,
    },
    /// A build failed; the last good site stays served, and open pages show the problems.
    Failed {
        /// The problems.
        problems: Diagnostics,
    },
    /// Ctrl-C: the server stops.
    Interrupted,
}

/// Events on their way to [`Server::next_event`]; `None` says the server stopped.
pub(super) type EventSender = Sender<Option<Event>>;
