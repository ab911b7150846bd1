//! Reading a query: a scanner into words, quoted phrases, field terms, parentheses and
//! `and` / `or` / `not`, then precedence climbing (`not` binds tightest, then `and` —
//! also implied between neighbours — then `or`).

use super::values::field_test;
use super::{Expr, Field, QueryError, Span, Term, Test};
use crate::library::search::fold;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Term(Term),
}

/// Reads `text` into a query. An empty text (only spaces) is `Ok(None)`: no filter.
pub fn parse(text: &str) -> Result<Option<Expr>, QueryError> {
    let tokens = scan(text)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        tokens,
        at: 0,
        end: text.len(),
    };
    let expr = p.or()?;
    if let Some((token, span)) = p.tokens.get(p.at) {
        let message = match token {
            Token::Close => "this ')' closes nothing",
            _ => "unexpected here",
        };
        return Err(QueryError::new(*span, message));
    }
    Ok(Some(expr))
}

fn scan(text: &str) -> Result<Vec<(Token, Span)>, QueryError> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() || text[i..].starts_with(char::is_whitespace) {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let one = Span { start: i, end: i + 1 };
        match c {
            b'(' => {
                tokens.push((Token::Open, one));
                i += 1;
            }
            b')' => {
                tokens.push((Token::Close, one));
                i += 1;
            }
            // "-word" negates; a lone "-" is a word like any other.
            b'-' if text[i + 1..].starts_with(|c: char| !c.is_whitespace() && c != ')') => {
                tokens.push((Token::Not, one));
                i += 1;
            }
            b'"' => {
                let (phrase, end) = quoted(text, i)?;
                let span = Span { start: i, end };
                tokens.push((Token::Term(word(phrase, span)), span));
                i = end;
            }
            _ => {
                let (token, end) = term(text, i)?;
                tokens.push((token, Span { start: i, end }));
                i = end;
            }
        }
    }
    Ok(tokens)
}

/// The phrase of a quote opening at byte `start`, and the byte after its closing quote.
fn quoted(text: &str, start: usize) -> Result<(&str, usize), QueryError> {
    match text[start + 1..].find('"') {
        Some(len) => Ok((&text[start + 1..start + 1 + len], start + len + 2)),
        None => Err(QueryError::new(
            Span { start, end: start + 1 },
            "this quote is not closed",
        )),
    }
}

fn word(text: &str, span: Span) -> Term {
    Term {
        field: None,
        test: Test::Word(fold(text)),
        span,
    }
}

/// Where an unquoted run ends: a space, a parenthesis or a quote.
fn run_end(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
        .map_or(text.len(), |n| from + n)
}

/// A word, a keyword or a `field<op>value` term starting at byte `start`.
fn term(text: &str, start: usize) -> Result<(Token, usize), QueryError> {
    let name_len = text[start..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len() - start);
    let op_at = start + name_len;
    let op = ["<=", ">=", ":", "=", "<", ">"]
        .into_iter()
        .find(|op| text[op_at..].starts_with(op));
    let (Some(op), true) = (op, name_len > 0) else {
        let end = run_end(text, start).max(start + text[start..].chars().next().map_or(1, char::len_utf8));
        let raw = &text[start..end];
        let token = match raw.to_ascii_lowercase().as_str() {
            "and" => Token::And,
            "or" => Token::Or,
            "not" => Token::Not,
            _ => Token::Term(word(raw, Span { start, end })),
        };
        return Ok((token, end));
    };
    let name = &text[start..op_at];
    let name_span = Span { start, end: op_at };
    let field = Field::ALL
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, f)| *f)
        .ok_or_else(|| unknown_field(name, name_span))?;
    let value_at = op_at + op.len();
    let (value, end, value_span) = if text[value_at..].starts_with('"') {
        let (phrase, end) = quoted(text, value_at)?;
        (phrase, end, Span { start: value_at, end })
    } else {
        let end = run_end(text, value_at);
        (&text[value_at..end], end, Span { start: value_at, end })
    };
    if value.trim().is_empty() {
        return Err(QueryError::new(
            Span { start, end: value_at },
            format!("{name}{op} needs a value after it"),
        ));
    }
    let test = field_test(field, op, value, value_span)?;
    let span = Span { start, end };
    Ok((
        Token::Term(Term {
            field: Some(field),
            test,
            span,
        }),
        end,
    ))
}

fn unknown_field(name: &str, span: Span) -> QueryError {
    let known: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
    // Two letters off for a name of four or more, one for a shorter one ("Re:Zero" is
    // a title, not a misspelt role).
    let allowed = if name.len() >= 4 { 2 } else { 1 };
    let near = known
        .iter()
        .filter(|k| edits(&name.to_ascii_lowercase(), k) <= allowed)
        .min_by_key(|k| edits(&name.to_ascii_lowercase(), k));
    let message = if let Some(near) = near {
        format!("no field is called \"{name}\": did you mean {near}? (to search for the text itself, put it in quotes)")
    } else {
        format!(
            "no field is called \"{name}\" (fields: {}); to search for the text itself, put it in quotes",
            known.join(", ")
        )
    };
    QueryError::new(span, message)
}

/// Levenshtein distance: how many letters make one field name another ("seris" → "series").
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

struct Parser {
    tokens: Vec<(Token, Span)>,
    at: usize,
    /// The text's length: where "the end" is.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn span_here(&self) -> Span {
        self.tokens.get(self.at).map_or(
            Span {
                start: self.end,
                end: self.end,
            },
            |(_, s)| *s,
        )
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut any = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            any.push(self.and()?);
        }
        Ok(if any.len() == 1 { any.remove(0) } else { Expr::Or(any) })
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut all = vec![self.unary()?];
        loop {
            match self.peek() {
                None | Some(Token::Or) | Some(Token::Close) => break,
                Some(Token::And) => {
                    self.at += 1;
                    all.push(self.unary()?);
                }
                Some(_) => all.push(self.unary()?),
            }
        }
        Ok(if all.len() == 1 { all.remove(0) } else { Expr::And(all) })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let span = self.span_here();
        match self.peek().cloned() {
            Some(Token::Not) => {
                self.at += 1;
                if self.peek().is_none() {
                    return Err(QueryError::new(span, "not what? Nothing follows it"));
                }
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Token::Open) => {
                self.at += 1;
                if self.peek() == Some(&Token::Close) {
                    return Err(QueryError::new(span, "these parentheses hold nothing"));
                }
                if self.peek().is_none() {
                    return Err(QueryError::new(span, "this '(' is not closed"));
                }
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError::new(span, "this '(' is not closed"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Token::Term(t)) => {
                self.at += 1;
                Ok(Expr::Term(t))
            }
            Some(Token::Close) => Err(QueryError::new(span, "this ')' closes nothing")),
            Some(Token::And) | Some(Token::Or) => Err(QueryError::new(
                span,
                "and / or need something on both sides (to search for the word, put it in quotes)",
            )),
            None => Err(QueryError::new(
                span,
                "the query ends too soon: something should follow",
            )),
        }
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
