//! Building blocks of list queries: bind arguments, keyset cursors, pages.

use base64::Engine as _;
use serde::Serialize;

/// A value bound to a dynamically built query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
}

/// A query text with its arguments, numbered as they are added.
#[derive(Debug, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    /// Starts a query.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    /// Adds an argument and returns its placeholder (`$N`).
    pub fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// Appends text.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// Adds the condition that the normalized `search_text` of the row contains
/// every term of a query. On SQLite, terms of three characters or more go
/// through the trigram full-text table `{fts}` (keyed by `seq`); shorter ones,
/// and every term on PostgreSQL (where a trigram index serves `LIKE`), use
/// `LIKE` on the column.
pub fn push_search(sql: &mut Sql, query: &str, sqlite: bool, alias: &str, fts: &str) {
    let mut phrases = Vec::new();
    for term in accord_domain::search::terms(query) {
        if sqlite && term.chars().count() >= 3 {
            phrases.push(format!("\"{}\"", term.replace('"', "\"\"")));
        } else {
            let p = sql.arg(Arg::Text(format!(
                "%{}%",
                accord_domain::search::like_escape(&term)
            )));
            sql.push(&format!(" AND {alias}.search_text LIKE {p} ESCAPE '\\'"));
        }
    }
    if !phrases.is_empty() {
        let p = sql.arg(Arg::Text(phrases.join(" ")));
        sql.push(&format!(
            " AND {alias}.seq IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {p})"
        ));
    }
}

/// One page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page with nothing on it.
    pub fn empty() -> Page<T> {
        Page {
            items: Vec::new(),
            total: 0,
            next_cursor: None,
        }
    }
}

/// The position after the last row of a page: its sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub value: Arg,
    pub id: String,
}

impl Cursor {
    /// Encodes the cursor as an opaque URL-safe string.
    pub fn encode(&self) -> String {
        let value = match &self.value {
            Arg::Text(t) => serde_json::Value::from(t.as_str()),
            Arg::Int(i) => serde_json::Value::from(*i),
        };
        let json = serde_json::json!([value, self.id]).to_string();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    /// Decodes a cursor made by [`Cursor::encode`]; `None` when it is not one.
    pub fn decode(text: &str) -> Option<Cursor> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .ok()?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        let array = value.as_array()?;
        let id = array.get(1)?.as_str()?.to_string();
        let value = match array.first()? {
            serde_json::Value::String(s) => Arg::Text(s.clone()),
            serde_json::Value::Number(n) => Arg::Int(n.as_i64()?),
            _ => return None,
        };
        Some(Cursor { value, id })
    }
}

/// Whether a sort column holds text or integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKind {
    Text,
    Int,
}

/// A sortable column: the API name, the SQL expression and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortColumn {
    pub name: &'static str,
    pub expr: &'static str,
    pub kind: SortKind,
}

/// A requested order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Sort {
    /// Parses `field` or `-field` against the allowed columns.
    pub fn parse(text: &str, allowed: &[SortColumn]) -> Option<Sort> {
        let (descending, name) = match text.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, text),
        };
        allowed.iter().find(|c| c.name == name).map(|column| Sort {
            column: *column,
            descending,
        })
    }

    /// The `sort` parameter that asks for this order.
    pub fn param(&self) -> String {
        if self.descending {
            format!("-{}", self.column.name)
        } else {
            self.column.name.to_string()
        }
    }

    /// Adds the keyset condition for rows after `cursor` (with the id column `id_expr`).
    pub fn push_after(&self, sql: &mut Sql, cursor: &Cursor, id_expr: &str) -> bool {
        let kind_ok = matches!(
            (&cursor.value, self.column.kind),
            (Arg::Text(_), SortKind::Text) | (Arg::Int(_), SortKind::Int)
        );
        if !kind_ok {
            return false;
        }
        let op = if self.descending { "<" } else { ">" };
        let value = sql.arg(cursor.value.clone());
        let id = sql.arg(Arg::Text(cursor.id.clone()));
        let expr = self.column.expr;
        sql.push(&format!(
            " AND ({expr} {op} {value} OR ({expr} = {value} AND {id_expr} {op} {id}))"
        ));
        true
    }

    /// The ORDER BY clause, with the id as tie-breaker.
    pub fn order_by(&self, id_expr: &str) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        format!(" ORDER BY {} {dir}, {id_expr} {dir}", self.column.expr)
    }
}

/// Clamps a requested page size to 1–200 (50 when absent).
pub fn clamp_limit(limit: Option<i64>) -> i64 {
    limit.unwrap_or(50).clamp(1, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips() {
        for value in [Arg::Text("وزارة".into()), Arg::Int(-42)] {
            let cursor = Cursor {
                value,
                id: "abc".into(),
            };
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        assert_eq!(Cursor::decode("not a cursor"), None);
    }

    #[test]
    fn sort_parses_direction() {
        const COLS: [SortColumn; 1] = [SortColumn {
            name: "name",
            expr: "sort_name",
            kind: SortKind::Text,
        }];
        let sort = Sort::parse("-name", &COLS).unwrap();
        assert!(sort.descending);
        assert_eq!(sort.param(), "-name");
        assert!(Sort::parse("nope", &COLS).is_none());
    }
}
