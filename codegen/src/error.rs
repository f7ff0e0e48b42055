//! Errors the generator reports about its input. Every error names the JSON pointer of
//! the spec node it is about, so a user can find the problem in a 5,000-line spec.

use std::fmt;

/// A problem with the spec (or, rarely, with the generator's own output), located by
/// the JSON pointer of the offending node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// RFC 6901 pointer into the spec document, e.g. `/components/schemas/Rule/anyOf/2`.
    pub pointer: String,
    /// What is wrong, in words.
    pub message: String,
    /// 1-based line in the YAML text, where the parser gives one.
    pub line: Option<usize>,
    /// The spec file the pointer is in, when the API is read from several files.
    pub file: Option<String>,
}

// The generator makes errors; users of the library only read them.
impl Error {
    /// The error `message` about the node at `pointer`, with no line or file yet.
    pub(crate) fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            pointer: pointer.into(),
            message: message.into(),
            line: None,
            file: None,
        }
    }

    /// The error, said of the spec file `file` (kept when the error already names one).
    pub(crate) fn in_file(mut self, file: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        self
    }

    /// The error, at line `line` of the YAML text (where the parser gives one).
    pub(crate) fn with_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        write!(f, "{pointer}: {}", self.message)?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// Something the generated crate does less well than the spec asks (it still generates),
/// located by the JSON pointer of the spec node it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// RFC 6901 pointer into the spec document.
    pub pointer: String,
    /// What the crate does, and why, in words.
    pub message: String,
    /// The spec file the pointer is in, when the API is read from several files.
    pub file: Option<String>,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: ")?;
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        write!(f, "{}: {}", self.pointer, self.message)
    }
}
