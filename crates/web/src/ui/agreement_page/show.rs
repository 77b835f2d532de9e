//! Showing the agreement page: loading everything it shows, as the reader
//! may see it, into the page template (also after a form failed).

use super::*;

#[derive(Template)]
#[template(path = "agreements/show.html")]
pub(super) struct ShowPage {
    page: Page,
    id: String,
    version: i64,
    reference: String,
    title: String,
    title_lang: String,
    other_titles: Vec<(String, String)>,
    status_code: String,
    status: String,
    kind: String,
    confidential: bool,
    facts: Vec<FactView>,
    parties_names: Vec<(String, String)>,
    objectives: String,
    objectives_lang: String,
    tags: Vec<String>,
    registry_number: String,
    entry_into_force_on: String,
    parent: Option<LinkView>,
    amends: Option<LinkView>,
    renews: Option<LinkView>,
    amendments: Vec<LinkView>,
    renewals: Vec<LinkView>,
    consolidated: Vec<TermView>,
    can_edit: bool,
    stages: Vec<StageView>,
    stage_note: String,
    actions: Vec<ActionView>,
    show_chain: bool,
    cycles: Vec<CycleView>,
    drafts: Vec<DraftView>,
    can_upload: bool,
    compare_from: Vec<Choice>,
    compare_to: Vec<Choice>,
    parties: Vec<PartyView>,
    documents: Vec<DocumentView>,
    can_add_documents: bool,
    purposes: Vec<Choice>,
    signed_copies: Vec<Choice>,
    sign_form: bool,
    sign_explanation: String,
    unsigned: Vec<Choice>,
    methods: Vec<Choice>,
    validation_form: bool,
    today_iso: String,
    comments: Vec<CommentView>,
    comment_versions: Vec<Choice>,
    show_timeline: bool,
    timeline: Vec<EventView>,
    stage_times: Vec<StageTime>,
    problems: Problems,
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

pub(super) async fn show_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = page_for(&state, &current, &headers, &id)
        .with_notice(query.get("notice").map(String::as_str));
    let agreement = match load_visible(&state, &current, &id).await {
        Ok(a) => a,
        Err(e) => return store_error(page, e),
    };
    show(
        &state,
        &current,
        page,
        agreement,
        Problems::new(),
        StatusCode::OK,
    )
    .await
}

/// Renders the page, with the problems of a form just sent.
pub(super) async fn show(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    agreement: Agreement,
    problems: Problems,
    status: StatusCode,
) -> Response {
    match build(state, current, page.clone(), agreement, problems).await {
        Ok(template) => render_status(status, &template),
        Err(e) => store_error(page, e),
    }
}

pub(super) async fn build(
    state: &AppState,
    current: &CurrentUser,
    page: Page,
    a: Agreement,
    problems: Problems,
) -> Result<ShowPage, StoreError> {
    let db = &state.db;
    let tr = page.tr;
    let who = reader(current);
    let role = current.user.role;
    let actor = current.actor();
    let staff = role.is_staff();
    let today = accord_store::today();
    let now = accord_store::now_micros();

    // Names of the people, units and partners the page mentions.
    let mut names: HashMap<String, String> = HashMap::new();
    let all_units = units::list_units(db).await?;
    let unit_names: HashMap<String, String> = all_units
        .iter()
        .map(|u| (u.code.clone(), u.name().best(tr.lang).to_string()))
        .collect();
    names.extend(unit_names.clone());
    let party_rows = partners::find_partners(db, &a.fields.partner_ids).await?;
    let party_names: Vec<(String, String)> = party_rows
        .iter()
        .map(|p| (p.id.to_string(), p.fields.name.best(tr.lang).to_string()))
        .collect();
    names.extend(party_names.iter().cloned());
    let organization = tr.t1("agreement-page-organization-party", "org", &page.org);
    names.insert(ORGANIZATION.into(), organization.clone());
    let owner = match a.fields.owner_id {
        Some(owner) => users::find_user(db, owner).await?,
        None => None,
    };
    if let Some(owner) = &owner {
        names.insert(owner.id.to_string(), owner.name.clone());
    }

    // Header.
    let (title, title_lang) = in_lang(&a.fields.title, tr.lang);
    let other_titles = Lang::ALL
        .iter()
        .filter(|l| l.code() != title_lang)
        .filter_map(|l| {
            a.fields
                .title
                .get(*l)
                .map(|t| (l.code().to_string(), t.to_string()))
        })
        .collect();
    let (objectives, objectives_lang) = in_lang(&a.fields.objectives, tr.lang);
    let none = tr.t("agreement-page-not-set");
    let mut facts = vec![
        FactView {
            label: tr.t("field-lead-unit"),
            value: unit_name(&unit_names, &a.fields.lead_unit),
        },
        FactView {
            label: tr.t("field-owner-id"),
            value: owner
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-starts-on"),
            value: a
                .fields
                .starts_on
                .map(|d| tr.format_date(d))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-ends-on"),
            value: a
                .fields
                .ends_on
                .map(|d| tr.format_date(d))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-value"),
            value: a
                .fields
                .value
                .map(|m| money(&tr, &m))
                .unwrap_or(none.clone()),
        },
        FactView {
            label: tr.t("field-entry-into-force"),
            value: tr.label("entry-into-force", a.fields.entry_into_force.as_str()),
        },
        FactView {
            label: tr.t("field-auto-renew"),
            value: if a.fields.auto_renew {
                match a.fields.notice_days {
                    Some(days) => tr.tn("agreement-page-renews-with-notice", "count", days),
                    None => tr.t("agreement-page-yes"),
                }
            } else {
                tr.t("agreement-page-no")
            },
        },
    ];
    if !a.fields.auto_renew
        && let Some(days) = a.fields.notice_days
    {
        facts.push(FactView {
            label: tr.t("field-notice-days"),
            value: tr.tn("agreement-page-days", "count", days),
        });
    }

    // Links.
    let parent = visible_link(state, &who, &tr, a.fields.parent_id).await?;
    let amends = visible_link(state, &who, &tr, a.fields.amends_id).await?;
    let renews = visible_link(state, &who, &tr, a.fields.renews_id).await?;
    let mut amendment_rows = Vec::new();
    for id in comments::amendment_ids(db, a.id).await? {
        if agreements::can_read(db, &who, id).await?
            && let Some(found) = agreements::find_agreement(db, id).await?
        {
            amendment_rows.push(found);
        }
    }
    let mut renewals = Vec::new();
    for (id, _) in comments::successor_ids(db, a.id).await? {
        if let Some(link) = visible_link(state, &who, &tr, Some(id)).await? {
            renewals.push(link);
        }
    }
    let consolidated = consolidate(&tr, &a, &amendment_rows);
    let amendments = amendment_rows.iter().map(|x| link_view(&tr, x)).collect();

    // Drafts.
    let versions: Vec<DraftVersion> = drafts::list_versions(db, a.id)
        .await?
        .into_iter()
        .filter(|d| staff || d.direction != Direction::Internal)
        .collect();
    let has_draft = !versions.is_empty();
    let newest = versions.iter().map(|d| d.number).max().unwrap_or(0);
    let version_choice = |n: i64, selected: bool| Choice {
        value: n.to_string(),
        label: tr.t1("agreement-page-version-n", "number", n),
        selected,
    };
    let compare_from = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number == newest - 1))
        .collect();
    let compare_to = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number == newest))
        .collect();
    let chosen_version = problems.value("comment-version").to_string();
    let comment_versions = versions
        .iter()
        .rev()
        .map(|d| version_choice(d.number, d.number.to_string() == chosen_version))
        .collect();
    let drafts_view = versions.iter().rev().map(|d| draft_view(&tr, d)).collect();

    // Lifecycle.
    let stage_rows = agreements::stages(db, a.id).await?;
    let reached: Vec<String> = stage_rows.iter().map(|s| s.status.clone()).collect();
    let (stages, stage_note) = stepper(&tr, a.status, &reached);
    let actions = accord_domain::agreement::allowed_actions(a.status, role)
        .into_iter()
        .map(|action| action_view(&tr, action, has_draft))
        .collect();

    // Review chain.
    let steps = if staff {
        reviews::list_steps(db, a.id).await?
    } else {
        Vec::new()
    };
    let cycles = cycles(&tr, &steps, &unit_names, current, a.status, today);

    // Documents.
    let document_rows = attachments::list_documents(db, a.id).await?;
    let document_href =
        |d: &AgreementDocument| format!("/agreements/{}/documents/{}/file", a.id, d.id);
    let documents = document_rows
        .iter()
        .rev()
        .map(|d| DocumentView {
            href: document_href(d),
            purpose: tr.label("document-purpose", d.purpose.as_str()),
            filename: d.filename.clone(),
            size: file_size(&tr, d.size),
            uploader: d.uploaded_by_name.clone().unwrap_or_default(),
            when: tr.datetime(d.uploaded_at),
            when_iso: accord_store::rfc3339(d.uploaded_at),
            note: d.note.clone().unwrap_or_default(),
        })
        .collect();
    let chosen_purpose = problems.value("document-purpose").to_string();
    let purposes = Purpose::ALL
        .iter()
        .map(|p| Choice {
            value: p.as_str().to_string(),
            label: tr.label("document-purpose", p.as_str()),
            selected: p.as_str() == chosen_purpose,
        })
        .collect();
    let chosen_copy = problems.value("sign-file_sha256").to_string();
    let signed_copies = document_rows
        .iter()
        .rev()
        .filter(|d| d.purpose == Purpose::SignedCopy)
        .map(|d| Choice {
            value: d.sha256.clone(),
            label: d.filename.clone(),
            selected: d.sha256 == chosen_copy,
        })
        .collect();

    // Signatures.
    let signatures = signing::list_signatures(db, a.id).await?;
    let mut parties: Vec<PartyView> = vec![PartyView {
        key: ORGANIZATION.into(),
        name: organization,
        href: String::new(),
        signature: None,
    }];
    parties.extend(party_names.iter().map(|(id, name)| PartyView {
        key: id.clone(),
        name: name.clone(),
        href: format!("/partners/{id}"),
        signature: None,
    }));
    for party in &mut parties {
        party.signature = signatures
            .iter()
            .find(|s| s.party == party.key)
            .map(|s| SignatureView {
                signatory: s.signatory.clone(),
                capacity: s.capacity.clone().unwrap_or_default(),
                date: values::date(&s.signed_on)
                    .map(|d| tr.format_date(d))
                    .unwrap_or_else(|_| s.signed_on.clone()),
                place: s.place.clone().unwrap_or_default(),
                method: tr.label("signature-method", &s.method),
                copy: s.file_sha256.as_ref().and_then(|sha| {
                    document_rows
                        .iter()
                        .find(|d| &d.sha256 == sha)
                        .map(|d| (document_href(d), d.filename.clone()))
                }),
            });
    }
    let chosen_party = problems.value("sign-party").to_string();
    let unsigned = parties
        .iter()
        .filter(|p| p.signature.is_none())
        .map(|p| Choice {
            value: p.key.clone(),
            label: p.name.clone(),
            selected: p.key == chosen_party,
        })
        .collect();
    let chosen_method = match problems.value("sign-method") {
        "" => "ink".to_string(),
        m => m.to_string(),
    };
    let methods = METHODS
        .iter()
        .map(|m| Choice {
            value: m.to_string(),
            label: tr.label("signature-method", m),
            selected: *m == chosen_method,
        })
        .collect();
    let sign_form = actor.can_sign_agreements() && a.status == AgreementStatus::Signature;
    let sign_explanation =
        if actor.can_sign_agreements() && a.status.is_before_signature() && !sign_form {
            tr.t("agreement-page-sign-after-chain")
        } else {
            String::new()
        };

    // Comments.
    let comments_view = comments::list_comments(db, a.id)
        .await?
        .into_iter()
        .map(|c| CommentView {
            author: c.author_name.unwrap_or_else(|| tr.t("history-system")),
            when: tr.datetime(c.created_at),
            when_iso: accord_store::rfc3339(c.created_at),
            body: c.body,
            version: c.version_number,
        })
        .collect();

    // Timeline.
    let show_timeline = staff;
    let timeline = if show_timeline {
        let mut events: Vec<EventView> =
            audit::history(db, "agreement", &[a.id.to_string()], TIMELINE_LIMIT)
                .await?
                .iter()
                .map(|e| event_view(&tr, &names, e))
                .collect();
        // The correspondence about the agreement, among its own events (newest first).
        for i in accord_store::interactions::linked_to_agreement(db, &who, a.id).await? {
            let mut lines = vec![EventLine {
                field: tr.t("interactions-field-subject"),
                before: String::new(),
                after: i.fields.subject.clone(),
            }];
            if let Some(number) = &i.registry_number {
                lines.push(EventLine {
                    field: tr.t("interactions-field-registry-number"),
                    before: String::new(),
                    after: number.clone(),
                });
            }
            events.push(EventView {
                iso: accord_domain::interaction::format_instant(i.fields.occurred_at),
                when: tr.datetime(i.fields.occurred_at),
                actor: String::new(),
                action: format!(
                    "{} ({})",
                    tr.label("interaction-kind", i.fields.kind.as_str()),
                    tr.label("interaction-direction", i.fields.direction.as_str())
                ),
                has_before: false,
                lines,
            });
        }
        events.sort_by(|x, y| y.iso.cmp(&x.iso));
        events
    } else {
        Vec::new()
    };
    let stage_times = stage_times(&tr, &stage_rows, now);

    Ok(ShowPage {
        id: a.id.to_string(),
        version: a.version,
        reference: a.reference.clone(),
        title,
        title_lang,
        other_titles,
        status_code: a.status.as_str().to_string(),
        status: status_label(&tr, a.status.as_str()),
        kind: tr.label("agreement-kind", a.fields.kind.as_str()),
        confidential: a.fields.confidential,
        facts,
        parties_names: party_names,
        objectives,
        objectives_lang,
        tags: a.fields.tags.clone(),
        registry_number: a.registry_number.clone().unwrap_or_default(),
        entry_into_force_on: a
            .entry_into_force_on
            .map(|d| tr.format_date(d))
            .unwrap_or_default(),
        parent,
        amends,
        renews,
        amendments,
        renewals,
        consolidated,
        can_edit: actor.can_write_agreements(),
        stages,
        stage_note,
        actions,
        show_chain: staff,
        cycles,
        drafts: drafts_view,
        can_upload: actor.can_upload_agreement_files()
            && drafts::OPEN_FOR_DRAFTS.contains(&a.status),
        compare_from,
        compare_to,
        parties,
        documents,
        can_add_documents: may_add_documents(role),
        purposes,
        signed_copies,
        sign_form,
        sign_explanation,
        unsigned,
        methods,
        validation_form: actor.can_validate_agreements() && a.status == AgreementStatus::Validation,
        today_iso: values::format_date(today),
        comments: comments_view,
        comment_versions,
        show_timeline,
        timeline,
        stage_times,
        problems,
        page,
    })
}
