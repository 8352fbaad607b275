//! Who is asking: an API token (`Authorization: Bearer …`) or a staff session cookie.

use http::HeaderMap;

use super::{api_tokens, sessions, Principal, StaffError};
use crate::cookies::cookie;
use crate::db::Database;

/// The principal behind a request, or `None` when it carries no valid credentials. A request
/// that presents a token is judged by the token alone (no falling back to a cookie).
pub async fn authenticate(
    db: &Database,
    headers: &HeaderMap,
) -> Result<Option<Principal>, StaffError> {
    if let Some(authorization) = headers.get(http::header::AUTHORIZATION) {
        let bearer = authorization
            .to_str()
            .ok()
            .and_then(super::secret_token::bearer_secret);
        return match bearer {
            Some(secret) => api_tokens::principal(db, secret).await,
            None => Ok(None),
        };
    }
    match cookie(headers, sessions::SESSION_COOKIE) {
        Some(token) if !token.is_empty() => sessions::principal(db, token).await,
        _ => Ok(None),
    }
}
