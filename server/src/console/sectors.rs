//! Console pages for sectors and their subjects.

use app::console::{
    render_sector, render_sector_list, render_subject, NamedForm, ProblemPage, SectorPage,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::catalog::{
    find_sector, find_subject, list_sectors, list_subjects, save_sector, save_subject, SectorInput,
    SubjectInput,
};
use koubei_core::authoring::definition::Texts;
use koubei_core::authoring::AuthoringError;

use super::page::{html, problem, read_fields, see_other, unavailable, Fields, Staff};
use super::surveys::DoneQuery;
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

fn form_from(fields: &Fields) -> NamedForm {
    NamedForm {
        slug: fields.get("slug").trim().to_string(),
        name_zh: fields.get("name_zh").to_string(),
        name_en: fields.get("name_en").to_string(),
        aliases: fields.get("aliases").to_string(),
        active: fields.checked("active"),
        problems: Vec::new(),
    }
}

fn texts(form: &NamedForm) -> Texts {
    Texts {
        zh_cn: form.name_zh.clone(),
        en: form.name_en.clone(),
    }
}

async fn list_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    form: NamedForm,
) -> Response {
    match list_sectors(&state.db).await {
        Ok(sectors) => html(
            status,
            render_sector_list(staff.locale, &staff.principal, &staff.here, sectors, form),
        ),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn list(State(state): State<AppState>, staff: Staff) -> Response {
    list_page(&state, &staff, StatusCode::OK, NamedForm::blank()).await
}

pub async fn create(State(state): State<AppState>, staff: Staff, request: Request) -> Response {
    let mut form = form_from(&read_fields(request.into_body()).await);
    let input = SectorInput {
        slug: form.slug.clone(),
        name: texts(&form),
        active: form.active,
    };
    match save_sector(&state.db, &staff.principal.actor, None, input).await {
        Ok(sector) => see_other(&format!("/console/sectors/{}?done=saved", sector.slug)),
        Err(AuthoringError::Invalid(problems)) => {
            form.problems = problems;
            list_page(&state, &staff, StatusCode::UNPROCESSABLE_ENTITY, form).await
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}

async fn sector_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    edit: Option<NamedForm>,
    new_subject: NamedForm,
    notice: Option<String>,
) -> Response {
    let sector = match find_sector(&state.db, slug).await {
        Ok(Some(sector)) => sector,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let subjects = match list_subjects(&state.db, slug).await {
        Ok(subjects) => subjects,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let edit = edit.unwrap_or_else(|| NamedForm::of_sector(&sector));
    html(
        status,
        render_sector(
            staff.locale,
            &staff.principal,
            &staff.here,
            SectorPage {
                sector,
                subjects,
                edit,
                new_subject,
                notice,
            },
        ),
    )
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Response {
    let notice = query
        .is_saved()
        .then(|| staff.locale.console().done.to_string());
    sector_page(
        &state,
        &staff,
        &slug,
        StatusCode::OK,
        None,
        NamedForm::blank(),
        notice,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let mut form = form_from(&read_fields(request.into_body()).await);
    let input = SectorInput {
        slug: form.slug.clone(),
        name: texts(&form),
        active: form.active,
    };
    match save_sector(&state.db, &staff.principal.actor, Some(&slug), input).await {
        Ok(sector) => see_other(&format!("/console/sectors/{}?done=saved", sector.slug)),
        Err(AuthoringError::Invalid(problems)) => {
            form.problems = problems;
            sector_page(
                &state,
                &staff,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(form),
                NamedForm::blank(),
                None,
            )
            .await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

fn subject_input(form: &NamedForm) -> SubjectInput {
    SubjectInput {
        slug: form.slug.clone(),
        name: texts(form),
        aliases: form.aliases.lines().map(str::to_string).collect(),
        active: form.active,
    }
}

pub async fn create_subject(
    State(state): State<AppState>,
    staff: Staff,
    Path(sector): Path<String>,
    request: Request,
) -> Response {
    let mut form = form_from(&read_fields(request.into_body()).await);
    match save_subject(
        &state.db,
        &staff.principal.actor,
        &sector,
        None,
        subject_input(&form),
    )
    .await
    {
        Ok(_) => see_other(&format!("/console/sectors/{sector}?done=saved")),
        Err(AuthoringError::Invalid(problems)) => {
            form.problems = problems;
            sector_page(
                &state,
                &staff,
                &sector,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                form,
                None,
            )
            .await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn show_subject(
    State(state): State<AppState>,
    staff: Staff,
    Path((sector, subject)): Path<(String, String)>,
) -> Response {
    match find_subject(&state.db, &sector, &subject).await {
        Ok(Some(found)) => html(
            StatusCode::OK,
            render_subject(
                staff.locale,
                &staff.principal,
                &staff.here,
                &sector,
                &subject,
                NamedForm::of_subject(&found),
            ),
        ),
        Ok(None) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn update_subject(
    State(state): State<AppState>,
    staff: Staff,
    Path((sector, subject)): Path<(String, String)>,
    request: Request,
) -> Response {
    let mut form = form_from(&read_fields(request.into_body()).await);
    let input = subject_input(&form);
    match save_subject(
        &state.db,
        &staff.principal.actor,
        &sector,
        Some(&subject),
        input,
    )
    .await
    {
        Ok(_) => see_other(&format!("/console/sectors/{sector}?done=saved")),
        Err(AuthoringError::Invalid(problems)) => {
            form.problems = problems;
            html(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_subject(
                    staff.locale,
                    &staff.principal,
                    &staff.here,
                    &sector,
                    &subject,
                    form,
                ),
            )
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}
