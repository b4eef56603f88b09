//! Table tests for the index interval grammar (`joblab_core::indexes`).

use joblab_core::indexes::{
    contains, count, format_indexes, format_intervals, intervals_from_indexes, parse_intervals,
    Interval,
};

fn iv(first: i32, last: i32) -> Interval {
    Interval { first, last }
}

#[test]
fn well_formed_strings_parse() {
    let cases: &[(&str, i32, &[Interval], i64)] = &[
        ("", 0, &[], 0),
        ("", 5, &[], 0),
        ("0", 1, &[iv(0, 0)], 1),
        ("0-2,4", 5, &[iv(0, 2), iv(4, 4)], 4),
        ("1,3-5,7", 8, &[iv(1, 1), iv(3, 5), iv(7, 7)], 5),
        ("0,1", 2, &[iv(0, 0), iv(1, 1)], 2),
        // Go's Atoi accepts a leading '+'.
        ("+3", 4, &[iv(3, 3)], 1),
        (
            "2147483645-2147483646",
            i32::MAX,
            &[iv(2_147_483_645, 2_147_483_646)],
            2,
        ),
    ];
    for &(text, completions, want, total) in cases {
        let got = parse_intervals(text, completions).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(got, want, "{text:?}");
        assert_eq!(count(&got), total, "{text:?}");
    }
}

#[test]
fn malformed_strings_give_the_server_reason() {
    let cases: &[(&str, i32, &str)] = &[
        (
            "1-2-3",
            10,
            r#"the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'"#,
        ),
        (
            "a",
            10,
            r#"cannot convert string to integer for index: "a""#,
        ),
        (
            "1,",
            10,
            r#"cannot convert string to integer for index: """#,
        ),
        (
            "-1",
            10,
            r#"cannot convert string to integer for index: """#,
        ),
        (
            "1-x",
            10,
            r#"cannot convert string to integer for index: "x""#,
        ),
        (
            " 1",
            10,
            r#"cannot convert string to integer for index: " 1""#,
        ),
        (
            "99999999999999999999",
            10,
            r#"cannot convert string to integer for index: "99999999999999999999""#,
        ),
        ("10", 10, r#"too large index: "10""#),
        ("1-10", 10, r#"too large index: "10""#),
        ("0", 0, r#"too large index: "0""#),
        ("3-3", 10, "non-increasing order, previous: 3, current: 3"),
        ("5-2", 10, "non-increasing order, previous: 5, current: 2"),
        ("1-3,3", 10, "non-increasing order, previous: 3, current: 3"),
        ("4,2", 10, "non-increasing order, previous: 4, current: 2"),
    ];
    for &(text, completions, want) in cases {
        match parse_intervals(text, completions) {
            Ok(v) => panic!("{text:?} parsed as {v:?}"),
            Err(e) => assert_eq!(e.to_string(), want, "{text:?}"),
        }
    }
}

#[test]
fn formatting_matches_ordered_intervals_string() {
    let cases: &[(&[i32], &str)] = &[
        (&[], ""),
        (&[0], "0"),
        (&[0, 1], "0,1"),
        (&[0, 1, 2, 4], "0-2,4"),
        (&[1, 3, 4, 5, 7], "1,3-5,7"),
        (&[7, 5, 4, 3, 1, 4], "1,3-5,7"),
        (&[0, 1, 3, 4], "0,1,3,4"),
        (
            &[i32::MAX - 2, i32::MAX - 1, i32::MAX],
            "2147483645-2147483647",
        ),
    ];
    for &(indexes, want) in cases {
        assert_eq!(format_indexes(indexes.iter().copied()), want, "{indexes:?}");
    }
    assert_eq!(format_intervals(&[iv(0, 1), iv(3, 9)]), "0,1,3-9");
}

#[test]
fn format_then_parse_round_trips_and_contains_agrees() {
    let indexes = [0, 2, 3, 4, 9, 10, 12];
    let text = format_indexes(indexes);
    assert_eq!(text, "0,2-4,9,10,12");
    let parsed = parse_intervals(&text, 13).expect("own output parses");
    assert_eq!(
        intervals_from_indexes(parsed.iter().flat_map(|iv| iv.first..=iv.last)),
        intervals_from_indexes(indexes)
    );
    for i in -1..14 {
        assert_eq!(contains(&parsed, i), indexes.contains(&i), "index {i}");
    }
}
