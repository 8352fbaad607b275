//! Who did something: a signed-in staff member, a script's API token, or the command line.

use domain::Role;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    User {
        id: String,
        email: String,
    },
    Token {
        id: String,
        name: String,
    },
    /// Someone with shell access to the server (the `koubei` CLI).
    Cli,
    /// Nobody signed in: failed sign-in attempts, when they lock an account out.
    Anonymous,
    /// The integrity detectors, when they hold answers for review.
    Detector,
    /// The server's daily retention job.
    Retention,
    /// A respondent, through the receipt code of their own submission.
    Respondent,
    /// The server, publishing results when their embargo ends.
    Embargo,
    /// A brand, through its preview link (sending its reply).
    Brand,
}

impl Actor {
    /// How the audit log and exclusions name the actor.
    pub fn label(&self) -> String {
        match self {
            Actor::User { email, .. } => format!("user:{email}"),
            Actor::Token { name, id } => format!("token:{name} ({id})"),
            Actor::Cli => "cli".to_string(),
            Actor::Anonymous => "anonymous".to_string(),
            Actor::Detector => "detector".to_string(),
            Actor::Retention => "retention".to_string(),
            Actor::Respondent => "respondent".to_string(),
            Actor::Embargo => "embargo".to_string(),
            Actor::Brand => "brand".to_string(),
        }
    }
}

/// An authenticated actor and what it may do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub actor: Actor,
    pub role: Role,
    /// The session's CSRF token (browser sessions only; tokens and the CLI need none).
    pub csrf_token: Option<String>,
    /// The session cookie's digest, so "sign out" can end exactly this session.
    pub session_digest: Option<String>,
}

impl Principal {
    /// The command line: full rights, as whoever can run the binary can read the database.
    pub fn cli() -> Principal {
        Principal {
            actor: Actor::Cli,
            role: Role::Admin,
            csrf_token: None,
            session_digest: None,
        }
    }

    pub fn may(&self, required: Role) -> bool {
        self.role.allows(required)
    }

    /// The staff member's e-mail, for the console's header.
    pub fn display_name(&self) -> String {
        match &self.actor {
            Actor::User { email, .. } => email.clone(),
            other => other.label(),
        }
    }
}
