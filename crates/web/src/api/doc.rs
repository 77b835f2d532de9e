//! The parts of the derived OpenAPI document that every family shares: the
//! schemas of types that live in other crates (localized text, roles,
//! languages, membership statuses, unit kinds), the error responses and their
//! usual groups, the `If-Match` header, and the list page types.
//!
//! Families document their operations with `#[utoipa::path]` next to the
//! handler and list them once in their `OpenApiRouter` (see ADR 0010).

use accord_domain::{Lang, Role};
use accord_store::{countries, units};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::{Ref, RefOr};

/// A schema written as JSON; an unreadable one (a programming error caught by
/// the snapshot test) becomes an empty object schema rather than a panic.
pub fn schema_from(value: Value) -> RefOr<Schema> {
    serde_json::from_value(value).unwrap_or_else(|_| RefOr::T(Schema::Object(Object::new())))
}

/// A string enumeration schema.
fn enumeration(description: &str, values: &[&str]) -> RefOr<Schema> {
    schema_from(json!({ "type": "string", "enum": values, "description": description }))
}

/// Declares a named schema for a type the derive cannot reach (it lives in
/// another crate, or its JSON is written by hand); fields refer to it with
/// `#[schema(value_type = ...)]`.
macro_rules! named_schema {
    ($(#[$meta:meta])* $ty:ident, $name:literal, $schema:expr) => {
        $(#[$meta])*
        pub struct $ty;
        impl utoipa::PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                $schema
            }
        }
        impl utoipa::ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

named_schema!(
    /// `LocalizedText`: a text in up to three languages.
    LocalizedTextSchema,
    "LocalizedText",
    schema_from(json!({
        "type": "object",
        "description": "A text in up to three languages. Empty languages are dropped; a required one needs at least one non-empty language.",
        "properties": {
            "ar": { "type": "string", "description": "Arabic." },
            "en": { "type": "string", "description": "English." },
            "fr": { "type": "string", "description": "French." },
        },
        "additionalProperties": false,
        "example": { "ar": "المنظمة الإسلامية للتربية والعلوم والثقافة", "en": "Islamic World Educational, Scientific and Cultural Organization" },
    }))
);

named_schema!(
    /// `Role`: what a user may do.
    RoleSchema,
    "Role",
    enumeration(
        "A user's role: what they may do.",
        &Role::ALL.map(Role::as_str)
    )
);

named_schema!(
    /// `Lang`: a language of the interface and of content.
    LangSchema,
    "Lang",
    enumeration(
        "A language of the interface and of content.",
        &Lang::ALL.map(Lang::code)
    )
);

named_schema!(
    /// `Membership`: a state's membership status.
    MembershipSchema,
    "Membership",
    enumeration(
        "A state's membership status in the organization.",
        &countries::MEMBERSHIPS
    )
);

named_schema!(
    /// `UnitKind`: what sort of unit.
    UnitKindSchema,
    "UnitKind",
    enumeration("What sort of unit.", &units::UNIT_KINDS)
);

// ---------------------------------------------------------------- errors

/// An error response answering the shared `Error` schema with an example.
fn error_response(description: &str, schema: &str, example: Value) -> RefOr<Response> {
    serde_json::from_value(json!({
        "description": description,
        "content": { "application/json": {
            "schema": { "$ref": format!("#/components/schemas/{schema}") },
            "example": example,
        } },
    }))
    .unwrap_or_else(|_| RefOr::T(Response::new(description)))
}

/// Declares a reusable error response (`#/components/responses/<name>`).
macro_rules! error_response {
    ($(#[$meta:meta])* $ty:ident, $description:literal, $schema:literal, $example:tt) => {
        $(#[$meta])*
        pub struct $ty;
        impl<'r> utoipa::ToResponse<'r> for $ty {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($ty), error_response($description, $schema, json!($example)))
            }
        }
    };
}

error_response!(
    /// 400: the body is not JSON, or not an object.
    BadRequest,
    "The body is not valid JSON (`malformed_json`, with `details.line` and `details.column`) or not a JSON object (`expected_object`).",
    "Error",
    { "code": "malformed_json", "message": "The body is not valid JSON.", "details": { "line": 1, "column": 14 } }
);
error_response!(
    /// 401: no or bad credentials.
    Unauthorized,
    "No credentials, or a token or session that is not (or no longer) valid (`unauthorized`).",
    "Error",
    { "code": "unauthorized", "message": "Please log in, or send a valid API token.", "details": {} }
);
error_response!(
    /// 403: the role does not allow it.
    Forbidden,
    "The caller's role does not allow this (`forbidden`), or a cookie-authenticated change came without the CSRF token (`csrf_failed`).",
    "Error",
    { "code": "forbidden", "message": "Your role does not allow this.", "details": {} }
);
error_response!(
    /// 404: no such record, or one the caller may not see.
    NotFound,
    "No such record, or one the caller may not see (`not_found`). A merged partner has `details.merged_into`.",
    "Error",
    { "code": "not_found", "message": "There is nothing here, or you may not see it.", "details": {} }
);
error_response!(
    /// 409: a stale version or a taken unique value.
    Conflict,
    "`version_conflict`: the record changed since the client read it; `details.current` holds the current record, nothing was saved. `duplicate`: a unique value is already taken (`details.field`).",
    "Error",
    { "code": "version_conflict", "message": "Someone else changed this record since you read it.", "details": { "current": { "id": "0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e", "version": 4 } } }
);
error_response!(
    /// 413: the body is too large.
    PayloadTooLarge,
    "The body is larger than 2 MiB (`payload_too_large`).",
    "Error",
    { "code": "payload_too_large", "message": "The request is too large.", "details": {} }
);
error_response!(
    /// 415: the body is not JSON.
    UnsupportedMediaType,
    "The body is not sent as `application/json` (`unsupported_media_type`).",
    "Error",
    { "code": "unsupported_media_type", "message": "Send the body as application/json.", "details": {} }
);
error_response!(
    /// 422: fields or parameters that are not valid.
    ValidationFailed,
    "Some fields or parameters are not valid (`validation_failed`); every one is listed in `details.fields` with its error codes.",
    "ValidationError",
    { "code": "validation_failed", "message": "Some fields are not valid.", "details": { "fields": { "name": ["required"], "kind": ["invalid_choice"] } } }
);

/// The references to the named error responses, by status.
fn refs(list: &[(&str, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, name)| {
            (
                status.to_string(),
                RefOr::Ref(Ref::from_response_name(*name)),
            )
        })
        .collect()
}

/// Declares a group of error responses for `responses(...)` of a path.
macro_rules! error_group {
    ($(#[$meta:meta])* $ty:ident, [$(($status:literal, $name:literal)),* $(,)?]) => {
        $(#[$meta])*
        pub struct $ty;
        impl utoipa::IntoResponses for $ty {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                refs(&[$(($status, $name)),*])
            }
        }
    };
}

error_group!(
    /// 401 only: any signed-in caller may do it.
    SignedInErrors,
    [("401", "Unauthorized")]
);
error_group!(
    /// A list: 401, 403, and 422 for bad parameters.
    ListErrors,
    [
        ("401", "Unauthorized"),
        ("403", "Forbidden"),
        ("422", "ValidationFailed")
    ]
);
error_group!(
    /// Reading one record: 401, 403, 404.
    ReadErrors,
    [
        ("401", "Unauthorized"),
        ("403", "Forbidden"),
        ("404", "NotFound")
    ]
);
error_group!(
    /// Creating from a JSON body: 400, 401, 403, 409, 413, 415, 422.
    CreateErrors,
    [
        ("400", "BadRequest"),
        ("401", "Unauthorized"),
        ("403", "Forbidden"),
        ("409", "Conflict"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "ValidationFailed")
    ]
);
error_group!(
    /// Changing a record from a JSON body: 400, 401, 403, 404, 409, 413, 415, 422.
    UpdateErrors,
    [
        ("400", "BadRequest"),
        ("401", "Unauthorized"),
        ("403", "Forbidden"),
        ("404", "NotFound"),
        ("409", "Conflict"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "ValidationFailed")
    ]
);

/// Every reusable error response, for the document's components.
pub fn error_responses() -> Vec<(&'static str, RefOr<Response>)> {
    use utoipa::ToResponse;
    [
        BadRequest::response(),
        Unauthorized::response(),
        Forbidden::response(),
        NotFound::response(),
        Conflict::response(),
        PayloadTooLarge::response(),
        UnsupportedMediaType::response(),
        ValidationFailed::response(),
    ]
    .into()
}

// ---------------------------------------------------------------- headers

/// The optional `If-Match` header of an update: the version last seen.
#[derive(Debug, Clone, Default)]
pub struct IfMatch;

impl utoipa::IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let parameter = serde_json::from_value(json!({
            "name": "If-Match", "in": "header", "required": false,
            "description": "The version last seen, instead of `version` in the body (`3`, `\"3\"` or `W/\"3\"`).",
            "schema": { "type": "string" },
        }));
        parameter.map(|p| vec![p]).unwrap_or_default()
    }
}

// ---------------------------------------------------------------- pages

/// Declares a list page `{items, total, next_cursor}` of one item type, with
/// its own schema name (`UnitPage`, `CountryPage`, ...).
#[macro_export]
macro_rules! api_page {
    ($(#[$meta:meta])* $page:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
        pub struct $page {
            /// The items of this page.
            pub items: Vec<$item>,
            /// How many items match, on every page.
            pub total: i64,
            /// Send it back as `cursor` for the next page; null on the last page.
            #[schema(required = true)]
            pub next_cursor: Option<String>,
        }

        impl $page {
            /// A page of items with the total and the next cursor.
            pub fn new(items: Vec<$item>, total: i64, next_cursor: Option<String>) -> Self {
                Self { items, total, next_cursor }
            }
        }
    };
}
