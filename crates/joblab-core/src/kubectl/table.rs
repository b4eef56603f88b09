//! A small version of Go's `text/tabwriter` as kubectl configures it.

/// Which kubectl writer to imitate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TabStyle {
    /// `kubectl get`: minimum cell width 6, padding 3.
    Get,
    /// `kubectl describe`: minimum width 0, padding 2.
    Describe,
}

/// Aligns cells: within each block of consecutive rows with more than one cell, every cell but
/// a row's last is padded to its column's width (text width + padding, at least the minimum);
/// a row's last cell is never padded, as tabwriter leaves unterminated cells alone.
pub(crate) fn tabwrite(rows: &[Vec<String>], style: TabStyle) -> String {
    // Cells can hold input text (names, images, messages): escaped before the widths are
    // measured, so the columns line up and no control character reaches the terminal.
    let escaped: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| crate::escape::line(c).into_owned())
                .collect()
        })
        .collect();
    let rows = &escaped;
    let (min, pad) = match style {
        TabStyle::Get => (6, 3),
        TabStyle::Describe => (0, 2),
    };
    let mut out = String::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j < rows.len() && rows.get(j).is_some_and(|r| r.len() > 1) {
            j += 1;
        }
        if j == i {
            if let Some(r) = rows.get(i) {
                out.push_str(r.first().map_or("", String::as_str));
            }
            out.push('\n');
            i += 1;
            continue;
        }
        let block = rows.get(i..j).unwrap_or(&[]);
        let ncols = block.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; ncols];
        for r in block {
            for (c, cell) in r.iter().enumerate().take(r.len().saturating_sub(1)) {
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.chars().count() + pad).max(min);
                }
            }
        }
        for r in block {
            let last = r.len().saturating_sub(1);
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                line.push_str(cell);
                if c < last {
                    let w = widths.get(c).copied().unwrap_or(0);
                    line.extend(std::iter::repeat_n(
                        ' ',
                        w.saturating_sub(cell.chars().count()),
                    ));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        i = j;
    }
    out
}
