//! The closed loop: one task per connection, each sending its next request as soon as the last
//! response is in, recording what completes inside the measurement window.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::{timeout_at, Instant};

use crate::connection::Connection;
use crate::workload::Workload;

/// Pause after a failed request before the next one, so a server that is down yields a few
/// hundred errors per second per connection rather than a busy loop of failed connects.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);

/// What one connection (or, merged, all of them) saw during the measurement window.
#[derive(Debug, Default)]
pub struct Samples {
    /// Latency of every response, in microseconds.
    pub latencies_us: Vec<u32>,
    /// Responses by HTTP status.
    pub statuses: BTreeMap<u16, u64>,
    /// Requests that got no response: connect, read or write failures, unparseable responses.
    pub io_errors: u64,
    /// The first few distinct transport errors, to tell the user what went wrong.
    pub io_error_examples: Vec<String>,
}

impl Samples {
    fn merge(&mut self, other: Samples) {
        self.latencies_us.extend(other.latencies_us);
        for (status, count) in other.statuses {
            *self.statuses.entry(status).or_default() += count;
        }
        self.io_errors += other.io_errors;
        for example in other.io_error_examples {
            self.note_error(example);
        }
    }

    fn note_error(&mut self, message: String) {
        if self.io_error_examples.len() < 3 && !self.io_error_examples.contains(&message) {
            self.io_error_examples.push(message);
        }
    }
}

/// Runs `connections` closed loops for `warmup + duration` and returns what completed after the
/// warmup. A request still in flight when the time is up is abandoned and not counted: the window
/// holds exactly the responses that arrived inside it.
pub async fn run(
    addr: SocketAddr,
    workload: Arc<Workload>,
    connections: usize,
    warmup: Duration,
    duration: Duration,
) -> Samples {
    let start = Instant::now();
    let measure_from = start + warmup;
    let end = measure_from + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|index| {
            let workload = Arc::clone(&workload);
            tokio::spawn(async move {
                let connection = Connection::new(addr);
                // Offsetting each connection spreads the rotating requests across subjects/scores.
                one_connection(connection, &workload, index, measure_from, end).await
            })
        })
        .collect();
    let mut merged = Samples::default();
    for task in tasks {
        match task.await {
            Ok(samples) => merged.merge(samples),
            // A task only ends abnormally by panicking, which is a bug worth surfacing as is.
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }
    merged
}

async fn one_connection(
    mut connection: Connection,
    workload: &Workload,
    offset: usize,
    measure_from: Instant,
    end: Instant,
) -> Samples {
    let mut samples = Samples::default();
    // Enough room for a fast server without reallocating in the hot loop early on.
    samples.latencies_us.reserve(64 * 1024);
    let requests = workload.requests.iter().cycle().skip(offset);
    for request in requests {
        let sent = Instant::now();
        if sent >= end {
            break;
        }
        let Ok(result) = timeout_at(end, connection.send(request)).await else {
            break; // time is up with this request in flight
        };
        let done = Instant::now();
        // The timer has millisecond resolution: a response can land just after `end`.
        let measured = done >= measure_from && done <= end;
        match result {
            Ok(response) if measured => {
                let micros = done.duration_since(sent).as_micros();
                samples
                    .latencies_us
                    .push(u32::try_from(micros).unwrap_or(u32::MAX));
                *samples.statuses.entry(response.status).or_default() += 1;
            }
            Ok(_) => {}
            Err(error) => {
                if measured {
                    samples.io_errors += 1;
                    samples.note_error(error.to_string());
                }
                tokio::time::sleep(ERROR_BACKOFF).await;
            }
        }
    }
    samples
}
