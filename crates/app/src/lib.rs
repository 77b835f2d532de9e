//! Accord's use cases: one function per operation that a person can carry out,
//! shared by the JSON API and the HTML pages. A use case takes the acting person
//! ([`Actor`]) and typed input, checks the access policy and the rules, writes
//! through `accord-store` (which appends the audit event in the same
//! transaction) and answers a typed result or an [`AppError`]. The web faces
//! only parse input, call a use case and show its outcome.

pub mod agreements;
mod error;
pub mod outreach;
pub mod registry;

pub use accord_domain::policy::Actor;
pub use error::{AppError, AppResult};
