//! Signing in: throttle, check the password, start a session.

use super::audit::{self, Change};
use super::sessions::{self, NewSession};
use super::users::{find_by_email, normalize_email};
use super::{password, throttle, Actor, StaffError};
use crate::db::Database;

/// Checks the credentials and starts a session. Unknown addresses and wrong passwords give
/// the same error after the same work, and both count towards throttling. `address_hash` is
/// the keyed hash of the client's network address (see `throttle`).
pub async fn sign_in(
    db: &Database,
    email: &str,
    given_password: &str,
    address_hash: &str,
) -> Result<NewSession, StaffError> {
    let email = normalize_email(email)?;
    throttle::check(db, &email, address_hash).await?;
    let user = find_by_email(db, &email).await?;
    let verified = match &user {
        Some(user) => password::verify(&user.password_hash, given_password) && user.active == 1,
        None => {
            password::verify_nothing(given_password);
            false
        }
    };
    let user_id = user.as_ref().map(|user| user.id.clone());
    let Some(user) = user.filter(|_| verified) else {
        throttle::record_failure(db, &email, address_hash, user_id.as_deref()).await?;
        return Err(StaffError::WrongCredentials);
    };
    throttle::clear(db, &email).await?;
    let session = sessions::start(db, &user.id).await?;
    let actor = Actor::User {
        id: user.id.clone(),
        email: user.email.clone(),
    };
    let mut conn = db.pool().acquire().await?;
    audit::record(
        &mut conn,
        &actor,
        Change::new("user.sign_in", "staff_user", &user.id),
    )
    .await?;
    Ok(session)
}
