//! Per-client submission limit: a token bucket per client hash, `N` submissions a minute with
//! bursts up to `N`. A client that was refused recently gets its accepted answers flagged.
//! The state is in memory, per server process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a refusal marks a client as suspect.
const SUSPECT_FOR: Duration = Duration::from_secs(600);
/// Above this many tracked clients, idle ones are forgotten.
const PRUNE_ABOVE: usize = 50_000;

#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
    refused_at: Option<Instant>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// `suspect`: this client was refused within the last ten minutes.
    Allowed {
        suspect: bool,
    },
    Refused {
        retry_after_s: u64,
    },
}

impl RateLimiter {
    /// `per_minute = 0` turns the limit off (for load tests).
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// Takes one submission from `client`'s bucket, or refuses.
    pub fn check(&self, client: &str, now: Instant) -> Decision {
        if self.per_minute == 0 {
            return Decision::Allowed { suspect: false };
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| !b.is_idle(now, capacity, per_second));
        }
        let bucket = buckets.entry(client.to_string()).or_insert(Bucket {
            tokens: capacity,
            updated: now,
            refused_at: None,
        });
        bucket.refill(now, capacity, per_second);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            let suspect = bucket
                .refused_at
                .is_some_and(|at| now.saturating_duration_since(at) < SUSPECT_FOR);
            Decision::Allowed { suspect }
        } else {
            bucket.refused_at = Some(now);
            let wait = (1.0 - bucket.tokens) / per_second;
            Decision::Refused {
                retry_after_s: wait.ceil().max(1.0) as u64,
            }
        }
    }
}

impl Bucket {
    fn refill(&mut self, now: Instant, capacity: f64, per_second: f64) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * per_second).min(capacity);
        self.updated = now;
    }

    fn is_idle(&self, now: Instant, capacity: f64, per_second: f64) -> bool {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        let full = self.tokens + elapsed * per_second >= capacity;
        let suspect = self
            .refused_at
            .is_some_and(|at| now.saturating_duration_since(at) < SUSPECT_FOR);
        full && !suspect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_n_passes_then_the_rest_waits() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check("a", t0), Decision::Allowed { suspect: false });
        }
        assert_eq!(
            limiter.check("a", t0),
            Decision::Refused { retry_after_s: 20 }
        );
        // Other clients have their own buckets.
        assert_eq!(limiter.check("b", t0), Decision::Allowed { suspect: false });
        // One token comes back every 20 s; the refused client is now suspect.
        let later = t0 + Duration::from_secs(21);
        assert_eq!(
            limiter.check("a", later),
            Decision::Allowed { suspect: true }
        );
        let much_later = t0 + Duration::from_secs(700);
        assert_eq!(
            limiter.check("a", much_later),
            Decision::Allowed { suspect: false }
        );
    }

    #[test]
    fn zero_turns_the_limit_off() {
        let limiter = RateLimiter::new(0);
        let now = Instant::now();
        for _ in 0..1000 {
            assert_eq!(
                limiter.check("a", now),
                Decision::Allowed { suspect: false }
            );
        }
    }
}
