//! The quality ledger: per survey and subject, how many responses came in, how many carry each
//! flag, how many staff excluded and why, and how many count. Published beside the ranking.

use sqlx::FromRow;

use crate::db::{Database, DatabaseError};
pub use domain::ledger::{Ledger, LedgerCounts, LedgerLine};
use domain::{Channel, ExclusionReason, Flag};

#[derive(FromRow)]
struct Row {
    subject: String,
    subject_name_zh: String,
    subject_name_en: String,
    received: i64,
    duplicate: i64,
    honeypot: i64,
    too_fast: i64,
    rate_limited: i64,
    excluded_duplicate: i64,
    excluded_bot: i64,
    excluded_not_a_customer: i64,
    excluded_off_topic: i64,
    excluded_other: i64,
    excluded_withdrawn: i64,
    excluded_in_clusters: i64,
    held: i64,
    channel_link: i64,
    channel_poster: i64,
    channel_invitation: i64,
    channel_kiosk: i64,
    detected_burst: i64,
    detected_network: i64,
    detected_near_duplicate_reasons: i64,
    verified: i64,
    assisted: i64,
}

impl Row {
    fn counts(&self) -> LedgerCounts {
        let flagged = vec![
            (Flag::Duplicate, self.duplicate),
            (Flag::Honeypot, self.honeypot),
            (Flag::TooFast, self.too_fast),
            (Flag::RateLimited, self.rate_limited),
        ];
        let excluded = vec![
            (ExclusionReason::Duplicate, self.excluded_duplicate),
            (ExclusionReason::Bot, self.excluded_bot),
            (ExclusionReason::NotACustomer, self.excluded_not_a_customer),
            (ExclusionReason::OffTopic, self.excluded_off_topic),
            (ExclusionReason::Other, self.excluded_other),
            (ExclusionReason::Withdrawn, self.excluded_withdrawn),
        ];
        let excluded_total =
            excluded.iter().map(|(_, n)| n).sum::<i64>() + self.excluded_in_clusters;
        LedgerCounts {
            received: self.received,
            flagged,
            excluded,
            excluded_in_clusters: self.excluded_in_clusters,
            excluded_total,
            held: self.held,
            counted: self.received - excluded_total - self.held,
            channels: vec![
                (Channel::Link, self.channel_link),
                (Channel::Poster, self.channel_poster),
                (Channel::Invitation, self.channel_invitation),
                (Channel::Kiosk, self.channel_kiosk),
            ],
            detected: vec![
                ("burst".to_string(), self.detected_burst),
                ("network".to_string(), self.detected_network),
                (
                    "near-duplicate-reasons".to_string(),
                    self.detected_near_duplicate_reasons,
                ),
            ],
            verified: self.verified,
            assisted: self.assisted,
        }
    }
}

/// The ledger of one survey, its subjects in the survey's order. The survey's responses are
/// counted in one pass, then matched to its subjects: no index leads with (survey, subject).
/// COUNT(CASE …) rather than SUM keeps the result a BIGINT on PostgreSQL too.
pub async fn ledger(db: &Database, survey_id: &str) -> Result<Ledger, DatabaseError> {
    let mut conn = db.pool().acquire().await?;
    ledger_on(&mut conn, survey_id).await
}

/// The same on a given connection (the transaction that freezes a snapshot).
pub async fn ledger_on(
    conn: &mut sqlx::AnyConnection,
    survey_id: &str,
) -> Result<Ledger, DatabaseError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT su.slug AS subject, su.name_zh AS subject_name_zh, su.name_en AS subject_name_en,
                COALESCE(c.received, 0) AS received,
                COALESCE(c.duplicate, 0) AS duplicate,
                COALESCE(c.honeypot, 0) AS honeypot,
                COALESCE(c.too_fast, 0) AS too_fast,
                COALESCE(c.rate_limited, 0) AS rate_limited,
                COALESCE(c.excluded_duplicate, 0) AS excluded_duplicate,
                COALESCE(c.excluded_bot, 0) AS excluded_bot,
                COALESCE(c.excluded_not_a_customer, 0) AS excluded_not_a_customer,
                COALESCE(c.excluded_off_topic, 0) AS excluded_off_topic,
                COALESCE(c.excluded_other, 0) AS excluded_other,
                COALESCE(c.excluded_withdrawn, 0) AS excluded_withdrawn,
                COALESCE(c.excluded_in_clusters, 0) AS excluded_in_clusters,
                COALESCE(c.held, 0) AS held,
                COALESCE(c.channel_link, 0) AS channel_link,
                COALESCE(c.channel_poster, 0) AS channel_poster,
                COALESCE(c.channel_invitation, 0) AS channel_invitation,
                COALESCE(c.channel_kiosk, 0) AS channel_kiosk,
                COALESCE(c.detected_burst, 0) AS detected_burst,
                COALESCE(c.detected_network, 0) AS detected_network,
                COALESCE(c.detected_near_duplicate_reasons, 0) AS detected_near_duplicate_reasons,
                COALESCE(c.verified, 0) AS verified,
                COALESCE(c.assisted, 0) AS assisted
         FROM survey_subjects ss
         JOIN subjects su ON su.id = ss.subject_id
         LEFT JOIN (
             SELECT r.subject_id,
                    COUNT(*) AS received,
                    COUNT(CASE WHEN (r.quality_flags & 1) <> 0 THEN 1 END) AS duplicate,
                    COUNT(CASE WHEN (r.quality_flags & 2) <> 0 THEN 1 END) AS honeypot,
                    COUNT(CASE WHEN (r.quality_flags & 4) <> 0 THEN 1 END) AS too_fast,
                    COUNT(CASE WHEN (r.quality_flags & 8) <> 0 THEN 1 END) AS rate_limited,
                    COUNT(CASE WHEN x.reason = 'duplicate' THEN 1 END) AS excluded_duplicate,
                    COUNT(CASE WHEN x.reason = 'bot' THEN 1 END) AS excluded_bot,
                    COUNT(CASE WHEN x.reason = 'not-a-customer' THEN 1 END) AS excluded_not_a_customer,
                    COUNT(CASE WHEN x.reason = 'off-topic' THEN 1 END) AS excluded_off_topic,
                    COUNT(CASE WHEN x.reason = 'other' THEN 1 END) AS excluded_other,
                    COUNT(CASE WHEN x.reason = 'withdrawn' THEN 1 END) AS excluded_withdrawn,
                    COUNT(CASE WHEN x.id IS NULL AND k.status = 'excluded' THEN 1 END)
                        AS excluded_in_clusters,
                    COUNT(CASE WHEN x.id IS NULL AND k.status = 'open' THEN 1 END) AS held,
                    COUNT(CASE WHEN r.channel = 'link' THEN 1 END) AS channel_link,
                    COUNT(CASE WHEN r.channel = 'poster' THEN 1 END) AS channel_poster,
                    COUNT(CASE WHEN r.channel = 'invitation' THEN 1 END) AS channel_invitation,
                    COUNT(CASE WHEN r.channel = 'kiosk' THEN 1 END) AS channel_kiosk,
                    COUNT(CASE WHEN k.signal = 'burst' THEN 1 END) AS detected_burst,
                    COUNT(CASE WHEN k.signal = 'network' THEN 1 END) AS detected_network,
                    COUNT(CASE WHEN k.signal = 'near-duplicate-reasons' THEN 1 END)
                        AS detected_near_duplicate_reasons,
                    COUNT(CASE WHEN r.channel = 'invitation' AND x.id IS NULL
                                    AND (k.id IS NULL OR k.status = 'released') THEN 1 END)
                        AS verified,
                    COUNT(CASE WHEN r.assisted = 1 THEN 1 END) AS assisted
             FROM responses r
             LEFT JOIN exclusions x ON x.response_id = r.id AND x.restored_at IS NULL
             LEFT JOIN suspect_clusters k ON k.id = r.cluster_id
             WHERE r.survey_id = $1
             GROUP BY r.subject_id
         ) c ON c.subject_id = ss.subject_id
         WHERE ss.survey_id = $1
         ORDER BY ss.position, su.slug",
    )
    .bind(survey_id)
    .fetch_all(conn)
    .await?;
    let mut ledger = Ledger::default();
    for row in rows {
        let counts = row.counts();
        ledger.total.add(&counts);
        ledger.subjects.push(LedgerLine {
            subject: row.subject,
            subject_name_zh: row.subject_name_zh,
            subject_name_en: row.subject_name_en,
            counts,
        });
    }
    Ok(ledger)
}
