//! Writers: functions of the book plan to bytes (typst → PDF, XHTML → EPUB).

pub mod epub;
pub mod pdf;
pub mod typeset;
