//! Turns audit events into what a record page shows: who did what, when, and
//! which fields changed from what to what.

use crate::i18n::Tr;
use accord_store::audit::EventRow;
use serde_json::Value;

/// One field's change.
#[derive(Debug, Clone)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One event, ready to show.
#[derive(Debug, Clone)]
pub struct HistoryItem {
    pub iso: String,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub changes: Vec<Change>,
}

fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() => "—".into(),
        Some(other) => other.to_string(),
    }
}

/// The fields that differ between two snapshots (all fields of a creation),
/// with field names and coded values translated where Accord knows them.
pub fn translated_changes(tr: &Tr, before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    changes(before, after)
        .into_iter()
        .map(|c| {
            let value = |v: String| match c.field.as_str() {
                "kind" | "status" | "risk" | "membership" | "role" => tr.label(&c.field, &v),
                _ => v,
            };
            Change {
                field: tr
                    .try_t(&format!("field-{}", c.field.replace('_', "-")))
                    .unwrap_or_else(|| c.field.clone()),
                before: value(c.before.clone()),
                after: value(c.after.clone()),
            }
        })
        .collect()
}

/// The fields that differ between two snapshots (all fields of a creation).
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let parse = |s: Option<&str>| {
        s.and_then(|s| serde_json::from_str::<Value>(s).ok())
            .unwrap_or(Value::Null)
    };
    let (before, after) = (parse(before), parse(after));
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| {
            let (old, new) = (
                b.get(*k).unwrap_or(&Value::Null),
                a.get(*k).unwrap_or(&Value::Null),
            );
            old != new
        })
        .map(|k| Change {
            field: k.clone(),
            before: show(b.get(k)),
            after: show(a.get(k)),
        })
        .collect()
}

/// Prepares events for a page.
pub fn items(tr: &Tr, events: &[EventRow]) -> Vec<HistoryItem> {
    events
        .iter()
        .map(|e| HistoryItem {
            iso: accord_store::rfc3339(e.at),
            when: tr.datetime(e.at),
            actor: e
                .actor_name
                .clone()
                .unwrap_or_else(|| tr.t("history-system")),
            action: tr.label("action", &e.action),
            changes: translated_changes(tr, e.before_state.as_deref(), e.after_state.as_deref()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_listed() {
        let changes = changes(
            Some(r#"{"a":1,"b":"x"}"#),
            Some(r#"{"a":1,"b":"y","c":null}"#),
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].before.as_str(), changes[0].after.as_str()),
            ("x", "y")
        );
    }
}
