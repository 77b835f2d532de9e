//! The HTML pages. Each resource has its own module and router; all of them
//! render askama templates with a [`crate::page::Page`] context.

pub mod account;
pub mod admin;
pub mod agreement_page;
pub mod agreements;
pub mod apidocs;
pub mod components;
pub mod contacts;
pub mod countries;
pub mod drafts;
pub mod history;
pub mod home;
pub mod interactions;
pub mod map;
pub mod notifications;
pub mod outreach;
pub mod partners;
pub mod review_chains;
pub mod statics;

use crate::AppState;
use axum::Router;

/// Every page route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::router())
        .merge(agreement_page::router())
        .merge(agreements::router())
        .merge(drafts::router())
        .merge(notifications::router())
        .merge(admin::router())
        .merge(apidocs::router())
        .merge(contacts::router())
        .merge(countries::router())
        .merge(home::router())
        .merge(interactions::router())
        .merge(map::router())
        .merge(outreach::router())
        .merge(partners::router())
        .merge(review_chains::router())
        .merge(statics::router())
}
