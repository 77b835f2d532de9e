//! Every message exists in Arabic, English and French, and the pages of each
//! language carry the right `lang` and `dir`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::{Lang, Role};
use accord_web::i18n::{Tr, keys_of};
use common::TestApp;

#[test]
fn every_key_exists_in_all_three_languages() {
    let english = keys_of(Lang::En);
    assert!(english.len() > 100, "English messages are missing");
    for lang in [Lang::Ar, Lang::Fr] {
        let other = keys_of(lang);
        let missing: Vec<&String> = english.iter().filter(|k| !other.contains(k)).collect();
        let extra: Vec<&String> = other.iter().filter(|k| !english.contains(k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{} has keys English lacks: {extra:?}",
            lang.code()
        );
    }
}

#[test]
fn no_key_is_defined_twice_in_a_language() {
    // Fluent refuses a bundle with a message defined twice, and the pages
    // would then fail at the first translation: catch it here instead.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    for lang in ["ar", "en", "fr"] {
        let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut twice = Vec::new();
        for entry in std::fs::read_dir(root.join(lang)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                let Some((key, _)) = line.split_once(" =") else {
                    continue;
                };
                if key.is_empty() || key.starts_with([' ', '#', '-', '.', '[', '*']) {
                    continue;
                }
                if let Some(first) = seen.insert(key.to_string(), file.clone()) {
                    twice.push(format!("{key} ({first}, {file})"));
                }
            }
        }
        assert!(twice.is_empty(), "{lang}: defined twice: {twice:?}");
    }
}

#[test]
fn arabic_plurals_follow_the_arabic_rules() {
    let tr = Tr::new(Lang::Ar);
    let (one, two, few, many) = (
        tr.tn("partners-count", "count", 1),
        tr.tn("partners-count", "count", 2),
        tr.tn("partners-count", "count", 5),
        tr.tn("partners-count", "count", 11),
    );
    assert!(
        one != two && two != few && few != many,
        "{one} / {two} / {few} / {many}"
    );
}

#[tokio::test]
async fn pages_are_right_to_left_in_arabic() {
    let app = TestApp::new().await;
    app.user(Role::Officer, "o@test.accord").await;
    let mut browser = app.browser("o@test.accord").await;
    app.page(&mut browser, "/partners").await;
    let switched = app
        .form(
            &browser,
            "/profile/language",
            &[("lang", "ar"), ("back", "/partners")],
        )
        .await;
    assert_eq!(switched.status, axum::http::StatusCode::SEE_OTHER);
    let page = app.page(&mut browser, "/partners").await.text();
    assert!(
        page.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        &page[..200]
    );
    app.form(&browser, "/profile/language", &[("lang", "fr")])
        .await;
    let page = app.page(&mut browser, "/partners").await.text();
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"));
}
