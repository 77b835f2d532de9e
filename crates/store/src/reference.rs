//! Reference data shipped inside the binary: the default units and the
//! countries with the organization's (unverified) membership list. Loaded once,
//! when the tables are empty, so admins' later edits are never overwritten.

use crate::units::{UnitFields, save_unit};
use crate::{Db, Result, StoreError, audit, now_micros};
use accord_domain::LocalizedText;

const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");
const MEMBERS_CSV: &str = include_str!("../data/icesco_members.csv");

/// The default units: code, kind, Arabic, English, French.
pub const DEFAULT_UNITS: [(&str, &str, &str, &str, &str); 8] = [
    (
        "ED",
        "sector",
        "قطاع التربية",
        "Education Sector",
        "Secteur de l'éducation",
    ),
    (
        "ST",
        "sector",
        "قطاع العلوم والتكنولوجيا",
        "Science and Technology Sector",
        "Secteur des sciences et de la technologie",
    ),
    (
        "CC",
        "sector",
        "قطاع الثقافة والاتصال",
        "Culture and Communication Sector",
        "Secteur de la culture et de la communication",
    ),
    (
        "SHS",
        "sector",
        "قطاع العلوم الإنسانية والاجتماعية",
        "Social and Human Sciences Sector",
        "Secteur des sciences humaines et sociales",
    ),
    (
        "PIC",
        "sector",
        "قطاع الشراكات والتعاون الدولي",
        "Partnerships and International Cooperation Sector",
        "Secteur des partenariats et de la coopération internationale",
    ),
    (
        "LEGAL",
        "department",
        "إدارة الشؤون القانونية والمعايير الدولية",
        "Department of Legal Affairs and International Standards",
        "Département des affaires juridiques et des normes internationales",
    ),
    (
        "FIN",
        "department",
        "إدارة الشؤون المالية",
        "Department of Finance",
        "Département des finances",
    ),
    (
        "DG",
        "directorate",
        "الإدارة العامة",
        "General Directorate",
        "Direction générale",
    ),
];

fn parse_csv(text: &str) -> Result<Vec<csv::StringRecord>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Loads the units and countries if their tables are empty.
pub async fn ensure_reference_data(db: &Db) -> Result<()> {
    let (units,): (i64,) = db_run!(db, fetch_one, sqlx::query_as("SELECT COUNT(*) FROM units"))?;
    if units == 0 {
        for (code, kind, ar, en, fr) in DEFAULT_UNITS {
            let fields = UnitFields {
                name: LocalizedText::new(Some(ar.into()), Some(en.into()), Some(fr.into())),
                kind: kind.into(),
                active: true,
            };
            save_unit(db, None, code, None, &fields).await?;
        }
    }
    let (countries,): (i64,) = db_run!(
        db,
        fetch_one,
        sqlx::query_as("SELECT COUNT(*) FROM countries")
    )?;
    if countries == 0 {
        load_countries(db).await?;
    }
    Ok(())
}

async fn load_countries(db: &Db) -> Result<()> {
    // iso2 → (status, verified) from the shipped membership list.
    let members: std::collections::HashMap<String, (String, bool)> = parse_csv(MEMBERS_CSV)?
        .into_iter()
        .filter_map(|r| {
            let status = match r.get(5)? {
                "icesco_observer" | "observer" => "observer",
                _ => "member",
            };
            Some((
                r.get(0)?.to_string(),
                (status.to_string(), r.get(6)? == "yes"),
            ))
        })
        .collect();
    let now = now_micros();
    let mut tx = db.begin().await?;
    let mut loaded = 0_u32;
    for record in parse_csv(COUNTRIES_CSV)? {
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let code = field(0);
        let (membership, verified) = members
            .get(&code)
            .cloned()
            .unwrap_or_else(|| ("non_member".to_string(), false));
        tx_exec!(
            &mut tx,
            sqlx::query(
                "INSERT INTO countries (code, iso3, numeric_code, name_en, name_fr, name_ar, oic_member, membership, \
                 membership_since, membership_verified, version, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, 1, $10)"
            )
            .bind(code.clone())
            .bind(field(1))
            .bind(field(2))
            .bind(field(3))
            .bind(field(5))
            .bind(field(6))
            .bind(field(8) == "yes")
            .bind(membership.clone())
            .bind(verified)
            .bind(now)
        )?;
        tx_exec!(
            &mut tx,
            sqlx::query(
                "INSERT INTO membership_changes (id, country, membership, since, verified, note, changed_by, changed_at) \
                 VALUES ($1, $2, $3, NULL, $4, $5, NULL, $6)"
            )
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(code.clone())
            .bind(membership)
            .bind(verified)
            .bind("shipped reference list")
            .bind(now)
        )?;
        loaded += 1;
    }
    let after = serde_json::json!({ "countries": loaded });
    audit::append(
        &mut tx,
        None,
        "reference",
        "countries",
        "load",
        None,
        Some(&after),
    )
    .await?;
    tx.commit().await
}
