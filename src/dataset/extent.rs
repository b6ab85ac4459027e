//! How far a spreadsheet reaches, and the most cells one may span: the bound that
//! [`super::sheet`] holds `.xlsx` and `.ods` workbooks to, and [`super::xls`] `.xls` ones.

/// The most cells a sheet may span, from its first cell to its last: a sheet is read
/// whole, a cell for every place in that rectangle.
pub(super) const MAX_CELLS: u64 = 4_000_000;

/// How far a sheet reaches: its last row and column with a value (0-based), if any.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Extent(pub(super) Option<(u64, u64)>);

impl Extent {
    /// The sheet reaches `row` and `column` too.
    pub(super) fn reach(&mut self, row: u64, column: u64) {
        let (r, c) = self.0.unwrap_or((0, 0));
        self.0 = Some((r.max(row), c.max(column)));
    }

    /// The cells of the rectangle from A1 to the last cell, as a sheet is laid out.
    pub(super) fn cells(self) -> u64 {
        self.0.map_or(0, |(r, c)| (r + 1).saturating_mul(c + 1))
    }

    /// Whether it spans more than [`MAX_CELLS`].
    pub(super) fn too_large(self) -> bool {
        self.cells() > MAX_CELLS
    }
}
