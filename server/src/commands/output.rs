//! Writing a command's result to stdout. A reader that stops early (`| head`) ends the output
//! quietly, as with other Unix tools, instead of a panic from `println!`.

use std::io::{ErrorKind, Write};

use anyhow::Context;

/// Writes `bytes` to stdout and flushes; a closed pipe is not an error.
pub fn bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Writes `text` and a line break to stdout.
pub fn line(text: &str) -> anyhow::Result<()> {
    bytes(format!("{text}\n").as_bytes())
}
