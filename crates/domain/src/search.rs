//! Text normalization for search and duplicate detection. The same function
//! runs when a record is indexed and when a query is parsed, so that an Arabic
//! query matches with or without diacritics, tatweel, hamza forms of alef,
//! alef maqsura or ta marbuta, a French query matches without accents, and
//! case never matters. Databases only compare the normalized strings.

use unicode_normalization::UnicodeNormalization;

/// Normalizes one text: lower case, Latin accents removed, Arabic letters
/// folded, punctuation turned into spaces, runs of spaces collapsed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        let folded = match fold_char(c) {
            Some(folded) => folded,
            None => continue,
        };
        for lower in folded.to_lowercase() {
            if lower.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(lower);
            } else {
                pending_space = true;
            }
        }
    }
    out
}

/// Maps one decomposed character to its searchable form; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Combining marks: Latin accents after NFKD, Arabic harakat, shadda, sukun,
        // superscript alef and Quranic marks.
        '\u{0300}'..='\u{036F}' => None,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
        '\u{06D6}'..='\u{06ED}' => None,
        // Tatweel (kashida) only stretches letters.
        '\u{0640}' => None,
        // Bidi and zero-width controls.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => None,
        // Alef with hamza above or below, madda, wasla → bare alef.
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        // Alef maqsura → ya; ya with hamza → ya; waw with hamza → waw.
        'ى' | 'ئ' => Some('ي'),
        'ؤ' => Some('و'),
        // Ta marbuta → ha.
        'ة' => Some('ه'),
        // Persian/Urdu forms of kaf and ya that appear in typed Arabic.
        'ک' => Some('ك'),
        'ی' => Some('ي'),
        // Arabic-Indic digits → ASCII digits.
        '٠'..='٩' => char::from_u32(c as u32 - '٠' as u32 + '0' as u32),
        '۰'..='۹' => char::from_u32(c as u32 - '۰' as u32 + '0' as u32),
        'ß' => Some('s'),
        _ => Some(c),
    }
}

/// Splits a normalized query into its words.
pub fn terms(query: &str) -> Vec<String> {
    normalize(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Escapes the `LIKE` wildcards of a term (with `\` as the escape character).
pub fn like_escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_variants_fold_together() {
        let plain = normalize("المنظمة الاسلامية للتربية");
        assert_eq!(normalize("المُنَظَّمَة الإسلاميّة للتّربية"), plain);
        assert_eq!(normalize("المنظمـــة الإسلامية للتربية"), plain);
        assert_eq!(normalize("المنظمه الاسلاميه للتربيه"), plain);
        assert_eq!(normalize("مستشفى"), normalize("مستشفي"));
        assert_eq!(normalize("آفاق"), normalize("افاق"));
    }

    #[test]
    fn latin_accents_and_case_fold() {
        assert_eq!(
            normalize("Université Côte-d'Ivoire"),
            "universite cote d ivoire"
        );
        assert_eq!(normalize("ÉCOLE"), "ecole");
        assert_eq!(normalize("  a  ,b "), "a b");
    }

    #[test]
    fn digits_fold() {
        assert_eq!(normalize("٢٠٢٦"), "2026");
    }

    #[test]
    fn like_wildcards_escape() {
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
        }

        #[test]
        fn normalized_text_has_no_edge_or_double_spaces(s in "\\PC{0,40}") {
            let n = normalize(&s);
            prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
        }

        #[test]
        fn diacritics_never_change_a_match(word in "[ابتثجحخدذرزسشصضطظعغفقكلمنهوي]{1,8}") {
            let marked: String = word.chars().flat_map(|c| [c, '\u{064E}']).collect();
            prop_assert_eq!(normalize(&marked), normalize(&word));
        }
    }
}
