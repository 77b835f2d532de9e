//! The observer-state outreach campaign: the stages of a case and the moves
//! allowed between them.
