//! Likely-duplicate detection: names are compared by the overlap of their
//! character trigrams after normalization, which tolerates typos, word order
//! and spelling variants without a language model.

use crate::search::normalize;
use std::collections::HashSet;

/// Trigrams of a normalized text, padded at word boundaries.
fn trigrams(normalized: &str) -> HashSet<[char; 3]> {
    let mut grams = HashSet::new();
    for word in normalized.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for window in chars.windows(3) {
            grams.insert([window[0], window[1], window[2]]);
        }
    }
    grams
}

/// Similarity of two names between 0 and 1 (Dice coefficient of trigrams).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let (na, nb) = (normalize(a), normalize(b));
    if na.is_empty() || nb.is_empty() {
        return 0.0;
    }
    if na == nb {
        return 1.0;
    }
    let (ga, gb) = (trigrams(&na), trigrams(&nb));
    let shared = ga.intersection(&gb).count() as f64;
    2.0 * shared / (ga.len() + gb.len()) as f64
}

/// The threshold above which two names are flagged as a likely duplicate.
pub const DUPLICATE_THRESHOLD: f64 = 0.6;

/// The `n` longest distinct words of a name, used to pre-select candidates in
/// the database (a typo in one word still leaves the others to match).
pub fn anchor_words(name: &str, n: usize) -> Vec<String> {
    let normalized = normalize(name);
    let mut words: Vec<&str> = normalized
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words.into_iter().take(n).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_similar() {
        assert!(
            name_similarity(
                "Ministry of Education of Morocco",
                "Ministry of Educaton, Morocco"
            ) > DUPLICATE_THRESHOLD
        );
        assert!(name_similarity("وزارة التربية الوطنية", "وزارة التربيه الوطنيه") > 0.9);
        assert!(name_similarity("UNESCO", "World Bank") < 0.2);
    }

    #[test]
    fn anchors_are_the_longest_words() {
        assert_eq!(
            anchor_words("The Ministry of Culture", 2),
            vec!["ministry", "culture"]
        );
        assert!(anchor_words("of a", 3).is_empty());
    }

    #[test]
    fn identical_after_normalization_is_one() {
        assert_eq!(name_similarity("Université", "UNIVERSITE"), 1.0);
        assert_eq!(name_similarity("", "x"), 0.0);
    }
}
