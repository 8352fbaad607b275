use std::process::ExitCode;

use clap::Parser;
use koubei_server::cli::{Cli, LogFormat};
use tracing_subscriber::EnvFilter;

/// Exit status for every startup or runtime failure (clap uses the same for usage errors).
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    let outcome = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(koubei_server::run(cli)));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line with the whole cause chain: what failed and why.
            let message = format!("{error:#}").replace(['\n', '\r'], " ");
            eprintln!("koubei: error: {message}");
            ExitCode::from(FAILURE)
        }
    }
}

/// Logs to stderr, as text or one JSON object per line; `RUST_LOG` overrides the default
/// (`info`, with sqlx's per-query lines off).
fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}
