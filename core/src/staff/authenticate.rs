//! Who is asking: an API token (`Authorization: Bearer …`) or a staff session cookie.

use super::{api_tokens, sessions, Principal, StaffError};
use crate::db::Database;
use crate::request::RequestHeaders;

/// The principal behind a request, or `None` when it carries no valid credentials. A request
/// that presents a token is judged by the token alone (no falling back to a cookie).
pub async fn authenticate(
    db: &Database,
    headers: &RequestHeaders<'_>,
) -> Result<Option<Principal>, StaffError> {
    if let Some(authorization) = headers.authorization {
        let bearer = super::secret_token::bearer_secret(authorization);
        return match bearer {
            Some(secret) => api_tokens::principal(db, secret).await,
            None => Ok(None),
        };
    }
    match headers.cookie(sessions::SESSION_COOKIE) {
        Some(token) if !token.is_empty() => sessions::principal(db, token).await,
        _ => Ok(None),
    }
}
