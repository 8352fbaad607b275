//! The `koubei` server: command line, configuration, HTTP routing, migrations and demo data.
// Leptos view types of whole pages nest deeply; the default limit (128) is too low for them.
#![recursion_limit = "256"]

pub mod api;
pub mod app_state;
pub mod caching;
pub mod charts;
pub mod cli;
pub mod commands;
pub mod config;
pub mod connections;
pub mod console;
pub mod embed;
pub mod failure_status;
pub mod form_body;
pub mod health;
pub mod invitation_links;
pub mod language;
pub mod large_mode;
pub mod metrics;
pub mod my_answers_form;
pub mod preview_reply_form;
pub mod public_routes;
pub mod public_url;
pub mod published_cache;
pub mod request_guard;
pub mod route_table;
pub mod router;
pub mod security_headers;
pub mod seed;
pub mod serve;
pub mod site_files;
pub mod staff;
pub mod survey_form;
pub mod verify;

use anyhow::Context;
use koubei_core::db::{self, Database, DatabaseUrl};
use koubei_core::submission::KeyPlace;

use crate::cli::{Cli, Command, ResponsesCommand, StaffCommand};
use crate::config::ServeConfig;
use crate::seed::SectorOutcome;

/// Runs one command line to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let config =
                ServeConfig::from_args(&args, &cli.database_url, cli.secrets_file.as_deref())?;
            serve::Server::build(config).await?.run().await
        }
        Command::Migrate => {
            let url = DatabaseUrl::parse(&cli.database_url)?;
            let db = open_migrated(&url).await?;
            println!(
                "database {} is up to date ({} migrations)",
                url.redacted(),
                db::MIGRATOR.iter().count()
            );
            db.close().await;
            Ok(())
        }
        Command::SeedDemo(args) => {
            let db = open_migrated(&DatabaseUrl::parse(&cli.database_url)?).await?;
            let report = seed::seed_demo(&db, args.if_empty)
                .await
                .context("seeding the demo data failed")?;
            if report.skipped_non_empty {
                println!("the database already has sectors: demo data not added");
            }
            for (slug, outcome) in report.sectors {
                match outcome {
                    SectorOutcome::Created {
                        subjects,
                        responses,
                    } => println!("{slug}: {subjects} subjects, {responses} responses"),
                    SectorOutcome::AlreadyPresent => println!("{slug}: already present, skipped"),
                }
            }
            if let Some(email) = report.demo_admin {
                println!(
                    "demo staff account: {email} / {} (admin; public password — demo use only)",
                    seed::DEMO_ADMIN_PASSWORD
                );
            }
            db.close().await;
            Ok(())
        }
        Command::Integrity(command) => commands::integrity::run(&cli.database_url, command).await,
        Command::Backup { output } => {
            commands::operations::backup(&cli.database_url, &output).await
        }
        Command::Restore { file, force } => {
            commands::operations::restore(&cli.database_url, &file, force).await
        }
        Command::Retention(command) => {
            let db = open_migrated(&DatabaseUrl::parse(&cli.database_url)?).await?;
            let outcome = commands::operations::retention(&db, command).await;
            db.close().await;
            outcome
        }
        Command::Staff(command) => {
            let db = open_migrated(&DatabaseUrl::parse(&cli.database_url)?).await?;
            let outcome = match command {
                StaffCommand::Admin(command) => commands::admin::run(&db, command).await,
                StaffCommand::Token(command) => commands::token::run(&db, command).await,
                StaffCommand::Kiosk(command) => commands::kiosk::run(&db, command).await,
                StaffCommand::Invitation(command) => {
                    let key = KeyPlace::resolve(cli.secrets_file.clone(), &db);
                    commands::invitation::run(&db, &key, command).await
                }
                StaffCommand::Survey(command) => commands::survey::run(&db, command).await,
                StaffCommand::Responses(ResponsesCommand::Export(args)) => {
                    commands::export::run(&db, args).await
                }
            };
            db.close().await;
            outcome
        }
    }
}

async fn open_migrated(url: &DatabaseUrl) -> anyhow::Result<Database> {
    let db = Database::connect(url).await?;
    db::migrate(&db).await?;
    Ok(db)
}
