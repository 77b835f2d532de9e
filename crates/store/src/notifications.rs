//! Storage of notifications (being written).
