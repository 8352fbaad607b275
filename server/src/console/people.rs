//! Admin pages: staff users, API tokens and the audit log (the gate admits admins only).

use crate::failure_status::HttpStatus;
use app::console::{
    audit_table, render_audit, render_tokens, render_users, AuditPage, TokensPage, UsersPage,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Role;
use koubei_core::db::timestamp;
use koubei_core::exports::{render, ExportFormat};
use koubei_core::staff::audit::{AuditArea, AuditFilter};
use koubei_core::staff::{api_tokens, audit, users, StaffError};
use serde::Deserialize;

use super::page::{html, read_fields, see_other, unavailable, Staff};
use super::surveys::DoneQuery;
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

async fn users_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    new_email: String,
    new_role: Role,
    problem: Option<String>,
    notice: Option<String>,
) -> Response {
    match users::list(&state.db).await {
        Ok(list) => html(
            status,
            render_users(
                staff.locale,
                &staff.principal,
                &staff.here,
                UsersPage {
                    users: list,
                    new_email,
                    new_role,
                    problem,
                    notice,
                },
            ),
        ),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn list_users(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<DoneQuery>,
) -> Response {
    let notice = query
        .is_saved()
        .then(|| staff.locale.console().done.to_string());
    users_page(
        &state,
        &staff,
        StatusCode::OK,
        String::new(),
        Role::Editor,
        None,
        notice,
    )
    .await
}

/// A refused change re-renders the page with the reason and the refusal's status.
async fn refused(
    state: &AppState,
    staff: &Staff,
    error: StaffError,
    email: String,
    role: Role,
) -> Response {
    if let StaffError::Database(error) = &error {
        return unavailable(staff.locale, error);
    }
    let text = (staff.locale.console().staff_problem)(&error);
    users_page(state, staff, error.status(), email, role, Some(text), None).await
}

pub async fn create_user(
    State(state): State<AppState>,
    staff: Staff,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let role = Role::parse(fields.get("role")).unwrap_or(Role::Viewer);
    let email = fields.get("email").to_string();
    match users::create(
        &state.db,
        &staff.principal.actor,
        &email,
        fields.get("password"),
        role,
    )
    .await
    {
        Ok(_) => see_other("/console/users?done=saved"),
        Err(error) => refused(&state, &staff, error, email, role).await,
    }
}

pub async fn update_user(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let Some(role) = Role::parse(fields.get("role")) else {
        return refused(
            &state,
            &staff,
            StaffError::NotFound,
            String::new(),
            Role::Editor,
        )
        .await;
    };
    let active = fields.checked("active");
    match users::update(&state.db, &staff.principal.actor, &id, role, active).await {
        Ok(_) => see_other("/console/users?done=saved"),
        Err(error) => refused(&state, &staff, error, String::new(), Role::Editor).await,
    }
}

async fn tokens_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    created_secret: Option<String>,
    problem: Option<String>,
) -> Response {
    match api_tokens::list(&state.db).await {
        Ok(tokens) => html(
            status,
            render_tokens(
                staff.locale,
                &staff.principal,
                &staff.here,
                TokensPage {
                    tokens,
                    created_secret,
                    problem,
                },
            ),
        ),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn list_tokens(State(state): State<AppState>, staff: Staff) -> Response {
    tokens_page(&state, &staff, StatusCode::OK, None, None).await
}

/// Answers with the page itself (201), not a redirect: the secret is shown exactly once.
pub async fn create_token(
    State(state): State<AppState>,
    staff: Staff,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let role = Role::parse(fields.get("role")).unwrap_or(Role::Viewer);
    match api_tokens::create(&state.db, &staff.principal.actor, fields.get("name"), role).await {
        Ok(created) => {
            tokens_page(
                &state,
                &staff,
                StatusCode::CREATED,
                Some(created.secret),
                None,
            )
            .await
        }
        Err(StaffError::Database(error)) => unavailable(staff.locale, &error),
        Err(error) => {
            let text = (staff.locale.console().staff_problem)(&error);
            tokens_page(&state, &staff, error.status(), None, Some(text)).await
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    match api_tokens::revoke(&state.db, &staff.principal.actor, &id).await {
        Ok(_) => see_other("/console/tokens"),
        Err(StaffError::Database(error)) => unavailable(staff.locale, &error),
        Err(error) => {
            let text = (staff.locale.console().staff_problem)(&error);
            tokens_page(&state, &staff, error.status(), None, Some(text)).await
        }
    }
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    before: Option<String>,
    /// One kind of change (`surveys`, `responses`, …); empty or absent: everything.
    #[serde(default)]
    area: Option<String>,
    /// `yes`: include sign-ins.
    #[serde(default)]
    sign_ins: Option<String>,
    /// First and last council day (`YYYY-MM-DD`, Beijing time) to show.
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

impl AuditQuery {
    /// The filter the query asks for; dates that are not dates are left out (the form's date
    /// fields only send real ones).
    fn filter(&self) -> AuditFilter {
        let day = |text: &Option<String>, days| {
            text.as_deref()
                .filter(|t| !t.is_empty())
                .and_then(|t| timestamp::council_day_start(t, days))
        };
        AuditFilter {
            area: self.area.as_deref().and_then(AuditArea::parse),
            sign_ins: self.sign_ins.as_deref() == Some("yes"),
            from: day(&self.from, 0),
            until: day(&self.to, 1),
        }
    }

    /// The days as typed, for the form (only real dates).
    fn days(&self) -> (String, String) {
        let keep = |text: &Option<String>| {
            text.clone()
                .filter(|t| timestamp::council_day_start(t, 0).is_some())
                .unwrap_or_default()
        };
        (keep(&self.from), keep(&self.to))
    }
}

/// Most entries one CSV export holds (newest first).
const AUDIT_EXPORT_LIMIT: i64 = 100_000;

/// `/console/audit/export.csv`: the entries the page's filter selects, as CSV.
pub async fn audit_export(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<AuditQuery>,
) -> Response {
    match audit::lines(&state.db, None, AUDIT_EXPORT_LIMIT, query.filter()).await {
        Ok(lines) => {
            let table = audit_table(staff.locale, &lines);
            let bytes = match render(&table, ExportFormat::Csv, "audit") {
                Ok(bytes) => bytes,
                Err(error) => return unavailable(staff.locale, &error),
            };
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"koubei-audit.csv\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                bytes,
            )
                .into_response()
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}

const AUDIT_PAGE: i64 = 100;

pub async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<AuditQuery>,
) -> Response {
    let before = query
        .before
        .clone()
        .filter(|b| !b.is_empty() && b.len() <= 64);
    let filter = query.filter();
    let (from, to) = query.days();
    match audit::lines(&state.db, before.as_deref(), AUDIT_PAGE + 1, filter.clone()).await {
        Ok(mut lines) => {
            let more = lines.len() as i64 > AUDIT_PAGE;
            lines.truncate(AUDIT_PAGE as usize);
            let older = more
                .then(|| lines.last().map(|l| l.entry.id.clone()))
                .flatten();
            let page = AuditPage {
                lines,
                filter,
                from,
                to,
                older,
            };
            html(
                StatusCode::OK,
                render_audit(staff.locale, &staff.principal, &staff.here, page),
            )
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}
