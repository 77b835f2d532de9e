//! Translations through Fluent (`locales/{ar,en,fr}/*.ftl`, embedded at build
//! time) and locale-aware formatting of dates and numbers.

use accord_domain::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Pages isolate bidirectional text with <bdi> where needed; marks inside
        // attribute values and JSON would only get in the way.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn langid(lang: Lang) -> LanguageIdentifier {
    lang.code().parse().unwrap_or_default()
}

/// Every key of a language's files, for the completeness test.
pub fn keys_of(lang: Lang) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../locales")
        .join(lang.code());
    let mut keys = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                for line in text.lines() {
                    if let Some((key, _)) = line.split_once(" =")
                        && !key.starts_with([' ', '#', '-', '.', '*', '['])
                        && !key.is_empty()
                    {
                        keys.push(key.trim().to_string());
                    }
                }
            }
        }
    }
    keys.sort();
    keys
}

/// A translator for one language, cheap to copy into templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&langid(self.lang), key)
    }

    /// The message `key`, if it exists.
    pub fn try_t(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&langid(self.lang), key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.targs(key, &[(name, value.to_string())])
    }

    /// The message `key` with one numeric argument (plural rules apply).
    pub fn tn(
        &self,
        key: &str,
        name: &'static str,
        value: impl std::borrow::Borrow<i64>,
    ) -> String {
        let value = *value.borrow();
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value));
        LOCALES.lookup_with_args(&langid(self.lang), key, &args)
    }

    /// The message `key` with text arguments.
    pub fn targs(&self, key: &str, pairs: &[(&'static str, String)]) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, value) in pairs {
            args.insert(Cow::Borrowed(*name), FluentValue::from(value.clone()));
        }
        LOCALES.lookup_with_args(&langid(self.lang), key, &args)
    }

    /// The label of a code of an enumeration, e.g. `kind` + `ngo` → `kind-ngo`.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        self.try_t(&format!("{prefix}-{code}"))
            .unwrap_or_else(|| code.to_string())
    }

    /// `ar`, `en` or `fr`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// `rtl` or `ltr`.
    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    /// A date (from microseconds since the epoch) in the user's language.
    pub fn date(&self, micros: impl std::borrow::Borrow<i64>) -> String {
        let micros = *micros.borrow();
        self.format_date(accord_store::instant(micros).date())
    }

    /// A calendar date in the user's language, e.g. `28 Nov 2026`.
    pub fn format_date(&self, date: time::Date) -> String {
        let month = self.t(&format!("month-{}", u8::from(date.month())));
        format!("{} {} {}", date.day(), month, date.year())
    }

    /// An optional `YYYY-MM-DD` date in the user's language.
    pub fn iso_date(&self, text: &Option<time::Date>) -> String {
        text.map(|d| self.format_date(d)).unwrap_or_default()
    }

    /// Date and time (UTC) in the user's language.
    pub fn datetime(&self, micros: impl std::borrow::Borrow<i64>) -> String {
        let micros = *micros.borrow();
        let at = accord_store::instant(micros);
        format!(
            "{} {:02}:{:02}",
            self.format_date(at.date()),
            at.hour(),
            at.minute()
        )
    }

    /// A whole number with the language's digit grouping.
    pub fn num(&self, value: impl std::borrow::Borrow<i64>) -> String {
        let value = *value.borrow();
        let digits = value.unsigned_abs().to_string();
        let separator = match self.lang {
            Lang::Fr => "\u{202F}",
            _ => ",",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(separator);
            }
            out.push(c);
        }
        if value < 0 { format!("-{out}") } else { out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_by_language() {
        assert_eq!(Tr::new(Lang::En).num(1234567), "1,234,567");
        assert_eq!(Tr::new(Lang::Fr).num(-1234), "-1\u{202F}234");
        assert_eq!(Tr::new(Lang::Ar).num(12), "12");
    }
}
