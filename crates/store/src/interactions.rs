//! Interactions, their participants and links, follow-ups and registry
//! numbers, with confidentiality enforced in every read.
