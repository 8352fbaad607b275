//! `koubei-loadgen`: measures requests per second and latency of a running koubei server.
//!
//! Raw HTTP/1.1 over tokio sockets rather than an HTTP client library: the client's own overhead
//! is then a write, a read and a small parse per request, so on a small machine shared with the
//! server most of the CPU goes to the server being measured.

mod attack;
mod cli;
mod connection;
mod report;
mod response;
mod run;
mod workload;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::cli::{Cli, Target};
use crate::report::Report;
use crate::workload::{Server, Workload};

/// Setup errors (bad URL, survey not found): reported as one line, exit code 2.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Target::Attack { .. } = &cli.target {
        return attack_main(&cli);
    }
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = cli.threads {
        runtime.worker_threads(usize::from(threads));
    }
    let result = runtime
        .enable_all()
        .build()
        .map_err(Error::from)
        .and_then(|runtime| runtime.block_on(measure(&cli)));
    match result {
        Ok(report) => {
            if cli.json {
                eprintln!("{}", report.human());
                println!("{}", report.to_json());
            } else {
                println!("{}", report.human());
            }
            // A run with refusals or transport errors measured something else than it says:
            // fail so scripts notice (the report above says what went wrong).
            if report.ok == 0 || report.errors > 0 {
                eprintln!(
                    "koubei-loadgen: {} of {} requests failed",
                    report.errors, report.requests
                );
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("koubei-loadgen: {error}");
            ExitCode::from(2)
        }
    }
}

/// `attack`: one JSON line on stdout; fails when an answer got no response at all.
fn attack_main(cli: &Cli) -> ExitCode {
    let Target::Attack {
        survey,
        subject,
        profile,
        answers,
        time_scale,
        seed,
    } = &cli.target
    else {
        return ExitCode::from(2);
    };
    let plan = attack::Plan {
        survey: survey.clone(),
        subject: subject.clone(),
        profile: *profile,
        answers: *answers as usize,
        time_scale: *time_scale,
        seed: *seed,
    };
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::from)
        .and_then(|runtime| {
            runtime.block_on(async {
                let server = Server::resolve(&cli.url).await?;
                attack::run(server, &plan).await
            })
        });
    match result {
        Ok(outcome) => {
            println!("{}", outcome.to_json(&plan));
            if outcome.failed > 0 {
                eprintln!("koubei-loadgen: {} answers got no response", outcome.failed);
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("koubei-loadgen: {error}");
            ExitCode::from(2)
        }
    }
}

async fn measure(cli: &Cli) -> Result<Report, Error> {
    let server = Server::resolve(&cli.url).await?;
    let workload = match &cli.target {
        Target::Get { path } => Workload::get(&server, path)?,
        Target::Submit { survey, kiosk_key } => {
            Workload::submit(&server, survey.clone(), kiosk_key.as_deref()).await?
        }
        Target::Attack { .. } => return Err("attack runs on its own".into()),
    };
    let (name, expected_status) = (workload.name.clone(), workload.expected_status);
    let connections = usize::from(cli.connections);
    let samples = run::run(
        server.addr,
        Arc::new(workload),
        connections,
        cli.warmup,
        cli.duration,
    )
    .await;
    Ok(Report::new(
        name,
        expected_status,
        connections,
        cli.warmup,
        cli.duration,
        samples,
    ))
}
