//! The readable API reference `/api`: the OpenAPI document of
//! [`crate::api::openapi::document`] rendered on the server for signed-in
//! users, with an introduction to the conventions, one section per operation
//! (parameters, request body fields, responses, a curl example) and the data
//! types. Headings are translated; the operations' own text stays English, as
//! it is in the document.

use crate::AppState;
use crate::api::openapi::{TAGS, document};
use crate::auth::PageUser;
use crate::page::{Page, render};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value};

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/api", get(show_api_docs))
}

/// The operations of one tag.
pub struct Group {
    pub anchor: String,
    pub label: String,
    pub description: String,
    pub endpoints: Vec<Endpoint>,
}

/// One operation, ready to show.
pub struct Endpoint {
    pub id: String,
    pub method: String,
    pub method_class: String,
    pub path: String,
    pub summary: String,
    /// HTML: the description with its `code` spans marked up.
    pub description: String,
    pub public: bool,
    pub parameters: Vec<Field>,
    pub body_type: String,
    pub body_media: String,
    pub body_fields: Vec<Field>,
    pub responses: Vec<Outcome>,
    pub curl: String,
}

/// A parameter or a field of a body.
pub struct Field {
    pub name: String,
    /// Where a parameter goes (`path`, `query`, `header`); empty for fields.
    pub location: String,
    pub kind: String,
    pub required: bool,
    /// HTML.
    pub description: String,
    pub values: Vec<String>,
    pub default: String,
    pub range: Option<(String, String)>,
}

/// A response of an operation.
pub struct Outcome {
    pub status: String,
    /// HTML.
    pub description: String,
    /// The schema name of a JSON answer (linked to its data type), if any.
    pub schema: String,
    /// Other media types, e.g. `text/csv`.
    pub media: Vec<String>,
}

/// A named schema of the document.
pub struct DataType {
    pub name: String,
    /// HTML.
    pub description: String,
    pub values: Vec<String>,
    pub fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "apidocs.html")]
struct ApiDocsPage {
    page: Page,
    base_url: String,
    statuses: Vec<(&'static str, String)>,
    groups: Vec<Group>,
    types: Vec<DataType>,
}

/// The statuses the introduction explains.
const STATUSES: [&str; 8] = ["400", "401", "403", "404", "409", "413", "415", "422"];

async fn show_api_docs(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
) -> Response {
    let page = Page::new(&state, &current, &headers, "api", "/api".into());
    let base_url = state.config.base_url.trim_end_matches('/').to_string();
    let doc = document();
    let groups = groups(&doc, &base_url, &page);
    let types = data_types(&doc);
    let statuses = STATUSES
        .iter()
        .map(|s| (*s, page.tr.t(&format!("apidocs-status-{s}"))))
        .collect();
    render(&ApiDocsPage {
        page,
        base_url,
        statuses,
        groups,
        types,
    })
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The operations of the document by tag, in the order of [`TAGS`].
fn groups(doc: &Value, base_url: &str, page: &Page) -> Vec<Group> {
    let empty = Map::new();
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let default_server = server_url(doc);
    TAGS.iter()
        .map(|tag| {
            let anchor = slug(tag);
            let description = doc
                .get("tags")
                .and_then(Value::as_array)
                .and_then(|tags| {
                    tags.iter()
                        .find(|t| t.get("name").and_then(Value::as_str) == Some(*tag))
                })
                .and_then(|t| t.get("description"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let mut endpoints = Vec::new();
            for (path, item) in paths {
                let server =
                    server_url(item).unwrap_or_else(|| default_server.clone().unwrap_or_default());
                let full_path = format!("{}{}", server.trim_end_matches('/'), path);
                for method in METHODS {
                    let Some(operation) = item.get(method) else {
                        continue;
                    };
                    let tagged = operation
                        .get("tags")
                        .and_then(Value::as_array)
                        .is_some_and(|t| t.iter().any(|t| t.as_str() == Some(*tag)));
                    if tagged {
                        endpoints.push(endpoint(doc, base_url, method, &full_path, operation));
                    }
                }
            }
            Group {
                label: page
                    .tr
                    .try_t(&format!("apidocs-tag-{anchor}"))
                    .unwrap_or_else(|| tag.to_string()),
                anchor,
                description: inline_code(description),
                endpoints,
            }
        })
        .collect()
}

fn server_url(value: &Value) -> Option<String> {
    value
        .get("servers")?
        .as_array()?
        .first()?
        .get("url")?
        .as_str()
        .map(str::to_string)
}

/// `Reference data` → `reference-data`.
fn slug(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn endpoint(
    doc: &Value,
    base_url: &str,
    method: &str,
    full_path: &str,
    operation: &Value,
) -> Endpoint {
    let parameters: Vec<Field> = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|p| parameter(doc, resolve(doc, p)))
                .collect()
        })
        .unwrap_or_default();
    let body = operation.get("requestBody").map(|b| resolve(doc, b));
    let (body_media, body_schema) = match body
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next())
    {
        Some((media, content)) => (media.clone(), content.get("schema")),
        None => (String::new(), None),
    };
    let mut body_fields = Vec::new();
    if let Some(schema) = body_schema {
        fields_of(doc, schema, "", 0, &mut body_fields);
    }
    let responses = operation
        .get("responses")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(status, r)| outcome(status, resolve(doc, r)))
                .collect()
        })
        .unwrap_or_default();
    Endpoint {
        id: str_of(operation, "operationId").to_string(),
        method: method.to_uppercase(),
        method_class: format!("method-{method}"),
        path: full_path.to_string(),
        summary: str_of(operation, "summary").to_string(),
        description: inline_code(str_of(operation, "description")),
        public: operation
            .get("security")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty),
        parameters,
        body_type: body_schema.map(type_label).unwrap_or_default(),
        body_media,
        body_fields,
        responses,
        curl: curl(doc, base_url, method, full_path, operation),
    }
}

/// Follows `$ref`s within the document.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut current = value;
    for _ in 0..8 {
        let target = current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| doc.pointer(p));
        match target {
            Some(next) => current = next,
            None => break,
        }
    }
    current
}

fn ref_name(value: &Value) -> Option<&str> {
    value.get("$ref")?.as_str()?.rsplit('/').next()
}

/// A short type: `string (uuid)`, `LocalizedText`, `Identifier[]`, `string | null`.
fn type_label(schema: &Value) -> String {
    if let Some(name) = ref_name(schema) {
        return name.to_string();
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        return options
            .iter()
            .map(type_label)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        return parts
            .iter()
            .filter_map(ref_name)
            .collect::<Vec<_>>()
            .join(" + ");
    }
    if let Some(constant) = schema.get("const") {
        return constant.to_string();
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if types.is_empty() {
        return "any".into();
    }
    types
        .iter()
        .map(|t| match *t {
            "array" => format!(
                "{}[]",
                schema
                    .get("items")
                    .map(type_label)
                    .unwrap_or_else(|| "any".into())
            ),
            "string" => match schema.get("format").and_then(Value::as_str) {
                Some(format) => format!("string ({format})"),
                None => "string".into(),
            },
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The description of a schema: its own, else that of what it refers to.
fn description_of(doc: &Value, schema: &Value) -> String {
    if let Some(text) = schema.get("description").and_then(Value::as_str) {
        return text.to_string();
    }
    if let Some(first) = schema
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|o| o.first())
    {
        return description_of(doc, first);
    }
    let resolved = resolve(doc, schema);
    if !std::ptr::eq(resolved, schema) {
        return description_of(doc, resolved);
    }
    String::new()
}

/// The allowed values of a schema (through `$ref`, `anyOf` and arrays).
fn values_of(doc: &Value, schema: &Value) -> Vec<String> {
    let resolved = resolve(doc, schema);
    if let Some(values) = resolved.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect();
    }
    if let Some(options) = resolved.get("anyOf").and_then(Value::as_array) {
        return options.iter().flat_map(|o| values_of(doc, o)).collect();
    }
    match resolved.get("items") {
        Some(items) => values_of(doc, items),
        None => Vec::new(),
    }
}

fn field(
    doc: &Value,
    name: String,
    location: &str,
    schema: &Value,
    required: bool,
    description: &str,
) -> Field {
    let resolved = resolve(doc, schema);
    let number = |key: &str| resolved.get(key).map(Value::to_string);
    let range = match (number("minimum"), number("maximum")) {
        (Some(min), Some(max)) => Some((min, max)),
        _ => None,
    };
    let description = if description.is_empty() {
        description_of(doc, schema)
    } else {
        description.to_string()
    };
    Field {
        name,
        location: location.to_string(),
        kind: type_label(schema),
        required,
        description: inline_code(&description),
        values: values_of(doc, schema),
        default: resolved
            .get("default")
            .map(|d| {
                d.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| d.to_string())
            })
            .unwrap_or_default(),
        range,
    }
}

fn parameter(doc: &Value, p: &Value) -> Field {
    let null = Value::Null;
    let schema = p.get("schema").unwrap_or(&null);
    let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
    field(
        doc,
        str_of(p, "name").to_string(),
        str_of(p, "in"),
        schema,
        required,
        str_of(p, "description"),
    )
}

/// The fields of an object schema as a flat list, required ones first;
/// objects inside (positions, identifiers) are listed as `positions[].title`.
fn fields_of(doc: &Value, schema: &Value, prefix: &str, depth: usize, out: &mut Vec<Field>) {
    let resolved = resolve(doc, schema);
    if let Some(parts) = resolved.get("allOf").and_then(Value::as_array) {
        for part in parts {
            fields_of(doc, part, prefix, depth, out);
        }
        return;
    }
    let Some(properties) = resolved.get("properties").and_then(Value::as_object) else {
        return;
    };
    let required: Vec<&str> = resolved
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut names: Vec<&String> = properties.keys().collect();
    names.sort_by_key(|name| (!required.contains(&name.as_str()), name.as_str()));
    for name in names {
        let property = &properties[name.as_str()];
        let full = format!("{prefix}{name}");
        out.push(field(
            doc,
            full.clone(),
            "",
            property,
            required.contains(&name.as_str()),
            "",
        ));
        if depth < 2 {
            let (inner, separator) = match property.get("items") {
                Some(items) => (items, "[]."),
                None => (property, "."),
            };
            let expandable = ref_name(inner).is_some_and(|n| n != "LocalizedText")
                && resolve(doc, inner).get("properties").is_some();
            if expandable {
                fields_of(doc, inner, &format!("{full}{separator}"), depth + 1, out);
            }
        }
    }
}

fn outcome(status: &str, response: &Value) -> Outcome {
    let mut schema = String::new();
    let mut media = Vec::new();
    if let Some(content) = response.get("content").and_then(Value::as_object) {
        for (media_type, body) in content {
            match body.get("schema").and_then(ref_name) {
                Some(name) if media_type == "application/json" => schema = name.to_string(),
                _ => media.push(media_type.clone()),
            }
        }
    }
    Outcome {
        status: status.to_string(),
        description: inline_code(str_of(response, "description")),
        schema,
        media,
    }
}

/// A curl command for an operation, with the examples of the document.
fn curl(doc: &Value, base_url: &str, method: &str, full_path: &str, operation: &Value) -> String {
    let mut path = full_path.to_string();
    let mut query = Vec::new();
    for p in operation
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let p = resolve(doc, p);
        let Some(example) = p.get("example").map(|e| {
            e.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| e.to_string())
        }) else {
            continue;
        };
        let name = str_of(p, "name");
        match str_of(p, "in") {
            "path" => path = path.replace(&format!("{{{name}}}"), &example),
            "query" => query.push(format!("{name}={}", urlencoding::encode(&example))),
            _ => {}
        }
    }
    let url = if query.is_empty() {
        format!("{base_url}{path}")
    } else {
        format!("{base_url}{path}?{}", query.join("&"))
    };
    let downloads = operation
        .get("responses")
        .and_then(|r| r.get("200"))
        .and_then(|r| r.get("content"))
        .and_then(Value::as_object)
        .is_some_and(|c| !c.contains_key("application/json"));
    let mut first = "curl".to_string();
    if method != "get" {
        first.push_str(&format!(" -X {}", method.to_uppercase()));
    }
    if downloads {
        first.push_str(" -OJ");
    }
    let mut lines = vec![first];
    if !operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        lines.push("-H \"Authorization: Bearer $ACCORD_TOKEN\"".into());
    }
    let example = operation
        .get("requestBody")
        .map(|b| resolve(doc, b))
        .and_then(|b| b.get("content"))
        .and_then(|c| c.get("application/json"))
        .and_then(|c| c.get("example"));
    if let Some(example) = example {
        lines.push("-H \"Content-Type: application/json\"".into());
        lines.push(format!(
            "-d '{}'",
            example.to_string().replace('\'', "'\\''")
        ));
    }
    lines.push(format!("\"{url}\""));
    if lines.len() <= 2 {
        lines.join(" ")
    } else {
        lines.join(" \\\n  ")
    }
}

/// Every named schema, by name.
fn data_types(doc: &Value) -> Vec<DataType> {
    let empty = Map::new();
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    schemas
        .iter()
        .map(|(name, schema)| {
            let mut fields = Vec::new();
            fields_of(doc, schema, "", 1, &mut fields);
            DataType {
                name: name.clone(),
                description: inline_code(&description_of(doc, schema)),
                values: schema
                    .get("enum")
                    .map(|_| values_of(doc, schema))
                    .unwrap_or_default(),
                fields,
            }
        })
        .collect()
}

/// Escapes text for HTML and marks up its `code` spans (left to right).
fn inline_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('`').enumerate() {
        let escaped = escape(part);
        if i % 2 == 1 {
            out.push_str("<code dir=\"ltr\">");
            out.push_str(&escaped);
            out.push_str("</code>");
        } else {
            out.push_str(&escaped);
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_marked_up_and_the_rest_escaped() {
        assert_eq!(
            inline_code("a `<b>` & c"),
            "a <code dir=\"ltr\">&lt;b&gt;</code> &amp; c"
        );
        assert_eq!(inline_code("odd `x"), "odd <code dir=\"ltr\">x</code>");
    }

    #[test]
    fn types_are_short() {
        let doc = document();
        let partner = doc
            .pointer("/components/schemas/Partner/properties")
            .expect("partner");
        assert_eq!(type_label(&partner["id"]), "string (uuid)");
        assert_eq!(type_label(&partner["identifiers"]), "Identifier[]");
        assert_eq!(type_label(&partner["acronym"]), "string | null");
        assert_eq!(type_label(&partner["risk"]), "Risk | null");
        assert_eq!(values_of(&doc, &partner["risk"]), ["low", "medium", "high"]);
    }

    #[test]
    fn curl_examples_fill_in_paths_bodies_and_tokens() {
        let doc = document();
        let patch = doc
            .pointer("/paths/~1partners~1{id}/patch")
            .expect("operation");
        let command = curl(
            &doc,
            "https://accord.example",
            "patch",
            "/api/v1/partners/{id}",
            patch,
        );
        assert!(command.starts_with("curl -X PATCH"), "{command}");
        assert!(command.contains("Bearer $ACCORD_TOKEN"));
        assert!(
            command.contains("-d '{\"status\":\"active\",\"version\":3}'"),
            "{command}"
        );
        assert!(
            command.ends_with(
                "\"https://accord.example/api/v1/partners/0192f0c1-7a8e-7c3b-9a4d-2f5e6b7c8d9e\""
            ),
            "{command}"
        );
        let health = doc.pointer("/paths/~1healthz/get").expect("operation");
        assert_eq!(
            curl(&doc, "https://accord.example", "get", "/healthz", health),
            "curl \"https://accord.example/healthz\""
        );
    }
}
