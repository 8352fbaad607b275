//! Accepting and serving connections, with the limits `axum::serve` lacks: a client must send
//! a request's headers (and may idle between requests) within the header timeout, and at most
//! `max_connections` are served at once — further clients wait in the kernel's listen queue
//! instead of the process running out of file descriptors — and one address may hold at most
//! `max_per_address` of them (more are closed at once), so a single machine cannot take every
//! place. Slow or idle clients so hold a place for seconds, not forever, and `/healthz` stays
//! reachable under a flood.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::config::ConnectionLimits;

/// In-flight requests get this long to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// "The connection limit is reached" is logged at most this often.
const LIMIT_LOG_INTERVAL: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let places = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = Arc::new(AddressCounts::default());
    let graceful = GracefulShutdown::new();
    let mut last_logged: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        // A place first, then the connection: at the limit, clients queue in the kernel.
        if places.available_permits() == 0
            && last_logged.is_none_or(|at| at.elapsed() >= LIMIT_LOG_INTERVAL)
        {
            tracing::warn!(
                max_connections = limits.max_connections,
                "connection limit reached; new clients wait until a connection closes"
            );
            last_logged = Some(Instant::now());
        }
        let place = tokio::select! {
            place = places.clone().acquire_owned() => match place {
                Ok(place) => place,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::error!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(address_place) = limits
            .max_per_address
            .map_or(Some(None), |max| per_address.take(peer.ip(), max).map(Some))
        else {
            // Over its share: closed at once, and the place goes to the next client.
            drop(stream);
            continue;
        };
        let service = router
            .clone()
            .map_request(move |mut request: hyper::Request<Incoming>| {
                // What `into_make_service_with_connect_info` would add: the peer's address.
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
            drop(address_place);
            drop(place);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after the shutdown grace period");
    }
}

/// Connections open per client address.
#[derive(Default)]
struct AddressCounts(Mutex<HashMap<IpAddr, usize>>);

/// One connection of an address; counted down when dropped.
struct AddressPlace {
    counts: Arc<AddressCounts>,
    address: IpAddr,
}

impl AddressCounts {
    /// A place for one more connection of `address`, unless it holds `max` already.
    fn take(self: &Arc<Self>, address: IpAddr, max: usize) -> Option<AddressPlace> {
        let mut counts = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let open = counts.entry(address).or_insert(0);
        if *open >= max {
            return None;
        }
        *open += 1;
        Some(AddressPlace {
            counts: self.clone(),
            address,
        })
    }
}

impl Drop for AddressPlace {
    fn drop(&mut self) {
        let mut counts = self
            .counts
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(open) = counts.get_mut(&self.address) {
            *open -= 1;
            if *open == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_share_and_places_come_back_when_connections_close() {
        let counts = Arc::new(AddressCounts::default());
        let one: IpAddr = "203.0.113.1".parse().expect("address");
        let other: IpAddr = "203.0.113.2".parse().expect("address");
        let first = counts.take(one, 2).expect("first");
        let second = counts.take(one, 2).expect("second");
        assert!(counts.take(one, 2).is_none(), "over its share");
        assert!(counts.take(other, 2).is_some(), "others are not affected");
        drop(first);
        assert!(
            counts.take(one, 2).is_some(),
            "a closed connection frees a place"
        );
        drop(second);
    }
}
