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
