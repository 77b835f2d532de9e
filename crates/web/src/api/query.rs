//! Typed query parameters: [`ApiQuery`] reads a query string into a type
//! that also documents it (`IntoParams`), so the parameters a handler reads
//! and the parameters the document lists are one list. Unknown parameters
//! are refused with `422 unknown_parameter`, all at once.
//!
//! Also the paging of lists that are read whole from the store (units,
//! countries, users): `limit`, `cursor` and `sort` over a vector.

use crate::error::ApiError;
use accord_domain::FieldErrors;
use accord_store::list::{Arg, Cursor};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::HashMap;
use utoipa::IntoParams;
use utoipa::openapi::path::ParameterIn;

/// Query parameters read into `T`; the names `T` documents are the only ones accepted.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned + IntoParams,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let Query(raw) = Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
            .map_err(|_| ApiError::field("query", "invalid_type"))?;
        let known: Vec<String> = T::into_params(|| Some(ParameterIn::Query))
            .into_iter()
            .map(|p| p.name)
            .collect();
        let mut errors = FieldErrors::new();
        for key in raw.keys() {
            if !known.contains(key) {
                errors.add(key.clone(), "unknown_parameter");
            }
        }
        errors.into_result()?;
        let object: Map<String, Value> = raw
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        super::parse_input(Value::Object(object)).map(ApiQuery)
    }
}

/// A parameter's value, trimmed; `None` when absent or blank.
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Reads `limit` (1–200, default 50) of a list paged by the store.
pub fn page_limit(limit: &Option<String>, errors: &mut FieldErrors) -> i64 {
    match given(limit) {
        None => 50,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=200).contains(&n) => n,
            _ => {
                errors.add("limit", "out_of_range");
                50
            }
        },
    }
}

/// How much of a list read whole to answer: where the page starts and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// How many items come before the page.
    pub offset: usize,
    /// At most this many items; `None` answers the rest of the list in one page.
    pub limit: Option<usize>,
}

/// Reads `limit` (1–200) and `cursor` of a list read whole. Without `limit`
/// the whole list is one page, as these lists always answered.
pub fn window(limit: &Option<String>, cursor: &Option<String>, errors: &mut FieldErrors) -> Window {
    let limit = given(limit).and_then(|text| {
        errors.take(
            "limit",
            text.parse::<usize>()
                .ok()
                .filter(|n| (1..=200).contains(n))
                .ok_or("out_of_range"),
        )
    });
    let offset = given(cursor)
        .and_then(|text| {
            errors.take(
                "cursor",
                Cursor::decode(text)
                    .and_then(|c| match c.value {
                        Arg::Int(n) if c.id == "offset" => usize::try_from(n).ok(),
                        _ => None,
                    })
                    .ok_or("invalid_cursor"),
            )
        })
        .unwrap_or(0);
    Window { offset, limit }
}

/// Reads `sort` (`field` or `-field`) against the allowed field names;
/// returns the field and whether the order is descending.
pub fn sort<'a>(
    sort: &Option<String>,
    allowed: &[&'a str],
    default: &'a str,
    errors: &mut FieldErrors,
) -> (&'a str, bool) {
    match given(sort) {
        None => (default, false),
        Some(text) => {
            let (descending, name) = match text.strip_prefix('-') {
                Some(name) => (true, name),
                None => (false, text),
            };
            match allowed.iter().find(|a| **a == name) {
                Some(field) => (field, descending),
                None => {
                    errors.add("sort", "invalid_choice");
                    (default, false)
                }
            }
        }
    }
}

/// Orders a list by a comparison, reversed when descending (stable, so ties
/// keep the store's order).
pub fn order<T>(items: &mut [T], descending: bool, compare: impl Fn(&T, &T) -> Ordering) {
    items.sort_by(|a, b| {
        let ordering = compare(a, b);
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
}

/// Cuts one page out of a whole list: the items, the total and the next cursor.
pub fn paginate<T>(items: Vec<T>, window: Window) -> (Vec<T>, i64, Option<String>) {
    let total = items.len();
    let rest = items.into_iter().skip(window.offset);
    let (page, next): (Vec<T>, Option<usize>) = match window.limit {
        None => (rest.collect(), None),
        Some(limit) => {
            let page: Vec<T> = rest.take(limit).collect();
            let end = window.offset + page.len();
            (page, (end < total).then_some(end))
        }
    };
    let next_cursor = next.map(|end| {
        Cursor {
            value: Arg::Int(i64::try_from(end).unwrap_or(i64::MAX)),
            id: "offset".into(),
        }
        .encode()
    });
    (page, i64::try_from(total).unwrap_or(i64::MAX), next_cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_each_other_and_the_last_has_no_cursor() {
        let mut errors = FieldErrors::new();
        let first = window(&Some("2".into()), &None, &mut errors);
        let (page, total, next) = paginate(vec![1, 2, 3, 4, 5], first);
        assert_eq!((page, total), (vec![1, 2], 5));
        let second = window(&Some("2".into()), &next, &mut errors);
        let (page, _, next) = paginate(vec![1, 2, 3, 4, 5], second);
        assert_eq!(page, vec![3, 4]);
        let third = window(&Some("2".into()), &next, &mut errors);
        let (page, _, next) = paginate(vec![1, 2, 3, 4, 5], third);
        assert_eq!((page, next), (vec![5], None));
        assert!(errors.is_empty());
    }

    #[test]
    fn without_limit_the_whole_list_is_one_page() {
        let mut errors = FieldErrors::new();
        let (page, total, next) = paginate(vec![1, 2, 3], window(&None, &None, &mut errors));
        assert_eq!((page, total, next), (vec![1, 2, 3], 3, None));
    }

    #[test]
    fn bad_limit_cursor_and_sort_are_reported_on_their_field() {
        let mut errors = FieldErrors::new();
        window(&Some("0".into()), &Some("nonsense".into()), &mut errors);
        sort(&Some("-colour".into()), &["name"], "name", &mut errors);
        assert_eq!(errors.get("limit"), ["out_of_range"]);
        assert_eq!(errors.get("cursor"), ["invalid_cursor"]);
        assert_eq!(errors.get("sort"), ["invalid_choice"]);
    }
}
