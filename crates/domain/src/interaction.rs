//! Interactions (the communications log): kinds, directions, follow-ups and
//! their validation rules.
