//! Tests of the citation engine.
