//! `koubei-loadgen attack`: the attackers of issue 17, and honest phones, against a running
//! server through the survey page's plain form — what a phone without JavaScript sends, and what
//! public auto-fill tools drive. Each answer loads the page (a fresh form token, no cookie),
//! waits its dwell time, and posts the form.
//!
//! Profiles (scores, comments and dwell times come from `koubei_integrity::traffic`, the same
//! models the offline evaluation uses):
//! - `naive`: one user agent, one address, scores of 10, sent 5 s after the page;
//! - `rotating`: a new user agent for every answer, otherwise as `naive`;
//! - `distributed`: every answer from another network (`X-Forwarded-For`, so only against a
//!   `--behind-proxy` server), dwell 5–20 s, scores 9–10;
//! - `human-paced`: realistic dwell and gaps (shrunk by `--time-scale`), scores 8–10, edited
//!   template comments, from a few mobile networks;
//! - `honest`: people on a few shared networks, each rating a subject of the survey picked at
//!   random, with an honest mix of scores.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use integrity::traffic::{edited_comment, honest_score, human_completion_ms, Rng};
use serde_json::{json, Value};
use tokio::sync::Semaphore;

use crate::connection::Connection;
use crate::workload::Server;
use crate::Error;

/// At most this many answers are in flight at once.
const IN_FLIGHT: usize = 64;

/// Who sends the answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    Naive,
    Rotating,
    Distributed,
    HumanPaced,
    Honest,
}

/// What to send.
#[derive(Clone, Debug)]
pub struct Plan {
    pub survey: String,
    /// The subject to stuff (ignored by `honest`, which rates every subject).
    pub subject: Option<String>,
    pub profile: Profile,
    pub answers: usize,
    /// Simulated seconds per real second, for `human-paced` and `honest` gaps and dwell.
    pub time_scale: f64,
    pub seed: u64,
}

/// One answer, decided before anything is sent.
#[derive(Clone, Debug)]
struct Answer {
    start: Duration,
    dwell: Duration,
    user_agent: String,
    forwarded_for: Option<String>,
    subject: String,
    score: u8,
    reason: Option<String>,
}

/// What became of the answers: the server acknowledges a stored form answer with 303.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sent: usize,
    pub acknowledged: usize,
    pub refused: BTreeMap<u16, usize>,
    pub failed: usize,
}

impl Outcome {
    pub fn to_json(&self, plan: &Plan) -> Value {
        json!({
            "profile": format!("{:?}", plan.profile).to_lowercase(),
            "survey": plan.survey,
            "subject": plan.subject,
            "sent": self.sent,
            "acknowledged": self.acknowledged,
            "refused": self.refused.iter().map(|(s, n)| (s.to_string(), *n)).collect::<BTreeMap<_, _>>(),
            "failed": self.failed,
        })
    }
}

fn phone(rng: &mut Rng) -> String {
    let android = 8 + rng.below(7);
    let build = rng.next_u64() % 0xFFFFFF;
    let chrome = 100 + rng.below(30);
    format!(
        "Mozilla/5.0 (Linux; Android {android}; Build/{build:06X}) AppleWebKit/537.36 \
         (KHTML, like Gecko) Chrome/{chrome}.0 Mobile Safari/537.36"
    )
}

/// An address on one of `networks` shared networks (carrier-grade NAT space, 100.64.0.0/10).
fn shared_address(rng: &mut Rng, networks: usize) -> String {
    let network = rng.below(networks);
    format!(
        "100.{}.{}.{}",
        64 + network / 256,
        network % 256,
        1 + rng.below(254)
    )
}

fn scaled(simulated_ms: f64, time_scale: f64) -> Duration {
    Duration::from_secs_f64((simulated_ms / 1000.0 / time_scale.max(1e-3)).max(0.0))
}

/// Every answer of the plan, with when it starts and how long its person dwells.
fn answers(plan: &Plan, subjects: &[String]) -> Vec<Answer> {
    let mut rng = Rng::new(plan.seed);
    let target = plan.subject.clone().unwrap_or_default();
    let one_agent = phone(&mut rng);
    let mut clock_ms = 0.0;
    (0..plan.answers)
        .map(|_| {
            let mut answer = Answer {
                start: Duration::ZERO,
                dwell: Duration::from_secs(5),
                user_agent: phone(&mut rng),
                forwarded_for: None,
                subject: target.clone(),
                score: 10,
                reason: None,
            };
            match plan.profile {
                Profile::Naive => answer.user_agent = one_agent.clone(),
                Profile::Rotating => {}
                Profile::Distributed => {
                    answer.forwarded_for =
                        Some(format!("198.18.{}.{}", rng.below(256), 1 + rng.below(254)));
                    answer.dwell = Duration::from_millis(5_000 + rng.below(15_000) as u64);
                    answer.score = if rng.unit() < 0.8 { 10 } else { 9 };
                }
                Profile::HumanPaced => {
                    clock_ms += rng.exponential(20.0 * 60_000.0);
                    answer.start = scaled(clock_ms, plan.time_scale);
                    answer.dwell = scaled(human_completion_ms(&mut rng) as f64, plan.time_scale);
                    answer.forwarded_for = Some(shared_address(&mut rng, 5));
                    answer.score = match rng.unit() {
                        u if u < 0.2 => 8,
                        u if u < 0.5 => 9,
                        _ => 10,
                    };
                    answer.reason = (rng.unit() < 0.9).then(|| edited_comment(&mut rng));
                }
                Profile::Honest => {
                    clock_ms += rng.exponential(60_000.0);
                    answer.start = scaled(clock_ms, plan.time_scale);
                    answer.dwell = scaled(human_completion_ms(&mut rng) as f64, plan.time_scale);
                    answer.forwarded_for = Some(shared_address(&mut rng, 3));
                    answer.subject = subjects[rng.below(subjects.len())].clone();
                    answer.score = honest_score(&mut rng, 7.3, 2.0);
                }
            }
            answer
        })
        .collect()
}

/// The form's hidden `value` of `name` in the page.
fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

fn headers(answer: &Answer) -> String {
    let forwarded = answer
        .forwarded_for
        .as_deref()
        .map(|ip| format!("X-Forwarded-For: {ip}\r\n"))
        .unwrap_or_default();
    format!(
        "User-Agent: {}\r\nAccept-Language: zh-CN\r\n{forwarded}",
        answer.user_agent
    )
}

/// Loads the page, dwells, posts the form; the answer's status (0: no response).
async fn send(server: &Server, survey: &str, answer: &Answer) -> u16 {
    let mut connection = Connection::new(server.addr);
    let path = format!("/s/{survey}");
    let page = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\n{}\r\n",
        server.authority,
        headers(answer)
    );
    let Ok(response) = connection.send(page.as_bytes()).await else {
        return 0;
    };
    let html = String::from_utf8_lossy(&response.body);
    let (Some(token), Some(submission)) = (
        hidden_value(&html, "form_token"),
        hidden_value(&html, "submission"),
    ) else {
        return response.status;
    };
    tokio::time::sleep(answer.dwell).await;
    let score = answer.score.to_string();
    let score_field = format!("score-{}", answer.subject);
    let reason_field = format!("reason-{}", answer.subject);
    let body = {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("form_token", &token)
            .append_pair("submission", &submission)
            .append_pair("used", &answer.subject)
            .append_pair(&score_field, &score);
        if let Some(reason) = &answer.reason {
            form.append_pair(&reason_field, reason);
        }
        form.finish()
    };
    let post = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\n{}Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        server.authority,
        headers(answer),
        body.len()
    );
    connection
        .send(post.as_bytes())
        .await
        .map_or(0, |response| response.status)
}

/// Runs the plan against the server and counts what came back.
pub async fn run(server: Server, plan: &Plan) -> Result<Outcome, Error> {
    let mut connection = Connection::new(server.addr);
    let detail = connection
        .send(&server.get(&format!("/api/v1/surveys/{}", plan.survey)))
        .await
        .map_err(|error| format!("GET the survey: {error}"))?;
    if detail.status != 200 {
        return Err(format!("survey {}: status {}", plan.survey, detail.status).into());
    }
    let detail: Value = serde_json::from_slice(&detail.body)?;
    let subjects: Vec<String> = detail["subjects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["slug"].as_str().map(str::to_owned))
        .collect();
    if subjects.is_empty() {
        return Err(format!("survey {}: no subjects", plan.survey).into());
    }
    match &plan.subject {
        Some(subject) if !subjects.contains(subject) => {
            return Err(format!("survey {} has no subject {subject}", plan.survey).into())
        }
        None if plan.profile != Profile::Honest => {
            return Err("--subject names the subject to stuff".into())
        }
        _ => {}
    }
    let server = Arc::new(server);
    let limit = Arc::new(Semaphore::new(IN_FLIGHT));
    let started = tokio::time::Instant::now();
    let mut tasks = Vec::new();
    for answer in answers(plan, &subjects) {
        tokio::time::sleep_until(started + answer.start).await;
        let permit = limit.clone().acquire_owned().await?;
        let (server, survey) = (server.clone(), plan.survey.clone());
        tasks.push(tokio::spawn(async move {
            let status = send(&server, &survey, &answer).await;
            drop(permit);
            status
        }));
    }
    let mut outcome = Outcome::default();
    for task in tasks {
        outcome.sent += 1;
        match task.await.unwrap_or(0) {
            303 => outcome.acknowledged += 1,
            0 => outcome.failed += 1,
            status => *outcome.refused.entry(status).or_default() += 1,
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(profile: Profile) -> Plan {
        Plan {
            survey: "s".into(),
            subject: Some("a".into()),
            profile,
            answers: 40,
            time_scale: 600.0,
            seed: 1,
        }
    }

    #[test]
    fn naive_answers_share_one_agent_and_rotating_ones_do_not() {
        let subjects = vec!["a".to_string(), "b".to_string()];
        let naive = answers(&plan(Profile::Naive), &subjects);
        assert!(naive.iter().all(|a| a.user_agent == naive[0].user_agent));
        assert!(naive
            .iter()
            .all(|a| a.score == 10 && a.forwarded_for.is_none()));
        let rotating = answers(&plan(Profile::Rotating), &subjects);
        let agents: std::collections::BTreeSet<&String> =
            rotating.iter().map(|a| &a.user_agent).collect();
        assert_eq!(agents.len(), rotating.len());
    }

    #[test]
    fn distributed_answers_come_from_many_networks_and_honest_ones_rate_every_subject() {
        let subjects = vec!["a".to_string(), "b".to_string()];
        let distributed = answers(&plan(Profile::Distributed), &subjects);
        let networks: std::collections::BTreeSet<String> = distributed
            .iter()
            .filter_map(|a| a.forwarded_for.as_deref())
            .map(|ip| {
                ip.rsplit_once('.')
                    .map(|(net, _)| net.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert!(networks.len() > 30, "{networks:?}");
        let honest = answers(&plan(Profile::Honest), &subjects);
        assert!(honest.iter().any(|a| a.subject == "b") && honest.iter().any(|a| a.score < 7));
    }

    #[test]
    fn hidden_fields_are_read_from_the_form() {
        let html = r#"<input type="hidden" name="form_token" value="123.abc"><input name="submission" value="x1">"#;
        assert_eq!(hidden_value(html, "form_token").as_deref(), Some("123.abc"));
        assert_eq!(hidden_value(html, "submission").as_deref(), Some("x1"));
        assert_eq!(hidden_value(html, "missing"), None);
    }
}
