//! The world map of membership, drawn on the server as SVG.
//!
//! The geometry is world-atlas's `countries-50m.json` (TopoJSON, embedded in
//! the binary): its quantized, delta-encoded arcs are decoded here, projected
//! with the Equal Earth projection, simplified (Douglas–Peucker, per arc so
//! shared borders stay shared) and written as SVG path data with relative
//! integer moves. That work is done once per process; each request only
//! chooses colours, links and titles. States too small to see get a dot.
//! The page shows a table beside the map with the same figures, for keyboard
//! and screen-reader users; each country's page shows the map zoomed on it.

use crate::AppState;
use crate::auth::{CurrentUser, PageUser};
use crate::i18n::Tr;
use crate::page::{Page, render};
use crate::page_error::PageError;
use accord_store::StoreError;
use accord_store::agreements::Reader;
use accord_store::countries::{self, CountryRow};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/map", get(map_page))
}

const TOPOLOGY: &str = include_str!("../../data/map/countries-50m.json");

/// Width of the drawing in SVG units.
const WIDTH: f64 = 2000.0;
/// Simplification tolerance in SVG units.
const TOLERANCE: f64 = 0.7;
/// Radius of the dot drawn for states too small to see.
const DOT: f64 = 5.0;

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
        id: Option<String>,
        properties: Option<Properties>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        id: Option<String>,
        properties: Option<Properties>,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct Properties {
    name: Option<String>,
}

/// One country's outline, projected and simplified.
#[derive(Debug, Clone)]
pub struct Shape {
    /// ISO 3166-1 numeric code, when the map has one.
    pub numeric: Option<String>,
    /// The English name in the map data (for shapes we have no country for).
    pub name: String,
    /// SVG path data.
    pub d: String,
    /// Bounding box: min x, min y, max x, max y.
    pub bbox: [f64; 4],
}

/// The projected world.
#[derive(Debug)]
pub struct World {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
}

/// Equal Earth (Šavrič, Patterson, Jenny 2018), in radians → unit plane.
fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340264;
    const A2: f64 = -0.081106;
    const A3: f64 = 0.000893;
    const A4: f64 = 0.003796;
    let m = 3f64.sqrt() / 2.0;
    let (lambda, phi) = (lon.to_radians(), lat.to_radians());
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// The extent of the projection at longitude ±180 and latitude ±90.
fn extent() -> (f64, f64) {
    (equal_earth(180.0, 0.0).0, equal_earth(0.0, 90.0).1)
}

fn perpendicular(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt()
    } else {
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
}

/// Douglas–Peucker: keeps the end points and every point farther than `tolerance` from the simplified line.
pub fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let mut worst = (0.0, 0);
        for i in first + 1..last {
            let d = perpendicular(points[i], points[first], points[last]);
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((first, worst.1));
            stack.push((worst.1, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Decodes the topology and projects every country once.
fn build(text: &str) -> Result<World, serde_json::Error> {
    let topology: Topology = serde_json::from_str(text)?;
    let (ex, ey) = extent();
    let scale = WIDTH / (2.0 * ex);
    let height = (2.0 * ey * scale).ceil();
    let [sx, sy] = topology.transform.scale;
    let [tx, ty] = topology.transform.translate;
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0_i64, 0_i64);
            let projected: Vec<(f64, f64)> = arc
                .iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    let (px, py) = equal_earth(x as f64 * sx + tx, y as f64 * sy + ty);
                    ((px + ex) * scale, (ey - py) * scale)
                })
                .collect();
            simplify(&projected, TOLERANCE)
        })
        .collect();
    let ring_points = |ring: &[i64]| -> Vec<(f64, f64)> {
        let mut points: Vec<(f64, f64)> = Vec::new();
        for &index in ring {
            let (arc, reversed) = if index >= 0 {
                (arcs.get(index as usize), false)
            } else {
                (arcs.get((!index) as usize), true)
            };
            let Some(arc) = arc else { continue };
            let mut part = arc.clone();
            if reversed {
                part.reverse();
            }
            let skip = usize::from(!points.is_empty());
            points.extend(part.into_iter().skip(skip));
        }
        points
    };
    let mut shapes = Vec::new();
    for geometry in topology.objects.countries.geometries {
        let (polygons, id, properties) = match geometry {
            Geometry::Polygon {
                arcs,
                id,
                properties,
            } => (vec![arcs], id, properties),
            Geometry::MultiPolygon {
                arcs,
                id,
                properties,
            } => (arcs, id, properties),
            Geometry::Other => continue,
        };
        let mut d = String::new();
        let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for polygon in &polygons {
            for ring in polygon {
                let points = ring_points(ring);
                for &(x, y) in &points {
                    bbox = [
                        bbox[0].min(x),
                        bbox[1].min(y),
                        bbox[2].max(x),
                        bbox[3].max(y),
                    ];
                }
                write_ring(&mut d, &points);
            }
        }
        if bbox[0] > bbox[2] {
            continue;
        }
        if bbox[2] - bbox[0] < 2.5 && bbox[3] - bbox[1] < 2.5 {
            // Too small to see or to click: a dot over its centre.
            let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
            let _ = write!(
                d,
                "M{:.0} {:.0}m-{DOT} 0a{DOT} {DOT} 0 1 0 {} 0a{DOT} {DOT} 0 1 0 -{} 0Z",
                cx,
                cy,
                2.0 * DOT,
                2.0 * DOT
            );
        }
        shapes.push(Shape {
            numeric: id,
            name: properties.and_then(|p| p.name).unwrap_or_default(),
            d,
            bbox,
        });
    }
    Ok(World {
        width: WIDTH,
        height,
        shapes,
    })
}

/// Appends one ring as a closed path with relative integer moves; rings that
/// round to fewer than three distinct points are left out.
fn write_ring(d: &mut String, points: &[(f64, f64)]) {
    let mut rounded: Vec<(i64, i64)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (x.round() as i64, y.round() as i64);
        if rounded.last() != Some(&p) {
            rounded.push(p);
        }
    }
    if rounded.len() > 1 && rounded.first() == rounded.last() {
        rounded.pop();
    }
    if rounded.len() < 3 {
        return;
    }
    let (mut px, mut py) = rounded[0];
    let _ = write!(d, "M{px} {py}l");
    for (i, &(x, y)) in rounded.iter().enumerate().skip(1) {
        let (dx, dy) = (x - px, y - py);
        if i > 1 && dx >= 0 {
            d.push(' ');
        }
        let _ = write!(d, "{dx}");
        if dy >= 0 {
            d.push(' ');
        }
        let _ = write!(d, "{dy}");
        (px, py) = (x, y);
    }
    d.push('Z');
}

/// The world, decoded and projected on first use.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        build(TOPOLOGY).unwrap_or_else(|error| {
            tracing::error!(%error, "the embedded world map could not be read");
            World {
                width: WIDTH,
                height: WIDTH / 2.0,
                shapes: Vec::new(),
            }
        })
    })
}

/// One country as drawn on a page.
pub struct ShapeView {
    pub d: &'static str,
    pub href: String,
    pub class: &'static str,
    pub title: String,
    pub selected: bool,
}

/// A legend entry.
pub struct LegendItem {
    pub class: &'static str,
    pub label: String,
    pub count: i64,
}

/// An SVG map ready for `map/_svg.html`.
pub struct MapSvg {
    pub view_box: String,
    pub label: String,
    pub shapes: Vec<ShapeView>,
    pub legend: Vec<LegendItem>,
}

/// A row of the table beside the map.
pub struct MapRow {
    pub code: String,
    pub name: String,
    pub membership_code: String,
    pub membership: String,
    pub since: String,
    pub partners: i64,
    pub agreements: i64,
}

fn membership_class(membership: &str) -> &'static str {
    match membership {
        "member" => "map-member",
        "observer" => "map-observer",
        "non_member" => "map-non-member",
        _ => "map-unknown",
    }
}

/// The figures per country the map and its table show.
pub struct Figures {
    pub countries: Vec<CountryRow>,
    pub partners: HashMap<String, i64>,
    pub agreements: HashMap<String, i64>,
}

/// Loads the countries and their figures (two grouped queries), as `reader` may see them.
pub async fn figures(state: &AppState, reader: &Reader) -> Result<Figures, StoreError> {
    Ok(Figures {
        countries: countries::list_countries(&state.db, None).await?,
        partners: accord_store::map::partners_per_country(&state.db).await?,
        agreements: accord_store::map::active_agreements_per_country(&state.db, reader).await?,
    })
}

/// Builds the SVG for a page: every country coloured by membership, with
/// its figures in a title, linked to its page; `selected` (an alpha-2 code)
/// is outlined and the view zoomed on it.
pub fn map_svg(tr: &Tr, figures: &Figures, selected: Option<&str>) -> MapSvg {
    let world = world();
    let by_numeric: HashMap<&str, &CountryRow> = figures
        .countries
        .iter()
        .map(|c| (c.numeric_code.as_str(), c))
        .collect();
    let mut view_box = format!("0 0 {} {}", world.width, world.height);
    let mut shapes = Vec::with_capacity(world.shapes.len());
    for shape in &world.shapes {
        let country = shape
            .numeric
            .as_deref()
            .and_then(|n| by_numeric.get(n).copied());
        let view = match country {
            Some(c) => {
                let is_selected = selected == Some(c.code.as_str());
                if is_selected {
                    view_box = zoom(&shape.bbox, world);
                }
                let partners = figures.partners.get(&c.code).copied().unwrap_or(0);
                let agreements = figures.agreements.get(&c.code).copied().unwrap_or(0);
                ShapeView {
                    d: &shape.d,
                    href: format!("/countries/{}", c.code),
                    class: membership_class(&c.membership),
                    title: format!(
                        "{} — {} · {} · {}",
                        c.name_in(tr.lang),
                        tr.label("membership", &c.membership),
                        tr.tn("map-partners", "count", partners),
                        tr.tn("map-agreements", "count", agreements),
                    ),
                    selected: is_selected,
                }
            }
            None => ShapeView {
                d: &shape.d,
                href: String::new(),
                class: "map-unknown",
                title: shape.name.clone(),
                selected: false,
            },
        };
        shapes.push(view);
    }
    // The selected country is drawn last, so its outline is on top.
    shapes.sort_by_key(|s| s.selected);
    let count = |m: &str| {
        figures
            .countries
            .iter()
            .filter(|c| c.membership == m)
            .count() as i64
    };
    let legend = ["member", "observer", "non_member"]
        .iter()
        .map(|m| LegendItem {
            class: membership_class(m),
            label: tr.label("membership", m),
            count: count(m),
        })
        .collect();
    MapSvg {
        view_box,
        label: tr.t("map-svg-label"),
        shapes,
        legend,
    }
}

/// A view box around a bounding box, with a margin and at least a region's size.
fn zoom(bbox: &[f64; 4], world: &World) -> String {
    let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
    let w = ((bbox[2] - bbox[0]) * 1.8).max(260.0).min(world.width);
    let h = (w / 2.0).max((bbox[3] - bbox[1]) * 1.4).min(world.height);
    let w = w.max(h * 2.0).min(world.width);
    let x = (cx - w / 2.0).clamp(0.0, world.width - w);
    let y = (cy - h / 2.0).clamp(0.0, world.height - h);
    format!("{x:.0} {y:.0} {w:.0} {h:.0}")
}

/// The table's rows, sorted by name in the user's language.
pub fn map_rows(tr: &Tr, figures: &Figures) -> Vec<MapRow> {
    let mut rows: Vec<MapRow> = figures
        .countries
        .iter()
        .map(|c| MapRow {
            code: c.code.clone(),
            name: c.name_in(tr.lang).to_string(),
            membership_code: c.membership.clone(),
            membership: tr.label("membership", &c.membership),
            since: c
                .membership_since
                .as_deref()
                .and_then(|s| accord_domain::values::date(s).ok())
                .map(|d| tr.format_date(d))
                .unwrap_or_default(),
            partners: figures.partners.get(&c.code).copied().unwrap_or(0),
            agreements: figures.agreements.get(&c.code).copied().unwrap_or(0),
        })
        .collect();
    rows.sort_by_cached_key(|r| accord_domain::search::normalize(&r.name));
    rows
}

/// Who reads the map, as the agreement visibility rules need it.
pub fn reader_of(current: &CurrentUser) -> Reader {
    current.reader()
}

#[derive(Template)]
#[template(path = "map/page.html")]
struct MapPage {
    page: Page,
    map: MapSvg,
    rows: Vec<MapRow>,
}

async fn map_page(
    State(state): State<AppState>,
    PageUser(current): PageUser,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, PageError> {
    if !current.actor().can_use_staff_pages() {
        return Err(PageError::forbidden());
    }
    let here = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/map".into());
    let page = Page::new(&state, &current, &headers, "map", here);
    let tr = page.tr;
    let figures = figures(&state, &reader_of(&current)).await?;
    let template = MapPage {
        map: map_svg(&tr, &figures, None),
        rows: map_rows(&tr, &figures),
        page,
    };
    Ok(render(&template).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_world_decodes() {
        let world = world();
        assert!(world.shapes.len() > 200, "{}", world.shapes.len());
        assert!(world.height > 900.0 && world.height < 1000.0);
        let morocco = world
            .shapes
            .iter()
            .find(|s| s.numeric.as_deref() == Some("504"))
            .expect("Morocco");
        // Morocco lies north-west of the map's centre.
        assert!(morocco.bbox[2] < world.width / 2.0 + 20.0);
        assert!(morocco.bbox[3] < world.height / 2.0);
        assert!(morocco.d.starts_with('M') && morocco.d.ends_with('Z'));
        let bahrain = world
            .shapes
            .iter()
            .find(|s| s.numeric.as_deref() == Some("048"))
            .expect("Bahrain");
        assert!(!bahrain.d.is_empty());
        let total: usize = world.shapes.iter().map(|s| s.d.len()).sum();
        assert!(total < 400_000, "path data is {total} bytes");
    }

    #[test]
    fn simplification_keeps_ends_and_corners() {
        let line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(
            simplify(&line, 0.5),
            vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]
        );
    }

    #[test]
    fn equal_earth_is_symmetric() {
        let (x, y) = equal_earth(30.0, 45.0);
        let (x2, y2) = equal_earth(-30.0, -45.0);
        assert!((x + x2).abs() < 1e-12 && (y + y2).abs() < 1e-12);
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    }
}
