use super::*;
use crate::library::query::{KindValue, Range};
use crate::store::Role;

fn ok(q: &str) -> Expr {
    match parse(q) {
        Ok(Some(e)) => e,
        other => panic!("{q:?} should read, got {other:?}"),
    }
}

/// The column and message of a query's mistake.
fn err(q: &str) -> (usize, String) {
    match parse(q) {
        Err(e) => (e.column(q), e.message),
        other => panic!("{q:?} should not read, got {other:?}"),
    }
}

fn field(f: Field, test: Test) -> (Option<Field>, Test) {
    (Some(f), test)
}

fn terms(e: &Expr) -> Vec<(Option<Field>, Test)> {
    match e {
        Expr::Term(t) => vec![(t.field, t.test.clone())],
        Expr::And(v) | Expr::Or(v) => v.iter().flat_map(terms).collect(),
        Expr::Not(e) => terms(e),
    }
}

#[test]
fn free_words_stay_words_and_empty_is_no_filter() {
    assert_eq!(parse("   ").unwrap(), None);
    let e = ok("Secret  Garden");
    assert_eq!(
        terms(&e),
        vec![(None, Test::Word("secret".into())), (None, Test::Word("garden".into()))]
    );
    assert!(!e.has_fields());
    // Not field syntax: digits before the colon, a lone dash, a phrase in quotes.
    assert_eq!(terms(&ok("2:13")), vec![(None, Test::Word("2:13".into()))]);
    assert_eq!(terms(&ok("Part - 1")).len(), 3);
    assert_eq!(terms(&ok("\"Re:Zero\"")), vec![(None, Test::Word("re:zero".into()))]);
}

#[test]
fn the_issue_example_reads_field_by_field() {
    let e = ok(
        r#"series:"Secret Garden" kind:score character:"Lee Hwan" role:theme mood:tension instrument:gayageum duration>2m vocal:no year:2020..2023"#,
    );
    let text = |s: &str| Test::Text {
        folded: s.into(),
        exact: false,
    };
    assert_eq!(
        terms(&e),
        vec![
            field(Field::Series, text("secret garden")),
            field(Field::Kind, Test::Kind(KindValue::Score)),
            field(Field::Character, text("lee hwan")),
            field(Field::Role, Test::Role(Role::Theme)),
            field(Field::Mood, text("tension")),
            field(Field::Instrument, text("gayageum")),
            field(
                Field::Duration,
                Test::Number(Range {
                    low: Some((120.0, false)),
                    high: None
                })
            ),
            field(Field::Vocal, Test::Bool(false)),
            field(
                Field::Year,
                Test::Number(Range {
                    low: Some((2020.0, true)),
                    high: Some((2023.0, true))
                })
            ),
        ]
    );
    assert!(e.has_fields() && e.needs_notes());
}

#[test]
fn not_binds_tighter_than_and_than_or() {
    let e = ok("a b or not c -d");
    let Expr::Or(any) = &e else { panic!("{e:?}") };
    assert!(matches!(&any[0], Expr::And(v) if v.len() == 2));
    let Expr::And(right) = &any[1] else { panic!("{e:?}") };
    assert!(right.iter().all(|x| matches!(x, Expr::Not(_))));
    let grouped = ok("(a or b) AND c");
    assert!(matches!(&grouped, Expr::And(v) if matches!(v[0], Expr::Or(_))));
}

#[test]
fn durations_read_in_every_usual_spelling() {
    let secs = |q: &str| match terms(&ok(q)).remove(0).1 {
        Test::Number(r) => r.low.map(|l| l.0),
        t => panic!("{t:?}"),
    };
    assert_eq!(secs("duration>90s"), Some(90.0));
    assert_eq!(secs("duration>1:30"), Some(90.0));
    assert_eq!(secs("duration>2m30s"), Some(150.0));
    assert_eq!(secs("duration>=1h"), Some(3600.0));
    let Test::Number(three) = terms(&ok("duration:3m")).remove(0).1 else {
        panic!()
    };
    assert!(three.contains(180.0) && three.contains(239.0) && !three.contains(240.0));
}

#[test]
fn mistakes_are_named_where_they_are() {
    // Columns count characters, not bytes: the Hangul before the mistake is 3 wide.
    assert_eq!(err("비밀의 seris:x").0, 5);
    assert!(
        err("seris:x")
            .1
            .contains("no field is called \"seris\": did you mean series?")
    );
    assert!(
        err("Re:Zero").1.contains("(fields: title, artist"),
        "no near field: all are listed"
    );
    assert_eq!(err("title:\"Open quote").0, 7);
    assert_eq!(err("a (b or c").0, 3);
    assert_eq!(err("a b)").0, 4);
    assert_eq!(err("()").0, 1);
    assert_eq!(err("a or").0, 5);
    assert_eq!(err("or a").0, 1);
    assert_eq!(err("a not").0, 3);
    let (col, msg) = err("year:20x0");
    assert_eq!(col, 6);
    assert!(msg.contains("whole number"), "{msg}");
    let (col, msg) = err("duration>3");
    assert_eq!(col, 10);
    assert!(msg.contains("needs a unit"), "{msg}");
    assert_eq!(err("kind:opera").0, 6);
    assert_eq!(err("role:villain").0, 6);
    assert_eq!(err("vocal:maybe").0, 7);
    assert_eq!(err("series>3").0, 8);
    assert_eq!(err("x added<3 days").0, 9);
    assert_eq!(err("played<3 days").0, 8);
    assert_eq!(err("fav:maybe").0, 5);
    let (col, msg) = err("year:..");
    assert_eq!(col, 6);
    assert!(msg.contains("at least one side"), "{msg}");
    assert_eq!(err("title:").0, 1);
}

#[test]
fn history_fields_read_counts_ages_and_yes_no() {
    let e = ok("plays>3 skips:0 fav:yes played<2w");
    assert!(e.needs_history() && !e.needs_notes());
    let t = terms(&e);
    assert_eq!(t[2], field(Field::Fav, Test::Bool(true)));
    let Test::Number(two_weeks) = &t[3].1 else {
        panic!("{t:?}")
    };
    assert!(two_weeks.contains(13.0 * 86_400.0) && !two_weeks.contains(15.0 * 86_400.0));
}

#[test]
fn the_caret_sits_under_the_mistake() {
    let q = "사랑 year:abc";
    let e = parse(q).unwrap_err();
    assert_eq!(e.pointed(q), format!("  {q}\n            ^^^"));
}
