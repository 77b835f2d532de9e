//! Storage of jobs (being written).
