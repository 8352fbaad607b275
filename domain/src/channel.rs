//! Where an answer came from.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// The survey's plain link (shared, typed, or its general QR code).
    Link,
    /// The QR code of a poster batch (`/s/{slug}?c=CODE`).
    Poster,
    /// A single-use invitation.
    Invitation,
    /// A kiosk, with its kiosk key.
    Kiosk,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Link,
        Channel::Poster,
        Channel::Invitation,
        Channel::Kiosk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Link => "link",
            Channel::Poster => "poster",
            Channel::Invitation => "invitation",
            Channel::Kiosk => "kiosk",
        }
    }
}
