//! Slow and idle clients cannot hold the server: headers must arrive within the header
//! timeout, idle keep-alive connections are closed after it, and past the connection cap new
//! clients wait for a place instead of the process running out of file descriptors.

use std::time::Duration;

use koubei_core::db::Backend;
use koubei_server::cli::ServeArgs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{TestApp, TestServeArgs};

async fn server(header_timeout: u64, max_connections: u32) -> TestApp {
    let args = ServeArgs {
        header_timeout,
        max_connections: Some(max_connections),
        ..ServeArgs::for_tests()
    };
    TestApp::spawn_with(Backend::Sqlite, args)
        .await
        .expect("SQLite is always there")
}

/// Reads until the server closes the connection; what it sent before closing.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    // Far longer than any timeout here: a server that never closes fails the test.
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_headers_byte_by_byte_is_cut_off() {
    let app = server(1, 64).await;
    let mut slow = TcpStream::connect(app.addr).await.expect("connect");
    let request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    let sender = async {
        for byte in request.iter().cycle() {
            if slow.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    // The request never completes; the server must end it, not wait forever.
    tokio::time::timeout(Duration::from_secs(30), sender)
        .await
        .expect("the server stops a client that never finishes its headers");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = server(1, 64).await;
    let mut stream = TcpStream::connect(app.addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("send");
    // The answer, then nothing more: the server closes the idle connection itself.
    let received = until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_clients_wait_for_a_place_and_are_served() {
    let app = server(2, 3).await;
    // Three clients that connect and say nothing take every place.
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(TcpStream::connect(app.addr).await.expect("connect"));
    }
    // A fourth client is queued, not refused, and served once the idle ones are cut off.
    assert_eq!(app.get("/healthz").await.status(), 200);
    for mut stream in idle {
        assert_eq!(
            until_closed(&mut stream).await,
            "",
            "closed without an answer"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_take_every_place() {
    let args = ServeArgs {
        header_timeout: 60,
        max_connections_per_address: 2,
        ..ServeArgs::for_tests()
    };
    let app = TestApp::spawn_with(Backend::Sqlite, args)
        .await
        .expect("SQLite is always there");
    let mut held = Vec::new();
    for _ in 0..2 {
        held.push(TcpStream::connect(app.addr).await.expect("connect"));
    }
    // A third connection from the same address is closed at once, long before the header
    // timeout would have ended it.
    let mut third = TcpStream::connect(app.addr).await.expect("connect");
    let mut byte = [0u8; 1];
    let read = tokio::time::timeout(Duration::from_secs(20), third.read(&mut byte))
        .await
        .expect("closed at once, not after the header timeout");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    // Once one of the two closes, the address may connect again.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(app.addr).await.expect("connect");
    again
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("send");
    assert!(until_closed(&mut again).await.starts_with("HTTP/1.1 200"));
}
