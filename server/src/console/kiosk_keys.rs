//! `/console/kiosk-keys`: issuing and revoking kiosk keys (the gate admits admins only).

use crate::failure_status::HttpStatus;
use app::console::{render_kiosk_keys, KioskKeysPage};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::surveys as survey_listing;
use koubei_core::staff::kiosk_keys::{self, NewKioskKey};
use koubei_core::staff::StaffError;

use super::page::{html, read_fields, see_other, unavailable, Staff};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

async fn kiosk_keys_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    created_secret: Option<String>,
    problem: Option<String>,
) -> Response {
    let keys = match kiosk_keys::list(&state.db).await {
        Ok(keys) => keys,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let surveys = match survey_listing::list(&state.db).await {
        Ok(surveys) => surveys,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_kiosk_keys(
            staff.locale,
            &staff.principal,
            &staff.here,
            KioskKeysPage {
                kiosk_keys: keys,
                surveys,
                created_secret,
                problem,
            },
        ),
    )
}

pub async fn list(State(state): State<AppState>, staff: Staff) -> Response {
    kiosk_keys_page(&state, &staff, StatusCode::OK, None, None).await
}

/// Answers with the page itself (201), not a redirect: the secret is shown exactly once.
pub async fn create(State(state): State<AppState>, staff: Staff, request: Request) -> Response {
    let fields = read_fields(request.into_body()).await;
    let daily_limit = match fields.get("daily_limit").trim() {
        "" => Ok(None),
        text => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| StaffError::InvalidDailyLimit),
    };
    let surveys = fields.all("surveys");
    let created = match daily_limit {
        Ok(daily_limit) => {
            let new = NewKioskKey {
                name: fields.get("name"),
                survey_slugs: &surveys,
                daily_limit,
            };
            kiosk_keys::create(&state.db, &staff.principal.actor, new).await
        }
        Err(problem) => Err(problem),
    };
    match created {
        Ok(created) => {
            kiosk_keys_page(
                &state,
                &staff,
                StatusCode::CREATED,
                Some(created.secret),
                None,
            )
            .await
        }
        Err(error) => refused(&state, &staff, error).await,
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    match kiosk_keys::revoke(&state.db, &staff.principal.actor, &id).await {
        Ok(_) => see_other("/console/kiosk-keys"),
        Err(error) => refused(&state, &staff, error).await,
    }
}

async fn refused(state: &AppState, staff: &Staff, error: StaffError) -> Response {
    if let StaffError::Database(cause) = &error {
        return unavailable(staff.locale, cause);
    }
    let text = (staff.locale.console().staff_problem)(&error);
    kiosk_keys_page(state, staff, error.status(), None, Some(text)).await
}
