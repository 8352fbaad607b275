//! Writes the demo into the database: one transaction per sector, so a sector is either fully
//! there or not at all, and sectors that already exist are left alone.

use koubei_core::db::{new_id, timestamp, Database, DatabaseError};
use koubei_core::results::live::find_survey_on;
use koubei_core::results::{snapshots, tallies};
use koubei_core::staff::Actor;
use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Transaction};
use time::{Duration, OffsetDateTime, Time};

use domain::answers::AgeBand;
use domain::results::RanksBy;
use koubei_core::authoring::definition::{WeightingSetting, DEFAULT_WEIGHT_CAP};
use koubei_core::authoring::surveys;

use super::catalog::{
    intro_with_note, SectorSeed, AGE_TARGETS, DISTRICTS, DISTRICT_TARGETS, PAST_WAVES,
};
use super::generator::{generate, generate_wave, DemoResponse};

/// Responses inserted per statement: well under both engines' bind-parameter limits.
const ROWS_PER_INSERT: usize = 200;
/// The demo surveys' minimum n per subject for publication.
const DEMO_MIN_N: i64 = 50;
/// One demo respondent in this many answered through an invitation handed out in person, so
/// the verified share shows on the first run.
const VERIFIED_EVERY: u32 = 5;

/// What seeding did to one sector.
#[derive(Debug, PartialEq, Eq)]
pub enum SectorOutcome {
    Created { subjects: usize, responses: usize },
    AlreadyPresent,
}

pub async fn seed_sector(
    db: &Database,
    sector: &SectorSeed,
    position: i64,
    now: OffsetDateTime,
) -> Result<SectorOutcome, DatabaseError> {
    let mut tx = db.begin_write().await?;
    let existing: Option<(String,)> = sqlx::query_as("SELECT id FROM sectors WHERE slug = $1")
        .bind(sector.slug)
        .fetch_optional(&mut *tx)
        .await?;
    if existing.is_some() {
        return Ok(SectorOutcome::AlreadyPresent);
    }
    let created_at = timestamp::format(now);
    let sector_id = new_id();
    sqlx::query(
        "INSERT INTO sectors (id, slug, name_zh, name_en, position, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&sector_id)
    .bind(sector.slug)
    .bind(sector.name_zh)
    .bind(sector.name_en)
    .bind(position)
    .bind(&created_at)
    .execute(&mut *tx)
    .await?;

    let mut subject_ids = Vec::with_capacity(sector.subjects.len());
    for subject in sector.subjects {
        let id = new_id();
        sqlx::query(
            "INSERT INTO subjects (id, sector_id, slug, name_zh, name_en, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&sector_id)
        .bind(subject.slug)
        .bind(subject.name_zh)
        .bind(subject.name_en)
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
        subject_ids.push(id);
    }

    super::themes::insert_lexicon(&mut tx, &sector_id, sector.slug).await?;

    let (intro_zh, intro_en) = intro_with_note(sector.survey.intro_zh, sector.survey.intro_en);
    let survey_id = insert_survey(
        &mut tx,
        &sector_id,
        &subject_ids,
        &SurveyRow {
            slug: sector.survey.slug,
            title_zh: sector.survey.title_zh,
            title_en: sector.survey.title_en,
            intro_zh: &intro_zh,
            intro_en: &intro_en,
            status: "open",
            opens_at: now - Duration::days(30),
            closes_at: end_of_council_day(now + Duration::days(60)),
            created_at: &created_at,
        },
    )
    .await?;
    let responses = generate(sector);
    let invited = insert_invitations(&mut tx, &survey_id, &responses, &created_at).await?;
    for batch in responses.chunks(ROWS_PER_INSERT) {
        let target = Target {
            key_namespace: sector.slug,
            survey_id: &survey_id,
            invitation_batch_id: &invited,
        };
        insert_responses(&mut tx, &target, &subject_ids, batch, now).await?;
    }
    tallies::rebuild(&mut tx, &survey_id).await?;
    let mut response_count = responses.len();

    for wave in PAST_WAVES.iter().filter(|w| w.sector == sector.slug) {
        let closes_at = end_of_council_day(now - Duration::days(300));
        let wave_id = insert_survey(
            &mut tx,
            &sector_id,
            &subject_ids,
            &SurveyRow {
                slug: wave.slug,
                title_zh: wave.title_zh,
                title_en: wave.title_en,
                intro_zh: &intro_zh,
                intro_en: &intro_en,
                status: wave.status,
                opens_at: now - Duration::days(400),
                closes_at,
                created_at: &created_at,
            },
        )
        .await?;
        let respondents = (f64::from(sector.respondents) * wave.size) as u32;
        let responses = generate_wave(sector, wave.slug, respondents);
        let invited = insert_invitations(&mut tx, &wave_id, &responses, &created_at).await?;
        for batch in responses.chunks(ROWS_PER_INSERT) {
            let target = Target {
                key_namespace: wave.slug,
                survey_id: &wave_id,
                invitation_batch_id: &invited,
            };
            insert_responses(&mut tx, &target, &subject_ids, batch, closes_at).await?;
        }
        tallies::rebuild(&mut tx, &wave_id).await?;
        if wave.status == "published" {
            // The first brand replied through its preview link before publication, and staff
            // approved it: the snapshot shows it beside the brand's row.
            if let Some(first) = subject_ids.first() {
                insert_demo_reply(&mut tx, &wave_id, first, now - Duration::days(290)).await?;
            }
            // Staff picked quotes before publishing.
            super::themes::pick_demo_quotes(&mut tx, &wave_id, &sector_id, &created_at).await?;
            // A published wave has its frozen snapshot, as if staff had published it.
            let survey = find_survey_on(&mut tx, wave.slug)
                .await
                .map_err(|e| DatabaseError::Corrupt(e.to_string()))?
                .ok_or_else(|| DatabaseError::Corrupt("seeded wave vanished".into()))?;
            snapshots::freeze(&mut tx, &Actor::Cli, &survey, "")
                .await
                .map_err(|e| DatabaseError::Corrupt(e.to_string()))?;
        }
        response_count += responses.len();
    }
    tx.commit().await?;
    Ok(SectorOutcome::Created {
        subjects: subject_ids.len(),
        responses: response_count,
    })
}

/// A brand's approved reply, as if sent through a preview link (long expired) and approved.
async fn insert_demo_reply(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    subject_id: &str,
    at: OffsetDateTime,
) -> Result<(), DatabaseError> {
    let link_id = new_id();
    // A digest of nothing anyone holds: the link can never be opened.
    let digest = format!(
        "{:x}",
        Sha256::digest(format!("demo-link:{link_id}").as_bytes())
    );
    sqlx::query(
        "INSERT INTO preview_links (id, survey_id, subject_id, token_digest, created_by,
                                    created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'cli', $5, $6)",
    )
    .bind(&link_id)
    .bind(survey_id)
    .bind(subject_id)
    .bind(digest)
    .bind(timestamp::format(at - Duration::days(7)))
    .bind(timestamp::format(at + Duration::days(7)))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO replies (id, survey_id, subject_id, preview_link_id, body_zh, body_en,
                              submitted_at, status, decided_by, decided_at, decision_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', 'cli', $8, NULL)",
    )
    .bind(new_id())
    .bind(survey_id)
    .bind(subject_id)
    .bind(&link_id)
    .bind(DEMO_REPLY_ZH)
    .bind(DEMO_REPLY_EN)
    .bind(timestamp::format(at))
    .bind(timestamp::format(at + Duration::days(1)))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const DEMO_REPLY_ZH: &str =
    "感谢每一位消费者的评价。我们已把等候时间和收费说明列为今年的改进重点，\
     各门店公布了收费明细，并增加了预约提醒。欢迎继续监督。";
const DEMO_REPLY_EN: &str =
    "Thank you to every consumer who rated us. We have made waiting times and \
     clear pricing this year's priorities: every branch now posts an itemised price list and \
     sends appointment reminders. We welcome your continued scrutiny.";

/// A survey row and its subjects.
struct SurveyRow<'a> {
    slug: &'a str,
    title_zh: &'a str,
    title_en: &'a str,
    intro_zh: &'a str,
    intro_en: &'a str,
    status: &'a str,
    opens_at: OffsetDateTime,
    closes_at: OffsetDateTime,
    created_at: &'a str,
}

async fn insert_survey(
    tx: &mut Transaction<'_, Any>,
    sector_id: &str,
    subject_ids: &[String],
    survey: &SurveyRow<'_>,
) -> Result<String, DatabaseError> {
    let survey_id = new_id();
    sqlx::query(
        "INSERT INTO surveys (id, sector_id, slug, title_zh, title_en, intro_zh, intro_en, status,
                              opens_at, closes_at, min_n, asks_age_band, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12)",
    )
    .bind(&survey_id)
    .bind(sector_id)
    .bind(survey.slug)
    .bind(survey.title_zh)
    .bind(survey.title_en)
    .bind(survey.intro_zh)
    .bind(survey.intro_en)
    .bind(survey.status)
    .bind(timestamp::format(survey.opens_at))
    .bind(timestamp::format(survey.closes_at))
    .bind(DEMO_MIN_N)
    .bind(survey.created_at)
    .execute(&mut **tx)
    .await?;
    for (position, subject_id) in subject_ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_subjects (survey_id, subject_id, sector_id, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&survey_id)
        .bind(subject_id)
        .bind(sector_id)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    insert_districts_and_targets(tx, &survey_id).await?;
    Ok(survey_id)
}

/// Shenzhen's districts as the survey's district question, and census-like targets for both
/// profile questions, so weighted results show on the first run (the ranking stays unweighted:
/// the council's default).
async fn insert_districts_and_targets(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
) -> Result<(), DatabaseError> {
    for (position, (slug, name_zh, name_en)) in DISTRICTS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_districts (survey_id, slug, name_zh, name_en, position)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(survey_id)
        .bind(*slug)
        .bind(*name_zh)
        .bind(*name_en)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    let setting = WeightingSetting {
        age_band: AgeBand::ALL
            .iter()
            .map(|b| b.as_str().to_string())
            .zip(AGE_TARGETS)
            .collect(),
        district: DISTRICTS
            .iter()
            .map(|d| d.0.to_string())
            .zip(DISTRICT_TARGETS)
            .collect(),
        cap: DEFAULT_WEIGHT_CAP,
        ranks_by: RanksBy::Unweighted,
    };
    surveys::write_weighting(tx, survey_id, Some(&setting))
        .await
        .map_err(|e| DatabaseError::Corrupt(e.to_string()))?;
    Ok(())
}

/// A survey's invitation batch for the demo, with one spent invitation per invited respondent
/// (every `VERIFIED_EVERY`th) and a few left unspent; the batch's id.
async fn insert_invitations(
    tx: &mut Transaction<'_, Any>,
    survey_id: &str,
    responses: &[DemoResponse],
    created_at: &str,
) -> Result<String, DatabaseError> {
    let mut invited: Vec<u32> = responses
        .iter()
        .map(|r| r.respondent)
        .filter(|respondent| respondent % VERIFIED_EVERY == 0)
        .collect();
    invited.sort_unstable();
    invited.dedup();
    let batch_id = new_id();
    // Unique across surveys, and in the alphabet of real codes (no 0/O, 1/I/L).
    let code: String = batch_id
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .rev()
        .take(8)
        .map(|b| b"23456789ABCDEFGH"[usize::from(b) % 16] as char)
        .collect();
    let size = (invited.len() as i64 + invited.len() as i64 / 10 + 1).min(5_000);
    sqlx::query(
        "INSERT INTO invitation_batches (id, survey_id, code, name, size, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&batch_id)
    .bind(survey_id)
    .bind(&code)
    .bind("演示：服务点当面发放 / Demo: handed out at service points")
    .bind(size)
    .bind(created_at)
    .execute(&mut **tx)
    .await?;
    for (number, respondent) in invited.iter().enumerate() {
        sqlx::query(
            "INSERT INTO invitation_spends (batch_id, number, submission_id, spent_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&batch_id)
        .bind(number as i64 + 1)
        .bind(format!("demo-{respondent}"))
        .bind(created_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(batch_id)
}

/// Where a chunk of demo responses goes.
struct Target<'a> {
    key_namespace: &'a str,
    survey_id: &'a str,
    /// The batch whose invitations the invited respondents used.
    invitation_batch_id: &'a str,
}

/// 协助填写 in the demo: every third respondent over 60 was helped (or answered for a family
/// member). Taken from the respondent's number, not the random draw, so no score moves.
fn assisted(response: &DemoResponse) -> bool {
    response.age_band == Some(AgeBand::From60.as_str()) && response.respondent.is_multiple_of(3)
}

async fn insert_responses(
    tx: &mut Transaction<'_, Any>,
    target: &Target<'_>,
    subject_ids: &[String],
    batch: &[DemoResponse],
    now: OffsetDateTime,
) -> Result<(), DatabaseError> {
    const COLUMNS: usize = 13;
    let mut sql = String::from(
        "INSERT INTO responses (id, survey_id, subject_id, score, reason, lang, respondent_key, \
         created_at, channel, invitation_batch_id, age_band, district, assisted) VALUES ",
    );
    let mut args = AnyArguments::default();
    for (row, response) in batch.iter().enumerate() {
        if row > 0 {
            sql.push(',');
        }
        let placeholders: Vec<String> = (1..=COLUMNS)
            .map(|column| format!("${}", row * COLUMNS + column))
            .collect();
        sql.push('(');
        sql.push_str(&placeholders.join(", "));
        sql.push(')');
        let answered_at = now - Duration::seconds(response.seconds_ago);
        add(&mut args, new_id())?;
        add(&mut args, target.survey_id.to_string())?;
        add(&mut args, subject_ids[response.subject].clone())?;
        add(&mut args, response.score)?;
        add(&mut args, response.reason.map(str::to_string))?;
        add(&mut args, response.lang.to_string())?;
        add(
            &mut args,
            respondent_key(target.key_namespace, response.respondent),
        )?;
        add(&mut args, timestamp::format(answered_at))?;
        let invited = response.respondent % VERIFIED_EVERY == 0;
        add(
            &mut args,
            if invited { "invitation" } else { "link" }.to_string(),
        )?;
        add(
            &mut args,
            invited.then(|| target.invitation_batch_id.to_string()),
        )?;
        add(&mut args, response.age_band.map(str::to_string))?;
        add(
            &mut args,
            response.district.map(|d| DISTRICTS[d].0.to_string()),
        )?;
        add(&mut args, i64::from(assisted(response)))?;
    }
    sqlx::query_with(&sql, args).execute(&mut **tx).await?;
    Ok(())
}

fn add<'q, T>(args: &mut AnyArguments<'q>, value: T) -> Result<(), DatabaseError>
where
    T: 'q + sqlx::Encode<'q, Any> + sqlx::Type<Any>,
{
    args.add(value)
        .map_err(|error| DatabaseError::Query(sqlx::Error::Encode(error)))
}

/// Demo respondents are hashed like real ones: the stored key never reveals who answered.
fn respondent_key(namespace: &str, respondent: u32) -> String {
    let digest = Sha256::digest(format!("demo:{namespace}:{respondent}"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// 23:59:59.999 on the same calendar day in the council's time zone.
fn end_of_council_day(at: OffsetDateTime) -> OffsetDateTime {
    let local = at.to_offset(timestamp::COUNCIL_OFFSET);
    let last_moment = Time::from_hms_milli(23, 59, 59, 999).unwrap_or(Time::MIDNIGHT);
    local.replace_time(last_moment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_closing_time_is_the_end_of_the_shenzhen_day() {
        let closes = end_of_council_day(datetime!(2027-01-31 20:00 UTC));
        assert_eq!(timestamp::format(closes), "2027-02-01T15:59:59.999Z");
    }

    #[test]
    fn respondent_keys_are_hashes() {
        let key = respondent_key("dental-clinics", 7);
        assert_eq!(key.len(), 64);
        assert_ne!(key, respondent_key("dental-clinics", 8));
    }
}
