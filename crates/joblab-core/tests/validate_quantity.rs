//! Table tests for the quantity parser and its canonical form (`Quantity.String`).

use joblab_core::validate::quantity::{parse, ERR_FORMAT_WRONG, ERR_SUFFIX};

#[test]
fn canonical_forms() {
    let cases = [
        ("1", "1"),
        ("0", "0"),
        ("1000m", "1"),
        ("1500m", "1500m"),
        ("0.5", "500m"),
        ("1.5", "1500m"),
        ("100m", "100m"),
        ("1k", "1k"),
        ("1.5k", "1500"),
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1.5Gi", "1536Mi"),
        ("512Ki", "512Ki"),
        ("0.5Ki", "512"),
        ("1e3", "1e3"),
        ("1.5e3", "1500"),
        ("128974848", "128974848"),
        ("129e6", "129e6"),
        ("123Mi", "123Mi"),
        ("1n", "1n"),
        ("0.1n", "1n"),
        ("-1", "-1"),
        ("+2", "2"),
        (".5", "500m"),
        ("1.", "1"),
        ("1e-999999999", "1e-9"),
        ("-0.0000000001", "-1n"),
    ];
    for (text, want) in cases {
        match parse(text) {
            Ok(q) => assert_eq!(q.canonical(), want, "{text}"),
            Err(e) => panic!("{text}: {e}"),
        }
    }
}

#[test]
fn ordering_across_notations() {
    let lt = [
        ("500m", "1"),
        ("1G", "1Gi"),
        ("1023Mi", "1Gi"),
        ("999", "1k"),
        ("1e2", "101"),
    ];
    for (a, b) in lt {
        let (Ok(qa), Ok(qb)) = (parse(a), parse(b)) else {
            panic!("{a} {b} parse")
        };
        assert!(qa < qb, "{a} < {b}");
    }
    assert_eq!(
        parse("1Gi").map(|q| q.nanos),
        parse("1073741824").map(|q| q.nanos)
    );
}

#[test]
fn malformed_quantities() {
    let cases = [
        ("", ERR_FORMAT_WRONG),
        ("1Gb", ERR_FORMAT_WRONG),
        ("1 Gi", ERR_FORMAT_WRONG),
        ("abc", ERR_FORMAT_WRONG),
        ("1KiB", ERR_FORMAT_WRONG),
        ("1K", ERR_SUFFIX),
        ("1e", ERR_SUFFIX),
        ("1mm", ERR_SUFFIX),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text).err(), Some(want), "{text}");
    }
}

#[test]
fn huge_values_are_capped_not_panicking() {
    for text in [
        "9999999999999999999999999999999999999999999999E",
        "1e999999999",
        "99999999999Ei",
    ] {
        let q = parse(text).expect("parses");
        assert_eq!(q.nanos, i128::from(i64::MAX) * 1_000_000_000, "{text}");
    }
}
