//! The command line: `koubei serve|migrate|seed-demo` and the staff commands (`admin`, `token`,
//! `survey`, `responses`), with environment-variable fallbacks.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use domain::Role;
use koubei_core::exports::ExportFormat;

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

    /// The server's key file (hashes, cookies, invitations), outside the database; created
    /// owner-only on first use [default: beside a SQLite database file, e.g.
    /// data/koubei.secrets; on PostgreSQL without it, the key stays in the database]
    #[arg(long, env = "KOUBEI_SECRETS_FILE", global = true, value_name = "PATH")]
    pub secrets_file: Option<PathBuf>,

    /// How log lines are written to standard error: text for people, JSON (one object per line)
    /// for a log collector
    #[arg(
        long,
        env = "KOUBEI_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Text,
        global = true
    )]
    pub log_format: LogFormat,

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
    #[command(flatten)]
    Staff(StaffCommand),
    /// Suspect clusters: list, scan, decide; and the offline evaluation of the detectors
    #[command(subcommand)]
    Integrity(IntegrityCommand),
    /// Copy a live SQLite database (with a manifest) into a new file, without stopping the server
    Backup {
        /// The backup file to create (never overwritten)
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Check a backup file against its manifest, put it in place of --database-url and migrate it
    /// forward
    Restore {
        /// A file made by `koubei backup`
        file: PathBuf,
        /// Replace a database that holds data (stop every server using it first)
        #[arg(long)]
        force: bool,
    },
    /// Clear reasons and client and network hashes of surveys whose retention time has passed
    /// (the server also does this daily)
    #[command(subcommand)]
    Retention(RetentionCommand),
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// List the surveys whose personal data is due to be cleared, and clear it
    Apply {
        /// Only list what would be cleared
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum IntegrityCommand {
    /// Run the detectors over simulated honest traffic and attacks (no database); prints the
    /// table of BENCHMARKS.md
    Evaluate {
        /// The demo sector whose subjects, score distributions and reasons the honest traffic
        /// follows
        #[arg(long, default_value = "dental-clinics", value_name = "SLUG")]
        sector: String,
        /// Independent simulated surveys per scenario
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=100))]
        seeds: u64,
        /// Injected answers, as a share of the attacked subject's honest answers
        #[arg(long, default_value_t = 0.2, value_name = "SHARE")]
        extra: f64,
    },
    /// Run the detectors over a survey now and hold what they find
    Scan {
        /// The survey's slug
        survey: String,
    },
    /// List a survey's suspect clusters, open ones first
    Clusters {
        /// The survey's slug
        survey: String,
    },
    /// Release a cluster (its answers count) or exclude it (they stay out)
    Decide {
        /// The cluster's id, as `integrity clusters` shows it
        id: String,
        /// release or exclude
        #[arg(long, value_parser = ["release", "exclude"])]
        decision: String,
        /// Why (required; kept in the audit log)
        #[arg(long)]
        note: String,
    },
}

/// The commands that run the council's surveys from a shell; each acts as the actor `cli`.
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create and list staff accounts
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Create, list and revoke API tokens for scripts
    #[command(subcommand)]
    Token(TokenCommand),
    /// Create, list and revoke kiosk keys, the only way to answer over the API
    #[command(subcommand)]
    Kiosk(KioskCommand),
    /// Make, list, print again and withdraw single-use invitations (verified answers)
    #[command(subcommand)]
    Invitation(InvitationCommand),
    /// Export and import survey definitions; open, close and publish surveys
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Export a survey's responses or results as CSV or XLSX
    #[command(subcommand)]
    Responses(ResponsesCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a staff account; the password is asked twice (or read with --password-stdin)
    Create(AdminCreateArgs),
    /// List staff accounts
    List,
    /// Forgive an account's failed sign-ins, so that nobody waits out a lockout
    Unlock {
        /// The account's e-mail address
        #[arg(long, value_name = "EMAIL")]
        email: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct AdminCreateArgs {
    /// The account's e-mail address (its sign-in name)
    #[arg(long, value_name = "EMAIL")]
    pub email: String,

    /// What the account may do
    #[arg(long, value_enum, default_value_t = RoleArg::Admin)]
    pub role: RoleArg,

    /// Read the password from the first line of standard input instead of prompting
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print its secret (shown only this once) on stdout
    Create(TokenCreateArgs),
    /// List tokens (never their secrets)
    List,
    /// Revoke a token by its id
    Revoke {
        /// The token's id, as `token list` shows it
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct TokenCreateArgs {
    /// What the token is for (1 to 100 characters), e.g. `ci` or `nightly-export`
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// What the token may do (least privilege by default)
    #[arg(long, value_enum, default_value_t = RoleArg::Viewer)]
    pub role: RoleArg,
}

#[derive(Debug, Subcommand)]
pub enum KioskCommand {
    /// Create a kiosk key and print its secret (shown only this once) on stdout
    Create(KioskCreateArgs),
    /// List kiosk keys with their surveys and today's answers (never their secrets)
    List,
    /// Revoke a kiosk key by its id; it is refused at once
    Revoke {
        /// The key's id, as `kiosk list` shows it
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct KioskCreateArgs {
    /// Where the kiosk stands or who the partner is (1 to 100 characters)
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// A survey (slug) the key may answer; repeat for several
    #[arg(long = "survey", value_name = "SLUG", required = true)]
    pub surveys: Vec<String>,

    /// Most answers the key may send per day (China time); no cap when left out
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub daily_limit: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum InvitationCommand {
    /// Make a batch of invitations and print their links as CSV (number, code, link, spent)
    Create(InvitationCreateArgs),
    /// List a survey's invitation batches and how many of each are used
    List {
        /// The survey's slug
        #[arg(long, value_name = "SLUG")]
        survey: String,
    },
    /// Print a batch's links as CSV again (number, code, link, spent)
    Links {
        /// The batch's id, as `invitation list` shows it
        id: String,
        /// The survey's slug
        #[arg(long, value_name = "SLUG")]
        survey: String,
        /// The public address of the site, as respondents' phones reach it
        #[arg(long, value_name = "URL")]
        base_url: String,
    },
    /// Withdraw a batch: its unused invitations stop working; answers given stay verified
    Revoke {
        /// The batch's id, as `invitation list` shows it
        id: String,
        /// The survey's slug
        #[arg(long, value_name = "SLUG")]
        survey: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct InvitationCreateArgs {
    /// The survey's slug
    #[arg(long, value_name = "SLUG")]
    pub survey: String,

    /// Where the invitations are handed out (1 to 100 characters)
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// How many invitations (1 to 5,000)
    #[arg(long, value_name = "N")]
    pub count: i64,

    /// The public address of the site, as respondents' phones reach it, e.g.
    /// `https://koubei.example.cn`
    #[arg(long, value_name = "URL")]
    pub base_url: String,
}

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// Print a survey's definition as JSON
    Export {
        /// The survey's slug
        slug: String,
    },
    /// Create a survey (as a draft) or update one from a JSON definition
    Import {
        /// The JSON file; `-` reads standard input
        file: PathBuf,
    },
    /// Open a draft or closed survey for answers
    Open {
        /// The survey's slug
        slug: String,
    },
    /// Close an open survey
    Close {
        /// The survey's slug
        slug: String,
    },
    /// Publish a closed survey's results (final: a published survey is frozen), now or, with
    /// --at, when an embargo ends (the results freeze now; run again to move the time)
    Publish {
        /// The survey's slug
        slug: String,
        /// When the results become public, in Beijing time: "2027-03-15 10:00"
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Cancel a survey's pending embargo: its frozen results are dropped unseen
    CancelEmbargo {
        /// The survey's slug
        slug: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ResponsesCommand {
    /// Write a survey's responses (or results) as CSV or XLSX
    Export(ResponsesExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ResponsesExportArgs {
    /// The survey's slug
    pub slug: String,

    /// The file format
    #[arg(long, value_enum)]
    pub format: FormatArg,

    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Every response, or the results per subject (NPS, interval, tier)
    #[arg(long, value_enum, default_value_t = ExportWhat::Responses)]
    pub what: ExportWhat,
}

/// The log line format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// A staff role as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Admin,
    Editor,
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Editor => Role::Editor,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

/// An export format as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
}

impl From<FormatArg> for ExportFormat {
    fn from(format: FormatArg) -> ExportFormat {
        match format {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Xlsx => ExportFormat::Xlsx,
        }
    }
}

/// What `responses export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Responses,
    Results,
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

    /// Believe X-Forwarded-For and X-Forwarded-Proto when they come from this machine or a
    /// private network: set only behind your own reverse proxy (the variable takes
    /// true/false, 1/0, yes/no, on/off)
    #[arg(
        long,
        env = "KOUBEI_BEHIND_PROXY",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub behind_proxy: bool,

    /// Seconds a client may take to send a request's headers, and may stay idle between
    /// requests on one connection, before the connection is closed
    #[arg(
        long,
        env = "KOUBEI_HEADER_TIMEOUT",
        default_value_t = 10,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=300)
    )]
    pub header_timeout: u64,

    /// Most connections served at once; further clients wait in the listen queue until one
    /// closes [default: 2048, or three quarters of the open-file limit if that is lower]
    #[arg(
        long,
        env = "KOUBEI_MAX_CONNECTIONS",
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..=1_000_000)
    )]
    pub max_connections: Option<u32>,

    /// Most connections one client address may hold at once; more are closed at once (not
    /// applied with --behind-proxy, where every connection comes from the proxy)
    #[arg(
        long,
        env = "KOUBEI_MAX_CONNECTIONS_PER_ADDRESS",
        default_value_t = 256,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..=1_000_000)
    )]
    pub max_connections_per_address: u32,

    /// Seconds between passes of the stuffing detectors over the open surveys that received
    /// answers; 0 turns the background passes off (publishing still runs one first)
    #[arg(
        long,
        env = "KOUBEI_INTEGRITY_SCAN_EVERY",
        default_value_t = 10,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(0..=86_400)
    )]
    pub integrity_scan_every: u64,

    /// Milliseconds between readings of the database's public version by the published-view
    /// cache: a publication made through another instance or the CLI shows here within this
    /// time (one made through this instance, at once); 0 reads it on every request
    #[arg(
        long,
        env = "KOUBEI_PUBLISHED_CACHE_CHECK_MS",
        default_value_t = 1000,
        value_name = "MILLISECONDS",
        value_parser = clap::value_parser!(u64).range(0..=60_000)
    )]
    pub published_cache_check_ms: u64,

    /// Render every public view afresh (no published-view cache), for measuring the cache
    /// (the variable takes true/false, 1/0, yes/no, on/off)
    #[arg(
        long,
        env = "KOUBEI_NO_PUBLISHED_CACHE",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub no_published_cache: bool,
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

    #[test]
    fn new_tokens_default_to_the_least_privilege() {
        let cli = Cli::try_parse_from(["koubei", "token", "create", "--name", "ci"])
            .expect("valid command line");
        let Command::Staff(StaffCommand::Token(TokenCommand::Create(args))) = cli.command else {
            panic!("expected token create");
        };
        assert_eq!(Role::from(args.role), Role::Viewer);
    }

    #[test]
    fn new_accounts_default_to_admin() {
        let cli = Cli::try_parse_from(["koubei", "admin", "create", "--email", "a@b.cn"])
            .expect("valid command line");
        let Command::Staff(StaffCommand::Admin(AdminCommand::Create(args))) = cli.command else {
            panic!("expected admin create");
        };
        assert_eq!(Role::from(args.role), Role::Admin);
        assert!(!args.password_stdin);
    }
}
