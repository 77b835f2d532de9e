//! Page parts that several features share: the options of a `<select>`, a
//! sortable column header, query strings for links, and translated form
//! errors in the order of a form's controls. Feature folders import them from
//! here instead of from each other.

use crate::auth;
use crate::forms::FormErrors;
use crate::i18n::Tr;
use accord_domain::FieldErrors;

/// An option of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The options for codes translated as `{prefix}-{code}`, with `selected` marked.
pub fn choices(tr: &Tr, prefix: &str, codes: &[&str], selected: &str) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code.to_string(),
            label: tr.label(prefix, code),
            selected: *code == selected,
        })
        .collect()
}

/// A sortable column header.
pub struct SortLink {
    pub label: String,
    pub href: String,
    pub class: String,
    pub aria: String,
}

/// `k=v&k=v` for the pairs with a value, the values URL-encoded.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Translates field errors, with labels from `labels` (field → message key)
/// where the generic `field-*` keys do not fit, focus targets from `ids`, and
/// the summary in the order of the form's controls (`order`, by control id).
pub fn form_errors(
    tr: &Tr,
    errors: &FieldErrors,
    labels: &[(&str, &str)],
    ids: &[(&str, &str)],
    order: &[&str],
) -> FormErrors {
    let id_of = |field: &str| {
        ids.iter()
            .find(|(f, _)| *f == field)
            .map(|(_, id)| id.to_string())
            .unwrap_or_else(|| field.to_string())
    };
    let mut out = FormErrors::from_fields(tr, errors, id_of);
    for item in &mut out.items {
        let field = ids
            .iter()
            .find(|(_, id)| *id == item.field)
            .map(|(f, _)| *f)
            .unwrap_or(item.field.as_str());
        if let Some((_, key)) = labels.iter().find(|(f, _)| *f == field) {
            item.label = tr.t(key);
        }
    }
    if errors
        .get("password")
        .iter()
        .any(|c| c == "password_too_short")
    {
        let message = tr.tn(
            "error-password_too_short",
            "min",
            auth::MIN_PASSWORD_CHARS as i64,
        );
        for item in out.items.iter_mut().filter(|i| i.field == "password") {
            item.message = message.clone();
        }
    }
    out.items.sort_by_key(|i| {
        order
            .iter()
            .position(|o| *o == i.field)
            .unwrap_or(usize::MAX)
    });
    out
}

/// One bar of a bar chart.
pub struct Bar {
    pub code: String,
    pub label: String,
    pub value: i64,
    pub percent: i64,
}
