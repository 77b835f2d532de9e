//! Languages and text given in Arabic, English and French.

use serde::{Deserialize, Serialize};

/// A user-interface and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    Fr,
}

impl Lang {
    /// Every supported language, in the order they are offered.
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::En, Lang::Fr];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses a code such as `ar`, `fr-FR` or `EN`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut candidates: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        candidates.first().map(|(_, lang)| *lang)
    }

    /// Text direction of the language.
    pub fn dir(self) -> &'static str {
        if self == Lang::Ar { "rtl" } else { "ltr" }
    }
}

/// A text given in up to three languages; a required one needs at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
}

fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl LocalizedText {
    /// Builds a text, trimming each language and dropping empty ones.
    pub fn new(ar: Option<String>, en: Option<String>, fr: Option<String>) -> Self {
        Self {
            ar: clean(ar),
            en: clean(en),
            fr: clean(fr),
        }
    }

    /// Trims every language and drops the empty ones.
    pub fn cleaned(self) -> Self {
        Self::new(self.ar, self.en, self.fr)
    }

    /// True when no language has text.
    pub fn is_empty(&self) -> bool {
        self.ar.is_none() && self.en.is_none() && self.fr.is_none()
    }

    /// The text in one language, if given.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ar => self.ar.as_deref(),
            Lang::En => self.en.as_deref(),
            Lang::Fr => self.fr.as_deref(),
        }
    }

    /// The text in `lang`, else the first other language that has one (English, French, Arabic).
    pub fn best(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.en.as_deref())
            .or(self.fr.as_deref())
            .or(self.ar.as_deref())
            .unwrap_or("")
    }

    /// Every language's text, for indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        [&self.ar, &self.en, &self.fr]
            .into_iter()
            .filter_map(|v| v.as_deref())
    }

    /// Checks the longest allowed length of each language.
    pub fn too_long(&self, max_chars: usize) -> bool {
        self.all().any(|v| v.chars().count() > max_chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_highest_quality_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,fr;q=0.8,ar;q=0.9"),
            Some(Lang::Ar)
        );
        assert_eq!(Lang::from_accept_language("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("de, zh"), None);
    }

    #[test]
    fn best_falls_back_to_another_language() {
        let text = LocalizedText::new(Some(" منظمة ".into()), None, Some("".into()));
        assert_eq!(text.best(Lang::Fr), "منظمة");
        assert!(text.fr.is_none());
    }
}
