//! Go's `text/tabwriter` as kubectl configures it, and the CLI timeline's simpler aligner.

/// Aligns cells: within each block of consecutive rows with more than one cell, every cell but
/// a row's last is padded to its column's width (text width + padding, at least the minimum);
/// a row's last cell is never padded, as tabwriter leaves unterminated cells alone.
pub(crate) fn tabwrite(rows: &[Vec<String>]) -> String {
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
    // describe's writer: minimum width 0, padding 2.
    let (min, pad) = (0, 2);
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

/// Go's `text/tabwriter` with a space pad character and no flags, as kubectl configures it
/// (`get`: minimum width 6, padding 3; `describe`: 0 and 2). Cells end at tabs; a column block
/// is a run of consecutive lines that have a cell in that column, and within it every cell is
/// padded to the widest cell plus `padding` (at least `minwidth`), found column by column as
/// tabwriter's `format` does. A line's last cell is never padded; text after the last newline
/// is written as it is.
pub(crate) fn go_tabwriter(text: &str, minwidth: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut widths: Vec<usize> = Vec::new();
    format_block(
        &lines,
        0,
        lines.len(),
        &mut widths,
        minwidth,
        padding,
        &mut out,
    );
    out
}

fn format_block(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    minwidth: usize,
    padding: usize,
    out: &mut String,
) {
    let column = widths.len();
    let cells = |i: usize| lines.get(i).map_or(0, Vec::len);
    let mut this = line0;
    while this < line1 {
        if column + 1 >= cells(this) {
            this += 1;
            continue;
        }
        // A cell in this column: the lines before it are done at this depth.
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = minwidth;
        while this < line1 && column + 1 < cells(this) {
            let w = lines
                .get(this)
                .and_then(|l| l.get(column))
                .map_or(0, |c| c.chars().count());
            width = width.max(w + padding);
            this += 1;
        }
        widths.push(width);
        format_block(lines, line0, this, widths, minwidth, padding, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(
    lines: &[Vec<&str>],
    line0: usize,
    line1: usize,
    widths: &[usize],
    out: &mut String,
) {
    for i in line0..line1 {
        let Some(line) = lines.get(i) else { continue };
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(&w) = widths.get(j).filter(|_| j + 1 < line.len()) {
                let n = w.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', n));
            }
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::go_tabwriter;

    /// (input, minimum width, padding, what Go's text/tabwriter writes), the last column taken
    /// from `tabwriter.NewWriter(&buf, min, 8, pad, ' ', 0)` in Go 1.26.
    const CASES: &[(&str, usize, usize, &str)] = &[
        (
            "a\tbb\tc\nddd\te\tf\n",
            6,
            3,
            "a     bb    c\nddd   e     f\n",
        ),
        (
            "Name:\tpi\nLabels:\tx=1\n\ty=2\nPod Template:\n  Labels:\tz\n",
            0,
            2,
            "Name:    pi\nLabels:  x=1\n         y=2\nPod Template:\n  Labels:  z\n",
        ),
        (
            "Conditions:\n  Type\tStatus\n  Ready \tTrue \n  Initialized \tFalse \n",
            0,
            2,
            "Conditions:\n  Type          Status\n  Ready         True \n  Initialized   False \n",
        ),
        (
            "a\tb\tc\nlonger\td\nx\ty\tz\tw\n",
            0,
            2,
            "a       b  c\nlonger  d\nx       y  z  w\n",
        ),
        ("é\tb\nab\tc\n", 0, 2, "é   b\nab  c\n"),
        ("no newline\tat end", 0, 2, "no newline  at end"),
    ];

    #[test]
    fn go_tabwriter_writes_what_go_writes() {
        for (input, min, pad, want) in CASES {
            assert_eq!(go_tabwriter(input, *min, *pad), *want, "{input:?}");
        }
    }
}
