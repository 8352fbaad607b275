//! The command line: where to send load, how much, and which requests.

use std::time::Duration;

use clap::{Parser, Subcommand};

/// A closed-loop HTTP/1.1 load generator for the koubei server: each connection sends its next
/// request as soon as the previous response is in.
#[derive(Debug, Parser)]
#[command(name = "koubei-loadgen", version)]
pub struct Cli {
    /// Base URL of the server (plain HTTP, no path)
    #[arg(long, global = true, default_value = "http://127.0.0.1:3000")]
    pub url: String,

    /// Concurrent keep-alive connections, each with one request in flight
    #[arg(long, global = true, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    pub connections: u16,

    /// How long to measure, after the warmup (e.g. 10s, 500ms, 1m)
    #[arg(long, global = true, default_value = "10s", value_parser = parse_duration)]
    pub duration: Duration,

    /// How long to send load before measuring (connections, caches, the database settle in)
    #[arg(long, global = true, default_value = "0s", value_parser = parse_duration)]
    pub warmup: Duration,

    /// Worker threads of the load generator [default: one per CPU]
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Print one JSON line on stdout (the human summary goes to stderr)
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub target: Target,
}

#[derive(Debug, Subcommand)]
pub enum Target {
    /// GET the same path over and over; 200 is success
    Get {
        /// Path to request, such as /healthz
        path: String,
    },
    /// POST survey responses as a kiosk (rotating subjects and scores 0–10); 201 is success
    Submit {
        /// Survey slug [default: the first open survey in GET /api/v1/surveys]
        #[arg(long)]
        survey: Option<String>,
        /// The kiosk key sent as `Authorization: Bearer` (from `koubei kiosk create`); without
        /// one the server answers 401
        #[arg(long, value_name = "KEY")]
        kiosk_key: Option<String>,
    },
    /// Stuff a survey the way issue 17's attackers do, or send honest phones, through the
    /// survey page's form (ignores --connections, --duration, --warmup); prints one JSON line
    Attack {
        /// Survey slug
        #[arg(long)]
        survey: String,
        /// The subject to stuff (not needed by --profile honest)
        #[arg(long)]
        subject: Option<String>,
        /// naive, rotating, distributed (needs a --behind-proxy server), human-paced or honest
        #[arg(long, value_enum)]
        profile: crate::attack::Profile,
        /// How many answers
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        answers: u32,
        /// Simulated seconds per real second, for human-paced and honest gaps and dwell times
        #[arg(long, default_value_t = 1.0)]
        time_scale: f64,
        /// Seed of the random choices (user agents, networks, scores, comments)
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// `10s`, `1.5s`, `500ms`, `2m`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit_secs) = if let Some(number) = text.strip_suffix("ms") {
        (number, 0.001)
    } else if let Some(number) = text.strip_suffix('s') {
        (number, 1.0)
    } else if let Some(number) = text.strip_suffix('m') {
        (number, 60.0)
    } else {
        (text, 1.0)
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration such as 10s, 500ms or 2m"))?;
    Duration::try_from_secs_f64(value * unit_secs).map_err(|error| format!("{text:?}: {error}"))
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
    fn durations_take_common_units() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn options_may_come_before_or_after_the_target() {
        let cli = Cli::try_parse_from([
            "koubei-loadgen",
            "--url",
            "http://127.0.0.1:3555",
            "--connections",
            "8",
            "submit",
            "--survey",
            "dental-clinics-2026",
            "--kiosk-key",
            "koubei_kiosk_x",
            "--json",
        ])
        .expect("valid command line");
        assert_eq!(cli.connections, 8);
        assert!(cli.json);
        assert!(
            matches!(cli.target, Target::Submit { survey: Some(ref slug), kiosk_key: Some(ref key) }
                if slug == "dental-clinics-2026" && key == "koubei_kiosk_x")
        );
    }
}
