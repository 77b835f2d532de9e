//! Deterministic, realistic demo and benchmark data for Accord.
//!
//! [`partners`] yields organizations named in Arabic, English and French: the
//! first [`REAL_PARTNERS`] are real-world bodies (UN agencies, OIC institutions,
//! ministries, national commissions, embassies in Rabat, universities, funds,
//! foundations, media, companies) and the rest are plausible combinations of
//! templates, countries, cities and fields of work, made distinct with a branch
//! suffix when the combinations run out. [`contacts`] yields people for partners
//! the database has already stored, with dated positions, rotations of heads of
//! mission and signing authority. [`agreements`] yields cooperation
//! instruments between the organization and those partners, each with the
//! route (transitions, review decisions, signatures, validation) that takes it
//! to its status. [`outreach_cases`] yields observer-state outreach cases
//! with their dated stage moves.
//!
//! Everything is a pure function of its arguments and seed: no files are read,
//! no clock is consulted, and the same seed always gives the same data. The
//! pseudo-random generator is [`Rng`], a SplitMix64.

mod agreements;
mod data;
mod interactions;
mod names;
mod outreach;

pub use agreements::{
    CHAIN_STEPS, LEAD_UNITS, ReviewDecision, STATUS_WEIGHTS, SeedAgreement, SeedDraft,
    SeedSignature, SeedStep, agreements, drafts,
};
pub use interactions::{LogPartner, SeedInteraction, interactions};

pub use outreach::{SeedMove, SeedOutreach, outreach_cases};

use accord_domain::contact::{ContactInput, PositionInput, SigningAuthority};
use accord_domain::partner::{Identifier, PartnerInput, PartnerKind, PartnerStatus, Risk};
use accord_domain::text::LocalizedText;
use data::{
    BRANDS, CITIES, CONSULATE_CITIES, COUNTRIES, Country, FIELDS, MFA_HOSTS, MINISTRIES, ORGS, Org,
    Pool, REAL_EMBASSIES, REAL_MINISTRIES, REAL_NATIONAL_COMMISSIONS, REGIONAL_BODIES, REGIONS,
    SECTORS, UNIVERSITY_TAKEN,
};
use std::collections::HashSet;
use time::Date;
use time::macros::date;

/// A small deterministic pseudo-random generator (SplitMix64).
///
/// Not suitable for anything secret; it only makes seeded data reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `p` (0.0 never, 1.0 always).
    pub fn chance(&mut self, p: f64) -> bool {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }

    /// One item of a slice, uniformly.
    ///
    /// # Panics
    /// When `items` is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A number in `lo..hi` (`lo` when the range is empty).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo) as u64) as i64
        }
    }

    /// An index in `0..n`.
    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
}

/// A seed for item `n` of a stream, well spread even for neighbouring `n`.
fn mix(seed: u64, n: u64) -> u64 {
    Rng::new(seed ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

/// A generated partner, ready to be validated and stored.
#[derive(Debug, Clone)]
pub struct SeedPartner {
    /// The partner's fields as a client would send them.
    pub input: PartnerInput,
}

/// A generated contact, ready to be validated and stored.
#[derive(Debug, Clone)]
pub struct SeedContact {
    /// The contact's fields as a client would send them; every position refers
    /// to one of the partner ids given to [`contacts`].
    pub input: ContactInput,
}

/// How many real-world organizations open every list returned by [`partners`].
pub const REAL_PARTNERS: usize =
    ORGS.len() + REAL_MINISTRIES.len() + REAL_NATIONAL_COMMISSIONS.len() + REAL_EMBASSIES.len();

/// The vocabulary tags are drawn from.
pub const TAGS: &[&str] = &[
    "education",
    "culture",
    "science",
    "youth",
    "women",
    "digital",
    "heritage",
    "health",
    "climate",
    "arabic-language",
    "capacity-building",
    "sdg4",
    "sdg17",
];

/// `count` partners, deterministic for a given seed; the first [`REAL_PARTNERS`] (158) are
/// real-world organizations.
///
/// The first [`REAL_PARTNERS`] entries are real organizations in a fixed order
/// (their status, tags, risk and notes vary with the seed); the rest are
/// generated. A shorter list is always a prefix of a longer one with the same
/// seed. Names stay distinct for the first tens of thousands of partners and
/// carry a branch, campus or office number beyond; the work is linear in `count`.
pub fn partners(count: usize, seed: u64) -> Vec<SeedPartner> {
    let tables = Tables::new();
    let real = real_entries();
    let mut out = Vec::with_capacity(count);
    for (i, entry) in real.iter().take(count).enumerate() {
        let mut rng = Rng::new(mix(seed, i as u64));
        let draft = match entry {
            RealEntry::Org(org) => tables.real_org(org),
            RealEntry::Combo(combo) => Draft {
                acronym: None,
                ..tables.render(*combo, 0, &mut rng)
            },
        };
        out.push(SeedPartner {
            input: tables.finish(draft, true, &mut rng),
        });
    }
    if count <= real.len() {
        return out;
    }
    let taken: HashSet<Combo> = real
        .iter()
        .filter_map(|entry| match entry {
            RealEntry::Combo(combo) => Some(*combo),
            RealEntry::Org(_) => None,
        })
        .collect();
    let combos = tables.combos(&taken, seed);
    let mut used = [0usize; KIND_WEIGHTS.len()];
    for i in real.len()..count {
        let mut rng = Rng::new(mix(seed, i as u64));
        let kind = pick_kind(&mut rng);
        let list = &combos[kind];
        let m = used[kind];
        used[kind] += 1;
        let draft = if list.is_empty() {
            tables.render(Combo::University { city: 0 }, m + 1, &mut rng)
        } else {
            tables.render(list[m % list.len()], m / list.len(), &mut rng)
        };
        out.push(SeedPartner {
            input: tables.finish(draft, false, &mut rng),
        });
    }
    out
}

/// Contacts for the given partners (ids already assigned by the database): 1–3 per partner
/// on average for the first partners, with dated positions; some positions ended (rotation of
/// ambassadors: a predecessor whose position ended and a successor who holds it now),
/// some with signing authority (full_powers for ministers/ambassadors/heads, delegation with an
/// authority_document such as "Delegation letter 2025/117").
///
/// Each of the first 1,000 partners gets 1 to `per_partner_max` contacts; later
/// partners get none half of the time and 1 to `per_partner_max` otherwise.
/// `partners` holds (id, kind, ISO 3166-1 alpha-2 country) for each partner; the
/// country chooses the people's names, languages and phone numbers. Dates lie
/// between 2015 and 2026; ended positions end before mid-2026 and current ones
/// have no end. The same arguments always give the same contacts.
pub fn contacts(
    partners: &[(uuid::Uuid, PartnerKind, Option<String>)],
    per_partner_max: usize,
    seed: u64,
) -> Vec<SeedContact> {
    let tables = Tables::new();
    let mut out = Vec::with_capacity(partners.len() * (per_partner_max.min(3) + 1) / 2 + 1);
    for (i, (id, kind, country)) in partners.iter().enumerate() {
        let mut rng = Rng::new(mix(seed ^ 0xC047_AC75_5EED_0001, i as u64));
        let n = match per_partner_max {
            0 => 0,
            max if i < 1000 || rng.chance(0.5) => 1 + rng.index(max),
            _ => 0,
        };
        if n == 0 {
            continue;
        }
        let country = country.as_deref().and_then(find_country);
        let org = OrgContext::new(&tables, *id, *kind, country);
        let roles = roles(*kind);
        let mut made = 0;
        if rng.chance(0.75) {
            let rotates = n >= 2 && rng.chance(rotation_chance(*kind));
            if rotates {
                let successor_from = rng.range(days(date!(2019 - 01 - 01)), LATEST_END);
                let predecessor_from = (successor_from - rng.range(3 * 365, 6 * 365)).max(0);
                let predecessor_to = (successor_from - rng.range(1, 90)).max(predecessor_from);
                let mut predecessor = person(&org, &mut rng);
                predecessor.positions.push(head_position(
                    &org,
                    roles,
                    predecessor_from,
                    Some(predecessor_to),
                    &mut rng,
                ));
                moved_on(&mut predecessor, partners, i, predecessor_to, &mut rng);
                out.push(finish_contact(predecessor, &org, roles, true, &mut rng));
                let mut successor = person(&org, &mut rng);
                successor.positions.push(head_position(
                    &org,
                    roles,
                    successor_from,
                    None,
                    &mut rng,
                ));
                out.push(finish_contact(successor, &org, roles, true, &mut rng));
                made = 2;
            } else {
                let from = rng.range(0, LATEST_START);
                let mut head = person(&org, &mut rng);
                head.positions
                    .push(head_position(&org, roles, from, None, &mut rng));
                out.push(finish_contact(head, &org, roles, true, &mut rng));
                made = 1;
            }
        }
        while made < n {
            let mut staff = person(&org, &mut rng);
            let (title, can_sign) = *rng.pick(roles.staff);
            if rng.chance(0.1) {
                earlier_post_elsewhere(&mut staff, partners, i, &mut rng);
            }
            let from = if rng.chance(0.2) {
                // Promoted: an earlier, junior post at the same partner.
                let start = rng.range(0, days(date!(2022 - 01 - 01)));
                let end = (start + rng.range(365, 4 * 365)).min(LATEST_END);
                let junior = rng.pick(JUNIOR_TITLES);
                staff
                    .positions
                    .push(position(org.id, junior, start, Some(end), None));
                end + rng.range(1, 30)
            } else {
                rng.range(0, LATEST_START)
            };
            let ended = from < LATEST_END - 180 && rng.chance(0.12);
            let to = if ended {
                Some((from + rng.range(180, 3 * 365)).min(LATEST_END).max(from))
            } else {
                None
            };
            let authority = (can_sign && rng.chance(0.35))
                .then(|| delegation_document(year_of(from), &mut rng));
            staff
                .positions
                .push(position(org.id, title, from, to, authority));
            out.push(finish_contact(staff, &org, roles, false, &mut rng));
            made += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Partners
// ---------------------------------------------------------------------------

/// Relative weights of the kinds of generated partners, in [`PartnerKind::ALL`] order.
const KIND_WEIGHTS: [u64; 10] = [14, 2, 7, 3, 3, 18, 20, 13, 12, 8];

fn pick_kind(rng: &mut Rng) -> usize {
    let total: u64 = KIND_WEIGHTS.iter().sum();
    let mut roll = rng.below(total);
    for (i, weight) in KIND_WEIGHTS.iter().enumerate() {
        if roll < *weight {
            return i;
        }
        roll -= weight;
    }
    0
}

fn kind_slot(kind: PartnerKind) -> usize {
    PartnerKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// One way of naming a generated partner; indices point into the static tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Combo {
    Ministry {
        country: u16,
        ministry: u16,
    },
    Agency {
        country: u16,
        field: u16,
    },
    NationalCommission {
        country: u16,
    },
    /// 0: embassy in Rabat; 1..=7: consulate general; 8: delegation to UNESCO; 9: mission to the OIC.
    Mission {
        country: u16,
        mission: u16,
    },
    RegionalCentre {
        region: u16,
        field: u16,
    },
    RegionalBody {
        region: u16,
        field: u16,
        body: u16,
    },
    Association {
        country: u16,
        field: u16,
    },
    Promotion {
        city: u16,
        field: u16,
    },
    University {
        city: u16,
    },
    Institute {
        city: u16,
        field: u16,
    },
    StudyCentre {
        city: u16,
        field: u16,
    },
    IslamicUniversity {
        city: u16,
    },
    CountryFoundation {
        country: u16,
        field: u16,
    },
    BrandFoundation {
        brand: u16,
        field: u16,
    },
    Company {
        brand: u16,
        sector: u16,
        country: u16,
    },
    NewsAgency {
        country: u16,
    },
    Radio {
        city: u16,
    },
    Journal {
        city: u16,
        field: u16,
    },
}

enum RealEntry {
    Org(&'static Org),
    Combo(Combo),
}

/// A partner before the fields shared by every kind are filled in.
struct Draft {
    kind: PartnerKind,
    country: usize,
    en: String,
    fr: String,
    ar: String,
    acronym: Option<String>,
    /// Web host, e.g. `unesco.org`.
    host: String,
    /// Path after the host, for missions (`/rabat`).
    path: String,
    email_local: String,
    phone: Option<String>,
    iati: Option<&'static str>,
    tags: Vec<&'static str>,
}

/// Lookup tables built once per call.
struct Tables {
    /// Index into [`COUNTRIES`] of each city.
    city_country: Vec<usize>,
    /// Indices into [`CITIES`] of each country's cities, capital first.
    cities_of: Vec<Vec<usize>>,
    morocco: usize,
}

fn find_country(iso2: &str) -> Option<usize> {
    let iso2 = iso2.trim();
    COUNTRIES
        .iter()
        .position(|c| c.iso2.eq_ignore_ascii_case(iso2))
}

fn u(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

impl Tables {
    fn new() -> Self {
        let mut cities_of = vec![Vec::new(); COUNTRIES.len()];
        let mut city_country = Vec::with_capacity(CITIES.len());
        for (i, city) in CITIES.iter().enumerate() {
            let country = find_country(city.0).unwrap_or(0);
            city_country.push(country);
            cities_of[country].push(i);
        }
        Tables {
            city_country,
            cities_of,
            morocco: find_country("MA").unwrap_or(0),
        }
    }

    fn city(&self, city: u16) -> (&'static Country, (&'static str, &'static str, &'static str)) {
        let i = usize::from(city).min(CITIES.len() - 1);
        let (_, en, fr, ar) = CITIES[i];
        (&COUNTRIES[self.city_country[i]], (en, fr, ar))
    }

    /// Every combination of every kind, shuffled by the seed, without the real ones.
    fn combos(&self, taken: &HashSet<Combo>, seed: u64) -> Vec<Vec<Combo>> {
        let mut lists: Vec<Vec<Combo>> = vec![Vec::new(); PartnerKind::ALL.len()];
        let mut add = |kind: PartnerKind, combo: Combo| {
            if !taken.contains(&combo) {
                lists[kind_slot(kind)].push(combo);
            }
        };
        for (c, country) in COUNTRIES.iter().enumerate() {
            let cu = u(c);
            if country.oic && c != self.morocco {
                for m in 0..MINISTRIES.len() {
                    add(
                        PartnerKind::Government,
                        Combo::Ministry {
                            country: cu,
                            ministry: u(m),
                        },
                    );
                }
                add(
                    PartnerKind::NationalCommission,
                    Combo::NationalCommission { country: cu },
                );
            }
            for f in 0..FIELDS.len() {
                add(
                    PartnerKind::Government,
                    Combo::Agency {
                        country: cu,
                        field: u(f),
                    },
                );
                add(
                    PartnerKind::Ngo,
                    Combo::Association {
                        country: cu,
                        field: u(f),
                    },
                );
                add(
                    PartnerKind::Foundation,
                    Combo::CountryFoundation {
                        country: cu,
                        field: u(f),
                    },
                );
            }
            if c != self.morocco {
                let missions = if country.oic { 10 } else { 9 };
                for mission in 0..missions {
                    add(
                        PartnerKind::DiplomaticMission,
                        Combo::Mission {
                            country: cu,
                            mission,
                        },
                    );
                }
            }
            if !["MA", "SA", "DZ", "TN", "TR"].contains(&country.iso2) {
                add(PartnerKind::Media, Combo::NewsAgency { country: cu });
            }
            for b in 0..BRANDS.len() {
                for s in 0..SECTORS.len() {
                    add(
                        PartnerKind::PrivateSector,
                        Combo::Company {
                            brand: u(b),
                            sector: u(s),
                            country: cu,
                        },
                    );
                }
            }
        }
        for (i, city) in CITIES.iter().enumerate() {
            let ci = u(i);
            if !UNIVERSITY_TAKEN.contains(&city.1) {
                add(PartnerKind::Academic, Combo::University { city: ci });
            }
            if COUNTRIES[self.city_country[i]].oic && !["Medina", "Kampala"].contains(&city.1) {
                add(PartnerKind::Academic, Combo::IslamicUniversity { city: ci });
            }
            add(PartnerKind::Media, Combo::Radio { city: ci });
            for f in 0..FIELDS.len() {
                let fu = u(f);
                add(
                    PartnerKind::Ngo,
                    Combo::Promotion {
                        city: ci,
                        field: fu,
                    },
                );
                add(
                    PartnerKind::Academic,
                    Combo::Institute {
                        city: ci,
                        field: fu,
                    },
                );
                add(
                    PartnerKind::Academic,
                    Combo::StudyCentre {
                        city: ci,
                        field: fu,
                    },
                );
                add(
                    PartnerKind::Media,
                    Combo::Journal {
                        city: ci,
                        field: fu,
                    },
                );
            }
        }
        for r in 0..REGIONS.len() {
            for f in 0..FIELDS.len() {
                add(
                    PartnerKind::Intergovernmental,
                    Combo::RegionalCentre {
                        region: u(r),
                        field: u(f),
                    },
                );
                for b in 0..REGIONAL_BODIES.len() {
                    add(
                        PartnerKind::RegionalOrganization,
                        Combo::RegionalBody {
                            region: u(r),
                            field: u(f),
                            body: u(b),
                        },
                    );
                }
            }
        }
        for b in 0..BRANDS.len() {
            for f in 0..FIELDS.len() {
                add(
                    PartnerKind::Foundation,
                    Combo::BrandFoundation {
                        brand: u(b),
                        field: u(f),
                    },
                );
            }
        }
        let mut rng = Rng::new(mix(seed, 0x5EED_C0B0));
        for list in &mut lists {
            for i in (1..list.len()).rev() {
                let j = rng.index(i + 1);
                list.swap(i, j);
            }
        }
        lists
    }

    fn real_org(&self, org: &'static Org) -> Draft {
        let country = find_country(org.country).unwrap_or(self.morocco);
        let phone = None;
        Draft {
            kind: org.kind,
            country,
            en: org.en.to_string(),
            fr: org.fr.to_string(),
            ar: org.ar.to_string(),
            acronym: (!org.acronym.is_empty()).then(|| org.acronym.to_string()),
            host: org.domain.to_string(),
            path: String::new(),
            email_local: "contact".to_string(),
            phone,
            iati: (!org.iati.is_empty()).then_some(org.iati),
            tags: org.tags.split_whitespace().collect(),
        }
    }

    /// Names a partner after a combination; `cycle` > 0 adds a branch number.
    fn render(&self, combo: Combo, cycle: usize, rng: &mut Rng) -> Draft {
        let field = |f: u16| &FIELDS[usize::from(f).min(FIELDS.len() - 1)];
        let nation = |c: u16| usize::from(c).min(COUNTRIES.len() - 1);
        let mut tags: Vec<&'static str> = Vec::new();
        let mut path = String::new();
        let mut email_local = "contact".to_string();
        let mut phone = None;
        let mut acronym_allowed = true;
        let (kind, country, en, fr, ar) = match combo {
            Combo::Ministry { country, ministry } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                let (m_en, m_fr, m_ar, m_tags) =
                    MINISTRIES[usize::from(ministry).min(MINISTRIES.len() - 1)];
                tags.extend_from_slice(m_tags);
                acronym_allowed = false;
                (
                    PartnerKind::Government,
                    c,
                    format!("{m_en} of {}", k.off_en),
                    format!("{m_fr} {}", k.off_fr_de),
                    format!("{m_ar} ب{}", k.off_ar),
                )
            }
            Combo::Agency { country, field: f } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                (
                    PartnerKind::Government,
                    c,
                    format!("{} National Agency for {}", k.en, f.en),
                    format!("Agence nationale {} pour {}", k.fr_de, f.fr),
                    format!("الوكالة الوطنية {} {}", k.adj_ar, ar_li(f.ar)),
                )
            }
            Combo::NationalCommission { country } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                tags.extend_from_slice(&["education", "culture", "science"]);
                acronym_allowed = false;
                (
                    PartnerKind::NationalCommission,
                    c,
                    format!(
                        "{} National Commission for Education, Culture and Science",
                        k.en
                    ),
                    format!(
                        "Commission nationale {} pour l'éducation, la culture et la science",
                        k.fr_de
                    ),
                    format!("اللجنة الوطنية {} للتربية والعلوم والثقافة", k.adj_ar),
                )
            }
            Combo::Mission { country, mission } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                tags.push("sdg17");
                let (en, fr, ar, place, number) = match mission {
                    0 => (
                        format!("Embassy of {} in Rabat", k.off_en),
                        format!("Ambassade {} à Rabat", k.off_fr_de),
                        format!("سفارة {} في الرباط", k.off_ar),
                        "rabat".to_string(),
                        format!("+212 5 37 {}", digits(rng, 3, 2)),
                    ),
                    8 => (
                        format!("Permanent Delegation of {} to UNESCO", k.off_en),
                        format!("Délégation permanente {} auprès de l'UNESCO", k.off_fr_de),
                        format!("المندوبية الدائمة {} لدى اليونسكو", ar_li(k.off_ar)),
                        "unesco".to_string(),
                        format!("+33 1 45 68 {}", digits(rng, 2, 2)),
                    ),
                    9 => (
                        format!("Permanent Mission of {} to the OIC", k.off_en),
                        format!("Mission permanente {} auprès de l'OCI", k.off_fr_de),
                        format!(
                            "البعثة الدائمة {} لدى منظمة التعاون الإسلامي",
                            ar_li(k.off_ar)
                        ),
                        "oic".to_string(),
                        format!("+966 12 {} {}", digits(rng, 1, 3), digits(rng, 1, 4)),
                    ),
                    n => {
                        let city_en =
                            CONSULATE_CITIES[usize::from(n - 1).min(CONSULATE_CITIES.len() - 1)];
                        let (city_fr, city_ar) = CITIES
                            .iter()
                            .find(|c| c.0 == "MA" && c.1 == city_en)
                            .map_or((city_en, city_en), |c| (c.2, c.3));
                        (
                            format!("Consulate General of {} in {city_en}", k.off_en),
                            format!("Consulat général {} {}", k.off_fr_de, fr_a_place(city_fr)),
                            format!("القنصلية العامة {} في {city_ar}", ar_li(k.off_ar)),
                            slug(city_en),
                            format!("+212 5 {} {}", area_code(city_en), digits(rng, 3, 2)),
                        )
                    }
                };
                let host = mfa_host(k);
                email_local = place.clone();
                path = format!("/{place}");
                phone = Some(number);
                return Draft {
                    kind: PartnerKind::DiplomaticMission,
                    country: c,
                    en,
                    fr,
                    ar,
                    acronym: None,
                    host,
                    path,
                    email_local: suffixed_local(email_local, cycle),
                    phone,
                    iati: None,
                    tags,
                }
                .with_cycle(cycle);
            }
            Combo::RegionalCentre { region, field: f } => {
                let (r_en, r_fr, r_ar, hosts) = REGIONS[usize::from(region).min(REGIONS.len() - 1)];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                (
                    PartnerKind::Intergovernmental,
                    find_country(rng.pick::<&str>(hosts)).unwrap_or(self.morocco),
                    format!("Regional Centre for {} in {r_en}", f.en),
                    format!("Centre régional pour {} {r_fr}", f.fr),
                    format!("المركز الإقليمي {} في {r_ar}", ar_li(f.ar)),
                )
            }
            Combo::RegionalBody {
                region,
                field: f,
                body,
            } => {
                let (r_en, r_fr, r_ar, hosts) = REGIONS[usize::from(region).min(REGIONS.len() - 1)];
                let (b_en, b_fr, b_ar) =
                    REGIONAL_BODIES[usize::from(body).min(REGIONAL_BODIES.len() - 1)];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                tags.push("sdg17");
                (
                    PartnerKind::RegionalOrganization,
                    find_country(rng.pick::<&str>(hosts)).unwrap_or(self.morocco),
                    format!("{b_en} for {} in {r_en}", f.en),
                    format!("{b_fr} {r_fr} pour {}", f.fr),
                    format!("{b_ar} {r_ar} {}", ar_li(f.ar)),
                )
            }
            Combo::Association { country, field: f } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                (
                    PartnerKind::Ngo,
                    c,
                    format!("{} Association for {}", k.en, f.en),
                    format!("Association {} pour {}", k.fr_de, f.fr),
                    format!("الجمعية {} {}", k.adj_ar, ar_li(f.ar)),
                )
            }
            Combo::Promotion { city, field: f } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                let f = field(f);
                tags.extend_from_slice(f.tags);
                tags.push("capacity-building");
                (
                    PartnerKind::Ngo,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("Association for the Promotion of {} in {c_en}", f.en),
                    format!(
                        "Association pour la promotion {} {}",
                        fr_de_article(f.fr),
                        fr_a_place(c_fr)
                    ),
                    format!("جمعية النهوض ب{} في {c_ar}", f.ar),
                )
            }
            Combo::University { city } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                tags.extend_from_slice(&["education", "science"]);
                (
                    PartnerKind::Academic,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("University of {c_en}"),
                    format!("Université {}", fr_de_place(c_fr)),
                    format!("جامعة {c_ar}"),
                )
            }
            Combo::IslamicUniversity { city } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                tags.extend_from_slice(&["education", "arabic-language"]);
                (
                    PartnerKind::Academic,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("Islamic University of {c_en}"),
                    format!("Université islamique {}", fr_de_place(c_fr)),
                    format!("الجامعة الإسلامية ب{c_ar}"),
                )
            }
            Combo::Institute { city, field: f } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                let f = field(f);
                tags.extend_from_slice(f.tags);
                tags.push("education");
                (
                    PartnerKind::Academic,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("Higher Institute of {}, {c_en}", f.en),
                    format!(
                        "Institut supérieur {} {}",
                        fr_de_article(f.fr),
                        fr_de_place(c_fr)
                    ),
                    format!("المعهد العالي {} ب{c_ar}", ar_li(f.ar)),
                )
            }
            Combo::StudyCentre { city, field: f } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                let f = field(f);
                tags.extend_from_slice(f.tags);
                tags.push("science");
                (
                    PartnerKind::Academic,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("Centre for {} Studies, {c_en}", f.en),
                    format!("Centre d'études {}, {c_fr}", fr_de_article(f.fr)),
                    format!("مركز دراسات {} ب{c_ar}", f.ar),
                )
            }
            Combo::CountryFoundation { country, field: f } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                (
                    PartnerKind::Foundation,
                    c,
                    format!("{} Foundation for {}", k.en, f.en),
                    format!("Fondation {} pour {}", k.fr_de, f.fr),
                    format!("المؤسسة {} {}", k.adj_ar, ar_li(f.ar)),
                )
            }
            Combo::BrandFoundation { brand, field: f } => {
                let (b_en, b_ar) = BRANDS[usize::from(brand).min(BRANDS.len() - 1)];
                let f = field(f);
                tags.extend_from_slice(f.tags);
                let c = self.any_country(rng, 0.8);
                (
                    PartnerKind::Foundation,
                    c,
                    format!("{b_en} Foundation for {}", f.en),
                    format!("Fondation {b_en} pour {}", f.fr),
                    format!("مؤسسة {b_ar} {}", ar_li(f.ar)),
                )
            }
            Combo::Company {
                brand,
                sector,
                country,
            } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                let (b_en, b_ar) = BRANDS[usize::from(brand).min(BRANDS.len() - 1)];
                let (s_en, s_fr, s_ar, s_tags) =
                    SECTORS[usize::from(sector).min(SECTORS.len() - 1)];
                tags.extend_from_slice(s_tags);
                (
                    PartnerKind::PrivateSector,
                    c,
                    format!("{b_en} {s_en} {}", k.en),
                    format!("{b_en} {s_fr} {}", k.fr),
                    format!("{b_ar} {} - {}", ar_li(s_ar), k.ar),
                )
            }
            Combo::NewsAgency { country } => {
                let c = nation(country);
                let k = &COUNTRIES[c];
                tags.push("culture");
                (
                    PartnerKind::Media,
                    c,
                    format!("{} News Agency", k.en),
                    format!("Agence de presse {}", k.fr_de),
                    format!("وكالة الأنباء {}", k.adj_ar),
                )
            }
            Combo::Radio { city } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                tags.extend_from_slice(&["culture", "youth"]);
                acronym_allowed = false;
                (
                    PartnerKind::Media,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("{c_en} Cultural Radio"),
                    format!("Radio culturelle {}", fr_de_place(c_fr)),
                    format!("إذاعة {c_ar} الثقافية"),
                )
            }
            Combo::Journal { city, field: f } => {
                let (_, (c_en, c_fr, c_ar)) = self.city(city);
                let f = field(f);
                tags.extend_from_slice(f.tags);
                acronym_allowed = false;
                (
                    PartnerKind::Media,
                    self.city_country[usize::from(city).min(CITIES.len() - 1)],
                    format!("Review of {} – {c_en}", f.en),
                    format!("Revue {} – {c_fr}", fr_de_article(f.fr)),
                    format!("مجلة {} - {c_ar}", f.ar),
                )
            }
        };
        let initials = initials(&en);
        let label = {
            let l = ascii_slug(&initials, false);
            if l.len() < 2 {
                format!("org{}", rng.below(1000))
            } else {
                l
            }
        };
        let label = if cycle > 0 {
            format!("{label}{}", cycle + 1)
        } else {
            label
        };
        let k = &COUNTRIES[country];
        let host = match kind {
            PartnerKind::Government | PartnerKind::NationalCommission => {
                format!("{label}.{}", gov_suffix(k))
            }
            PartnerKind::Academic => format!("{label}.{}", academic_suffix(k)),
            PartnerKind::Intergovernmental | PartnerKind::RegionalOrganization => {
                format!("{label}.{}", if rng.chance(0.5) { "int" } else { "org" })
            }
            PartnerKind::Ngo | PartnerKind::Foundation => {
                if rng.chance(0.5) {
                    format!("{label}.org")
                } else {
                    format!("{label}.org.{}", k.tld)
                }
            }
            PartnerKind::PrivateSector => {
                if rng.chance(0.6) {
                    format!("{label}.com")
                } else {
                    format!("{label}.{}", k.tld)
                }
            }
            _ => format!("{label}.{}", k.tld),
        };
        let acronym = (acronym_allowed
            && (3..=8).contains(&initials.chars().count())
            && initials.chars().all(char::is_alphabetic)
            && rng.chance(0.35))
        .then_some(initials);
        Draft {
            kind,
            country,
            en,
            fr,
            ar,
            acronym,
            host,
            path,
            email_local,
            phone,
            iati: None,
            tags,
        }
        .with_cycle(cycle)
    }

    /// A country: one of the OIC member states with probability `oic`, else any.
    fn any_country(&self, rng: &mut Rng, oic: f64) -> usize {
        if rng.chance(oic) {
            let members = COUNTRIES.iter().filter(|c| c.oic).count();
            let nth = rng.index(members);
            COUNTRIES
                .iter()
                .enumerate()
                .filter(|(_, c)| c.oic)
                .nth(nth)
                .map_or(self.morocco, |(i, _)| i)
        } else {
            rng.index(COUNTRIES.len())
        }
    }

    /// Fills in the fields every partner has.
    fn finish(&self, draft: Draft, real: bool, rng: &mut Rng) -> PartnerInput {
        let k = &COUNTRIES[draft.country];
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let (mut en, mut fr, mut ar) = (opt(draft.en), opt(draft.fr), opt(draft.ar));
        if !real && rng.chance(0.1) {
            if k.oic && matches!(k.pool, Pool::Maghreb | Pool::AfricaFr) {
                en = None;
            } else if !k.oic {
                ar = None;
            } else {
                fr = None;
            }
        } else if !real && draft.kind == PartnerKind::PrivateSector && rng.chance(0.3) {
            ar = None;
        }
        if en.is_none() && fr.is_none() && ar.is_none() {
            en = Some("Unnamed partner".to_string());
        }
        let status = if real {
            match rng.below(100) {
                0..75 => PartnerStatus::Active,
                75..90 => PartnerStatus::Prospect,
                _ => PartnerStatus::Dormant,
            }
        } else {
            match rng.below(100) {
                0..52 => PartnerStatus::Active,
                52..84 => PartnerStatus::Prospect,
                84..96 => PartnerStatus::Dormant,
                _ => PartnerStatus::Blocked,
            }
        };
        let website = format!(
            "https://{}{}{}",
            if draft.host.matches('.').count() == 1 {
                "www."
            } else {
                ""
            },
            draft.host,
            draft.path
        );
        let email = (real && rng.chance(0.65) || !real && rng.chance(0.8))
            .then(|| format!("{}@{}", draft.email_local, draft.host));
        let phone = draft
            .phone
            .or_else(|| rng.chance(0.85).then(|| phone_number(k, rng)));
        let mut identifiers = Vec::new();
        if let Some(iati) = draft.iati {
            identifiers.push(Identifier {
                scheme: "iati".into(),
                value: iati.into(),
            });
        } else if !real && rng.chance(0.12) {
            let register = match draft.kind {
                PartnerKind::Ngo => "NGO",
                PartnerKind::Foundation => "FDN",
                PartnerKind::PrivateSector => "RC",
                PartnerKind::Academic => "EDU",
                PartnerKind::Media => "PRESS",
                _ => "REG",
            };
            let scheme = if matches!(draft.kind, PartnerKind::Ngo | PartnerKind::Foundation)
                && rng.chance(0.3)
            {
                "iati"
            } else {
                "registration"
            };
            identifiers.push(Identifier {
                scheme: scheme.into(),
                value: format!("{}-{register}-{:06}", k.iso2, rng.below(1_000_000)),
            });
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in draft.tags {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
        if tags.len() < 4 && rng.chance(0.3) {
            let extra = rng.pick(TAGS);
            if !tags.iter().any(|t| t == extra) {
                tags.push((*extra).to_string());
            }
        }
        let risk = rng.chance(0.3).then(|| {
            let roll = rng.below(100)
                + if status == PartnerStatus::Blocked {
                    50
                } else {
                    0
                };
            match roll {
                0..55 => Risk::Low,
                55..88 => Risk::Medium,
                _ => Risk::High,
            }
            .as_str()
            .to_string()
        });
        let notes = rng.chance(0.2).then(|| partner_note(rng));
        PartnerInput {
            name: LocalizedText::new(ar, en, fr),
            acronym: draft.acronym,
            kind: Some(draft.kind.as_str().to_string()),
            country: Some(k.iso2.to_string()),
            parent_id: None,
            status: Some(status.as_str().to_string()),
            website: Some(website),
            email,
            phone,
            identifiers,
            tags,
            risk,
            notes,
        }
    }
}

impl Draft {
    /// Adds the branch, campus or office number of a repeated combination.
    fn with_cycle(mut self, cycle: usize) -> Self {
        if cycle > 0 {
            let n = cycle + 1;
            let (en, fr, ar) = match self.kind {
                PartnerKind::Government | PartnerKind::NationalCommission => {
                    ("Regional Office", "Bureau régional", "المكتب الجهوي")
                }
                PartnerKind::DiplomaticMission => {
                    ("Liaison Office", "Bureau de liaison", "مكتب الاتصال")
                }
                PartnerKind::Academic => ("Campus", "Campus", "الحرم الجامعي"),
                _ => ("Branch", "Antenne", "الفرع"),
            };
            self.en = format!("{} – {en} {n}", self.en);
            self.fr = format!("{} – {fr} {n}", self.fr);
            self.ar = format!("{} - {ar} {n}", self.ar);
        }
        self
    }
}

fn suffixed_local(local: String, cycle: usize) -> String {
    if cycle > 0 {
        format!("{local}{}", cycle + 1)
    } else {
        local
    }
}

fn real_entries() -> Vec<RealEntry> {
    let mut templates = Vec::new();
    let longest = REAL_MINISTRIES
        .len()
        .max(REAL_NATIONAL_COMMISSIONS.len())
        .max(REAL_EMBASSIES.len());
    for i in 0..longest {
        if let Some((iso, m)) = REAL_MINISTRIES.get(i)
            && let Some(c) = find_country(iso)
        {
            templates.push(Combo::Ministry {
                country: u(c),
                ministry: u(*m),
            });
        }
        if let Some(iso) = REAL_EMBASSIES.get(i)
            && let Some(c) = find_country(iso)
        {
            templates.push(Combo::Mission {
                country: u(c),
                mission: 0,
            });
        }
        if let Some(iso) = REAL_NATIONAL_COMMISSIONS.get(i)
            && let Some(c) = find_country(iso)
        {
            templates.push(Combo::NationalCommission { country: u(c) });
        }
    }
    let mut out = Vec::with_capacity(ORGS.len() + templates.len());
    let mut templates = templates.into_iter();
    for (i, org) in ORGS.iter().enumerate() {
        out.push(RealEntry::Org(org));
        if i % 3 == 2
            && let Some(combo) = templates.next()
        {
            out.push(RealEntry::Combo(combo));
        }
    }
    out.extend(templates.map(RealEntry::Combo));
    out
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/// Arabic "for the …": `التراث` → `للتراث`, `علوم` → `لعلوم`.
fn ar_li(definite: &str) -> String {
    match definite.strip_prefix("ال") {
        // لـ + اللغة → للغة: the article's alif goes and the two lams merge.
        Some(rest) if rest.starts_with('ل') => format!("ل{rest}"),
        Some(rest) => format!("لل{rest}"),
        None => format!("ل{definite}"),
    }
}

/// French "of" before a field with its article: `le patrimoine` → `du patrimoine`.
fn fr_de_article(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("des {rest}")
    } else {
        format!("de {phrase}")
    }
}

fn starts_with_vowel(name: &str) -> bool {
    matches!(
        name.chars().next(),
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'É' | 'È' | 'Ê' | 'Â' | 'Î' | 'Ô' | 'Œ')
    )
}

/// French "of" before a place name: `Dakar` → `de Dakar`, `Alexandrie` → `d'Alexandrie`, `Le Caire` → `du Caire`.
fn fr_de_place(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = name.strip_prefix("Les ") {
        format!("des {rest}")
    } else if starts_with_vowel(name) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// French "in" before a city name: `Rabat` → `à Rabat`, `Le Caire` → `au Caire`.
fn fr_a_place(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = name.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {name}")
    }
}

const STOP_WORDS: &[&str] = &["of", "for", "the", "in", "and", "to", "on", "–", "-"];

/// Upper-case initials of the significant words of an English name.
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Lower-case ASCII: accents folded, spaces turned into `-` when `dash` is set, the rest dropped.
fn ascii_slug(text: &str, dash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                "a"
            }
            'ç' | 'Ç' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "i",
            'ñ' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                "o"
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
            'ş' | 'Ş' => "s",
            'ğ' | 'Ğ' => "g",
            'ß' => "ss",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            ' ' | '-' if dash => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => continue,
        };
        if folded == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(folded);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn slug(text: &str) -> String {
    ascii_slug(text, true)
}

fn gov_suffix(k: &Country) -> String {
    match k.tld {
        "us" => "gov".to_string(),
        "fr" => "gouv.fr".to_string(),
        "uk" => "gov.uk".to_string(),
        "ma" => "gov.ma".to_string(),
        tld => format!("gov.{tld}"),
    }
}

fn academic_suffix(k: &Country) -> String {
    match k.tld {
        "ma" | "uk" | "jp" | "id" | "ug" | "za" | "ke" | "ir" | "kr" | "at" | "ae" | "th"
        | "nz" => format!("ac.{}", k.tld),
        "fr" | "de" | "es" | "it" | "nl" | "be" | "ch" | "se" | "no" | "pt" | "ca" | "sn"
        | "ci" | "ml" | "bf" => k.tld.to_string(),
        "us" => "edu".to_string(),
        tld => format!("edu.{tld}"),
    }
}

fn mfa_host(k: &Country) -> String {
    MFA_HOSTS
        .iter()
        .find(|(iso, _)| *iso == k.iso2)
        .map_or_else(
            || format!("mfa.gov.{}", k.tld),
            |(_, host)| (*host).to_string(),
        )
}

/// `groups` groups of `width` random digits separated by spaces.
fn digits(rng: &mut Rng, groups: usize, width: usize) -> String {
    let mut out = String::with_capacity(groups * (width + 1));
    for g in 0..groups {
        if g > 0 {
            out.push(' ');
        }
        for _ in 0..width {
            out.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    out
}

/// The two digits after `+212 5` of a Moroccan city's landlines.
fn area_code(city: &str) -> &'static str {
    match city {
        "Casablanca" => "22",
        "Tangier" => "39",
        "Marrakesh" => "24",
        "Fez" => "35",
        "Agadir" | "Laayoune" | "Dakhla" => "28",
        _ => "37",
    }
}

/// A landline number in the country, e.g. `+221 33 842 17 05`.
fn phone_number(k: &Country, rng: &mut Rng) -> String {
    format!(
        "+{} {}{} {} {}",
        k.dial,
        1 + rng.below(9),
        rng.below(10),
        digits(rng, 1, 3),
        digits(rng, 2, 2)
    )
}

fn partner_note(rng: &mut Rng) -> String {
    let year = 2015 + rng.below(12);
    let f = rng.pick(FIELDS);
    match rng.below(10) {
        0 => format!("Memorandum of understanding signed in {year}; renewal under discussion."),
        1 => format!("Focal point changed in {year}; contact details to be confirmed."),
        2 => format!(
            "Co-organized a regional workshop on {} with ICESCO in {year}.",
            f.en.to_lowercase()
        ),
        3 => "Interested in a joint scholarship programme.".to_string(),
        4 => format!("Partenaire historique ; convention-cadre signée en {year}."),
        5 => format!("Invited to the ICESCO General Conference ({year})."),
        6 => format!(
            "Proposition de projet conjoint sur {} en cours d'examen.",
            f.fr
        ),
        7 => "Due diligence pending before any financial agreement.".to_string(),
        8 => format!("يرغب في تعزيز التعاون في مجال {}.", f.ar),
        _ => format!("Co-funded {} projects since {year}.", 2 + rng.below(9)),
    }
}

// ---------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------

/// Days since 2015-01-01 of the latest start of a current position.
const LATEST_START: i64 = 4290; // 2026-09-30
/// Days since 2015-01-01 of the latest end of an ended position.
const LATEST_END: i64 = 4198; // 2026-06-30
const BASE: Date = date!(2015 - 01 - 01);

fn days(d: Date) -> i64 {
    i64::from(d.to_julian_day() - BASE.to_julian_day())
}

fn day(offset: i64) -> Date {
    let offset = i32::try_from(offset.clamp(0, LATEST_START)).unwrap_or(0);
    Date::from_julian_day(BASE.to_julian_day() + offset).unwrap_or(BASE)
}

fn format_day(offset: i64) -> String {
    let d = day(offset);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn year_of(offset: i64) -> i32 {
    day(offset).year()
}

struct Roles {
    head: &'static str,
    /// The head is addressed as "H.E." (ministers, ambassadors, heads of international bodies).
    excellency: bool,
    /// (title, may hold a delegation of signature)
    staff: &'static [(&'static str, bool)],
}

const JUNIOR_TITLES: &[&str] = &[
    "Programme Officer",
    "Project Assistant",
    "Junior Professional Officer",
    "Attaché",
    "Research Assistant",
];

fn roles(kind: PartnerKind) -> &'static Roles {
    match kind {
        PartnerKind::Government => &Roles {
            head: "Minister",
            excellency: true,
            staff: &[
                ("Secretary-General", true),
                ("Director of Cooperation", true),
                ("Director of International Relations", true),
                ("Head of the Partnerships Division", true),
                ("Adviser to the Minister", false),
                ("Programme Officer", false),
            ],
        },
        PartnerKind::NationalCommission => &Roles {
            head: "Secretary-General",
            excellency: false,
            staff: &[
                ("Deputy Secretary-General", true),
                ("Head of Education Programmes", false),
                ("Head of Culture Programmes", false),
                ("Programme Officer", false),
                ("Communication Officer", false),
            ],
        },
        PartnerKind::DiplomaticMission => &Roles {
            head: "Ambassador",
            excellency: true,
            staff: &[
                ("Deputy Head of Mission", true),
                ("Chargé d'affaires a.i.", true),
                ("Minister-Counsellor", false),
                ("First Counsellor", false),
                ("Cultural Attaché", false),
                ("Second Secretary", false),
            ],
        },
        PartnerKind::Intergovernmental => &Roles {
            head: "Director-General",
            excellency: true,
            staff: &[
                ("Director of Partnerships", true),
                ("Regional Director", true),
                ("Head of Resource Mobilization", false),
                ("Programme Specialist", false),
                ("Programme Officer", false),
                ("Senior Adviser", false),
            ],
        },
        PartnerKind::RegionalOrganization => &Roles {
            head: "Secretary-General",
            excellency: true,
            staff: &[
                ("Director of Education, Culture and Science", true),
                ("Head of Cooperation", true),
                ("Programme Officer", false),
                ("Legal Adviser", false),
            ],
        },
        PartnerKind::Ngo => &Roles {
            head: "Executive Director",
            excellency: false,
            staff: &[
                ("Chair of the Board", true),
                ("Programme Manager", false),
                ("Partnerships Officer", false),
                ("Project Coordinator", false),
                ("Finance Officer", false),
            ],
        },
        PartnerKind::Academic => &Roles {
            head: "President",
            excellency: false,
            staff: &[
                ("Dean", true),
                ("Vice-President for International Relations", true),
                ("Director of the Research Centre", true),
                ("Head of International Cooperation", false),
                ("Professor", false),
                ("Associate Professor", false),
            ],
        },
        PartnerKind::PrivateSector => &Roles {
            head: "Chief Executive Officer",
            excellency: false,
            staff: &[
                ("Director of Corporate Social Responsibility", true),
                ("Head of Public Affairs", false),
                ("Business Development Manager", false),
                ("Partnerships Manager", false),
            ],
        },
        PartnerKind::Foundation => &Roles {
            head: "Executive Director",
            excellency: false,
            staff: &[
                ("Chair of the Board of Trustees", true),
                ("Programme Director", true),
                ("Grants Manager", false),
                ("Partnerships Officer", false),
                ("Communication Officer", false),
            ],
        },
        PartnerKind::Media => &Roles {
            head: "Director-General",
            excellency: false,
            staff: &[
                ("Editor-in-Chief", true),
                ("Head of News", false),
                ("Producer", false),
                ("Journalist", false),
                ("Correspondent", false),
            ],
        },
    }
}

fn rotation_chance(kind: PartnerKind) -> f64 {
    match kind {
        PartnerKind::DiplomaticMission => 0.7,
        PartnerKind::Government | PartnerKind::NationalCommission => 0.5,
        PartnerKind::Intergovernmental | PartnerKind::RegionalOrganization => 0.4,
        _ => 0.2,
    }
}

/// What the contacts of one partner share.
struct OrgContext {
    id: uuid::Uuid,
    kind: PartnerKind,
    country: Option<&'static Country>,
    pool: Pool,
    domain: String,
    dial: &'static str,
}

impl OrgContext {
    fn new(tables: &Tables, id: uuid::Uuid, kind: PartnerKind, country: Option<usize>) -> Self {
        let (hi, lo) = id.as_u64_pair();
        let mut rng = Rng::new(hi ^ lo.rotate_left(17));
        let k = country.map(|c| &COUNTRIES[c]);
        let tld = k.map_or("org", |k| k.tld);
        let pool = match k {
            Some(k) if kind != PartnerKind::Intergovernmental || rng.chance(0.4) => k.pool,
            _ => *rng.pick(names::ALL_POOLS),
        };
        let field_word = ascii_slug(
            rng.pick(FIELDS).en.split(' ').next().unwrap_or("culture"),
            false,
        );
        let brand = slug(rng.pick(BRANDS).0).replace('-', "");
        let domain = match (kind, k) {
            (PartnerKind::DiplomaticMission, Some(k)) => mfa_host(k),
            (PartnerKind::Government, Some(k)) => {
                format!(
                    "{}.{}",
                    rng.pick(&[
                        "men",
                        "mesrs",
                        "culture",
                        "education",
                        "moe",
                        "mohe",
                        "youth",
                        "mofa"
                    ]),
                    gov_suffix(k)
                )
            }
            (PartnerKind::NationalCommission, Some(k)) => {
                format!(
                    "{}.{}",
                    rng.pick(&["natcom", "cnat", "cnecs", "comnat"]),
                    gov_suffix(k)
                )
            }
            (PartnerKind::Academic, Some(k)) => {
                let city = country
                    .and_then(|c| {
                        tables.cities_of[c].get(rng.index(tables.cities_of[c].len().max(1)))
                    })
                    .map_or_else(
                        || "campus".to_string(),
                        |&i| slug(CITIES[i].1).replace('-', ""),
                    );
                format!("univ-{city}.{}", academic_suffix(k))
            }
            (PartnerKind::Intergovernmental | PartnerKind::RegionalOrganization, _) => {
                format!(
                    "{}-{field_word}.int",
                    rng.pick(&["rc", "ro", "ic", "arc", "irc"])
                )
            }
            (PartnerKind::PrivateSector, _) => format!("{brand}{field_word}.com"),
            (PartnerKind::Media, _) => format!("{brand}media.{tld}"),
            _ => format!("{brand}-{field_word}.org"),
        };
        let dial = match (kind, k) {
            (PartnerKind::DiplomaticMission, _) | (_, None) => "212",
            (_, Some(k)) => k.dial,
        };
        OrgContext {
            id,
            kind,
            country: k,
            pool,
            domain,
            dial,
        }
    }
}

/// A person with a name, but no position yet.
fn person(org: &OrgContext, rng: &mut Rng) -> ContactInput {
    let pool = names::pool(org.pool);
    let female = rng.chance(0.42);
    let (given, given_ar) = *rng.pick(if female { pool.female } else { pool.male });
    let (family, family_ar) = *rng.pick(pool.family);
    let family = if female
        && pool.slavic_feminine
        && (family.ends_with("ov") || family.ends_with("ev") || family.ends_with("in"))
    {
        format!("{family}a")
    } else {
        family.to_string()
    };
    let name = format!("{given} {family}");
    let name_alt =
        (!given_ar.is_empty() && !family_ar.is_empty()).then(|| format!("{given_ar} {family_ar}"));
    let email = rng.chance(0.8).then(|| {
        let local = format!("{}.{}", slug(given), slug(&family));
        let local = if local.len() > 60 || local.starts_with('.') {
            "contact".to_string()
        } else {
            local
        };
        format!("{local}@{}", org.domain)
    });
    let phone = rng.chance(0.6).then(|| {
        if org.dial == "212" {
            format!("+212 6 {}", digits(rng, 4, 2))
        } else {
            format!(
                "+{} {}{} {}",
                org.dial,
                1 + rng.below(9),
                digits(rng, 1, 2),
                digits(rng, 3, 2)
            )
        }
    });
    let languages: Vec<String> = rng
        .pick(pool.languages)
        .iter()
        .map(|l| (*l).to_string())
        .collect();
    ContactInput {
        name: Some(name),
        name_alt,
        honorific: Some(if female { "Ms." } else { "Mr." }.to_string()),
        email,
        phone,
        languages,
        positions: Vec::new(),
        notes: None,
    }
}

fn position(
    partner: uuid::Uuid,
    title: &str,
    from: i64,
    to: Option<i64>,
    delegation: Option<String>,
) -> PositionInput {
    let signing = if delegation.is_some() {
        SigningAuthority::Delegation
    } else {
        SigningAuthority::None
    };
    PositionInput {
        id: None,
        partner_id: Some(partner.to_string()),
        title: Some(title.to_string()),
        from: Some(format_day(from)),
        to: to.map(format_day),
        signing_authority: (signing != SigningAuthority::None)
            .then(|| signing.as_str().to_string()),
        authority_document: delegation,
    }
}

fn head_position(
    org: &OrgContext,
    roles: &Roles,
    from: i64,
    to: Option<i64>,
    rng: &mut Rng,
) -> PositionInput {
    let document = rng.chance(0.2).then(|| {
        format!(
            "Instrument of full powers {}/{:03}",
            year_of(from),
            1 + rng.below(300)
        )
    });
    PositionInput {
        id: None,
        partner_id: Some(org.id.to_string()),
        title: Some(roles.head.to_string()),
        from: Some(format_day(from)),
        to: to.map(format_day),
        signing_authority: Some(SigningAuthority::FullPowers.as_str().to_string()),
        authority_document: document,
    }
}

fn delegation_document(year: i32, rng: &mut Rng) -> String {
    let n = 1 + rng.below(250);
    match rng.below(5) {
        0 => format!("Delegation letter {year}/{n:03}"),
        1 => format!("Lettre de délégation n° {n}/{year}"),
        2 => format!("Décision de délégation de signature n° {year}-{n:03}"),
        3 => format!("Board resolution {n}/{year}"),
        _ => format!("Power of attorney ref. PA-{year}-{n:03}"),
    }
}

/// A predecessor sometimes holds a new post at another partner of the same country.
fn moved_on(
    contact: &mut ContactInput,
    partners: &[(uuid::Uuid, PartnerKind, Option<String>)],
    this: usize,
    left: i64,
    rng: &mut Rng,
) {
    if partners.len() < 2 || !rng.chance(0.3) {
        return;
    }
    let this_country = partners[this].2.as_deref();
    for _ in 0..4 {
        let j = rng.index(partners.len());
        let (id, kind, country) = &partners[j];
        if j != this && country.as_deref() == this_country {
            let (title, _) = *rng.pick(roles(*kind).staff);
            let from = (left + rng.range(30, 400)).min(LATEST_START);
            contact
                .positions
                .push(position(*id, title, from, None, None));
            return;
        }
    }
}

/// An ended post at another partner before the current one.
fn earlier_post_elsewhere(
    contact: &mut ContactInput,
    partners: &[(uuid::Uuid, PartnerKind, Option<String>)],
    this: usize,
    rng: &mut Rng,
) {
    if partners.len() < 2 {
        return;
    }
    let mut j = rng.index(partners.len());
    if j == this {
        j = (j + 1) % partners.len();
    }
    let (id, kind, _) = &partners[j];
    let (title, _) = *rng.pick(roles(*kind).staff);
    let from = rng.range(0, days(date!(2020 - 01 - 01)));
    let to = (from + rng.range(365, 3 * 365)).min(LATEST_END);
    contact
        .positions
        .push(position(*id, title, from, Some(to), None));
}

fn finish_contact(
    mut contact: ContactInput,
    org: &OrgContext,
    roles: &Roles,
    head: bool,
    rng: &mut Rng,
) -> SeedContact {
    let female = contact.honorific.as_deref() == Some("Ms.");
    contact.honorific = if head && roles.excellency {
        Some("H.E.".to_string())
    } else if org.kind == PartnerKind::Academic && (head || rng.chance(0.6)) {
        Some(if rng.chance(0.6) { "Prof." } else { "Dr." }.to_string())
    } else if rng.chance(0.22) {
        Some("Dr.".to_string())
    } else if rng.chance(0.85) {
        Some(if female { "Ms." } else { "Mr." }.to_string())
    } else {
        None
    };
    if rng.chance(0.15) {
        let f = rng.pick(FIELDS);
        let year = 2016 + rng.below(10);
        let country = org.country.map_or("", |k| k.en);
        contact.notes = Some(match rng.below(6) {
            0 => format!("Met at the ICESCO General Conference ({year})."),
            1 => format!("Focal point for the {} programme.", f.en.to_lowercase()),
            2 => format!("Point focal pour le programme {}.", fr_de_article(f.fr)),
            3 => format!("منسق برنامج {}.", f.ar),
            4 if !country.is_empty() => {
                format!("Prefers to be contacted through the {country} desk.")
            }
            _ => format!("Took part in the ICESCO Executive Council ({year})."),
        });
    }
    SeedContact { input: contact }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ids(list: &[SeedPartner]) -> Vec<(uuid::Uuid, PartnerKind, Option<String>)> {
        list.iter()
            .enumerate()
            .map(|(i, p)| {
                let kind = PartnerKind::parse(p.input.kind.as_deref().unwrap_or("")).unwrap();
                (
                    uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + i as u128),
                    kind,
                    p.input.country.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn rng_is_deterministic_and_bounded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            assert!(a.below(10) < 10);
            b.below(10);
        }
        assert_eq!(a.below(0), 0);
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
        assert_eq!(*a.pick(&[42]), 42);
    }

    #[test]
    fn every_partner_validates() {
        let list = partners(2000, 42);
        assert_eq!(list.len(), 2000);
        for p in &list {
            let fields = p.input.clone().validate();
            assert!(fields.is_ok(), "{:?} -> {:?}", p.input, fields.err());
        }
    }

    #[test]
    fn every_contact_validates() {
        let list = partners(2000, 42);
        let ids = ids(&list);
        let people = contacts(&ids, 3, 42);
        assert!(people.len() > 2000, "{}", people.len());
        let known: HashSet<String> = ids.iter().map(|(id, _, _)| id.to_string()).collect();
        for c in &people {
            assert!(!c.input.positions.is_empty());
            for p in &c.input.positions {
                assert!(known.contains(p.partner_id.as_deref().unwrap_or("")));
            }
            let fields = c.input.clone().validate();
            assert!(fields.is_ok(), "{:?} -> {:?}", c.input, fields.err());
        }
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = partners(2000, 42);
        let b = partners(2000, 42);
        let c = partners(2000, 43);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_ne!(format!("{a:?}"), format!("{c:?}"));
        let ca = contacts(&ids(&a), 3, 42);
        let cb = contacts(&ids(&b), 3, 42);
        let cc = contacts(&ids(&a), 3, 43);
        assert_eq!(format!("{ca:?}"), format!("{cb:?}"));
        assert_ne!(format!("{ca:?}"), format!("{cc:?}"));
    }

    #[test]
    fn shorter_list_is_a_prefix() {
        let long = partners(500, 9);
        let short = partners(130, 9);
        assert_eq!(format!("{:?}", &long[..130]), format!("{short:?}"));
    }

    #[test]
    fn real_organizations_come_first() {
        let list = partners(REAL_PARTNERS, 1);
        let en: Vec<&str> = list
            .iter()
            .filter_map(|p| p.input.name.en.as_deref())
            .collect();
        for expected in [
            "United Nations Educational, Scientific and Cultural Organization",
            "United Nations Children's Fund",
            "United Nations Development Programme",
            "World Health Organization",
            "Food and Agriculture Organization of the United Nations",
            "Arab League Educational, Cultural and Scientific Organization",
            "Islamic Development Bank",
            "African Union",
            "League of Arab States",
            "Organisation of Islamic Cooperation",
            "World Bank",
            "King Abdulaziz University",
            "Al-Azhar University",
            "Mohammed V University in Rabat",
            "French Development Agency",
            "Embassy of Japan in Rabat",
            "Embassy of the Republic of Indonesia in Rabat",
            "Embassy of the Federative Republic of Brazil in Rabat",
        ] {
            assert!(en.contains(&expected), "missing {expected}");
        }
        let ar: Vec<&str> = list
            .iter()
            .filter_map(|p| p.input.name.ar.as_deref())
            .collect();
        for expected in [
            "سفارة جمهورية إندونيسيا في الرباط",
            "اللجنة الوطنية المغربية للتربية والعلوم والثقافة",
            "جامعة الأزهر",
            "وزارة التربية الوطنية بجمهورية السنغال",
        ] {
            assert!(ar.contains(&expected), "missing {expected}");
        }
        let fr: Vec<&str> = list
            .iter()
            .filter_map(|p| p.input.name.fr.as_deref())
            .collect();
        assert!(fr.contains(&"Ambassade de la République d'Indonésie à Rabat"));
        assert!(fr.contains(&"Université Mohammed V de Rabat"));
        assert!(fr.contains(&"Agence française de développement"));
        let unesco = &list[0].input;
        assert_eq!(unesco.acronym.as_deref(), Some("UNESCO"));
        assert_eq!(unesco.identifiers[0].value, "XM-DAC-41304");
    }

    #[test]
    fn names_are_mostly_trilingual_and_every_kind_appears() {
        let list = partners(2000, 42);
        let three = list
            .iter()
            .filter(|p| p.input.name.all().count() == 3)
            .count();
        let two = list
            .iter()
            .filter(|p| p.input.name.all().count() == 2)
            .count();
        assert!(three > 1700, "{three}");
        assert!(two > 40, "{two}");
        for kind in PartnerKind::ALL {
            assert!(
                list.iter()
                    .any(|p| p.input.kind.as_deref() == Some(kind.as_str())),
                "no {kind}"
            );
            assert!(
                list[..REAL_PARTNERS]
                    .iter()
                    .any(|p| p.input.kind.as_deref() == Some(kind.as_str())),
                "no real {kind}"
            );
        }
        let statuses: HashSet<&str> = list
            .iter()
            .filter_map(|p| p.input.status.as_deref())
            .collect();
        assert_eq!(statuses.len(), 4);
        let names: HashSet<String> = list.iter().map(|p| format!("{:?}", p.input.name)).collect();
        assert_eq!(
            names.len(),
            list.len(),
            "names repeat within the first 2,000"
        );
    }

    #[test]
    fn contacts_include_rotations_and_signing_authority() {
        let list = partners(2000, 42);
        let people = contacts(&ids(&list), 3, 42);
        let positions: Vec<&PositionInput> =
            people.iter().flat_map(|c| &c.input.positions).collect();
        let ambassadors_ended = positions
            .iter()
            .filter(|p| p.title.as_deref() == Some("Ambassador") && p.to.is_some())
            .count();
        assert!(ambassadors_ended > 10, "{ambassadors_ended}");
        assert!(
            positions
                .iter()
                .any(|p| p.signing_authority.as_deref() == Some("full_powers"))
        );
        assert!(positions.iter().any(|p| {
            p.signing_authority.as_deref() == Some("delegation")
                && p.authority_document
                    .as_deref()
                    .is_some_and(|d| !d.is_empty())
        }));
        assert!(people.iter().any(|c| c.input.name_alt.is_some()));
        for p in &positions {
            let from = p.from.as_deref().unwrap_or("");
            assert!(("2015-01-01".."2026-10-01").contains(&from), "{from}");
            if let Some(to) = p.to.as_deref() {
                assert!(to < "2026-07-01" && to >= from, "{from}..{to}");
            }
        }
    }

    #[test]
    fn hundred_thousand_partners_are_cheap_and_mostly_distinct() {
        let started = std::time::Instant::now();
        let list = partners(100_000, 1);
        let elapsed = started.elapsed();
        assert_eq!(list.len(), 100_000);
        let names: HashSet<&str> = list
            .iter()
            .map(|p| p.input.name.best(accord_domain::Lang::En))
            .collect();
        assert!(names.len() > 95_000, "{} distinct", names.len());
        eprintln!("partners(100_000, 1) took {elapsed:?}");
    }

    #[test]
    fn real_partner_count_is_documented() {
        assert_eq!(REAL_PARTNERS, 158);
        let list = partners(REAL_PARTNERS + 1, 3);
        assert!(
            list[..REAL_PARTNERS]
                .iter()
                .all(|p| !p.input.name.all().any(|n| n.contains(" – ")))
        );
    }

    #[test]
    fn text_helpers() {
        assert_eq!(ar_li("التراث"), "للتراث");
        assert_eq!(ar_li("اللغة العربية"), "للغة العربية");
        assert_eq!(ar_li("علوم المياه"), "لعلوم المياه");
        assert_eq!(fr_de_place("Le Caire"), "du Caire");
        assert_eq!(fr_de_place("Alexandrie"), "d'Alexandrie");
        assert_eq!(fr_de_place("Dakar"), "de Dakar");
        assert_eq!(fr_de_article("le patrimoine"), "du patrimoine");
        assert_eq!(fr_de_article("l'éducation"), "de l'éducation");
        assert_eq!(fr_de_article("les sciences"), "des sciences");
        assert_eq!(slug("Fatima Zahra"), "fatima-zahra");
        assert_eq!(slug("Yılmaz"), "yilmaz");
        assert_eq!(initials("Higher Institute of Heritage, Dakar"), "HIHD");
        assert_eq!(format_day(0), "2015-01-01");
        assert_eq!(format_day(LATEST_START), "2026-09-30");
        assert_eq!(format_day(LATEST_END), "2026-06-30");
    }
}
