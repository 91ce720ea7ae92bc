//! The rows of a flattened table: its lines split into rows, and each row's lines into its
//! columns, in the way that fits the lines best to the kinds of the columns.
//!
//! Each line of a row goes to a column at or after the column of the line before; a column
//! takes the lines it can hold (`values::fit`): one row number, a month, a few lines of a
//! week or a day ("Từ" / "05 - 31/8"), any number of lines of text or of names. A row must
//! say when or which it is (a row number, a month, a week, a day) and, in a table with a
//! column of activities, have some text there. Starting a row costs more than a line of
//! text gains, so a row is split only where the values say so.

use super::fit::fit;
use super::headers::Kind;
use super::values::{Shape, marked, shape};

/// The most lines one row can have.
const MAX_ROW: usize = 60;
/// What starting a row costs: a row keyed by a value its column may only hold is not worth
/// it.
const ROW_COST: i32 = 1;
/// The lines of a cell are counted up to this many.
const CAP: usize = 6;

/// A split's worth: the fit of its lines, then (to break ties) fewer lines, in earlier
/// columns.
type Worth = (i32, i32);

/// The place of a line in a row.
#[derive(Clone, Copy)]
struct State {
    /// Its column.
    col: usize,
    /// The lines of its cell so far, up to `CAP`.
    lines: usize,
    /// The row has a row number, month, week or day.
    keyed: bool,
    /// The row has text in its column of activities.
    content: bool,
    /// The line is "Từ": its cell goes on to the next line.
    open: bool,
}

impl State {
    /// Where the state is kept in a step.
    fn index(self) -> usize {
        let flags = usize::from(self.keyed) * 4 + usize::from(self.content) * 2;
        (self.col * CAP + self.lines - 1) * 8 + flags + usize::from(self.open)
    }
}

/// The lines of a table body and its columns' kinds, with each line's fit in each column.
pub(super) struct Grid<'a> {
    kinds: &'a [Kind],
    fits: Vec<Vec<Option<u32>>>,
    joining: Vec<bool>,
    text: Vec<bool>,
}

/// How well `line` fits each column. Where two columns hold text ("Chủ đề", "Nội dung"),
/// the first takes a line of text (the theme), the last the list items (the activities).
fn fits(line: &str, kinds: &[Kind]) -> Vec<Option<u32>> {
    let last = kinds.iter().rposition(|&k| k == Kind::Content);
    let theme = u32::from(!marked(line) && shape(line).is_none());
    kinds
        .iter()
        .enumerate()
        .map(|(c, &k)| match k {
            Kind::Content if Some(c) != last => Some(theme),
            _ => fit(k, line),
        })
        .collect()
}

/// One step of the row being read: for each state, its worth and the state before it.
type Step = Vec<Option<(Worth, State, usize)>>;

impl<'a> Grid<'a> {
    pub(super) fn new(lines: &[&str], kinds: &'a [Kind]) -> Self {
        Grid {
            kinds,
            fits: lines.iter().map(|l| fits(l, kinds)).collect(),
            joining: lines
                .iter()
                .map(|l| shape(l) == Some(Shape::Joining))
                .collect(),
            text: lines.iter().map(|l| shape(l).is_none()).collect(),
        }
    }

    fn most(&self, col: usize) -> usize {
        match self.kinds[col] {
            Kind::Number | Kind::Count => 1,
            Kind::Month => 2,
            Kind::Week | Kind::Time => CAP,
            Kind::Content | Kind::People | Kind::Other => usize::MAX,
        }
    }

    fn place(&self, line: usize, from: Option<State>, col: usize) -> Option<(State, Worth)> {
        let f = self.fits[line][col]?;
        let kind = self.kinds[col];
        let lines = match from {
            Some(s) if s.col == col => {
                if s.lines >= self.most(col) {
                    return None;
                }
                (s.lines + 1).min(CAP)
            }
            Some(s) if s.col > col || s.open => return None,
            _ => 1,
        };
        let state = State {
            col,
            lines,
            keyed: from.is_some_and(|s| s.keyed) || kind.keys_rows(),
            content: from.is_some_and(|s| s.content) || (kind == Kind::Content && self.text[line]),
            open: self.joining[line] && matches!(kind, Kind::Month | Kind::Week | Kind::Time),
        };
        Some((state, (f as i32, -(col as i32) - 1)))
    }

    /// The steps of a row starting at line `start`, one a line, up to `MAX_ROW` lines.
    fn steps(&self, start: usize) -> Vec<Step> {
        let width = self.kinds.len();
        let size = width * CAP * 8;
        let end = self.fits.len().min(start + MAX_ROW);
        let mut steps: Vec<Step> = Vec::new();
        for line in start..end {
            let mut step: Step = vec![None; size];
            let mut offer = |state: State, worth: Worth, prev: usize| {
                let slot = &mut step[state.index()];
                if slot.is_none_or(|(w, _, _)| worth > w) {
                    *slot = Some((worth, state, prev));
                }
            };
            match steps.last() {
                None => (0..width)
                    .filter_map(|c| self.place(line, None, c))
                    .for_each(|(s, w)| offer(s, w, 0)),
                Some(last) => {
                    for (i, entry) in last.iter().enumerate() {
                        let Some((worth, from, _)) = *entry else {
                            continue;
                        };
                        for c in from.col..width {
                            if let Some((s, w)) = self.place(line, Some(from), c) {
                                offer(s, (worth.0 + w.0, worth.1 + w.1), i);
                            }
                        }
                    }
                }
            }
            if step.iter().all(Option::is_none) {
                break;
            }
            steps.push(step);
        }
        steps
    }

    /// The best state a row may end in after step `t`, and its worth.
    fn end_at(&self, step: &Step) -> Option<(Worth, usize)> {
        let content = self.kinds.contains(&Kind::Content);
        step.iter()
            .enumerate()
            .filter_map(|(i, e)| e.map(|(w, s, _)| (w, s, i)))
            .filter(|(_, s, _)| s.keyed && (s.content || !content) && !s.open)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)))
            .map(|(w, _, i)| (w, i))
    }

    /// The rows from the first line on, as the column of each of their lines; the lines
    /// after the last row that can be read are not in the table.
    pub(super) fn rows(&self) -> Vec<Vec<usize>> {
        let n = self.fits.len();
        // For each line, the worth of the best rows from it on and where its first row ends.
        let mut best: Vec<(Worth, Option<usize>)> = vec![((0, 0), None); n + 1];
        for start in (0..n).rev() {
            let steps = self.steps(start);
            for (t, step) in steps.iter().enumerate() {
                let Some((w, _)) = self.end_at(step) else {
                    continue;
                };
                let next = start + t + 1;
                let total = (w.0 - ROW_COST + best[next].0.0, w.1 + best[next].0.1);
                if total > best[start].0 {
                    best[start] = (total, Some(next));
                }
            }
        }
        let mut rows = Vec::new();
        let mut start = 0;
        while let Some(next) = best[start].1 {
            rows.push(self.columns(start, next));
            start = next;
        }
        rows
    }

    /// The column of each line of the row from `start` to `end`.
    fn columns(&self, start: usize, end: usize) -> Vec<usize> {
        let steps = self.steps(start);
        let mut cols = Vec::new();
        let Some((_, mut i)) = self.end_at(&steps[end - start - 1]) else {
            return cols;
        };
        for step in steps[..end - start].iter().rev() {
            let Some((_, state, prev)) = step[i] else {
                break;
            };
            cols.push(state.col);
            i = prev;
        }
        cols.reverse();
        cols
    }
}
