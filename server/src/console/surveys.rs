//! Console survey pages: the list, one survey (lifecycle, ledger, exports), the survey form
//! (create and edit) and the publication preview.

use app::console::{
    render_publish_preview, render_survey_detail, render_survey_form, render_survey_list,
    EmbargoWords, ProblemPage, PublishPreview, SurveyDetail, SurveyFormPage, SurveyFormValues,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::{Role, SurveyStatus};
use koubei_core::authoring::catalog::{list_sectors, list_subjects};
use koubei_core::authoring::definition::DefinitionProblem;
use koubei_core::authoring::embargo;
use koubei_core::authoring::lifecycle::transition;
use koubei_core::authoring::surveys::{self, StoredSurvey};
use koubei_core::authoring::AuthoringError;
use koubei_core::db::results::survey_ranking_over;
use koubei_core::moderation::ledger::ledger;
use koubei_core::results::live::Basis;
use koubei_core::results::snapshots;
use koubei_core::results::ResultsError;
use serde::Deserialize;

use super::page::{html, problem, read_fields, see_other, unavailable, Fields, Staff};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;
use app::i18n::Locale;

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

impl DoneQuery {
    pub fn is_saved(&self) -> bool {
        self.done == "saved"
    }
}

pub async fn list(State(state): State<AppState>, staff: Staff) -> Response {
    let loaded = async {
        Ok::<_, AuthoringError>((
            surveys::list(&state.db).await?,
            embargo::pending(&state.db).await?,
        ))
    };
    match loaded.await {
        Ok((list, embargoes)) => html(
            StatusCode::OK,
            render_survey_list(staff.locale, &staff.principal, &staff.here, list, embargoes),
        ),
        Err(error) => unavailable(staff.locale, &error),
    }
}

/// A survey by slug, or the page that answers for its absence.
async fn stored(state: &AppState, staff: &Staff, slug: &str) -> Result<StoredSurvey, Response> {
    match surveys::load(&state.db, slug).await {
        Ok(Some(survey)) => Ok(survey),
        Ok(None) => Err(problem(staff.locale, ProblemPage::NotFound)),
        Err(error) => Err(unavailable(staff.locale, &error)),
    }
}

async fn detail_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    notice: Option<String>,
    refusal: Option<String>,
) -> Response {
    let survey = match stored(state, staff, slug).await {
        Ok(survey) => survey,
        Err(response) => return response,
    };
    let ledger = match ledger(&state.db, &survey.id).await {
        Ok(ledger) => ledger,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let snapshots = match snapshots::list(&state.db, &survey.id).await {
        Ok(list) => list,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let embargo = match embargo::find(&state.db, slug).await {
        Ok(embargo) => embargo,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_survey_detail(
            staff.locale,
            &staff.principal,
            &staff.here,
            SurveyDetail {
                survey,
                ledger,
                snapshots,
                embargo,
                notice,
                problem: refusal,
            },
        ),
    )
}

/// The survey's page again, with why the change was refused and the refusal's status.
async fn refuse(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    message: String,
) -> Response {
    detail_page(state, staff, slug, status, None, Some(message)).await
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Response {
    let t = staff.locale.console();
    let notice = match query.done.as_str() {
        "saved" => Some(t.done.to_string()),
        "status" => Some(t.changed_status.to_string()),
        "corrected" => Some(t.correction_published.to_string()),
        "embargo-set" => Some(EmbargoWords::for_locale(staff.locale).done_set.to_string()),
        "embargo-moved" => Some(
            EmbargoWords::for_locale(staff.locale)
                .done_moved
                .to_string(),
        ),
        "embargo-cancelled" => Some(
            EmbargoWords::for_locale(staff.locale)
                .done_cancelled
                .to_string(),
        ),
        _ => None,
    };
    detail_page(&state, &staff, &slug, StatusCode::OK, notice, None).await
}

async fn form_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    values: SurveyFormValues,
    problems: Vec<DefinitionProblem>,
    editing: Option<String>,
) -> Response {
    if !staff.principal.may(Role::Editor) {
        return problem(staff.locale, ProblemPage::Forbidden);
    }
    let mut sectors = Vec::new();
    let loaded = async {
        for sector in list_sectors(&state.db).await? {
            let subjects = list_subjects(&state.db, &sector.slug).await?;
            sectors.push((sector, subjects));
        }
        Ok::<_, AuthoringError>(())
    };
    if let Err(error) = loaded.await {
        return unavailable(staff.locale, &error);
    }
    html(
        status,
        render_survey_form(
            staff.locale,
            &staff.principal,
            &staff.here,
            SurveyFormPage {
                values,
                problems,
                editing,
                sectors,
                notice: None,
            },
        ),
    )
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Response {
    form_page(
        &state,
        &staff,
        StatusCode::OK,
        SurveyFormValues::blank(),
        Vec::new(),
        None,
    )
    .await
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
) -> Response {
    let survey = match stored(&state, &staff, &slug).await {
        Ok(survey) => survey,
        Err(response) => return response,
    };
    if survey.status == SurveyStatus::Published {
        return refuse(
            &state,
            &staff,
            &slug,
            StatusCode::CONFLICT,
            staff.locale.console().published_frozen.into(),
        )
        .await;
    }
    let values = SurveyFormValues::from_definition(&survey.definition);
    form_page(
        &state,
        &staff,
        StatusCode::OK,
        values,
        Vec::new(),
        Some(slug),
    )
    .await
}

fn values_from(fields: &Fields) -> SurveyFormValues {
    SurveyFormValues {
        slug: fields.get("slug").to_string(),
        sector: fields.get("sector").to_string(),
        title_zh: fields.get("title_zh").to_string(),
        title_en: fields.get("title_en").to_string(),
        intro_zh: fields.get("intro_zh").to_string(),
        intro_en: fields.get("intro_en").to_string(),
        opens_at: fields.get("opens_at").to_string(),
        closes_at: fields.get("closes_at").to_string(),
        subjects: fields.all("subjects"),
        min_n: fields.get("min_n").to_string(),
        method: fields.get("method").to_string(),
        level: fields.get("level").to_string(),
        age_band: fields.checked("age_band"),
        districts: fields.get("districts").to_string(),
        retention_days: fields.get("retention_days").to_string(),
    }
}

/// Saves the posted form: to the survey's page on success, the form again with its problems
/// (422, or 409 when the survey's status forbids the change) otherwise.
async fn save_posted(
    state: &AppState,
    staff: &Staff,
    fields: Fields,
    editing: Option<String>,
) -> Response {
    let mut values = values_from(&fields);
    if let Some(slug) = &editing {
        values.slug = slug.clone();
    }
    let mut definition = match values.to_definition() {
        Ok(definition) => definition,
        Err(problems) => {
            return form_page(
                state,
                staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                values,
                problems,
                editing,
            )
            .await
        }
    };
    if editing.is_some() {
        // The form does not show the weighting targets or quotas (they have their own pages):
        // keep them.
        match surveys::load(&state.db, &definition.slug).await {
            Ok(Some(stored)) => {
                definition.weighting = stored.definition.weighting;
                // Quotas of subjects the form keeps; a removed subject's quota goes with it.
                definition.quotas = stored.definition.quotas;
                definition
                    .quotas
                    .retain(|subject, _| definition.subjects.contains(subject));
            }
            Ok(None) => {}
            Err(error) => return unavailable(staff.locale, &error),
        }
    }
    if editing.is_none() {
        // Creating must not silently overwrite an existing survey with the same slug.
        match surveys::load(&state.db, &definition.slug).await {
            Ok(Some(_)) => {
                let problems = vec![DefinitionProblem {
                    field: "slug".into(),
                    problem: koubei_core::authoring::definition::Problem::Duplicate,
                }];
                return form_page(
                    state,
                    staff,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    values,
                    problems,
                    editing,
                )
                .await;
            }
            Ok(None) => {}
            Err(error) => return unavailable(staff.locale, &error),
        }
    }
    let slug = definition.slug.clone();
    let saved = surveys::save(&state.db, &staff.principal.actor, definition).await;
    state.submissions.forget_survey(&slug);
    match saved {
        Ok(_) => see_other(&format!("/console/surveys/{slug}?done=saved")),
        Err(AuthoringError::Invalid(problems)) => {
            form_page(
                state,
                staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                values,
                problems,
                editing,
            )
            .await
        }
        Err(AuthoringError::Frozen) => {
            refuse(
                state,
                staff,
                &slug,
                StatusCode::CONFLICT,
                staff.locale.console().published_frozen.into(),
            )
            .await
        }
        Err(error @ AuthoringError::Embargoed { .. }) => refused(state, staff, &slug, error).await,
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn create(State(state): State<AppState>, staff: Staff, request: Request) -> Response {
    let fields = read_fields(request.into_body()).await;
    save_posted(&state, &staff, fields, None).await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    save_posted(&state, &staff, fields, Some(slug)).await
}

pub async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let t = staff.locale.console();
    let Some(to) = SurveyStatus::parse(fields.get("to")) else {
        return refuse(
            &state,
            &staff,
            &slug,
            StatusCode::UNPROCESSABLE_ENTITY,
            t.form_has_problems.into(),
        )
        .await;
    };
    let moved = transition(&state.db, &staff.principal.actor, &slug, to).await;
    state.submissions.forget_survey(&slug);
    match moved {
        Ok(_) => see_other(&format!("/console/surveys/{slug}?done=status")),
        Err(error) => refused(&state, &staff, &slug, error).await,
    }
}

/// `?basis=verified`: the preview over verified answers only.
#[derive(Deserialize, Default)]
pub struct PreviewQuery {
    #[serde(default)]
    basis: String,
}

pub async fn preview(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<PreviewQuery>,
) -> Response {
    let basis = match query.basis.as_str() {
        "verified" => Basis::Verified,
        _ => Basis::Counted,
    };
    let survey = match stored(&state, &staff, &slug).await {
        Ok(survey) => survey,
        Err(response) => return response,
    };
    let interval = &survey.definition.interval;
    let level = match stats::Level::new(interval.level) {
        Ok(level) => level,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let min_n = u64::try_from(survey.definition.min_n).unwrap_or(1);
    let loaded = async {
        let rows = survey_ranking_over(&state.db, &survey.id, interval.method, level, min_n, basis)
            .await?;
        let ledger = ledger(&state.db, &survey.id).await?;
        let embargo = embargo::find(&state.db, &slug).await.map_err(|e| match e {
            AuthoringError::Database(e) => e,
            other => koubei_core::db::DatabaseError::Corrupt(other.to_string()),
        })?;
        Ok::<_, koubei_core::db::DatabaseError>((rows, ledger, embargo))
    };
    match loaded.await {
        Ok((rows, ledger, embargo)) => html(
            StatusCode::OK,
            render_publish_preview(
                staff.locale,
                &staff.principal,
                &staff.here,
                PublishPreview {
                    survey,
                    rows,
                    ledger,
                    verified_only: basis == Basis::Verified,
                    embargo,
                },
            ),
        ),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn correct(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let t = staff.locale.console();
    match snapshots::correct(
        &state.db,
        &staff.principal.actor,
        &slug,
        fields.get("changelog"),
    )
    .await
    {
        Ok(_) => see_other(&format!("/console/surveys/{slug}?done=corrected")),
        Err(ResultsError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(ResultsError::ChangelogRequired) => {
            refuse(
                &state,
                &staff,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                t.changelog_required.into(),
            )
            .await
        }
        Err(ResultsError::UndecidedClusters(n)) => {
            refuse(
                &state,
                &staff,
                &slug,
                StatusCode::CONFLICT,
                (t.undecided_clusters)(n),
            )
            .await
        }
        Err(ResultsError::NotPublished) => {
            refuse(
                &state,
                &staff,
                &slug,
                StatusCode::CONFLICT,
                t.publish_needs_closed.into(),
            )
            .await
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}

/// What the survey page says, and under which status, when a lifecycle or embargo change is
/// refused; `None` for what is not a refusal (a missing survey, a failed database).
fn refusal_words(locale: Locale, error: &AuthoringError) -> Option<(StatusCode, String)> {
    let t = locale.console();
    let words = EmbargoWords::for_locale(locale);
    let conflict = |message: String| Some((StatusCode::CONFLICT, message));
    match error {
        AuthoringError::UndecidedClusters(n) => conflict((t.undecided_clusters)(*n)),
        AuthoringError::IllegalTransition { from, to } => {
            conflict((t.illegal_transition)(*from, *to))
        }
        AuthoringError::Frozen => conflict(t.published_frozen.into()),
        AuthoringError::Embargoed { publish_at } => {
            let at = koubei_core::db::timestamp::council_minute(publish_at)
                .unwrap_or_else(|| publish_at.clone());
            conflict((words.embargoed)(&at))
        }
        AuthoringError::NoEmbargo => conflict(words.no_embargo.into()),
        AuthoringError::EmbargoTime(problem) => Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            (words.time_problem)(*problem).into(),
        )),
        _ => None,
    }
}

/// The survey's page with why a change was refused, or the page for a missing survey or a
/// failed database.
async fn refused(state: &AppState, staff: &Staff, slug: &str, error: AuthoringError) -> Response {
    match refusal_words(staff.locale, &error) {
        Some((status, message)) => refuse(state, staff, slug, status, message).await,
        None if matches!(error, AuthoringError::NotFound) => {
            problem(staff.locale, ProblemPage::NotFound)
        }
        None => unavailable(staff.locale, &error),
    }
}

/// `POST /console/surveys/{slug}/embargo`: `action=set|move` with `publish_at` (Beijing time),
/// or `action=cancel`. Back to the survey's page with what happened, or with why not.
pub async fn change_embargo(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let now = time::OffsetDateTime::now_utc();
    let actor = &staff.principal.actor;
    let action = fields.get("action").to_string();
    let at = || embargo::parse_publish_at(fields.get("publish_at"));
    let outcome = match action.as_str() {
        "set" | "move" => match at() {
            Ok(at) if action == "set" => embargo::schedule(&state.db, actor, &slug, at, now)
                .await
                .map(|_| "embargo-set"),
            Ok(at) => embargo::reschedule(&state.db, actor, &slug, at, now)
                .await
                .map(|_| "embargo-moved"),
            Err(problem) => Err(AuthoringError::EmbargoTime(problem)),
        },
        "cancel" => embargo::cancel(&state.db, actor, &slug, now)
            .await
            .map(|_| "embargo-cancelled"),
        _ => {
            let t = staff.locale.console();
            return refuse(
                &state,
                &staff,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                t.form_has_problems.into(),
            )
            .await;
        }
    };
    state.submissions.forget_survey(&slug);
    match outcome {
        Ok(done) => see_other(&format!("/console/surveys/{slug}?done={done}")),
        Err(error) => refused(&state, &staff, &slug, error).await,
    }
}
