//! Small value types parsed at the edge: e-mail, country code, web address,
//! phone number, date, tag, language code. Each parser returns a stable error code.

use time::Date;
use time::macros::format_description;

/// Longest free-text field, in characters.
pub const MAX_TEXT: usize = 5000;
/// Longest name or title, in characters.
pub const MAX_NAME: usize = 300;

/// Trims an optional text and drops it when empty.
pub fn optional_text(
    value: Option<String>,
    max_chars: usize,
) -> Result<Option<String>, &'static str> {
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        Some(v) if v.chars().count() > max_chars => Err("too_long"),
        other => Ok(other),
    }
}

/// A plausible e-mail address (one `@`, a dotted domain, no spaces), lower-cased domain.
pub fn email(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    let (local, domain) = value.rsplit_once('@').ok_or("invalid_email")?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && value.len() <= 254
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>');
    if ok {
        Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
    } else {
        Err("invalid_email")
    }
}

/// An ISO 3166-1 alpha-2 code in upper case (existence is checked against the table).
pub fn country_code(value: &str) -> Result<String, &'static str> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err("invalid_country")
    }
}

/// An absolute http(s) address.
pub fn website(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("invalid_url")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.contains('.') && !value.chars().any(char::is_whitespace) && value.len() <= 500 {
        Ok(value.to_string())
    } else {
        Err("invalid_url")
    }
}

/// A phone number: digits with optional `+`, spaces, dots, dashes and parentheses.
pub fn phone(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '.' | '-' | '(' | ')'));
    if allowed && (5..=20).contains(&digits) {
        Ok(value.to_string())
    } else {
        Err("invalid_phone")
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(value: &str) -> Result<Date, &'static str> {
    Date::parse(value.trim(), format_description!("[year]-[month]-[day]"))
        .map_err(|_| "invalid_date")
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// A tag: trimmed, lower case, 1–40 characters, no commas.
pub fn tag(value: &str) -> Result<String, &'static str> {
    let tag = value.trim().to_lowercase();
    if tag.is_empty() || tag.chars().count() > 40 || tag.contains(',') {
        Err("invalid_tag")
    } else {
        Ok(tag)
    }
}

/// Tags without duplicates, in their first order.
pub fn tags(values: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let tag = tag(value)?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.len() > 30 {
        return Err("too_many");
    }
    Ok(out)
}

/// An ISO 639-1 language code (two lower-case letters).
pub fn language_code(value: &str) -> Result<String, &'static str> {
    let code = value.trim().to_ascii_lowercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err("invalid_language")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_values() {
        assert_eq!(email(" a.b@ICESCO.org "), Ok("a.b@icesco.org".into()));
        assert_eq!(email("nope"), Err("invalid_email"));
        assert_eq!(country_code("ma"), Ok("MA".into()));
        assert_eq!(country_code("MAR"), Err("invalid_country"));
        assert!(website("https://icesco.org/en").is_ok());
        assert_eq!(website("icesco.org"), Err("invalid_url"));
        assert!(phone("+212 (5) 37 56 60 52").is_ok());
        assert_eq!(phone("call me"), Err("invalid_phone"));
        assert_eq!(
            format_date(date("2026-02-28").unwrap_or(Date::MIN)),
            "2026-02-28"
        );
        assert_eq!(date("2026-02-30"), Err("invalid_date"));
        assert_eq!(
            tags(&["Education".into(), "education ".into()]),
            Ok(vec!["education".into()])
        );
    }
}
