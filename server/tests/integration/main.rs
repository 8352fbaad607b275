//! Integration tests: the real server over HTTP, on SQLite and on PostgreSQL.
//! One test binary for all of them keeps link time down.

mod support;

mod bundles;
mod charts;
mod cli;
mod connections;
mod console;
mod content_security;
mod control_characters;
mod durability;
mod embargo;
mod embed;
mod fieldwork;
mod health;
mod home_page;
mod integrity;
mod invitations;
mod kiosk_keys;
mod language;
mod markup_injection;
mod nps_api;
mod openapi;
mod operations;
mod preview_links;
mod public_results;
mod published_cache;
mod replies;
mod respondent_rights;
mod results;
mod schema;
mod schema_upgrade;
mod seed_demo;
mod share_cards;
mod sign_in_throttle;
mod site_files;
mod staff_api;
mod staff_cli;
mod survey_api;
mod survey_page;
mod themes;
mod verify;
mod weighting;
