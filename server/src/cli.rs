//! The command line: `koubei serve|migrate|seed-demo`, with environment-variable fallbacks.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Koubei (口碑): NPS word-of-mouth surveys with honest, published rankings.
#[derive(Debug, Parser)]
#[command(name = "koubei", version, propagate_version = true)]
pub struct Cli {
    /// Database: sqlite://PATH (created when missing) or postgres://USER[:PASSWORD]@HOST[:PORT]/NAME
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/koubei.db",
        global = true,
        value_name = "URL"
    )]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the web app and its API
    Serve(ServeArgs),
    /// Bring the database schema up to date, then exit
    Migrate,
    /// Add the demo sectors, subjects, surveys and synthetic responses (existing sectors are skipped)
    SeedDemo(SeedDemoArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(
        long,
        env = "KOUBEI_ADDR",
        default_value = "127.0.0.1:3000",
        value_name = "ADDR"
    )]
    pub addr: SocketAddr,

    /// Folder with the built site assets (pkg/, favicon); found automatically after `make build`
    #[arg(long, env = "KOUBEI_SITE_ROOT", value_name = "DIR")]
    pub site_root: Option<PathBuf>,

    /// Survey submissions one client (IP address + browser) may make per minute; 0 turns the
    /// limit off (for load tests)
    #[arg(
        long,
        env = "KOUBEI_SUBMIT_RATE_LIMIT",
        default_value_t = 20,
        value_name = "N"
    )]
    pub submit_rate_limit: u32,

    /// Trust X-Forwarded-For and X-Forwarded-Proto: set only behind your own reverse proxy
    #[arg(long, env = "KOUBEI_BEHIND_PROXY")]
    pub behind_proxy: bool,
}

#[derive(Debug, clap::Args)]
pub struct SeedDemoArgs {
    /// Seed only a database that has no sectors at all (what `make run` uses)
    #[arg(long)]
    pub if_empty: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn database_url_is_accepted_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "koubei",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            "postgres://x@h/db",
        ])
        .expect("valid command line");
        assert_eq!(cli.database_url, "postgres://x@h/db");
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.addr.port(), 0);
    }
}
