//! `/api/v1/contacts`: people at partners, with their dated positions, over
//! JSON; likely duplicates and merging two contacts.

use super::history::record_history;
use super::{Params, expected_version, json_object, overlay, parse_input, parse_limit};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::ApiError;
use accord_domain::contact::{ContactFields, ContactInput};
use accord_domain::policy::{Action, Actor};
use accord_domain::{FieldErrors, LocalizedText, values};
use accord_store::contacts::{self, Contact, ContactFilter};
use accord_store::list::{Cursor, Sort};
use accord_store::partners::{self, Partner};
use accord_store::{Db, StoreError, rfc3339};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contacts", get(list_contacts).post(create_contact))
        .route("/contacts/duplicates", get(find_duplicates))
        .route("/contacts/{id}", get(get_contact).patch(update_contact))
        .route("/contacts/{id}/merge", post(merge_contact))
        .route("/contacts/{id}/history", get(contact_history))
}

/// The names of the partners a set of contacts hold positions at, by id.
pub async fn partner_names<'a>(
    db: &Db,
    contacts: impl IntoIterator<Item = &'a Contact>,
) -> Result<HashMap<Uuid, LocalizedText>, StoreError> {
    let mut ids: Vec<Uuid> = contacts
        .into_iter()
        .flat_map(|c| c.fields.positions.iter().map(|p| p.partner_id))
        .collect();
    ids.sort();
    ids.dedup();
    let found = partners::find_partners(db, &ids).await?;
    Ok(found.into_iter().map(|p| (p.id, p.fields.name)).collect())
}

/// The JSON shape of a contact; `names` holds the names of its partners.
pub fn contact_json(
    contact: &Contact,
    names: &HashMap<Uuid, LocalizedText>,
    today: time::Date,
) -> Value {
    let f = &contact.fields;
    let positions: Vec<Value> = f
        .positions
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "partner_id": p.partner_id, "partner_name": names.get(&p.partner_id).cloned().unwrap_or_default(),
                "title": p.title, "from": p.from.map(values::format_date), "to": p.to.map(values::format_date),
                "current": p.is_current(today), "signing_authority": p.signing_authority,
                "authority_document": p.authority_document,
            })
        })
        .collect();
    json!({
        "id": contact.id, "version": contact.version, "name": f.name, "name_alt": f.name_alt, "honorific": f.honorific,
        "email": f.email, "phone": f.phone, "languages": f.languages, "positions": positions, "notes": f.notes,
        "created_at": rfc3339(contact.created_at), "updated_at": rfc3339(contact.updated_at),
    })
}

/// One contact as JSON, with its partners' names looked up.
async fn one_json(db: &Db, contact: &Contact) -> Result<Value, ApiError> {
    let names = partner_names(db, [contact]).await?;
    Ok(contact_json(contact, &names, accord_store::today()))
}

/// The default order: by name.
pub fn default_sort() -> Sort {
    Sort {
        column: contacts::SORTS[0],
        descending: false,
    }
}

/// A parsed list request.
pub struct ListRequest {
    pub filter: ContactFilter,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: i64,
}

/// The query parameters of a contact list.
pub const LIST_PARAMS: [&str; 5] = ["q", "partner_id", "sort", "cursor", "limit"];

/// Parses list parameters; every bad value is reported on its own field. A
/// partner user only ever sees the contacts of their own organization.
/// Whether `partner_id` names a partner is checked by [`check_partner_filter`].
pub fn parse_list(params: &Params, actor: &Actor) -> Result<ListRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = params.get("q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.add("q", "too_long");
    }
    let partner_id = params
        .get("partner_id")
        .and_then(|p| errors.take("partner_id", Uuid::parse_str(p).map_err(|_| "invalid_id")));
    let sort = match params.get("sort") {
        None => default_sort(),
        Some(s) => errors
            .take(
                "sort",
                Sort::parse(s, &contacts::SORTS).ok_or("invalid_sort"),
            )
            .unwrap_or_else(default_sort),
    };
    let cursor = params
        .get("cursor")
        .and_then(|c| errors.take("cursor", Cursor::decode(c).ok_or("invalid_cursor")));
    let limit = parse_limit(params, &mut errors);
    let visible_to_org =
        (!actor.role.is_staff()).then(|| actor.organization_id.unwrap_or_default());
    errors.into_result().map_err(|e| e.0)?;
    Ok(ListRequest {
        filter: ContactFilter {
            q,
            partner_id,
            visible_to_org,
        },
        sort,
        cursor,
        limit,
    })
}

/// The partner a list is filtered by, if it exists and the actor may see it;
/// otherwise `partner_id: unknown_partner`.
pub async fn check_partner_filter(
    db: &Db,
    actor: &Actor,
    partner_id: Uuid,
) -> Result<Partner, StoreError> {
    match partners::find_partner(db, partner_id).await? {
        Some(p) if p.merged_into.is_none() && actor.can_partner(Action::Read, Some(p.id)) => Ok(p),
        _ => Err(StoreError::invalid("partner_id", "unknown_partner")),
    }
}

/// Checks that the positions' ids name positions of `existing` (none on
/// creation), each at most once: `positions[i].id: unknown_position`.
pub fn check_position_ids(
    fields: &ContactFields,
    existing: Option<&Contact>,
) -> Result<(), ApiError> {
    let known: Vec<Uuid> = existing
        .map(|c| c.fields.positions.iter().filter_map(|p| p.id).collect())
        .unwrap_or_default();
    let mut seen = Vec::new();
    let mut errors = FieldErrors::new();
    for (i, position) in fields.positions.iter().enumerate() {
        if let Some(id) = position.id {
            if !known.contains(&id) || seen.contains(&id) {
                errors.add(format!("positions[{i}].id"), "unknown_position");
            }
            seen.push(id);
        }
    }
    errors.into_result().map_err(ApiError::from)
}

/// Drops from each position of a body the fields this API only answers with.
fn strip_read_only_position_fields(body: &mut Map<String, Value>) {
    if let Some(Value::Array(positions)) = body.get_mut("positions") {
        for position in positions.iter_mut() {
            if let Value::Object(map) = position {
                map.remove("partner_name");
                map.remove("current");
            }
        }
    }
}

async fn list_contacts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&LIST_PARAMS)?;
    let actor = user.actor();
    let request = parse_list(&params, &actor).map_err(|e| ApiError::validation(&e))?;
    if let Some(partner_id) = request.filter.partner_id {
        check_partner_filter(&state.db, &actor, partner_id).await?;
    }
    let page = contacts::list_contacts(
        &state.db,
        &request.filter,
        request.sort,
        request.cursor.as_ref(),
        request.limit,
    )
    .await?;
    let names = partner_names(&state.db, &page.items).await?;
    let today = accord_store::today();
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|c| contact_json(c, &names, today))
        .collect();
    Ok(
        axum::Json(json!({ "items": items, "total": page.total, "next_cursor": page.next_cursor }))
            .into_response(),
    )
}

fn visible(contact: Option<Contact>, actor: &Actor) -> Result<Contact, ApiError> {
    match contact {
        Some(c) if c.merged_into.is_some() && actor.can_contact(Action::Read, &c.partner_ids()) => {
            Err(ApiError::not_found().with_details(json!({ "merged_into": c.merged_into })))
        }
        Some(c) if actor.can_contact(Action::Read, &c.partner_ids()) => Ok(c),
        _ => Err(ApiError::not_found()),
    }
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::not_found())
}

async fn get_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let contact = visible(
        contacts::find_contact(&state.db, parse_id(&id)?).await?,
        &user.actor(),
    )?;
    Ok(axum::Json(one_json(&state.db, &contact).await?).into_response())
}

async fn create_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    if !actor.can_contact(Action::Create, &[]) {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    strip_read_only_position_fields(&mut object);
    let force = match object.remove("force") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(_) => return Err(ApiError::field("force", "invalid_type")),
    };
    let input: ContactInput = parse_input(Value::Object(object))?;
    let fields = input.validate()?;
    check_position_ids(&fields, None)?;
    let duplicates =
        contacts::similar_contacts(&state.db, &fields.name, fields.email.as_deref(), None)
            .await?
            .into_iter()
            .filter(|d| actor.can_contact(Action::Read, &d.contact.partner_ids()))
            .collect::<Vec<_>>();
    if !force && duplicates.iter().any(|d| d.same_email) {
        let candidates = candidates_json(&state.db, &duplicates).await?;
        return Err(ApiError::new(StatusCode::CONFLICT, "duplicate")
            .with_details(json!({ "field": "email", "candidates": candidates })));
    }
    let contact = contacts::insert_contact(&state.db, Some(actor.user_id), fields).await?;
    let mut body = one_json(&state.db, &contact).await?;
    let warnings: Vec<Value> = duplicates
        .iter()
        .map(|d| json!({ "code": "possible_duplicate", "contact_id": d.contact.id, "name": d.contact.fields.name, "same_email": d.same_email, "score": (d.score * 100.0).round() / 100.0 }))
        .collect();
    // Only when there is something to say, so that a plain creation answers the stored record.
    if let Some(map) = body.as_object_mut().filter(|_| !warnings.is_empty()) {
        map.insert("warnings".into(), Value::Array(warnings));
    }
    Ok((
        StatusCode::CREATED,
        [("location", format!("/api/v1/contacts/{}", contact.id))],
        axum::Json(body),
    )
        .into_response())
}

async fn update_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let current = visible(
        contacts::find_contact(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    if !actor.can_contact(Action::Update, &current.partner_ids()) {
        return Err(ApiError::forbidden());
    }
    let mut patch = json_object(&headers, &body)?;
    let version = expected_version(&headers, &mut patch)?;
    for key in ["id", "created_at", "updated_at"] {
        patch.remove(key);
    }
    strip_read_only_position_fields(&mut patch);
    if version != current.version {
        return Err(ApiError::version_conflict(
            one_json(&state.db, &current).await?,
        ));
    }
    let base =
        serde_json::to_value(current.fields.to_input()).map_err(|e| ApiError::internal(&e))?;
    let input: ContactInput = parse_input(overlay(base, patch))?;
    let fields = input.validate()?;
    check_position_ids(&fields, Some(&current))?;
    match contacts::update_contact(&state.db, Some(actor.user_id), current.id, version, fields)
        .await
    {
        Ok(updated) => Ok(axum::Json(one_json(&state.db, &updated).await?).into_response()),
        Err(StoreError::VersionConflict { .. }) => {
            let fresh = contacts::find_contact(&state.db, current.id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(
                one_json(&state.db, &fresh).await?,
            ))
        }
        Err(other) => Err(other.into()),
    }
}

async fn contact_history(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let contact = visible(
        contacts::find_contact(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    if !actor.can_read_history() {
        return Err(ApiError::forbidden());
    }
    let ids = contacts::history_ids(&state.db, contact.id).await?;
    let page = record_history(&state.db, "contact", &ids, true).await?;
    Ok(page.into_response())
}

/// Likely duplicates as JSON: each contact with its score and whether the e-mail is the same.
async fn candidates_json(
    db: &Db,
    found: &[contacts::ContactCandidate],
) -> Result<Vec<Value>, ApiError> {
    let names = partner_names(db, found.iter().map(|d| &d.contact)).await?;
    Ok(found
        .iter()
        .map(|d| json!({ "contact": contact_json(&d.contact, &names, accord_store::today()), "score": (d.score * 100.0).round() / 100.0, "same_email": d.same_email }))
        .collect())
}

async fn find_duplicates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let params = Params(query);
    params.only(&["name", "email", "exclude"])?;
    let actor = user.actor();
    if !actor.role.is_staff() {
        return Err(ApiError::forbidden());
    }
    let name = params.get("name").unwrap_or("");
    let email = params.get("email");
    if name.is_empty() && email.is_none() {
        return Err(ApiError::field("name", "required"));
    }
    let exclude = params.get("exclude").and_then(|e| Uuid::parse_str(e).ok());
    let found = contacts::similar_contacts(&state.db, name, email, exclude).await?;
    let items = candidates_json(&state.db, &found).await?;
    Ok(
        axum::Json(json!({ "items": items, "total": items.len(), "next_cursor": null }))
            .into_response(),
    )
}

async fn merge_contact(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let actor = user.actor();
    let survivor = visible(
        contacts::find_contact(&state.db, parse_id(&id)?).await?,
        &actor,
    )?;
    if !actor.can_contact(Action::Merge, &survivor.partner_ids()) {
        return Err(ApiError::forbidden());
    }
    let mut object = json_object(&headers, &body)?;
    let version = match object.contains_key("version") || headers.contains_key("if-match") {
        true => Some(expected_version(&headers, &mut object)?),
        false => None,
    };
    let from = match object.remove("from") {
        Some(Value::String(s)) => {
            Uuid::parse_str(&s).map_err(|_| ApiError::field("from", "invalid_id"))?
        }
        Some(_) => return Err(ApiError::field("from", "invalid_type")),
        None => return Err(ApiError::field("from", "required")),
    };
    if let Some(key) = object.keys().next() {
        return Err(ApiError::field(key, "unknown_field"));
    }
    match accord_app::registry::merge_contacts(&state.db, &actor, survivor.id, from, version).await
    {
        Ok(merged) => Ok(axum::Json(one_json(&state.db, &merged).await?).into_response()),
        Err(accord_app::AppError::VersionConflict { .. }) => {
            let fresh = contacts::find_contact(&state.db, survivor.id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            Err(ApiError::version_conflict(
                one_json(&state.db, &fresh).await?,
            ))
        }
        Err(other) => Err(other.into()),
    }
}
