//! Storage of drafts (being written).
