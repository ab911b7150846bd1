//! A field term's value read for its field: words, numbers with units and ranges,
//! yes/no, and the closed lists (`kind:`, `role:`).

use super::{Field, KindValue, QueryError, Range, Span, Test};
use crate::library::search::fold;
use crate::store::Role;

pub(super) fn field_test(field: Field, op: &str, value: &str, span: Span) -> Result<Test, QueryError> {
    let name = field.name();
    let fail = |message: String| Err(QueryError::new(span, message));
    let comparison = matches!(op, "<" | "<=" | ">" | ">=");
    match field {
        Field::Episode | Field::Year | Field::Duration | Field::Plays | Field::Skips | Field::Played | Field::Added => {
            let read = |v: &str| number(field, v);
            let range = match op {
                ":" if value.contains("..") => {
                    let (low, high) = value.split_once("..").unwrap_or((value, ""));
                    let low = (!low.is_empty()).then(|| read(low)).transpose();
                    let high = (!high.is_empty()).then(|| read(high)).transpose();
                    match (low, high) {
                        (Ok(None), Ok(None)) => return fail(format!("{name}:.. needs a number on at least one side")),
                        (Ok(low), Ok(high)) => Range {
                            low: low.map(|l| (l, true)),
                            high: high.map(|h| (h, true)),
                        },
                        (Err(e), _) | (_, Err(e)) => return fail(e),
                    }
                }
                _ => {
                    let n = match read(value) {
                        Ok(n) => n,
                        Err(e) => return fail(e),
                    };
                    match op {
                        ">" => Range {
                            low: Some((n, false)),
                            high: None,
                        },
                        ">=" => Range {
                            low: Some((n, true)),
                            high: None,
                        },
                        "<" => Range {
                            low: None,
                            high: Some((n, false)),
                        },
                        "<=" => Range {
                            low: None,
                            high: Some((n, true)),
                        },
                        // A duration "is 3m" means within that minute's rounding: 3:00–3:00.999.
                        _ if field == Field::Duration => Range {
                            low: Some((n, true)),
                            high: Some((n + unit_step(value), false)),
                        },
                        _ => Range {
                            low: Some((n, true)),
                            high: Some((n, true)),
                        },
                    }
                }
            };
            Ok(Test::Number(range))
        }
        _ if comparison => fail(format!("{name} takes a word, not a comparison (try {name}:…)")),
        Field::Vocal | Field::Fav => match fold(value).as_str() {
            "yes" | "y" | "true" | "1" => Ok(Test::Bool(true)),
            "no" | "n" | "false" | "0" => Ok(Test::Bool(false)),
            _ => fail(format!("{name} is yes or no, not \"{value}\"")),
        },
        Field::Kind => {
            let kind = match fold(value).as_str() {
                "part" | "ostpart" | "single" => KindValue::Part,
                "ost" | "soundtrack" => KindValue::Soundtrack,
                "score" => KindValue::Score,
                "other" | "album" => KindValue::Other,
                _ => return fail(format!("kind is score, part, ost or other, not \"{value}\"")),
            };
            Ok(Test::Kind(kind))
        }
        Field::Role => {
            let folded = fold(value);
            match Role::ALL.into_iter().find(|r| r.as_str().starts_with(folded.as_str())) {
                Some(role) => Ok(Test::Role(role)),
                None => fail(format!("role is theme, variation or appears, not \"{value}\"")),
            }
        }
        _ => Ok(Test::Text {
            folded: fold(value),
            exact: op == "=",
        }),
    }
}

/// A number in the field's unit: durations in seconds ("90s", "2m", "1h", "1:30",
/// "2m30s"); years and episodes whole numbers.
fn number(field: Field, value: &str) -> Result<f64, String> {
    let name = field.name();
    if matches!(field, Field::Played | Field::Added) {
        return age(value);
    }
    if field != Field::Duration {
        return value
            .parse::<u32>()
            .map(f64::from)
            .map_err(|_| format!("{name} takes a whole number, not \"{value}\""));
    }
    if let Some((m, s)) = value.split_once(':') {
        if let (Ok(m), Ok(s)) = (m.parse::<u32>(), s.parse::<f64>())
            && s < 60.0
        {
            return Ok(f64::from(m) * 60.0 + s);
        }
        return Err(format!("\"{value}\" is not a time (write 1:30, 90s, 2m or 1h)"));
    }
    let mut total = 0.0;
    let mut rest = value;
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (n, after) = rest.split_at(digits);
        let unit_len = after.find(|c: char| c.is_ascii_digit()).unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_len);
        let n: f64 = n
            .parse()
            .map_err(|_| format!("\"{value}\" is not a duration (write 90s, 2m, 1h or 1:30)"))?;
        let scale = match unit.to_ascii_lowercase().as_str() {
            "s" | "sec" => 1.0,
            "m" | "min" => 60.0,
            "h" => 3600.0,
            "" => return Err(format!("{name} needs a unit: {value}s, {value}m or m:ss")),
            _ => return Err(format!("\"{unit}\" is not a unit of time (s, m or h)")),
        };
        total += n * scale;
        any = true;
        rest = next;
    }
    if !any {
        return Err(format!("\"{value}\" is not a duration"));
    }
    Ok(total)
}

/// An age in seconds: "12h", "7d", "2w", "1y".
fn age(value: &str) -> Result<f64, String> {
    let digits = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let (n, unit) = value.split_at(digits);
    let scale = match unit {
        "h" => 3600.0,
        "d" => 86_400.0,
        "w" => 7.0 * 86_400.0,
        "y" => 365.0 * 86_400.0,
        _ => return Err(format!("\"{value}\" is not an age (write 12h, 7d, 2w or 1y)")),
    };
    n.parse::<u32>()
        .map(|n| f64::from(n) * scale)
        .map_err(|_| format!("\"{value}\" is not an age (write 12h, 7d, 2w or 1y)"))
}

/// The size of the last unit written: "3m" is the minute from 3:00, "1:30" the second.
fn unit_step(value: &str) -> f64 {
    match value.chars().last() {
        Some('m') | Some('n') => 60.0,
        Some('h') => 3600.0,
        _ => 1.0,
    }
}
