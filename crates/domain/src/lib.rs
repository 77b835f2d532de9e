//! Accord's domain core: the types of the partnerships office, their validation,
//! the access policy and the pure algorithms (search normalization, duplicate
//! detection, audit hashing). Nothing here does I/O or is async, so every rule
//! can be unit- and property-tested in isolation and shared by the UI and the API.

pub mod agreement;
pub mod audit;
pub mod contact;
pub mod errors;
pub mod interaction;
pub mod outreach;
pub mod partner;
pub mod policy;
pub mod role;
pub mod search;
pub mod similarity;
pub mod text;
pub mod values;

pub use errors::{FieldErrors, ValidationError};
pub use role::Role;
pub use text::{Lang, LocalizedText};
