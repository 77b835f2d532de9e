//! Outreach cases, their stage history and the funnel figures.
