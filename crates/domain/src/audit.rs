//! The audit hash chain: each event carries the hash of the one before it, so
//! that removing, reordering or editing any event breaks every later link.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash that precedes the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The parts of an event that its hash covers.
#[derive(Debug, Clone, Serialize)]
pub struct EventContent<'a> {
    pub seq: i64,
    pub at_micros: i64,
    pub actor_id: Option<&'a str>,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// SHA-256 (hex) of the previous hash and the event's canonical content.
pub fn event_hash(prev_hash: &str, content: &EventContent<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    // serde_json writes struct fields in declaration order: a stable encoding.
    hasher.update(serde_json::to_vec(content).unwrap_or_default());
    hex::encode(hasher.finalize())
}

/// A stored event as the verifier reads it back.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub seq: i64,
    pub at_micros: i64,
    pub actor_id: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Where and why a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: &'static str,
}

/// Walks events in order, carrying the previous hash; returns the first broken link.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_prev: String,
    expected_seq: i64,
    pub checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_prev: GENESIS_HASH.to_string(),
            expected_seq: 1,
            checked: 0,
        }
    }
}

impl ChainVerifier {
    /// Checks the next event of the chain.
    pub fn check(&mut self, event: &StoredEvent) -> Result<(), BrokenLink> {
        let fail = |reason| BrokenLink {
            seq: event.seq,
            reason,
        };
        if event.seq != self.expected_seq {
            return Err(fail("missing_event"));
        }
        if event.prev_hash != self.expected_prev {
            return Err(fail("previous_hash_mismatch"));
        }
        let content = EventContent {
            seq: event.seq,
            at_micros: event.at_micros,
            actor_id: event.actor_id.as_deref(),
            entity: &event.entity,
            entity_id: &event.entity_id,
            action: &event.action,
            before: event.before.as_deref(),
            after: event.after.as_deref(),
        };
        if event_hash(&event.prev_hash, &content) != event.hash {
            return Err(fail("content_hash_mismatch"));
        }
        self.expected_prev = event.hash.clone();
        self.expected_seq += 1;
        self.checked += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEvent> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let after = format!("{{\"n\":{seq}}}");
                let content = EventContent {
                    seq,
                    at_micros: seq * 1000,
                    actor_id: None,
                    entity: "partner",
                    entity_id: "x",
                    action: "create",
                    before: None,
                    after: Some(&after),
                };
                let hash = event_hash(&prev, &content);
                let event = StoredEvent {
                    seq,
                    at_micros: seq * 1000,
                    actor_id: None,
                    entity: "partner".into(),
                    entity_id: "x".into(),
                    action: "create".into(),
                    before: None,
                    after: Some(after),
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                event
            })
            .collect()
    }

    fn verify(events: &[StoredEvent]) -> Result<u64, BrokenLink> {
        let mut verifier = ChainVerifier::default();
        for event in events {
            verifier.check(event)?;
        }
        Ok(verifier.checked)
    }

    #[test]
    fn whole_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
    }

    #[test]
    fn edited_event_breaks_the_chain_there() {
        let mut events = chain(5);
        events[2].after = Some("{\"n\":99}".into());
        assert_eq!(
            verify(&events),
            Err(BrokenLink {
                seq: 3,
                reason: "content_hash_mismatch"
            })
        );
    }

    #[test]
    fn removed_event_is_found() {
        let mut events = chain(5);
        events.remove(1);
        assert_eq!(
            verify(&events),
            Err(BrokenLink {
                seq: 3,
                reason: "missing_event"
            })
        );
    }
}
